// Status codes of the NASDAQ file framing reader. Numbered apart from ItchStatus (-1..-7) so one
// ItchErrorCounters can tally both without collisions.

export const FramingStatus = {
  /** No bytes left: the clean end of the data (not an error, never counted). */
  END_OF_DATA: -10,
  /** One byte left where a 2-byte length prefix should be. */
  TRUNCATED_HEADER: -11,
  /** The length prefix promises more bytes than the buffer holds. */
  LENGTH_BEYOND_BUFFER: -12,
} as const;
export type FramingStatusCode = (typeof FramingStatus)[keyof typeof FramingStatus];
