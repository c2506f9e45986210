// Shared by the chaos test files: run one scenario in quick mode as CI does, print its report
// (expected vs observed), skip VISIBLY when it cannot run here, and fail with the rows that
// did not hold. The scenario's own verdict is the assertion — nothing is re-judged here (a
// failure without lost or duplicated orders is retried, see runChaosTest).
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { chaosJsonLine, chaosMarkdown, runScenario } from '@ringside/chaos';
import type { ChaosResult, ChaosScenario } from '@ringside/chaos';

/** node:test timeout for a scenario: its own budget per attempt plus tear-down slack. */
export function testTimeoutMs(scenario: ChaosScenario): number {
  return (1 + RETRIES) * scenario.timeoutMs(true) + 30_000;
}

/** Extra attempts for a failure without lost or duplicated orders (see runChaosTest). */
const RETRIES = 2;

export async function runChaosTest(t: TestContext, scenario: ChaosScenario): Promise<void> {
  let result = await attempt(scenario, 1);
  if (!result.runnable) {
    const why = result.notes[0] ?? 'not runnable';
    console.log(`SKIPPED: ${scenario.name}: ${why}`);
    t.skip(why);
    return;
  }
  // The machine CI runs on is shared (2 cores): a latency verdict can miss on noise (about one
  // run in five here). A failed run that lost and duplicated no order is run again, at most
  // RETRIES times, every attempt printed; it passes only if an attempt holds every expectation.
  // A lost or duplicated order is never retried; `bin/ringside chaos` never retries at all.
  for (let n = 2; n <= 1 + RETRIES && !result.passed; n++) {
    if (result.figures.lostOrders !== 0 || result.figures.duplicateOrders !== 0) break;
    console.log(`RETRY: ${scenario.name} failed with no order lost or duplicated: ${failures(result)}`);
    result = await attempt(scenario, n);
  }
  assert.ok(result.passed, [failures(result), ...result.notes].join('\n'));
}

async function attempt(scenario: ChaosScenario, n: number): Promise<ChaosResult> {
  console.log(`chaos scenario ${scenario.name} (quick mode, attempt ${n}): ${scenario.title}`);
  const result = await runScenario(scenario, { quick: true, log: (m) => console.log(m) });
  console.log(
    chaosMarkdown([result], { startedAt: new Date(), quick: true, topology: 'as the scenario builds it' }),
  );
  console.log(chaosJsonLine([result]));
  return result;
}

function failures(result: ChaosResult): string {
  return result.rows
    .filter((r) => !r.passed)
    .map((r) => `${r.expectation.text} → ${r.observed}`)
    .join('\n');
}
