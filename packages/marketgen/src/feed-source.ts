// A source of ITCH 5.0 messages pulled one at a time (feed-sim's pacer, the hot path's generator
// framing): the synthetic book here, a NASDAQ-framed file in feed-sim. The message stays valid
// until the next call to next().

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
