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
} as const;

/**
 * The flags block shared by the conductor and every decision worker (one Int32Array, 2 words):
 *   [HALT_INDEX] kill switch: non-zero → every worker refuses new orders (checked per submit)
 *   [SHED_INDEX] shed level: non-zero → new orders refused with SHED
 * Workers only Atomics.load it; the conductor Atomics.stores it.
 */
export const DecisionFlagsDescriptor = {
  HALT_INDEX: 0,
  SHED_INDEX: 1,
  BYTES: 8,
} as const;
