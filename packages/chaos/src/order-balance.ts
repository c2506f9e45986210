// Orders lost or duplicated, from two independent witnesses read after the run: the hot path's
// own final summary (its "stopped" JSON line: orders it sent and terminal completions it
// delivered back to the strategies) and the venue's (venue-sim's "closed" line: orders it
// received and duplicate order tokens it refused). Lost = sent − terminal completions;
// duplicated = the venue's duplicates + completions beyond one per order.
import type { HotRig } from './hot-rig.ts';

export interface OrderBalance {
  readonly sent: number;
  readonly terminal: number;
  readonly venueReceived: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly text: string;
}

/** First numeric value found under any of `keys`, searched depth-first in `obj`. */
export function findNumber(obj: unknown, keys: readonly string[]): number | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const rec = obj as Record<string, unknown>;
  for (const k of keys) if (typeof rec[k] === 'number') return rec[k];
  for (const v of Object.values(rec)) {
    const found = findNumber(v, keys);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** HostReport (services/hotpath/src/host/host-report.ts): ordersSent, completions (terminal). */
export const SENT_KEYS = ['ordersSent'] as const;
export const TERMINAL_KEYS = ['terminalCompletions', 'completions'] as const;

/** Stops the hot path (drains) and, unless told otherwise, the venue; then balances. */
export async function orderBalance(rig: HotRig, stopVenue = true): Promise<OrderBalance> {
  const fromHot = rig.hot.proc.lines.length;
  await rig.hot.stop();
  const stopped = rig.hot.proc.lines.slice(fromHot).find((l) => l.value['event'] === 'stopped')?.value;
  const fromVenue = rig.venue.lines.length;
  if (stopVenue) await rig.venue.stop();
  const closed = rig.venue.lines.slice(fromVenue).find((l) => l.value['event'] === 'closed')?.value;
  const sent = findNumber(stopped, SENT_KEYS);
  const terminal = findNumber(stopped, TERMINAL_KEYS);
  const venueReceived = findNumber(closed, ['ordersReceived']) ?? -1;
  const venueDup = findNumber(closed, ['duplicates']) ?? 0;
  if (sent === undefined || terminal === undefined) {
    return {
      sent: -1,
      terminal: -1,
      venueReceived,
      lost: -1,
      duplicated: -1,
      text: `hot path final summary missing (stopped line: ${JSON.stringify(stopped ?? null).slice(0, 300)})`,
    };
  }
  const lost = Math.max(0, sent - terminal);
  const duplicated = venueDup + Math.max(0, terminal - sent);
  return {
    sent,
    terminal,
    venueReceived,
    lost,
    duplicated,
    text: `${sent} orders sent, ${terminal} terminal completions, venue received ${venueReceived} (duplicates refused ${venueDup}): ${lost} lost, ${duplicated} duplicated`,
  };
}
