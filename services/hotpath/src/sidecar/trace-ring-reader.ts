// The reader side of a trace ring (layout in trace-ring-descriptor.ts): the sidecar drains the
// records it has not seen, validates each under its seqlock and counts every record it missed
// because the writer lapped it. Not hot-path: drain() allocates one object per record.
import { LONG_READ_CONTENDED, loadLong } from '@ringside/counters';
import {
  TRACE_FIELD,
  TRACE_RING_LAYOUT as L,
  TRACE_STAMP,
  traceRecordOffset,
} from './trace-ring-descriptor.ts';
import { traceRingCapacityOf } from './trace-sampler.ts';

/** One validated record, as the worker staged it. */
export interface SampledTrace {
  readonly sequence: number;
  readonly worker: number;
  readonly strategy: number;
  readonly status: number;
  readonly reason: number;
  readonly flags: number;
  readonly orderId: number;
  readonly mdSequence: number;
  readonly ingestNs: number;
  readonly ringPublishNs: number;
  readonly decisionReadNs: number;
  readonly enqueuedNs: number;
  readonly sentNs: number;
  readonly ackedNs: number;
}

export class TraceRingReader {
  readonly capacity: number;
  readonly every: number;
  readonly #words: Int32Array;
  readonly #f64: Float64Array;
  readonly #ints = new Int32Array(TRACE_FIELD.COUNT);
  readonly #stamps = new Float64Array(TRACE_STAMP.COUNT);
  #cursor = 0;
  #missed = 0;

  private constructor(buffer: SharedArrayBuffer, capacity: number) {
    this.capacity = capacity;
    this.#words = new Int32Array(buffer);
    this.#f64 = new Float64Array(buffer);
    this.every = Atomics.load(this.#words, L.EVERY_INDEX);
  }

  /** Attach on any thread; throws SidecarError INVALID_BUFFER. */
  static attach(buffer: SharedArrayBuffer): TraceRingReader {
    return new TraceRingReader(buffer, traceRingCapacityOf(buffer));
  }

  /** Up to `limit` unseen records, oldest first; lapped or torn ones are counted in `missed`. */
  drain(limit: number): SampledTrace[] {
    const out: SampledTrace[] = [];
    const tail = loadLong(this.#words, L.TAIL_INDEX);
    if (tail === LONG_READ_CONTENDED || tail <= this.#cursor) return out;
    // Records below tail - capacity have been overwritten (or are being): skip them unread.
    if (this.#cursor < tail - this.capacity) {
      this.#missed += tail - this.capacity - this.#cursor;
      this.#cursor = tail - this.capacity;
    }
    const end = Math.min(tail, this.#cursor + limit);
    for (let k = this.#cursor; k < end; k++) {
      const record = this.#read(k);
      if (record === undefined) this.#missed++;
      else out.push(record);
    }
    this.#cursor = end;
    return out;
  }

  #read(k: number): SampledTrace | undefined {
    const at = traceRecordOffset(k % this.capacity);
    const word = at >> 2;
    const slot = at >> 3;
    const words = this.#words;
    const f64 = this.#f64;
    const before = Atomics.load(words, word + L.VERSION_WORD);
    if ((before & 1) !== 0) return undefined;
    const ints = this.#ints;
    const stamps = this.#stamps;
    for (let i = 0; i < TRACE_FIELD.COUNT; i++) ints[i] = words[word + L.INT_FIELDS_WORD + i];
    const sequence = f64[slot + L.SEQ_F64];
    for (let i = 0; i < TRACE_STAMP.COUNT; i++) stamps[i] = f64[slot + L.STAMP_FIELDS_F64 + i];
    if (Atomics.load(words, word + L.VERSION_WORD) !== before || sequence !== k) return undefined;
    return {
      sequence,
      worker: ints[TRACE_FIELD.WORKER],
      strategy: ints[TRACE_FIELD.STRATEGY],
      status: ints[TRACE_FIELD.STATUS],
      reason: ints[TRACE_FIELD.REASON],
      flags: ints[TRACE_FIELD.FLAGS],
      orderId: stamps[TRACE_STAMP.ORDER_ID],
      mdSequence: stamps[TRACE_STAMP.MD_SEQUENCE],
      ingestNs: stamps[TRACE_STAMP.INGEST],
      ringPublishNs: stamps[TRACE_STAMP.RING_PUBLISH],
      decisionReadNs: stamps[TRACE_STAMP.DECISION_READ],
      enqueuedNs: stamps[TRACE_STAMP.ENQUEUED],
      sentNs: stamps[TRACE_STAMP.SENT],
      ackedNs: stamps[TRACE_STAMP.ACKED],
    };
  }

  /** Records lost to overwriting so far. */
  get missed(): number {
    return this.#missed;
  }

  /** Next record number this reader expects. */
  get position(): number {
    return this.#cursor;
  }
}
