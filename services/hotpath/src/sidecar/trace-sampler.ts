// The writer side of a trace ring (layout in trace-ring-descriptor.ts), used by a hot worker.
// Hot path: no allocation, no lock, no throw. Per completion the worker calls shouldSample();
// on true it fills `stamps` and `fields` (typed arrays, so 53-bit values never box through a
// call) and calls commit(), which copies them into the next record under its seqlock.
import { loadLong, storeLong } from '@ringside/counters';
import { SidecarError, SidecarErrorCode } from './sidecar-error.ts';
import {
  TRACE_FIELD,
  TRACE_RING_LAYOUT as L,
  TRACE_STAMP,
  traceRecordOffset,
  traceRingByteLength,
} from './trace-ring-descriptor.ts';

/** A new trace ring of `capacity` records (a power of two) sampling every `every`-th completion. */
export function createTraceRingBuffer(capacity: number, every: number): SharedArrayBuffer {
  if (
    !Number.isInteger(capacity) ||
    capacity < L.MIN_CAPACITY ||
    capacity > L.MAX_CAPACITY ||
    (capacity & (capacity - 1)) !== 0
  ) {
    throw new SidecarError(
      SidecarErrorCode.INVALID_ARGUMENT,
      `trace ring capacity ${capacity} is not a power of two in [${L.MIN_CAPACITY}, ${L.MAX_CAPACITY}]`,
    );
  }
  if (!Number.isInteger(every) || every < 1 || every > 0x7fffffff) {
    throw new SidecarError(
      SidecarErrorCode.INVALID_ARGUMENT,
      `sampling period ${every} is not a positive int32`,
    );
  }
  const buffer = new SharedArrayBuffer(traceRingByteLength(capacity));
  const words = new Int32Array(buffer);
  words[L.CAPACITY_INDEX] = capacity;
  words[L.EVERY_INDEX] = every;
  Atomics.store(words, L.MAGIC_INDEX, L.MAGIC);
  return buffer;
}

/** Capacity of a trace ring buffer after checking its stamp and size; throws INVALID_BUFFER. */
export function traceRingCapacityOf(buffer: SharedArrayBuffer): number {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < L.HEADER_LENGTH) {
    throw new SidecarError(SidecarErrorCode.INVALID_BUFFER, 'not a trace ring buffer');
  }
  const words = new Int32Array(buffer);
  const capacity = Atomics.load(words, L.CAPACITY_INDEX);
  if (Atomics.load(words, L.MAGIC_INDEX) !== L.MAGIC || buffer.byteLength !== traceRingByteLength(capacity)) {
    throw new SidecarError(SidecarErrorCode.INVALID_BUFFER, 'trace ring stamp or size mismatch');
  }
  return capacity;
}

export class TraceSampler {
  readonly capacity: number;
  readonly every: number;
  /** Stage the sampled order's stamps here (indexes: TRACE_STAMP). */
  readonly stamps = new Float64Array(TRACE_STAMP.COUNT);
  /** Stage the sampled order's int fields here (indexes: TRACE_FIELD). */
  readonly fields = new Int32Array(TRACE_FIELD.COUNT);
  readonly #words: Int32Array;
  readonly #f64: Float64Array;
  readonly #mask: number;
  /** [0] = completions since the last sample. */
  readonly #countdown = new Int32Array(1);
  /** [0] = next record number (the writer's copy of TAIL). */
  readonly #tail = new Float64Array(1);
  /** [0] = tail & mask, kept apart so indexing never does integer math on a large double. */
  readonly #index = new Int32Array(1);

  private constructor(buffer: SharedArrayBuffer, capacity: number) {
    this.capacity = capacity;
    this.#words = new Int32Array(buffer);
    this.#f64 = new Float64Array(buffer);
    this.#mask = capacity - 1;
    this.every = Atomics.load(this.#words, L.EVERY_INDEX);
  }

  /** Become the ring's single writer on this thread. Throws SidecarError INVALID_BUFFER. */
  static attach(buffer: SharedArrayBuffer): TraceSampler {
    const sampler = new TraceSampler(buffer, traceRingCapacityOf(buffer));
    const tail = loadLong(sampler.#words, L.TAIL_INDEX);
    if (tail < 0) throw new SidecarError(SidecarErrorCode.INVALID_BUFFER, 'trace ring tail unreadable');
    sampler.#tail[0] = tail;
    sampler.#index[0] = tail % sampler.capacity;
    return sampler;
  }

  /** Call once per completion: true every `every`-th call (then fill and commit()). */
  shouldSample(): boolean {
    const countdown = this.#countdown;
    const next = countdown[0] + 1;
    if (next >= this.every) {
      countdown[0] = 0;
      return true;
    }
    countdown[0] = next;
    return false;
  }

  /** Copy the staged stamps and fields into the next record and publish it. Never blocks. */
  commit(): void {
    const words = this.#words;
    const f64 = this.#f64;
    const index = this.#index[0];
    const at = traceRecordOffset(index);
    const word = at >> 2;
    const slot = at >> 3;
    const tail = this.#tail[0];
    const version = words[word + L.VERSION_WORD];
    Atomics.store(words, word + L.VERSION_WORD, version + 1);
    const fields = this.fields;
    for (let i = 0; i < TRACE_FIELD.COUNT; i++) words[word + L.INT_FIELDS_WORD + i] = fields[i];
    f64[slot + L.SEQ_F64] = tail;
    const stamps = this.stamps;
    for (let i = 0; i < TRACE_STAMP.COUNT; i++) f64[slot + L.STAMP_FIELDS_F64 + i] = stamps[i];
    Atomics.store(words, word + L.VERSION_WORD, version + 2);
    this.#index[0] = (index + 1) & this.#mask;
    this.#tail[0] = tail + 1;
    storeLong(words, L.TAIL_INDEX, tail + 1);
  }

  /** Records committed so far. */
  get committed(): number {
    return this.#tail[0];
  }
}
