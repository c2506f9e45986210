/**
 * Status codes returned by SpscQueue hot calls (Aeron Publication.offer style: stable negative
 * constants, never exceptions). A non-negative result is a byte offset or a count.
 */
export const SpscStatus = {
  OK: 0,
  /** The queue holds `capacity` unconsumed slots; nothing was written. */
  FULL: -2,
  /** commit() without a successful claim() before it. */
  NOT_CLAIMED: -3,
  /** offer() source too short for one slot. */
  BAD_ARGUMENT: -4,
} as const;

export type SpscStatusCode = (typeof SpscStatus)[keyof typeof SpscStatus];
