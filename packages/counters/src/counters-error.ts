// Typed control-plane errors of @ringside/counters. Hot-path calls never throw: they return the
// negative status codes declared beside them (COUNTER_STATUS, LONG_READ_CONTENDED).

export const COUNTERS_ERROR_CODE = {
  /** Every counter id is allocated. */
  FULL: 'COUNTERS_FULL',
  /** The label's UTF-8 encoding is longer than MAX_LABEL_LENGTH bytes. */
  LABEL_TOO_LONG: 'COUNTERS_LABEL_TOO_LONG',
  /** The label holds a lone surrogate: it could not round-trip through UTF-8. */
  INVALID_LABEL: 'COUNTERS_INVALID_LABEL',
  /** The key is longer than MAX_KEY_LENGTH bytes. */
  KEY_TOO_LONG: 'COUNTERS_KEY_TOO_LONG',
  /** The type id is not a 32-bit signed integer. */
  INVALID_TYPE_ID: 'COUNTERS_INVALID_TYPE_ID',
  /** The counter id is outside [0, capacity). */
  INVALID_ID: 'COUNTERS_INVALID_ID',
  /** The counter id is not in the ALLOCATED state. */
  NOT_ALLOCATED: 'COUNTERS_NOT_ALLOCATED',
  /** A capacity is not a positive integer (or not a power of two where one is required). */
  INVALID_CAPACITY: 'COUNTERS_INVALID_CAPACITY',
  /** Buffers passed to attach() do not have the layout their descriptor declares. */
  INVALID_BUFFER: 'COUNTERS_INVALID_BUFFER',
  /** A histogram option is out of range. */
  INVALID_HISTOGRAM_OPTIONS: 'COUNTERS_INVALID_HISTOGRAM_OPTIONS',
} as const;

export type CountersErrorCode = (typeof COUNTERS_ERROR_CODE)[keyof typeof COUNTERS_ERROR_CODE];

export class CountersError extends Error {
  readonly code: CountersErrorCode;

  constructor(code: CountersErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CountersError';
    this.code = code;
  }
}
