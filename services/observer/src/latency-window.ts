// Latency quantiles for Prometheus from the HdrHistograms the sidecar ships (encoded_hdr), over
// a sliding window: every MetricsSnapshot carries one interval's histogram per segment; the
// observer keeps the histograms that arrived within `windowMs` and merges them when scraped,
// so a scrape never misses a short interval and quantiles are exact over the window (HdrHistogram
// merges losslessly, unlike averaging percentiles). Trusted and warm-up intervals are kept apart.
// A segment with no samples in the window disappears from the scrape rather than reading 0.
import { decodeHistogram } from '@ringside/counters';
import type { Histogram } from '@ringside/counters';
import type { MetricsSnapshot } from '@ringside/contracts';

export const QUANTILES = [0.5, 0.9, 0.99, 0.999, 1] as const;

export interface LatencyQuantiles {
  readonly metric: string;
  readonly trusted: boolean;
  /** Samples in the window. */
  readonly count: number;
  /** Values (ns) at QUANTILES, same order. */
  readonly values: readonly number[];
}

interface WindowEntry {
  readonly atMs: number;
  readonly encoded: string;
  readonly histogram: Histogram;
}

export class LatencyWindow {
  readonly windowMs: number;
  readonly #series = new Map<string, { metric: string; trusted: boolean; entries: WindowEntry[] }>();
  #undecodable = 0;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Add a snapshot's histograms, received at `nowMs`. */
  add(snapshot: MetricsSnapshot, nowMs: number): void {
    for (const h of snapshot.histograms) {
      if (h.encodedHdr === '' || h.count === 0) continue;
      let histogram: Histogram;
      try {
        histogram = decodeHistogram(h.encodedHdr);
      } catch {
        this.#undecodable++;
        continue;
      }
      const key = `${h.name}\u0000${snapshot.trusted}`;
      let series = this.#series.get(key);
      if (series === undefined) {
        series = { metric: h.name, trusted: snapshot.trusted, entries: [] };
        this.#series.set(key, series);
      }
      series.entries.push({ atMs: nowMs, encoded: h.encodedHdr, histogram });
    }
  }

  /** Quantiles per (metric, trusted) over the histograms received in the last windowMs. */
  quantiles(nowMs: number): LatencyQuantiles[] {
    const out: LatencyQuantiles[] = [];
    for (const [key, series] of this.#series) {
      series.entries = series.entries.filter((e) => nowMs - e.atMs < this.windowMs);
      const [first, ...rest] = series.entries;
      if (first === undefined) {
        this.#series.delete(key);
        continue;
      }
      // A fresh copy as the merge base: the window's histograms stay unmodified.
      const merged = decodeHistogram(first.encoded);
      for (const e of rest) merged.add(e.histogram);
      out.push({
        metric: series.metric,
        trusted: series.trusted,
        count: merged.totalCount,
        values: QUANTILES.map((q) => (q === 1 ? merged.maxValue : merged.getValueAtPercentile(q * 100))),
      });
    }
    return out;
  }

  /** Histograms that did not decode (counted, skipped). */
  get undecodable(): number {
    return this.#undecodable;
  }
}
