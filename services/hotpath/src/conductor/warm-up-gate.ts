// Decides when warm-up is over: K consecutive windows whose decision p99 is under the budget and
// whose p99s stay within a max/min spread. A window over budget empties the run; a window that
// breaks the spread starts a new run from itself (the older windows described another regime).
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';

/** One latency window's summary, as fed by whoever folds the histograms. */
export interface LatencyWindow {
  /** Decision latency p99 over the window, ns. */
  readonly p99Ns: number;
}

export interface WarmUpVerdict {
  /** The run of stable windows after this one (0 after a budget breach). */
  readonly stableWindows: number;
  /** max/min of the run's p99s (1 for a single window). */
  readonly spread: number;
  /** 'stable', 'over-budget' or 'spread' (the window reset the run). */
  readonly outcome: 'stable' | 'over-budget' | 'spread';
  /** True when the run reached K windows: warm-up is complete. */
  readonly complete: boolean;
}

export class WarmUpGate {
  readonly #budgetNs: number;
  readonly #windows: number;
  readonly #maxSpread: number;
  #run: number[] = [];

  constructor(budgetNs: number, windows: number, maxSpread: number) {
    this.#budgetNs = budgetNs;
    this.#windows = windows;
    this.#maxSpread = maxSpread;
  }

  get stableWindows(): number {
    return this.#run.length;
  }

  reset(): void {
    this.#run = [];
  }

  /** Throws ConductorError INVALID_ARGUMENT for a p99 that is not a finite non-negative number. */
  observe(window: LatencyWindow): WarmUpVerdict {
    const p99 = checkedP99(window);
    if (p99 >= this.#budgetNs) {
      this.#run = [];
      return { stableWindows: 0, spread: 1, outcome: 'over-budget', complete: false };
    }
    this.#run.push(p99);
    let spread = spreadOf(this.#run);
    let outcome: WarmUpVerdict['outcome'] = 'stable';
    if (spread >= this.#maxSpread) {
      this.#run = [p99];
      spread = 1;
      outcome = 'spread';
    }
    const stableWindows = this.#run.length;
    return { stableWindows, spread, outcome, complete: stableWindows >= this.#windows };
  }
}

export function checkedP99(window: LatencyWindow): number {
  const p99 = window.p99Ns;
  if (typeof p99 !== 'number' || !Number.isFinite(p99) || p99 < 0) {
    throw new ConductorError(
      ConductorErrorCode.INVALID_ARGUMENT,
      `window p99Ns must be finite and >= 0, got ${p99}`,
    );
  }
  return p99;
}

function spreadOf(values: readonly number[]): number {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === 0) return 1;
  return min === 0 ? Number.POSITIVE_INFINITY : max / min;
}
