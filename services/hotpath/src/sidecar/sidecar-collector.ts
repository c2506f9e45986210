// What the sidecar does each interval, apart from NATS: read counters, fold latency samples,
// copy the state block, drain events and sampled traces, and encode them as protobuf messages
// into the outbox. Reads shared memory only (never writes it). Allocates freely: it runs once
// per interval on its own thread, never on a hot one.
import { COUNTER_TYPE, CountersReader, HistogramFolder, SampleRingReader } from '@ringside/counters';
import {
  Event,
  MetricsSnapshot,
  OrderStatus,
  OrderTrace,
  StateSnapshot,
  TELEMETRY_KIND,
  telemetrySubject,
} from '@ringside/contracts';
import type { Counter, Histogram, Stamp, TelemetryKind } from '@ringside/contracts';
import { CompletionStatus } from '../orders/completion-descriptor.ts';
import { EventQueueReader } from './event-queue.ts';
import { taggedSampleRing } from './sidecar-buffers.ts';
import type { SidecarBuffers } from './sidecar-buffers.ts';
import type { SidecarConfig } from './sidecar-config.ts';
import { SidecarOutbox } from './sidecar-outbox.ts';
import { TelemetryStateReader } from './telemetry-state.ts';
import { TRACE_FLAG } from './trace-ring-descriptor.ts';
import { TraceRingReader } from './trace-ring-reader.ts';
import type { SampledTrace } from './trace-ring-reader.ts';

/**
 * Ids of the sidecar's own counters in MetricsSnapshot.counters: above any counters-set id
 * (capacity <= 2^20), so they never collide with the hot path's.
 */
export const SIDECAR_COUNTER_ID = {
  SAMPLES_MISSED: 0x7fff_0001,
  TRACES_MISSED: 0x7fff_0002,
  EVENTS_DROPPED: 0x7fff_0003,
  SNAPSHOTS_DROPPED: 0x7fff_0004,
} as const;

/** A trace record's STATUS (a CompletionStatus, as the gateway knows it) → the proto OrderStatus. */
const ORDER_STATUS_OF: ReadonlyMap<number, OrderTrace['status']> = new Map<number, OrderTrace['status']>([
  [CompletionStatus.ACCEPTED, OrderStatus.ACCEPTED],
  [CompletionStatus.REJECTED, OrderStatus.REJECTED],
  [CompletionStatus.FILLED, OrderStatus.FILLED],
  [CompletionStatus.PARTIALLY_FILLED, OrderStatus.FILLED],
  [CompletionStatus.CANCELED, OrderStatus.CANCELED],
  [CompletionStatus.TIMEOUT, OrderStatus.TIMEOUT],
  [CompletionStatus.LOCAL_REJECT, OrderStatus.LOCAL_REJECT],
]);

/** A moment on both clocks: monotonic ns (nowNs) and wall ms (epoch, sub-ms). */
export interface ClockReading {
  readonly monoNs: number;
  readonly wallMs: number;
}

export interface CollectorTotals {
  readonly ticks: number;
  readonly samplesMissed: number;
  readonly tracesMissed: number;
  readonly tracesPublished: number;
  readonly eventsPublished: number;
}

export class SidecarCollector {
  readonly config: SidecarConfig;
  readonly bootId: string;
  readonly outbox: SidecarOutbox;
  readonly #counters: CountersReader;
  readonly #folder: HistogramFolder;
  /** Each sample ring's reader and its fold handler (adds the ring's tag base). */
  readonly #rings: { readonly reader: SampleRingReader; readonly fold: (v: number, tag: number) => void }[];
  readonly #traces: TraceRingReader[];
  readonly #state: TelemetryStateReader;
  readonly #events: EventQueueReader;
  readonly #sequences = new Map<TelemetryKind, number>();
  #intervalStartNs: number;
  #ticks = 0;
  #tracesPublished = 0;
  #eventsPublished = 0;

