// Chaos scenario "process-restarts" (packages/chaos/src/scenarios/process-restarts.ts) in quick mode, as CI runs it:
// the expectations are declared in the scenario; this passes only if every one held and no order
// was lost or duplicated. Skipped with a visible SKIPPED: line when it cannot run here.
import { test } from 'node:test';
import { CHAOS_SCENARIOS } from '@ringside/chaos';
import { runChaosTest, testTimeoutMs } from './chaos-test-support.ts';

const scenario = CHAOS_SCENARIOS.find((s) => s.name === 'process-restarts');
if (scenario === undefined) throw new Error('scenario process-restarts is not registered');

test(`chaos: ${scenario.title}`, { timeout: testTimeoutMs(scenario) }, async (t) => {
  await runChaosTest(t, scenario);
});
