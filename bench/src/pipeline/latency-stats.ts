// Exact percentiles of a sample set (sorted copy): the pipeline bench keeps every sample of the
// measured window, so no histogram rounding is needed.
export interface PercentileSummary {
  readonly count: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
}

export function summarizeNs(samples: ArrayLike<number>): PercentileSummary {
  const v = Float64Array.from(samples).sort();
  const at = (q: number): number =>
    v.length === 0 ? 0 : v[Math.min(v.length - 1, Math.floor(q * v.length))]!;
  return { count: v.length, p50Ns: at(0.5), p99Ns: at(0.99), p999Ns: at(0.999), maxNs: at(1) };
}

export function formatUs(ns: number): string {
  return `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
}

export function describeSummary(s: PercentileSummary): string {
  return `p50 ${formatUs(s.p50Ns)}, p99 ${formatUs(s.p99Ns)}, p99.9 ${formatUs(s.p999Ns)}, max ${formatUs(s.maxNs)} (n=${s.count})`;
}
