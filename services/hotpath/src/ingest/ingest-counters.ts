// The ingest worker's counters, through packages/counters. The conductor allocates them
// (allocateIngestCounters, control plane) and hands the ids to the worker; the worker tallies in
// a private Float64Array on the hot path (a plain increment, no atomics) and copies changed
// tallies into the shared counters once per socket read / replay batch (flush). Metrics are
// best-effort and at most one batch stale; the feed path never pays a seq-cst store per event.
import { COUNTER_TYPE, USER_COUNTER_TYPE_BASE } from '@ringside/counters';
import type { Counter, CountersManager, CountersReader, CountersWriterView } from '@ringside/counters';
import { FramingStatus, ItchStatus, ItchType } from '@ringside/protocols';

/** Scalar tallies: index into IngestTallies.scalars. */
export const IngestTally = {
  /** Feed messages handed to the normalizer (valid or not). */
  MESSAGES_IN: 0,
  /** Market events published to the ring (feed messages + GAP events). */
  EVENTS_PUBLISHED: 1,
  /** Feed messages only counted, not published (I, N, O). */
  COUNTED_ONLY: 2,
  /** Feed bytes received (socket reads, or replayed file bytes). */
  BYTES: 3,
  /** Socket reads (TCP) or replay batches (file, generator). */
  READS: 4,
  /** Sequence gaps detected (one GAP event each). */
  GAPS: 5,
  /** Feed messages missing across all gaps. */
  GAP_MESSAGES: 6,
  /** Messages dropped because their sequence was already delivered (never in the ring twice). */
  DUPLICATES: 7,
  /** TCP reconnections after a lost session. */
  RECONNECTS: 8,
  /** Publishes forced mid-read because a read held more events than half the ring. */
  BATCH_SPLITS: 9,
} as const;
export const INGEST_TALLY_COUNT = 10;

const SCALAR_LABELS: readonly string[] = [
  'messages_in',
  'events_published',
  'counted_only',
  'bytes',
  'reads',
  'gaps',
  'gap_messages',
  'duplicates',
  'reconnects',
  'batch_splits',
];

/** Counter type ids (what each counter counts), for exporters that group by kind. */
export const IngestCounterType = {
  MESSAGES_IN: COUNTER_TYPE.EVENTS_IN,
  /** Every other scalar tally. */
  SCALAR: USER_COUNTER_TYPE_BASE + 100,
  /** Feed messages by ITCH type letter (key = the type byte). */
  BY_TYPE: USER_COUNTER_TYPE_BASE + 101,
  /** Malformed input by kind (key = -status). */
  MALFORMED: USER_COUNTER_TYPE_BASE + 102,
} as const;

/** Malformed kinds counted: every negative ItchStatus and FramingStatus a replay can hit. */
const MALFORMED_STATUSES: readonly number[] = [
  ItchStatus.TRUNCATED,
  ItchStatus.UNKNOWN_TYPE,
  ItchStatus.WRONG_LENGTH,
  ItchStatus.BAD_FIELD_VALUE,
  ItchStatus.UNSAFE_INTEGER,
  ItchStatus.TYPE_MISMATCH,
  FramingStatus.TRUNCATED_HEADER,
  FramingStatus.LENGTH_BEYOND_BUFFER,
];

const ITCH_TYPE_BYTES: readonly number[] = Object.values(ItchType);

/** Counter ids of one ingest worker: plain arrays, so they travel in workerData. */
export interface IngestCounterIds {
  /** Id of each IngestTally, by index. */
  readonly scalars: readonly number[];
  /** ITCH type bytes and the id counting each. */
  readonly typeBytes: readonly number[];
  readonly typeIds: readonly number[];
  /** Negative status codes and the id counting each. */
  readonly malformedStatuses: readonly number[];
  readonly malformedIds: readonly number[];
}

/** Control plane (conductor thread): allocates every ingest counter, labelled `<prefix>.<name>`. */
export function allocateIngestCounters(manager: CountersManager, prefix = 'ingest'): IngestCounterIds {
  const scalars = SCALAR_LABELS.map((name, i) =>
    manager.allocate(
      `${prefix}.${name}`,
      i === IngestTally.MESSAGES_IN ? IngestCounterType.MESSAGES_IN : IngestCounterType.SCALAR,
    ),
  );
  const typeIds = ITCH_TYPE_BYTES.map((t) =>
    manager.allocate(`${prefix}.type.${String.fromCharCode(t)}`, IngestCounterType.BY_TYPE, Uint8Array.of(t)),
  );
  const malformedIds = MALFORMED_STATUSES.map((s) =>
    manager.allocate(
      `${prefix}.malformed.${malformedKindName(s)}`,
      IngestCounterType.MALFORMED,
      Uint8Array.of(-s),
    ),
  );
  return {
    scalars,
    typeBytes: [...ITCH_TYPE_BYTES],
    typeIds,
    malformedStatuses: [...MALFORMED_STATUSES],
    malformedIds,
  };
}

