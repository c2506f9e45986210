/**
 * Turns recorded one-way latencies into HdrHistogram percentiles (hdr-histogram-js). Workers
 * record raw nanoseconds into preallocated arrays during the run; the histogram is built here,
 * after the run, so recording costs the hot loop one typed-array store.
 */
import { build } from 'hdr-histogram-js';
import type { LatencySamples } from './bench-worker-data.ts';

export interface LatencySummary {
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  readonly count: number;
}

/** One minute: anything slower is clamped (and would be a broken run anyway). */
const HIGHEST_NS = 60e9;

export function summarizeLatency(parts: readonly LatencySamples[]): LatencySummary {
  const histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_NS,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
  let count = 0;
  for (const part of parts) {
    const { samples } = part;
    for (let i = 0; i < part.count; i++) {
      // Stamps come from one CLOCK_MONOTONIC in every thread; 0 can still happen (same tick).
      const ns = Math.round(samples[i]);
      histogram.recordValue(ns < 1 ? 1 : ns > HIGHEST_NS ? HIGHEST_NS : ns);
    }
    count += part.count;
  }
  const summary: LatencySummary = {
    p50Ns: count === 0 ? Number.NaN : histogram.getValueAtPercentile(50),
    p99Ns: count === 0 ? Number.NaN : histogram.getValueAtPercentile(99),
    p999Ns: count === 0 ? Number.NaN : histogram.getValueAtPercentile(99.9),
    maxNs: count === 0 ? Number.NaN : histogram.maxValue,
    count,
  };
  histogram.destroy();
  return summary;
}
