// Status codes of the OUCH codecs. Hot calls return them instead of throwing: 0 or a positive
// value is success (a message type byte, a length, a token id), a negative value is one kind of
// bad input. Stable numbers: counted by kind (OuchErrorCounters) and exportable as metrics.
// -1..-7 mean the same as ItchStatus's codes of the same name.

export const OuchStatus = {
  OK: 0,
  /** Fewer bytes than the message needs: length < 1, or offset + length beyond the buffer. */
  TRUNCATED: -1,
  /** The type byte is no OUCH 4.2 message type of this direction. */
  UNKNOWN_TYPE: -2,
  /** A known type with a length other than the spec's. */
  WRONG_LENGTH: -3,
  /** A field holds a value the spec does not define (side not B/S/T/E, non-printable stock, ...). */
  BAD_FIELD_VALUE: -4,
  /** An 8-byte integer at or above 2^53: it cannot be read exactly as a double. */
  UNSAFE_INTEGER: -5,
  /** A typed flyweight was wrapped over a message of another type. */
  TYPE_MISMATCH: -6,
  /** An encoder's destination has no room for the message. */
  NO_ROOM: -7,
  /** An order token that is not 14 printable ASCII bytes, is all spaces, or (parsing) no number. */
  BAD_TOKEN: -8,
} as const;
export type OuchStatusCode = (typeof OuchStatus)[keyof typeof OuchStatus];