function malformedKindName(status: number): string {
  for (const [name, code] of Object.entries(ItchStatus)) if (code === status) return name;
  for (const [name, code] of Object.entries(FramingStatus)) if (code === status) return name;
  return `STATUS_${-status}`;
}

/**
 * The worker's private tallies. `scalars[IngestTally.X]++` and `byType[typeByte]++` are the hot
 * path; `malformed` is the ItchDecoder's own per-kind array (index = -status), shared, not copied.
 */
export class IngestTallies {
  readonly scalars = new Float64Array(INGEST_TALLY_COUNT);
  readonly byType = new Float64Array(256);
  readonly malformed: Float64Array;

  constructor(malformed: Float64Array) {
    this.malformed = malformed;
  }

  /** Malformed messages of every kind. */
  malformedTotal(): number {
    let t = 0;
    for (let i = 1; i < this.malformed.length; i++) t += this.malformed[i]!;
    return t;
  }
}

/**
 * Copies tallies into the shared counters. `flush()` is hot-path safe: one compare per counter,
 * a store only for those that changed since the last flush.
 */
export class IngestCountersPublisher {
  private readonly counters: Counter[] = [];
  private readonly sources: Float64Array[] = [];
  private readonly indexes: number[] = [];
  private readonly flushed: Float64Array;

  constructor(tallies: IngestTallies, view: CountersWriterView, ids: IngestCounterIds) {
    ids.scalars.forEach((id, i) => this.add(view.counter(id), tallies.scalars, i));
    ids.typeIds.forEach((id, i) => this.add(view.counter(id), tallies.byType, ids.typeBytes[i]!));
    ids.malformedIds.forEach((id, i) =>
      this.add(view.counter(id), tallies.malformed, -ids.malformedStatuses[i]!),
    );
    this.flushed = new Float64Array(this.counters.length);
  }

  flush(): void {
    const counters = this.counters;
    const sources = this.sources;
    const indexes = this.indexes;
    const flushed = this.flushed;
    for (let k = 0; k < counters.length; k++) {
      const v = sources[k]![indexes[k]!]!;
      if (v !== flushed[k]) {
        flushed[k] = v;
        counters[k]!.set(v);
      }
    }
  }

  private add(counter: Counter, source: Float64Array, index: number): void {
    this.counters.push(counter);
    this.sources.push(source);
    this.indexes.push(index);
  }
}

/** Control-plane view of the ingest counters (values read from any thread). */
export interface IngestCountersSnapshot {
  readonly messagesIn: number;
  readonly eventsPublished: number;
  readonly countedOnly: number;
  readonly bytes: number;
  readonly reads: number;
  readonly gaps: number;
  readonly gapMessages: number;
  readonly duplicates: number;
  readonly reconnects: number;
  readonly batchSplits: number;
  /** Non-zero counts by ITCH type letter. */
  readonly byType: Record<string, number>;
  /** Non-zero counts by malformed kind name. */
  readonly malformed: Record<string, number>;
}

/** Reads every ingest counter (allocates: control plane only). */
export function readIngestCounters(reader: CountersReader, ids: IngestCounterIds): IngestCountersSnapshot {
  const v = (id: number): number => reader.getCounterValue(id);
  const s = ids.scalars;
  const byType: Record<string, number> = {};
  ids.typeIds.forEach((id, i) => {
    const n = v(id);
    if (n > 0) byType[String.fromCharCode(ids.typeBytes[i]!)] = n;
  });
  const malformed: Record<string, number> = {};
  ids.malformedIds.forEach((id, i) => {
    const n = v(id);
    if (n > 0) malformed[malformedKindName(ids.malformedStatuses[i]!)] = n;
  });
  return {
    messagesIn: v(s[IngestTally.MESSAGES_IN]!),
    eventsPublished: v(s[IngestTally.EVENTS_PUBLISHED]!),
    countedOnly: v(s[IngestTally.COUNTED_ONLY]!),
    bytes: v(s[IngestTally.BYTES]!),
    reads: v(s[IngestTally.READS]!),
    gaps: v(s[IngestTally.GAPS]!),
    gapMessages: v(s[IngestTally.GAP_MESSAGES]!),
    duplicates: v(s[IngestTally.DUPLICATES]!),
    reconnects: v(s[IngestTally.RECONNECTS]!),
    batchSplits: v(s[IngestTally.BATCH_SPLITS]!),
    byType,
    malformed,
  };
}
