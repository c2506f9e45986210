// Public API of @ringside/chaos: the failure-injection suite (scenarios, runner, JSON line, report).
export { NOT_MEASURED, NotRunnableError, ScenarioRecorder, emptyFigures } from './scenario.ts';
export type {
  ChaosFigures,
  ChaosResult,
  ChaosRow,
  ChaosScenario,
  Expectation,
  Observation,
  ScenarioContext,
} from './scenario.ts';
export { verdictOf } from './verdict.ts';
export { runScenario, runScenarios } from './runner.ts';
export type { RunOptions } from './runner.ts';
export { chaosJsonEntry, chaosJsonLine } from './chaos-json.ts';
export type { ChaosJsonEntry } from './chaos-json.ts';
export { chaosMarkdown, chaosHtml, writeChaosReport } from './chaos-report.ts';
export type { ReportMeta, WrittenReport } from './chaos-report.ts';
export { CHAOS_SCENARIOS, selectScenarios } from './scenarios/registry.ts';
export { ManagedProcess } from './managed-process.ts';
export type { JsonLine, ManagedProcessOptions, Spawner } from './managed-process.ts';
export { ControlPlaneHost, natsAnswers, promValue } from './control-plane.ts';
export { HotRig, sessionWindow } from './hot-rig.ts';
export type { HotRigOptions } from './hot-rig.ts';
