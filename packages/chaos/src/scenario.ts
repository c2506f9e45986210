// What a failure-injection scenario is: a name, the outcomes it promises BEFORE it runs
// (expectations), and a run that injects the fault and records what it observed against each
// promise plus the figures every scenario reports. The verdict is computed from the record,
// never by the scenario itself: an expectation nobody observed fails, and any lost, duplicated
// or uncounted loss fails the scenario whatever its own checks said (Disruptor's jcstress habit:
// state the forbidden outcomes, then look for them).

export interface Expectation {
  /** Stable key the run refers to when it records an observation. */
  readonly id: string;
  /** The promise in words, as it appears in the report ("DEGRADED within 2 s of the stall"). */
  readonly text: string;
}

/** Figures of one run. -1 = not measured (never a made-up zero). */
export interface ChaosFigures {
  /** Fault injected → the system visibly noticed it (state change, counter, event). */
  detectMs: number;
  /** Fault removed → back to the pre-fault state (READY, consumer ACTIVE, shed level 0 …). */
  recoverMs: number;
  lostOrders: number;
  duplicateOrders: number;
  /** Market events (or snapshots) lost without a counter saying so: must be 0. */
  uncountedLoss: number;
  /** Market events (or snapshots) lost AND counted (the acceptable kind of loss). */
  countedLoss: number;
  decisionP99DuringNs: number;
  decisionP99BaselineNs: number;
}

export const NOT_MEASURED = -1;

export function emptyFigures(): ChaosFigures {
  return {
    detectMs: NOT_MEASURED,
    recoverMs: NOT_MEASURED,
    lostOrders: NOT_MEASURED,
    duplicateOrders: NOT_MEASURED,
    uncountedLoss: NOT_MEASURED,
    countedLoss: NOT_MEASURED,
    decisionP99DuringNs: NOT_MEASURED,
    decisionP99BaselineNs: NOT_MEASURED,
  };
}

export interface Observation {
  readonly id: string;
  readonly passed: boolean;
  /** What was actually seen, with numbers ("DEGRADED after 412 ms, reason shed level 2"). */
  readonly observed: string;
}

export interface ScenarioContext {
  readonly quick: boolean;
  /** Progress lines for humans (stderr in the CLI, console in tests). */
  log(message: string): void;
  /** Wall-clock ms by which the run must be done (the runner aborts after it). */
  readonly deadline: number;
  /** Aborted when the runner gives up on the scenario: stop injecting, clean up, return. */
  readonly signal: AbortSignal;
}

/** Raised by a scenario that cannot run here (missing binary, no root, host not built). */
export class NotRunnableError extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NotRunnableError';
  }
}

/** Collects observations and figures during one run. */
export class ScenarioRecorder {
  readonly figures: ChaosFigures = emptyFigures();
  readonly observations = new Map<string, Observation>();
  readonly notes: string[] = [];
  /** Checks that can only run after the hot path stopped (its final summary); run by the frame. */
  readonly deferred: (() => void)[] = [];
  readonly #ids: ReadonlySet<string>;

  constructor(expectations: readonly Expectation[]) {
    this.#ids = new Set(expectations.map((e) => e.id));
  }

  /** Record what happened for one expectation (the last record for an id wins). */
  observe(id: string, passed: boolean, observed: string): void {
    if (!this.#ids.has(id)) throw new Error(`scenario recorded an undeclared expectation: ${id}`);
    this.observations.set(id, { id, passed, observed });
  }

  note(text: string): void {
    this.notes.push(text);
  }
}

export interface ChaosScenario {
  readonly name: string;
  readonly title: string;
  /** Declared up front: the report prints them even when the run never got to observe them. */
  readonly expectations: readonly Expectation[];
  /** Budget for the whole run, set-up and tear-down included. */
  timeoutMs(quick: boolean): number;
  run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void>;
}

export interface ChaosRow {
  readonly expectation: Expectation;
  readonly observed: string;
  readonly passed: boolean;
}

export interface ChaosResult {
  readonly name: string;
  readonly title: string;
  readonly passed: boolean;
  /** False when the scenario could not run here; `notes` says why. */
  readonly runnable: boolean;
  readonly rows: readonly ChaosRow[];
  readonly figures: ChaosFigures;
  readonly notes: readonly string[];
  readonly durationMs: number;
}
