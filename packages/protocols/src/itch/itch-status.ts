// Status codes of the ITCH codecs. Hot calls return them instead of throwing: 0 or a positive
// value is success (a message type byte, a length), a negative value is one kind of bad input.
// Stable numbers: they are counted by kind (ItchErrorCounters) and may be exported as metrics.

export const ItchStatus = {
  OK: 0,
  /** Fewer bytes than the message needs: length < 1, or offset + length beyond the buffer. */
  TRUNCATED: -1,
  /** The type byte is no ITCH 5.0 message type. */
  UNKNOWN_TYPE: -2,
  /** A known type with a length other than the spec's. */
  WRONG_LENGTH: -3,
  /** An enumerated field holds a value the spec does not define (side not B/S, unknown event code, ...). */
  BAD_FIELD_VALUE: -4,
  /** An 8-byte integer at or above 2^53: it cannot be read exactly as a double. */
  UNSAFE_INTEGER: -5,
  /** A typed flyweight was wrapped over a message of another type. */
  TYPE_MISMATCH: -6,
  /** An encoder's destination has no room for the message. */
  NO_ROOM: -7,
} as const;
export type ItchStatusCode = (typeof ItchStatus)[keyof typeof ItchStatus];
