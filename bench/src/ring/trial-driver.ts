/**
 * The shape every in-memory contender's run takes: warm-up, then `trials` measured segments
 * separated by a barrier (the producer starts segment t only when every consumer has all of
 * segment t-1), so each segment is one independent throughput measurement and the report can
 * give their median — one noisy second on a shared 2-core machine then spoils one segment, not
 * the number.
 */
import { nowNs } from '@ringside/ring';
import type { BenchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData } from './bench-worker-data.ts';
import { arriveWarmed, awaitWarmed, sleepMicros } from './worker-support.ts';
import type { GcWatch } from './worker-support.ts';

export interface TrialOutcome {
  /** Producer: nowNs() at each segment's start. Consumer: when it had each segment. */
  readonly stampsNs: number[];
  /** Events produced, or taken (+ lost), in the measured segments. */
  readonly events: number;
  readonly timedOut: boolean;
}

/**
 * Both sides pause after each half of the warm-up: V8 optimises on a background thread, and on
 * 2 cores two spinning threads starve it. With the long warm-up (bench-config minWarmupEvents),
 * this is what gets the measured segments onto optimised code (short warm-ups measured at half
 * speed for their first ~100 ms).
 */
const SETTLE_MICROS = 30_000;

function settle(): void {
  sleepMicros(SETTLE_MICROS);
}

/** Measured events per segment (the measured total is trials × this). */
export function eventsPerTrial(data: BenchWorkerData): number {
  return Math.floor(data.events / data.trials);
}

/**
 * Producer side. `run(from, to)` publishes events [from, to) and returns how far it got
 * (less than `to` only on its deadline).
 */
export function produceTrials(
  ctrl: BenchControlViews,
  data: BenchWorkerData,
  gc: GcWatch,
  run: (from: number, to: number) => number,
): TrialOutcome {
  const perTrial = eventsPerTrial(data);
  const stamps = new Float64Array(data.trials);
  const half = data.warmup >> 1;
  let at = run(0, half);
  settle();
  at = run(at, data.warmup);
  settle();
  let timedOut = at < data.warmup;
  let trials = 0;
  for (let t = 0; t < data.trials && !timedOut; t++) {
    timedOut = !awaitWarmed(ctrl, data.consumers * (t + 1), data.deadlineNs);
    if (timedOut) break;
    if (t === 0) gc.start();
    stamps[t] = nowNs();
    const end = at + perTrial;
    at = run(at, end);
    timedOut = at < end;
    trials++;
  }
  return { stampsNs: Array.from(stamps.subarray(0, trials)), events: at - data.warmup, timedOut };
}

/**
 * Consumer side. `run(to)` takes events until it has `to` in total (taken + lost, counting the
 * warm-up) and returns that total (less than `to` only on its deadline). `afterWarmup` runs
 * between warm-up and measurement (e.g. to restart latency recording).
 */
export function consumeTrials(
  ctrl: BenchControlViews,
  data: BenchWorkerData,
  gc: GcWatch,
  run: (to: number) => number,
  afterWarmup: () => void,
): TrialOutcome {
  const perTrial = eventsPerTrial(data);
  const stamps = new Float64Array(data.trials);
  run(data.warmup >> 1);
  settle();
  let total = run(data.warmup);
  settle();
  let timedOut = total < data.warmup;
  let trials = 0;
  afterWarmup();
  if (!timedOut) {
    gc.start();
    arriveWarmed(ctrl);
  }
  for (let t = 0; t < data.trials && !timedOut; t++) {
    const end = data.warmup + (t + 1) * perTrial;
    total = run(end);
    stamps[t] = nowNs();
    timedOut = total < end;
    trials++;
    arriveWarmed(ctrl);
  }
  return { stampsNs: Array.from(stamps.subarray(0, trials)), events: total - data.warmup, timedOut };
}
