// Codes and shared words of the decision worker.
import { CompletionReason } from '../orders/completion-descriptor.ts';

/**
 * What ctx.submit / ctx.cancel return when they refuse: the negated CompletionReason of the
 * LOCAL_REJECT completion the strategy also receives. A positive result is an order number.
 */
export const SubmitStatus = {
  EXEC_BACKLOG: -CompletionReason.EXEC_BACKLOG,
  SHED: -CompletionReason.SHED,
  HALTED: -CompletionReason.HALTED,
  RISK_MAX_SIZE: -CompletionReason.RISK_MAX_SIZE,
  RISK_MAX_NOTIONAL: -CompletionReason.RISK_MAX_NOTIONAL,
  RISK_MAX_OPEN: -CompletionReason.RISK_MAX_OPEN,
  RISK_PRICE_BAND: -CompletionReason.RISK_PRICE_BAND,
  BAD_ORDER: -CompletionReason.BAD_ORDER,
  UNKNOWN_ORDER: -CompletionReason.UNKNOWN_ORDER,
} as const;
export type SubmitStatusCode = (typeof SubmitStatus)[keyof typeof SubmitStatus];

/** CommandQueue opcodes the decision agent obeys (conductor → worker). */
export const DecisionCommand = {
  /** Refuse every new order (LOCAL_REJECT HALTED) until RESUME. Cancels still go out. */
  HALT: 1,
  RESUME: 2,
  /** arg0 = RiskLimit index, arg1 = new value. */
  SET_RISK_LIMIT: 3,
  /** arg0 = param id, arg1 = value: handed to Strategy.onCommand. */
  STRATEGY_PARAM: 4,
  /**
   * Forget everything learned from the market so far: books emptied, stale marks and stock keys
   * back to the configured ones, the open-order table cleared, the strategy's optional onReset
   * called. The host sends it after a warm-up on generated / replayed traffic, once every
   * warm-up event has been consumed and before the first live one: no warm-up book survives.
   */
  RESET: 5,
} as const;

/**
 * The flags block shared by the conductor and every decision worker (one Int32Array, 4 words).
 * Workers only Atomics.load it; the conductor (ShedController, kill switch) Atomics.stores it.
 *
 *    0               4               8               12              16
 *   +---------------+---------------+---------------+---------------+
 *   |     HALT      |     SHED      |     LEVEL     |  (reserved)   |
 *   +---------------+---------------+---------------+---------------+
 *
 *   HALT   kill switch: non-zero → every worker refuses new orders (checked per submit)
 *   SHED   non-zero → new orders refused LOCAL_REJECT SHED (checked per submit); the
 *          ShedController keeps it equal to shedFlagFor(LEVEL), i.e. set from REFUSE_ORDERS up
 *   LEVEL  the shed level in force (ShedLevel 0..3): read once per drained batch by each worker,
 *          which conflates (≥ CONFLATE, when behind) and drops low-priority instruments
 *          (≥ DROP_LOW_PRIORITY). Orders are refused through SHED, not LEVEL, so a submit costs
 *          one load whatever the level.
 */
export const DecisionFlagsDescriptor = {
  HALT_INDEX: 0,
  SHED_INDEX: 1,
  LEVEL_INDEX: 2,
  WORDS: 4,
  BYTES: 16,
} as const;
