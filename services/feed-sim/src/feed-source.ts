// Where feed-sim's ITCH messages come from: a NASDAQ-framed file (file-source.ts) or the
// synthetic book (@ringside/marketgen). The pacer pulls one message at a time through the
// FeedSource interface, declared beside the generator in @ringside/marketgen.

/** ITCH header: type (1) locate (2) tracking (2) timestamp (6): the timestamp is at +5. */
export function itchTimestamp(b: Uint8Array, o: number): number {
  const hi = (b[o + 5]! << 8) | b[o + 6]!;
  const lo = ((b[o + 7]! << 24) | (b[o + 8]! << 16) | (b[o + 9]! << 8) | b[o + 10]!) >>> 0;
  return hi * 4294967296 + lo;
}
