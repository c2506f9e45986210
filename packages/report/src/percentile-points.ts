// Percentile curves from HdrHistograms: the points a latency plot draws. Control plane only.
import { decodeHistogram } from '@ringside/counters';
import type { LatencyDistribution, PercentilePoint } from './demo-report.ts';

/** Log-spaced toward the tail, as HdrHistogram's own percentile plots are. */
export const DEFAULT_PERCENTILES: readonly number[] = [
  0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100,
];

/** The part of an HdrHistogram a curve needs (hdr-histogram-js's Histogram has it). */
export interface PercentileSource {
  readonly totalCount: number;
  getValueAtPercentile(percentile: number): number;
}

/** Points of `histogram` at `percentiles`; none for an empty histogram. */
export function percentilePointsFromHistogram(
  histogram: PercentileSource,
  percentiles: readonly number[] = DEFAULT_PERCENTILES,
): PercentilePoint[] {
  if (histogram.totalCount <= 0) return [];
  return percentiles.map((percentile) => ({
    percentile,
    valueNs: histogram.getValueAtPercentile(percentile),
  }));
}

/** Points of an HdrHistogram in compressed base64 (values in ns). Throws on a bad encoding. */
export function percentilePointsFromEncoded(
  encoded: string,
  percentiles: readonly number[] = DEFAULT_PERCENTILES,
): PercentilePoint[] {
  return percentilePointsFromHistogram(decodeHistogram(encoded), percentiles);
}

/** Sorted, finite points of a distribution: its own points, else its decoded histogram, else none. */
export function resolveDistributionPoints(distribution: LatencyDistribution): {
  points: PercentilePoint[];
  problem?: string;
} {
  let points = distribution.points ?? [];
  let problem: string | undefined;
  if (points.length === 0 && distribution.encodedHistogram !== undefined) {
    try {
      points = percentilePointsFromEncoded(distribution.encodedHistogram);
    } catch (err) {
      // A report must still render when one histogram is damaged: say so on the page instead.
      problem = `encoded histogram could not be decoded: ${(err as Error).message}`;
    }
  }
  const clean = points
    .filter((p) => Number.isFinite(p.percentile) && Number.isFinite(p.valueNs))
    .sort((a, b) => a.percentile - b.percentile);
  return problem === undefined ? { points: clean } : { points: clean, problem };
}
