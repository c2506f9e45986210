// The verdict of one run, from its record alone. A scenario passes only if it ran, every
// declared expectation was observed and held, and nothing forbidden happened: no order lost or
// duplicated, no loss that was not counted. A figure left unmeasured (-1) does not pass as 0
// for the forbidden outcomes: a scenario that involves orders or market data must measure them.
import type { ChaosResult, ChaosRow, ChaosScenario, ScenarioRecorder } from './scenario.ts';

export interface VerdictInput {
  readonly scenario: ChaosScenario;
  readonly recorder: ScenarioRecorder;
  readonly runnable: boolean;
  readonly failure?: string;
  readonly durationMs: number;
}

export function verdictOf(input: VerdictInput): ChaosResult {
  const { scenario, recorder, runnable } = input;
  const rows: ChaosRow[] = scenario.expectations.map((expectation) => {
    const seen = recorder.observations.get(expectation.id);
    return seen === undefined
      ? { expectation, observed: runnable ? 'not observed' : 'not run', passed: false }
      : { expectation, observed: seen.observed, passed: seen.passed };
  });
  const f = recorder.figures;
  const forbidden: string[] = [];
  if (f.lostOrders > 0) forbidden.push(`${f.lostOrders} order(s) lost`);
  if (f.duplicateOrders > 0) forbidden.push(`${f.duplicateOrders} order(s) duplicated`);
  if (f.uncountedLoss > 0) forbidden.push(`${f.uncountedLoss} loss(es) not counted`);
  const notes = [...recorder.notes];
  if (input.failure !== undefined) notes.unshift(input.failure);
  for (const why of forbidden) notes.push(`forbidden outcome: ${why}`);
  const passed =
    runnable && input.failure === undefined && forbidden.length === 0 && rows.every((r) => r.passed);
  return {
    name: scenario.name,
    title: scenario.title,
    passed,
    runnable,
    rows,
    figures: { ...f },
    notes,
    durationMs: input.durationMs,
  };
}
