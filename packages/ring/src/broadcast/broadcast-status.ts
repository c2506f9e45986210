/**
 * Codes returned by BroadcastRing hot calls (stable negative constants, never exceptions). A
 * non-negative result is a byte offset or a count.
 */
export const BroadcastStatus = {
  OK: 0,
  /** The consumer was lapped: `lastLoss` events were overwritten before it read them. */
  LAPPED: -1,
  /** The consumer is isolated: it was moved to the head, `lastLoss` events were skipped. */
  ISOLATED: -2,
  /** The consumer was dropped by the conductor; it delivers nothing until readmitted or closed. */
  DROPPED: -3,
  /** The consumer was closed (or its line released); attach again to receive. */
  CLOSED: -4,
  /** The producer has claimed `capacity` slots without publishing; publish first. */
  BATCH_FULL: -5,
  /** offer() source too short for one payload. */
  BAD_ARGUMENT: -6,
} as const;

export type BroadcastStatusCode = (typeof BroadcastStatus)[keyof typeof BroadcastStatus];

/**
 * Consumer line STATE word. ACTIVE / ISOLATED / DROPPED are set by the conductor from any thread
 * (compare-and-set); FREE and CLAIMING belong to attach/close.
 */
export const ConsumerState = {
  FREE: 0,
  /** An attach has reserved the line and is initialising its cursor. */
  CLAIMING: 1,
  ACTIVE: 2,
  /** Receives nothing: each receive moves the cursor to the head and counts the skip as loss. */
  ISOLATED: 3,
  /** Receives nothing and does not move; readmit resumes it (a lap is then counted as loss). */
  DROPPED: 4,
} as const;

export type ConsumerStateValue = (typeof ConsumerState)[keyof typeof ConsumerState];

/** Name of a state word value, for logs and the control plane (never used on the hot path). */
export function consumerStateName(state: number): string {
  switch (state) {
    case ConsumerState.FREE:
      return 'FREE';
    case ConsumerState.CLAIMING:
      return 'CLAIMING';
    case ConsumerState.ACTIVE:
      return 'ACTIVE';
    case ConsumerState.ISOLATED:
      return 'ISOLATED';
    case ConsumerState.DROPPED:
      return 'DROPPED';
    default:
      return `UNKNOWN(${state})`;
  }
}
