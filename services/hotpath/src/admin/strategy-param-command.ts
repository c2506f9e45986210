// SetStrategyParam's control-plane half: map the param name to the id the worker's strategy
// declares (strategies/strategy-registry.ts) and queue DecisionCommand.STRATEGY_PARAM on that
// worker's command queue. The worker applies it on its next doWork (Strategy.onCommand). Main
// thread; throws AdminError so the admin server maps each refusal to its gRPC status.
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import { DecisionCommand } from '../decision/decision-status.ts';
import { strategyParamId, strategyParamNames } from '../strategies/strategy-registry.ts';
import type { StrategyParamChange } from './admin-backend.ts';
import { AdminError, AdminErrorCode } from './admin-error.ts';

/** The part of the decision workers' handle a param command needs. */
export type StrategyParamTarget = Pick<DecisionWorkersHandle, 'config' | 'workers' | 'command'>;

/** Throws NOT_FOUND (worker), INVALID_ARGUMENT (param), FAILED_PRECONDITION (queue full). */
export function sendStrategyParam(
  decision: StrategyParamTarget,
  workerId: number,
  param: string,
  value: number,
): StrategyParamChange {
  const strategy = decision.config.strategy.name;
  const workers = decision.workers.length;
  if (!Number.isInteger(workerId) || workerId < 0 || workerId >= workers)
    throw new AdminError(
      AdminErrorCode.NOT_FOUND,
      `SetStrategyParam: no decision worker ${workerId} (workers 0..${workers - 1})`,
    );
  const paramId = strategyParamId(strategy, param);
  if (paramId === undefined)
    throw new AdminError(
      AdminErrorCode.INVALID_ARGUMENT,
      `SetStrategyParam: strategy ${strategy} has no runtime param "${param}"; known: ${strategyParamNames(strategy).join(', ')}`,
    );
  if (decision.command(workerId, DecisionCommand.STRATEGY_PARAM, paramId, value) < 0)
    throw new AdminError(
      AdminErrorCode.FAILED_PRECONDITION,
      `SetStrategyParam: decision-${workerId}'s command queue is full (the worker is not draining it); retry later`,
    );
  return { strategy, paramId };
}
