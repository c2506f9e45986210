// Tallies of bad OUCH input by kind: decoders report every negative status here. Counting is one
// typed-array increment; the logger hook fires only the first time a kind is seen, so a flood of
// garbage costs no log I/O (nor the allocation of a log line) per message.
import { OuchStatus } from './ouch-status.ts';

/** Called once per kind: the kind's name, its status code, and a detail (type byte or offset). */
export type OuchErrorLogger = (kind: string, status: number, detail: number) => void;

/** Slots of an OuchErrorCounters storage array (index = -status). */
export const OUCH_ERROR_SLOTS = 16;
const SLOTS = OUCH_ERROR_SLOTS;

const NAMES: readonly string[] = (() => {
  const names: string[] = new Array<string>(SLOTS).fill('');
  for (const [name, code] of Object.entries(OuchStatus)) if (code < 0) names[-code] = name;
  return names;
})();

/** The name of an OuchStatus code ('' for none). */
export function ouchErrorName(status: number): string {
  return status < 0 && status > -SLOTS ? NAMES[-status]! : '';
}

export class OuchErrorCounters {
  /** counts[-status]: how many times each negative status was recorded. */
  readonly counts: Float64Array;
  private readonly logged = new Uint8Array(SLOTS);
  private readonly logger: OuchErrorLogger | undefined;

  /**
   * `storage` (16 slots or more) lets the counts live where a reader on another thread can see
   * them (a Float64Array over a SharedArrayBuffer); this thread remains the only writer.
   */
  constructor(logger?: OuchErrorLogger, storage?: Float64Array) {
    if (storage !== undefined && storage.length < SLOTS) {
      throw new RangeError(`OuchErrorCounters storage needs ${SLOTS} slots, got ${storage.length}`);
    }
    this.counts = storage ?? new Float64Array(SLOTS);
    this.logger = logger;
  }

  /** Counts `status` (a negative code) and returns it unchanged, for `return errors.record(s, x)`. */
  record(status: number, detail: number): number {
    const i = -status;
    if (i <= 0 || i >= SLOTS) return status;
    this.counts[i]!++;
    if (this.logged[i] === 0) {
      this.logged[i] = 1;
      if (this.logger !== undefined) this.logger(NAMES[i]!, status, detail);
    }
    return status;
  }

  count(status: number): number {
    const i = -status;
    return i > 0 && i < SLOTS ? this.counts[i]! : 0;
  }

  total(): number {
    let t = 0;
    for (let i = 1; i < SLOTS; i++) t += this.counts[i]!;
    return t;
  }

  /** Control plane: the non-zero counts by kind name (allocates). */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 1; i < SLOTS; i++) if (this.counts[i]! > 0) out[NAMES[i]!] = this.counts[i]!;
    return out;
  }

  /** Zeroes the counts and re-arms the once-per-kind log. */
  reset(): void {
    this.counts.fill(0);
    this.logged.fill(0);
  }
}
