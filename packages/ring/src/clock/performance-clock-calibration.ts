/**
 * Maps this thread's performance.now() (milliseconds) onto the nowNs() time base, so stamps from
 * APIs that speak performance.now() — PerformanceObserver 'gc' entries, event-loop timings,
 * third-party libraries — can be placed on the same timeline as hot-path stamps.
 *
 * Calibration brackets one nowNs() read between two performance.now() reads, keeps the tightest
 * of N brackets and reports half its width as the error bound. Control plane only: it allocates.
 *
 * Measured on Node 20 and 24: a worker's performance.now() counts from the process's time origin,
 * not from the worker's start, so every thread calibrates to the same offset (within the error
 * bounds). Calibrating per thread keeps us right if that ever changes; it is not documented.
 */
import { nowNs } from './monotonic-clock.ts';

export interface PerformanceClockCalibration {
  /** nowNs() ≈ performance.now() × 1e6 + offsetNs. */
  readonly offsetNs: number;
  /** Half the width of the tightest bracket: the mapping is right within ± this many ns. */
  readonly errorBoundNs: number;
  /** Brackets taken. */
  readonly samples: number;
  /** performance.now() (ms) at the chosen bracket, as this thread numbers it. */
  readonly perfMs: number;
}

const DEFAULT_SAMPLES = 200;

/** Takes a fresh calibration of this thread's performance.now() against nowNs(). */
export function calibratePerformanceClock(samples: number = DEFAULT_SAMPLES): PerformanceClockCalibration {
  const n = Math.max(1, Math.floor(samples));
  let bestWidthMs = Number.POSITIVE_INFINITY;
  let bestOffsetNs = 0;
  let bestPerfMs = 0;
  for (let i = 0; i < n; i++) {
    const before = performance.now();
    const mono = nowNs();
    const after = performance.now();
    const widthMs = after - before;
    if (widthMs < bestWidthMs) {
      bestWidthMs = widthMs;
      bestPerfMs = (before + after) / 2;
      bestOffsetNs = mono - bestPerfMs * 1e6;
    }
  }
  return Object.freeze({
    offsetNs: bestOffsetNs,
    errorBoundNs: (bestWidthMs * 1e6) / 2,
    samples: n,
    perfMs: bestPerfMs,
  });
}

/** Converts a performance.now() value (ms) of this thread to the nowNs() base. */
export function perfMsToNs(perfMs: number, calibration: PerformanceClockCalibration): number {
  return perfMs * 1e6 + calibration.offsetNs;
}
