// Where feed-sim's ITCH messages come from: a NASDAQ-framed file or the synthetic book. The
// pacer pulls one message at a time; the message stays valid until the next call to next().

export interface FeedSource {
  /** Name for logs. */
  readonly name: string;
  /** Buffer holding the current message (after next() returned > 0). */
  readonly bytes: Uint8Array;
  /** Offset of the current message in `bytes`. */
  readonly offset: number;
  /** ITCH timestamp of the current message, ns since midnight. */
  readonly timestampNs: number;
  /**
   * Advances to the next message and returns its length; 0 when the source is exhausted.
   * `nowNs` is the emission time (ns since the feed started): generated messages carry it.
   */
  next(nowNs: number): number;
  /**
   * Ends the source early (a bound was reached): a file stops at once, the generator emits its
   * closing system events first. next() then returns 0.
   */
  finish(): void;
}

/** ITCH header: type (1) locate (2) tracking (2) timestamp (6): the timestamp is at +5. */
export function itchTimestamp(b: Uint8Array, o: number): number {
  const hi = (b[o + 5]! << 8) | b[o + 6]!;
  const lo = ((b[o + 7]! << 24) | (b[o + 8]! << 16) | (b[o + 9]! << 8) | b[o + 10]!) >>> 0;
  return hi * 4294967296 + lo;
}
