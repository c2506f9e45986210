// Strategy names a decision config may use, and the factory for each. Add yours here.
import type { Strategy, StrategyFactory, StrategySetup } from '../decision/strategy.ts';
import { LatencyProbeStrategy, latencyProbeParamIds } from './latency-probe-strategy.ts';
import { TopOfBookStrategy, topOfBookParamIds } from './top-of-book-strategy.ts';

export const strategyRegistry: ReadonlyMap<string, StrategyFactory> = new Map<string, StrategyFactory>([
  ['latency-probe', (params, setup) => new LatencyProbeStrategy(params, setup)],
  ['top-of-book', (params, setup) => new TopOfBookStrategy(params, setup)],
]);

/** Each strategy's runtime params (SetStrategyParam): name → the id its onCommand receives. */
export const strategyParamIds: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  ['latency-probe', latencyProbeParamIds],
  ['top-of-book', topOfBookParamIds],
]);

/** The param's id for that strategy, or undefined (unknown strategy or param). */
export function strategyParamId(strategy: string, param: string): number | undefined {
  return strategyParamIds.get(strategy)?.get(param);
}

/** The param names a strategy takes at runtime (empty for an unknown strategy). */
export function strategyParamNames(strategy: string): readonly string[] {
  return [...(strategyParamIds.get(strategy)?.keys() ?? [])];
}

export class UnknownStrategyError extends Error {
  override readonly name = 'UnknownStrategyError';
  readonly code = 'UNKNOWN_STRATEGY';
}

/** Control plane: builds the named strategy; throws UnknownStrategyError or the params' error. */
export function createStrategy(name: string, params: unknown, setup: StrategySetup): Strategy {
  const factory = strategyRegistry.get(name);
  if (factory === undefined) {
    throw new UnknownStrategyError(
      `unknown strategy "${name}"; known: ${[...strategyRegistry.keys()].join(', ')}`,
    );
  }
  return factory(params, setup);
}
