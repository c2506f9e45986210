// Debounce and cooldown per (runbook, host, key). A condition fires only after it has held in
// every message for at least `for` (measured on the host's own monotonic stamps, so network
// delay and batching cannot shorten or stretch the window), and not again for that key until
// `cooldown` has passed. A message where it does not hold resets the window. A new boot id
// (the hot path restarted) resets everything for that host: its monotonic clock restarted too.
import type { Match } from './condition-eval.ts';

interface KeyState {
  /** Host monotonic ms when the condition started holding (undefined: not holding). */
  since: number | undefined;
  /** Host monotonic ms of the last firing (-Infinity: never). */
  firedAt: number;
}

export interface Firing {
  readonly match: Match;
  /** How long the condition had held when it fired, ms. */
  readonly heldMs: number;
}

export class TriggerTracker {
  readonly #forMs: number;
  readonly #cooldownMs: number;
  /** host -> boot id seen last. */
  readonly #boot = new Map<string, string>();
  /** `${host}\u0000${key}` -> state. */
  readonly #keys = new Map<string, KeyState>();

  constructor(forMs: number, cooldownMs: number) {
    this.#forMs = forMs;
    this.#cooldownMs = cooldownMs;
  }

  /**
   * One message from `host` at host time `nowMs`, with the keys the condition holds for.
   * `edge` (events): every occurrence counts at once, the window does not apply.
   */
  observe(host: string, bootId: string, nowMs: number, matches: readonly Match[], edge = false): Firing[] {
    if (this.#boot.get(host) !== bootId) {
      for (const k of [...this.#keys.keys()]) if (k.startsWith(`${host}\u0000`)) this.#keys.delete(k);
      this.#boot.set(host, bootId);
    }
    const holding = new Set<string>();
    const fired: Firing[] = [];
    for (const m of matches) {
      const id = `${host}\u0000${m.key}`;
      holding.add(id);
      let s = this.#keys.get(id);
      if (s === undefined) {
        s = { since: undefined, firedAt: Number.NEGATIVE_INFINITY };
        this.#keys.set(id, s);
      }
      s.since ??= nowMs;
      const held = nowMs - s.since;
      if ((edge || held >= this.#forMs) && nowMs - s.firedAt >= this.#cooldownMs) {
        s.firedAt = nowMs;
        fired.push({ match: m, heldMs: held });
      }
    }
    // Keys the condition no longer holds for start their window over (the cooldown stays).
    if (!edge)
      for (const [id, s] of this.#keys)
        if (id.startsWith(`${host}\u0000`) && !holding.has(id)) s.since = undefined;
    return fired;
  }
}
