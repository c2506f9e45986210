// Tallies of bad input by kind, shared by every codec (ITCH, framing, OUCH): decoders report
// every negative status here. Counting is one typed-array increment; the logger hook fires only
// the first time a kind is seen, so a flood of garbage costs no log I/O (nor the allocation of a
// log line) per message.

/** Called once per kind: the kind's name, its status code, and a detail (type byte or offset). */
export type StatusLogger = (kind: string, status: number, detail: number) => void;

/** Slots of a StatusTally storage array (index = -status). */
export const STATUS_TALLY_SLOTS = 16;
const SLOTS = STATUS_TALLY_SLOTS;

/** Builds the index → name table from `as const` status objects (negative codes only). */
export function statusNames(...tables: readonly Record<string, number>[]): readonly string[] {
  const names: string[] = new Array<string>(SLOTS).fill('');
  for (const table of tables) {
    for (const [name, code] of Object.entries(table)) if (code < 0 && -code < SLOTS) names[-code] = name;
  }
  return names;
}

export class StatusTally {
  /** counts[-status]: how many times each negative status was recorded. */
  readonly counts: Float64Array;
  private readonly logged = new Uint8Array(SLOTS);
  private readonly names: readonly string[];
  private readonly logger: StatusLogger | undefined;

  /**
   * `storage` (16 slots or more) lets the counts live where a reader on another thread can see
   * them, e.g. a Float64Array over a SharedArrayBuffer; this thread remains the only writer.
   */
  constructor(owner: string, names: readonly string[], logger?: StatusLogger, storage?: Float64Array) {
    if (storage !== undefined && storage.length < SLOTS) {
      throw new RangeError(`${owner} storage needs ${SLOTS} slots, got ${storage.length}`);
    }
    this.counts = storage ?? new Float64Array(SLOTS);
    this.names = names;
    this.logger = logger;
  }

  /** Counts `status` (a negative code) and returns it unchanged, for `return errors.record(s, x)`. */
  record(status: number, detail: number): number {
    const i = -status;
    if (i <= 0 || i >= SLOTS) return status;
    this.counts[i]!++;
    if (this.logged[i] === 0) {
      this.logged[i] = 1;
      if (this.logger !== undefined) this.logger(this.names[i]!, status, detail);
    }
    return status;
  }

  /** How many times `status` was recorded. */
  count(status: number): number {
    const i = -status;
    return i > 0 && i < SLOTS ? this.counts[i]! : 0;
  }

  /** All errors recorded. */
  total(): number {
    let t = 0;
    for (let i = 1; i < SLOTS; i++) t += this.counts[i]!;
    return t;
  }

  /** Control plane: the non-zero counts by kind name (allocates). */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 1; i < SLOTS; i++) if (this.counts[i]! > 0) out[this.names[i]!] = this.counts[i]!;
    return out;
  }

  /** Zeroes the counts and re-arms the once-per-kind log. */
  reset(): void {
    this.counts.fill(0);
    this.logged.fill(0);
  }
}
