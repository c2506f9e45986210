// Latency attribution of orders, per strategy: every segment between the six stamps an order
// carries (ingest → ring publish → decision read → enqueued → sent → acked), plus the two sums
// the architecture names: decision latency (ingest → enqueued, ours) and execution latency
// (enqueued → acked, the venue's). The gateway records them into one SampleRing when an order's
// first answer arrives (hot: no allocation); the reader side folds them into HdrHistograms.
import { HistogramFolder, SampleRingReader } from '@ringside/counters';
import type { SampleRing, TagSummary } from '@ringside/counters';
import { OrderCommandDescriptor as O } from '../orders/order-command-descriptor.ts';
import { TRACE_FIELD as TF, TRACE_STAMP as TS } from '../sidecar/trace-ring-descriptor.ts';
import type { TraceSampler } from '../sidecar/trace-sampler.ts';
import { InFlightDescriptor as D } from './in-flight-descriptor.ts';

/** Segment numbers; tag = strategyId × SEGMENT_COUNT + segment. */
export const LatencySegment = {
  INGEST_TO_PUBLISH: 0,
  PUBLISH_TO_READ: 1,
  READ_TO_ENQUEUED: 2,
  ENQUEUED_TO_SENT: 3,
  SENT_TO_ACKED: 4,
  /** Decision latency: ingest → enqueued. */
  DECISION: 5,
  /** Execution latency: enqueued → acked. */
  EXECUTION: 6,
} as const;
export const SEGMENT_COUNT = 7;

const SEGMENT_NAMES: readonly string[] = [
  'ingest_to_publish',
  'publish_to_read',
  'read_to_enqueued',
  'enqueued_to_sent',
  'sent_to_acked',
  'decision',
  'execution',
];

export function latencyTag(strategyId: number, segment: number): number {
  return strategyId * SEGMENT_COUNT + segment;
}

const INGEST_D = O.INGEST_NS_OFFSET >> 3;
const PUBLISH_D = O.PUBLISH_NS_OFFSET >> 3;
const READ_D = O.DECISION_READ_NS_OFFSET >> 3;
const ENQUEUED_D = O.ENQUEUED_NS_OFFSET >> 3;
const SENT_D = D.SENT_NS_OFFSET >> 3;
const ACKED_D = D.ACKED_NS_OFFSET >> 3;
const STRATEGY_W = O.STRATEGY_ID_OFFSET >> 2;
const WORKER_W = O.WORKER_ID_OFFSET >> 2;
const ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const FEED_SEQUENCE_D = O.FEED_SEQUENCE_OFFSET >> 3;

/**
 * Records the seven samples of one answered order from its in-flight record (views + byte
 * offset). Values are read from the typed arrays inside this function, never passed in, so
 * nothing is boxed.
 */
export function recordOrderLatency(
  ring: SampleRing,
  i32: Int32Array,
  f64: Float64Array,
  offset: number,
): void {
  const d = offset >> 3;
  const base = i32[(offset >> 2) + STRATEGY_W]! * SEGMENT_COUNT;
  const ingest = f64[d + INGEST_D]!;
  const publish = f64[d + PUBLISH_D]!;
  const read = f64[d + READ_D]!;
  const enqueued = f64[d + ENQUEUED_D]!;
  const sent = f64[d + SENT_D]!;
  const acked = f64[d + ACKED_D]!;
  ring.record(publish - ingest, base + LatencySegment.INGEST_TO_PUBLISH);
  ring.record(read - publish, base + LatencySegment.PUBLISH_TO_READ);
  ring.record(enqueued - read, base + LatencySegment.READ_TO_ENQUEUED);
  ring.record(sent - enqueued, base + LatencySegment.ENQUEUED_TO_SENT);
  ring.record(acked - sent, base + LatencySegment.SENT_TO_ACKED);
  ring.record(enqueued - ingest, base + LatencySegment.DECISION);
  ring.record(acked - enqueued, base + LatencySegment.EXECUTION);
}

/**
 * Stages one order's timeline for a trace record (TraceSampler, trace-ring-descriptor.ts) from
 * an order command / in-flight record (views + byte offset): ids, feed sequence, the four
 * stamps the command carries, worker and strategy, and `status` / `reason` / `flags`. SENT and
 * ACKED are the caller's (the in-flight record has them, the warm-up sink stamps its own).
 * Copies typed array to typed array: nothing boxed, nothing allocated.
 */
export function stageOrderTrace(
  sampler: TraceSampler,
  i32: Int32Array,
  f64: Float64Array,
  offset: number,
  status: number,
  reason: number,
  flags: number,
): void {
  const d = offset >> 3;
  const w = offset >> 2;
  const stamps = sampler.stamps;
  stamps[TS.ORDER_ID] = f64[d + ORDER_ID_D]!;
  stamps[TS.MD_SEQUENCE] = f64[d + FEED_SEQUENCE_D]!;
  stamps[TS.INGEST] = f64[d + INGEST_D]!;
  stamps[TS.RING_PUBLISH] = f64[d + PUBLISH_D]!;
  stamps[TS.DECISION_READ] = f64[d + READ_D]!;
  stamps[TS.ENQUEUED] = f64[d + ENQUEUED_D]!;
  const fields = sampler.fields;
  fields[TF.WORKER] = i32[w + WORKER_W]!;
  fields[TF.STRATEGY] = i32[w + STRATEGY_W]!;
  fields[TF.STATUS] = status;
  fields[TF.REASON] = reason;
  fields[TF.FLAGS] = flags;
}

/** Stages (stageOrderTrace) and commits an answered order's trace from its in-flight record. */
export function recordOrderTrace(
  sampler: TraceSampler,
  i32: Int32Array,
  f64: Float64Array,
  offset: number,
  status: number,
  reason: number,
): void {
  stageOrderTrace(sampler, i32, f64, offset, status, reason, 0);
  const d = offset >> 3;
  sampler.stamps[TS.SENT] = f64[d + SENT_D]!;
  sampler.stamps[TS.ACKED] = f64[d + ACKED_D]!;
  sampler.commit();
}

/** One row of a latency report. */
export interface SegmentReport extends TagSummary {
  readonly strategyId: number;
  readonly segment: string;
}

/**
 * The reader side (sidecar, reports, tests): drains the gateway's sample ring into one
 * HdrHistogram per (strategy, segment). Control plane: allocates.
 */
export class OrderLatencyReport {
  readonly folder: HistogramFolder;

  constructor(samples: SharedArrayBuffer) {
    this.folder = new HistogramFolder();
    this.folder.addRing(SampleRingReader.attach(samples));
  }

  /** Folds what the gateway recorded since the last call; returns samples folded. */
  drain(): number {
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const n = this.folder.drain();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Samples the ring overwrote before they were read (lossy by design, counted). */
  get missed(): number {
    return this.folder.missed;
  }

  summary(strategyId: number, segment: number): SegmentReport | undefined {
    const s = this.folder.summary(latencyTag(strategyId, segment));
    if (s === undefined) return undefined;
    return { ...s, strategyId, segment: SEGMENT_NAMES[segment] ?? String(segment) };
  }

  /** Every (strategy, segment) seen, ordered by tag. */
  rows(): SegmentReport[] {
    const out: SegmentReport[] = [];
    for (const tag of this.folder.tags()) {
      const strategyId = Math.floor(tag / SEGMENT_COUNT);
      const r = this.summary(strategyId, tag - strategyId * SEGMENT_COUNT);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
}
