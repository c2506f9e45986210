// Strategy names a decision config may use, and the factory for each. Add yours here.
import type { Strategy, StrategyFactory, StrategySetup } from '../decision/strategy.ts';
import { LatencyProbeStrategy } from './latency-probe-strategy.ts';
import { TopOfBookStrategy } from './top-of-book-strategy.ts';

export const strategyRegistry: ReadonlyMap<string, StrategyFactory> = new Map<string, StrategyFactory>([
  ['latency-probe', (params, setup) => new LatencyProbeStrategy(params, setup)],
  ['top-of-book', (params, setup) => new TopOfBookStrategy(params, setup)],
]);

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
