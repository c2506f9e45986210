// The five scenarios of the suite, in the order `ringside chaos all` runs them.
import type { ChaosScenario } from '../scenario.ts';
import { executionBacklog } from './execution-backlog.ts';
import { marketDataBurst } from './market-data-burst.ts';
import { observabilityLoss } from './observability-loss.ts';
import { processRestarts } from './process-restarts.ts';
import { slowConsumer } from './slow-consumer.ts';

export const CHAOS_SCENARIOS: readonly ChaosScenario[] = [
  slowConsumer,
  executionBacklog,
  marketDataBurst,
  observabilityLoss,
  processRestarts,
];

/** Scenarios by name, or all of them for "all"; throws on an unknown name. */
export function selectScenarios(name: string): ChaosScenario[] {
  if (name === 'all') return [...CHAOS_SCENARIOS];
  const found = CHAOS_SCENARIOS.find((s) => s.name === name);
  if (found === undefined)
    throw new Error(
      `unknown scenario '${name}' (one of: ${CHAOS_SCENARIOS.map((s) => s.name).join(', ')}, all)`,
    );
  return [found];
}
