// Shared by the chaos test files: run one scenario in quick mode as CI does, print its report
// (expected vs observed), skip VISIBLY when it cannot run here, and fail with the rows that
// did not hold. The scenario's own verdict is the assertion — nothing is re-judged here.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { chaosJsonLine, chaosMarkdown, runScenario } from '@ringside/chaos';
import type { ChaosScenario } from '@ringside/chaos';

/** node:test timeout for a scenario: its own budget plus tear-down slack. */
export function testTimeoutMs(scenario: ChaosScenario): number {
  return scenario.timeoutMs(true) + 30_000;
}

export async function runChaosTest(t: TestContext, scenario: ChaosScenario): Promise<void> {
  console.log(`chaos scenario ${scenario.name} (quick mode): ${scenario.title}`);
  const result = await runScenario(scenario, { quick: true, log: (m) => console.log(m) });
  console.log(
    chaosMarkdown([result], { startedAt: new Date(), quick: true, topology: 'as the scenario builds it' }),
  );
  console.log(chaosJsonLine([result]));
  if (!result.runnable) {
    const why = result.notes[0] ?? 'not runnable';
    console.log(`SKIPPED: ${scenario.name}: ${why}`);
    t.skip(why);
    return;
  }
  const failed = result.rows.filter((r) => !r.passed).map((r) => `${r.expectation.text} → ${r.observed}`);
  assert.ok(result.passed, [...failed, ...result.notes].join('\n'));
}
