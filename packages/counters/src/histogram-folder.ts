// The sidecar's side of latency sampling: drains SampleRings into one HdrHistogram per tag
// (e.g. per latency segment, or trusted vs warm-up), reports percentiles, merges, resets per
// interval and encodes for export. Not hot-path: it allocates a histogram the first time it
// sees a tag, and nothing per sample after that.
import type { SampleRingReader } from './sample-ring-reader.ts';
import { createHistogram, encodeHistogram, resolveHistogramOptions, summarize } from './latency-histogram.ts';
import type {
  Histogram,
  LatencyHistogramOptions,
  LatencySummary,
  ResolvedHistogramOptions,
} from './latency-histogram.ts';

/** A tag's histogram plus the samples that did not fit it. */
export interface TagHistogram {
  readonly tag: number;
  readonly histogram: Histogram;
  /** Samples above highestTrackableValue, recorded as highestTrackableValue. */
  clampedHigh: number;
  /** Negative samples (e.g. clock skew between workers), recorded as 0. */
  clampedLow: number;
  /** NaN or infinite samples, not recorded. */
  invalid: number;
}

export interface TagSummary extends LatencySummary {
  readonly tag: number;
  readonly clampedHigh: number;
  readonly clampedLow: number;
  readonly invalid: number;
}

export class HistogramFolder {
  readonly options: ResolvedHistogramOptions;
  readonly #rings: SampleRingReader[] = [];
  readonly #byTag = new Map<number, TagHistogram>();
  readonly #fold: (valueNs: number, tag: number) => void;

  constructor(options: LatencyHistogramOptions = {}) {
    this.options = resolveHistogramOptions(options);
    // One bound handler for every poll: no closure per drain or per sample.
    this.#fold = (valueNs, tag) => this.record(tag, valueNs);
  }

  /** Fold this ring's samples from now on (one folder per reader: readers keep a cursor). */
  addRing(reader: SampleRingReader): void {
    this.#rings.push(reader);
  }

  /** Poll every ring once (up to `limitPerRing` each); returns samples folded. */
  drain(limitPerRing?: number): number {
    let folded = 0;
    for (const ring of this.#rings) folded += ring.poll(this.#fold, limitPerRing);
    return folded;
  }

  /** Fold one sample. Rounds to an integer ns; clamps and counts what does not fit. */
  record(tag: number, valueNs: number): void {
    const entry = this.#entry(tag);
    if (!Number.isFinite(valueNs)) {
      entry.invalid++;
      return;
    }
    let value = Math.round(valueNs);
    if (value < 0) {
      entry.clampedLow++;
      value = 0;
    } else if (value > this.options.highestTrackableValue) {
      entry.clampedHigh++;
      value = this.options.highestTrackableValue;
    }
    entry.histogram.recordValue(value);
  }

  /** Samples the rings' readers missed (lossy rings), summed over rings. */
  get missed(): number {
    let missed = 0;
    for (const ring of this.#rings) missed += ring.missed;
    return missed;
  }

  /** Tags seen so far, ascending. */
  tags(): number[] {
    return [...this.#byTag.keys()].sort((a, b) => a - b);
  }

  histogram(tag: number): Histogram | undefined {
    return this.#byTag.get(tag)?.histogram;
  }

  summary(tag: number): TagSummary | undefined {
    const entry = this.#byTag.get(tag);
    if (entry === undefined) return undefined;
    return {
      tag,
      ...summarize(entry.histogram),
      clampedHigh: entry.clampedHigh,
      clampedLow: entry.clampedLow,
      invalid: entry.invalid,
    };
  }

  /** Add every tag of `other` (same options) into this folder, e.g. across workers. */
  merge(other: HistogramFolder): void {
    for (const from of other.#byTag.values()) {
      const into = this.#entry(from.tag);
      into.histogram.add(from.histogram);
      into.clampedHigh += from.clampedHigh;
      into.clampedLow += from.clampedLow;
      into.invalid += from.invalid;
    }
  }

  /** Start a new interval: empty every histogram (kept allocated) and clamp counts. */
  reset(): void {
    for (const entry of this.#byTag.values()) {
      entry.histogram.reset();
      entry.clampedHigh = 0;
      entry.clampedLow = 0;
      entry.invalid = 0;
    }
  }

  /** The tag's histogram in HdrHistogram's compressed base64 form, or undefined if unseen. */
  encode(tag: number): string | undefined {
    const entry = this.#byTag.get(tag);
    return entry === undefined ? undefined : encodeHistogram(entry.histogram);
  }

  /** Release the histograms (required for WebAssembly ones, harmless for JS). */
  close(): void {
    for (const entry of this.#byTag.values()) entry.histogram.destroy();
    this.#byTag.clear();
  }

  #entry(tag: number): TagHistogram {
    let entry = this.#byTag.get(tag);
    if (entry === undefined) {
      entry = { tag, histogram: createHistogram(this.options), clampedHigh: 0, clampedLow: 0, invalid: 0 };
      this.#byTag.set(tag, entry);
    }
    return entry;
  }
}