  constructor(config: SidecarConfig, buffers: SidecarBuffers, bootId: string, startNs: number) {
    this.config = config;
    this.bootId = bootId;
    this.outbox = new SidecarOutbox(config.outboxCapacity);
    this.#counters = CountersReader.attach(buffers.counters);
    this.#folder = new HistogramFolder();
    const folder = this.#folder;
    this.#rings = buffers.sampleRings.map((r) => {
      const { buffer, tagBase } = taggedSampleRing(r);
      return {
        reader: SampleRingReader.attach(buffer),
        fold: (valueNs: number, tag: number) => folder.record(tagBase + tag, valueNs),
      };
    });
    this.#traces = buffers.traceRings.map((ring) => TraceRingReader.attach(ring));
    this.#state = TelemetryStateReader.attach(buffers.state);
    this.#events = new EventQueueReader(buffers.events);
    this.#intervalStartNs = startNs;
  }

  /** One interval: every message goes into the outbox (published later, best effort). */
  collect(now: ClockReading): void {
    this.#ticks++;
    const state = this.#state.read();
    const trustedSinceNs = state?.trustedSinceNs ?? Number.POSITIVE_INFINITY;
    this.#collectMetrics(now, state?.state ?? 0, this.#intervalStartNs >= trustedSinceNs);
    this.#intervalStartNs = now.monoNs;
    if (state !== undefined) {
      const snapshot = StateSnapshot.fromPartial({
        stamp: this.#stamp(TELEMETRY_KIND.STATE, now, now.monoNs),
        state: state.state as StateSnapshot['state'],
        reason: state.reason,
        sinceMonoNs: state.sinceNs,
        consumers: state.consumers.map((c) => ({
          id: c.id,
          name: c.name,
          state: c.state as StateSnapshot['consumers'][number]['state'],
          lag: Math.max(0, c.lag),
          loss: Math.max(0, c.loss),
          reason: c.reason,
        })),
        shedLevel: state.shedLevel,
        halted: state.halted,
        trusted: state.trusted,
      });
      this.#push(TELEMETRY_KIND.STATE, StateSnapshot.encode(snapshot).finish());
    }
    this.#collectEvents(now);
    this.#collectTraces(now, trustedSinceNs);
  }

  get totals(): CollectorTotals {
    return {
      ticks: this.#ticks,
      samplesMissed: this.#samplesMissed(),
      tracesMissed: this.#tracesMissed(),
      tracesPublished: this.#tracesPublished,
      eventsPublished: this.#eventsPublished,
    };
  }

  close(): void {
    this.#folder.close();
  }

  #collectMetrics(now: ClockReading, phase: number, trusted: boolean): void {
    const counters: Counter[] = [];
    this.#counters.forEach((id, typeId, label, value) => {
      if (value >= 0) counters.push({ id, typeId, label, value });
    });
    const own = (id: number, typeId: number, label: string, value: number): void => {
      counters.push({ id, typeId, label, value });
    };
    own(
      SIDECAR_COUNTER_ID.SAMPLES_MISSED,
      COUNTER_TYPE.SAMPLES_MISSED,
      'sidecar.samples_missed',
      this.#samplesMissed(),
    );
    own(
      SIDECAR_COUNTER_ID.TRACES_MISSED,
      COUNTER_TYPE.SAMPLES_MISSED,
      'sidecar.traces_missed',
      this.#tracesMissed(),
    );
    own(
      SIDECAR_COUNTER_ID.EVENTS_DROPPED,
      COUNTER_TYPE.QUEUE_FULL,
      'sidecar.events_dropped',
      this.#events.dropped,
    );
    own(
      SIDECAR_COUNTER_ID.SNAPSHOTS_DROPPED,
      COUNTER_TYPE.QUEUE_FULL,
      'sidecar.snapshots_dropped',
      this.outbox.dropped,
    );
    for (const { reader, fold } of this.#rings) reader.poll(fold);
    const histograms: Histogram[] = [];
    for (const tag of this.#folder.tags()) {
      const s = this.#folder.summary(tag);
      if (s === undefined || s.count === 0) continue;
      histograms.push({
        name: this.config.latencyTags[String(tag)] ?? `tag_${tag}`,
        tag,
        count: s.count,
        meanNs: s.mean,
        minNs: s.min,
        p50Ns: s.p50,
        p90Ns: s.p90,
        p99Ns: s.p99,
        p999Ns: s.p999,
        maxNs: s.max,
        clampedHigh: s.clampedHigh,
        clampedLow: s.clampedLow,
        invalid: s.invalid,
        encodedHdr: this.#folder.encode(tag) ?? '',
      });
    }
    this.#folder.reset();
    const snapshot = MetricsSnapshot.fromPartial({
      stamp: this.#stamp(TELEMETRY_KIND.METRICS, now, now.monoNs),
      trusted,
      phase: phase as MetricsSnapshot['phase'],
      intervalStartMonoNs: this.#intervalStartNs,
      counters,
      histograms,
      droppedSnapshots: this.outbox.dropped,
    });
    this.#push(TELEMETRY_KIND.METRICS, MetricsSnapshot.encode(snapshot).finish());
  }

  #collectEvents(now: ClockReading): void {
    for (const { monoNs, event } of this.#events.drain(this.config.eventLimitPerTick)) {
      const stamped = Event.fromPartial({ ...event, stamp: this.#stamp(TELEMETRY_KIND.EVENTS, now, monoNs) });
      this.#push(TELEMETRY_KIND.EVENTS, Event.encode(stamped).finish());
      this.#eventsPublished++;
    }
  }

  #collectTraces(now: ClockReading, trustedSinceNs: number): void {
    for (const ring of this.#traces) {
      for (const record of ring.drain(this.config.traceLimitPerTick)) {
        const trace = this.#orderTrace(record, now, trustedSinceNs);
        this.#push(TELEMETRY_KIND.TRACES, OrderTrace.encode(trace).finish());
        this.#tracesPublished++;
      }
    }
  }

  #orderTrace(r: SampledTrace, now: ClockReading, trustedSinceNs: number): OrderTrace {
    const first = firstStamp(r);
    const trusted = (r.flags & TRACE_FLAG.WARM_UP) === 0 && first > 0 && first >= trustedSinceNs;
    const names = this.config;
    return OrderTrace.fromPartial({
      stamp: this.#stamp(TELEMETRY_KIND.TRACES, now, now.monoNs),
      orderId: r.orderId,
      worker: r.worker,
      strategy: names.strategyNames[r.strategy] ?? `strategy_${r.strategy}`,
      ingestNs: r.ingestNs,
      ringPublishNs: r.ringPublishNs,
      decisionReadNs: r.decisionReadNs,
      enqueuedNs: r.enqueuedNs,
      sentNs: r.sentNs,
      ackedNs: r.ackedNs,
      status: ORDER_STATUS_OF.get(r.status) ?? OrderStatus.UNSPECIFIED,
      reason: names.reasonNames[r.reason] ?? (r.reason === 0 ? '' : `reason_${r.reason}`),
      trusted,
      mdSequence: r.mdSequence,
    });
  }

  #samplesMissed(): number {
    let missed = 0;
    for (const { reader } of this.#rings) missed += reader.missed;
    return missed;
  }

  #tracesMissed(): number {
    let missed = 0;
    for (const ring of this.#traces) missed += ring.missed;
    return missed;
  }

  /** A Stamp for a message about `atNs`, with the wall time that monotonic moment maps to. */
  #stamp(kind: TelemetryKind, now: ClockReading, atNs: number): Stamp {
    const sequence = (this.#sequences.get(kind) ?? 0) + 1;
    this.#sequences.set(kind, sequence);
    const wallMs = now.wallMs - (now.monoNs - atNs) / 1e6;
    const seconds = Math.floor(wallMs / 1000);
    return {
      host: this.config.host,
      monoNs: atNs,
      wallTime: { seconds, nanos: Math.min(999_999_999, Math.round((wallMs - seconds * 1000) * 1e6)) },
      sequence,
      bootId: this.bootId,
    };
  }

  #push(kind: TelemetryKind, data: Uint8Array): void {
    this.outbox.push(telemetrySubject(this.config.host, kind), data);
  }
}

/** The earliest non-zero stamp of a trace (0 if none). */
function firstStamp(r: SampledTrace): number {
  for (const s of [r.ingestNs, r.ringPublishNs, r.decisionReadNs, r.enqueuedNs, r.sentNs, r.ackedNs]) {
    if (s > 0) return s;
  }
  return 0;
}
