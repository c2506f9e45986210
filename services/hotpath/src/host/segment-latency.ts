// Whole-run order latency by segment, for the host's report and the admin LatencyReport: folds
// the gateway's sample ring (tag = strategy × SEGMENT_COUNT + segment) into one HdrHistogram per
// segment, all strategies together. The gateway records a sample only for an order the venue
// answered, so warm-up orders (answered by the gateway's sink) never land here. Control plane.
import { HistogramFolder, SampleRingReader, encodeHistogram } from '@ringside/counters';
import type { TagSummary } from '@ringside/counters';
import type { Histogram } from '@ringside/contracts';
import { LatencySegment, SEGMENT_COUNT } from '../gateway/gateway-latency.ts';

/** Segment names in report order: the two sums first, then the pipeline's segments in order. */
export const SEGMENT_ORDER: readonly { readonly name: string; readonly segment: number }[] = [
  { name: 'decision', segment: LatencySegment.DECISION },
  { name: 'execution', segment: LatencySegment.EXECUTION },
  { name: 'ingest_to_publish', segment: LatencySegment.INGEST_TO_PUBLISH },
  { name: 'publish_to_read', segment: LatencySegment.PUBLISH_TO_READ },
  { name: 'read_to_enqueued', segment: LatencySegment.READ_TO_ENQUEUED },
  { name: 'enqueued_to_sent', segment: LatencySegment.ENQUEUED_TO_SENT },
  { name: 'sent_to_acked', segment: LatencySegment.SENT_TO_ACKED },
];

/** One segment's numbers in the host report (ns). */
export interface SegmentLatency {
  readonly count: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly maxNs: number;
}

const EMPTY: SegmentLatency = { count: 0, p50Ns: 0, p99Ns: 0, maxNs: 0 };

export class SegmentLatencyFolder {
  readonly #reader: SampleRingReader;
  readonly #folder = new HistogramFolder();
  readonly #fold = (valueNs: number, tag: number): void => this.#folder.record(tag % SEGMENT_COUNT, valueNs);

  constructor(gatewaySamples: SharedArrayBuffer) {
    this.#reader = SampleRingReader.attach(gatewaySamples);
  }

  /** Folds everything recorded since the last call (bounded); returns samples folded. */
  drain(): number {
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const n = this.#reader.poll(this.#fold);
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Samples the gateway overwrote before we read them (lossy by design, counted). */
  get missed(): number {
    return this.#reader.missed;
  }

  summary(segment: number): SegmentLatency {
    const s: TagSummary | undefined = this.#folder.summary(segment);
    if (s === undefined) return EMPTY;
    return { count: s.count, p50Ns: s.p50, p99Ns: s.p99, maxNs: s.max };
  }

  /** Every segment by name (report order). */
  all(): Record<string, SegmentLatency> {
    const out: Record<string, SegmentLatency> = {};
    for (const { name, segment } of SEGMENT_ORDER) out[name] = this.summary(segment);
    return out;
  }

  /** Proto histograms for the admin LatencyReport. */
  histograms(includeEncoded: boolean): Histogram[] {
    return SEGMENT_ORDER.map(({ name, segment }) => {
      const s = this.#folder.summary(segment);
      const h = this.#folder.histogram(segment);
      return {
        name,
        tag: segment,
        count: s?.count ?? 0,
        meanNs: s?.mean ?? 0,
        minNs: s?.min ?? 0,
        p50Ns: s?.p50 ?? 0,
        p90Ns: s?.p90 ?? 0,
        p99Ns: s?.p99 ?? 0,
        p999Ns: s?.p999 ?? 0,
        maxNs: s?.max ?? 0,
        clampedHigh: s?.clampedHigh ?? 0,
        clampedLow: s?.clampedLow ?? 0,
        invalid: s?.invalid ?? 0,
        encodedHdr: includeEncoded && h !== undefined ? encodeHistogram(h) : '',
      };
    });
  }

  close(): void {
    this.#folder.close();
  }
}
