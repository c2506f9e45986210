// Runs scenarios one after another (never in parallel: each owns the machine's two cores while
// it measures), each under its own deadline. A scenario that throws or overruns becomes a failed
// result with the reason in its notes; one that cannot run here (NotRunnableError) becomes
// passed:false with "not runnable: <why>" — never a fake pass, never a crash of the whole suite.
import { NotRunnableError, ScenarioRecorder } from './scenario.ts';
import type { ChaosResult, ChaosScenario, ScenarioContext } from './scenario.ts';
import { verdictOf } from './verdict.ts';

export interface RunOptions {
  readonly quick: boolean;
  readonly log?: (message: string) => void;
}

class ScenarioTimeout extends Error {}

export async function runScenario(scenario: ChaosScenario, options: RunOptions): Promise<ChaosResult> {
  const log = options.log ?? ((): void => undefined);
  const budget = scenario.timeoutMs(options.quick);
  const started = Date.now();
  const controller = new AbortController();
  const recorder = new ScenarioRecorder(scenario.expectations);
  const ctx: ScenarioContext = {
    quick: options.quick,
    log: (m) => log(`[${scenario.name}] ${m}`),
    deadline: started + budget,
    signal: controller.signal,
  };
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ScenarioTimeout(`timed out after ${budget} ms`));
    }, budget);
  });
  const running = scenario.run(ctx, recorder);
  let runnable = true;
  let failure: string | undefined;
  try {
    await Promise.race([running, overrun]);
  } catch (e) {
    if (e instanceof NotRunnableError) {
      runnable = false;
      failure = `not runnable: ${e.message}`;
    } else {
      failure = `error: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (e instanceof ScenarioTimeout) {
      // Give the scenario a moment to clean up after the abort (its finally blocks).
      await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
  } finally {
    clearTimeout(timer);
  }
  const result = verdictOf({
    scenario,
    recorder,
    runnable,
    durationMs: Date.now() - started,
    ...(failure === undefined ? {} : { failure }),
  });
  log(
    `[${scenario.name}] ${result.passed ? 'PASS' : 'FAIL'} in ${result.durationMs} ms${failure === undefined ? '' : ` (${failure})`}`,
  );
  return result;
}

export async function runScenarios(
  scenarios: readonly ChaosScenario[],
  options: RunOptions,
): Promise<ChaosResult[]> {
  const results: ChaosResult[] = [];
  for (const s of scenarios) results.push(await runScenario(s, options));
  return results;
}
