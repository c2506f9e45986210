// The reader side of a SampleRing (layout in sample-ring-descriptor.ts): drains the samples it
// has not seen, validating each batch seqlock-style, and counts every sample it missed because
// the writer lapped it. One reader per ring (the sidecar); not hot-path, but poll() allocates
// nothing itself so it can run often.
import { LONG_READ_CONTENDED, loadLong } from './atomic-long.ts';
import { SAMPLE_RING_LAYOUT, sampleRingCapacityOf, tagsOffset } from './sample-ring-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';

const TAIL = SAMPLE_RING_LAYOUT.TAIL_INDEX;
const INTENT = SAMPLE_RING_LAYOUT.INTENT_INDEX;

export type SampleHandler = (valueNs: number, tag: number) => void;

export interface SampleRingReaderOptions {
  /** Most samples one poll() copies (size of the reader's scratch arrays). Default: capacity. */
  readonly batchLimit?: number;
  /**
   * Start at the writer's current tail instead of sample 0. With the default (false) every
   * sample ever recorded ends up either delivered or counted as missed.
   */
  readonly fromTail?: boolean;
}

export class SampleRingReader {
  readonly capacity: number;
  readonly #words: Int32Array;
  readonly #values: Float64Array;
  readonly #tags: Int32Array;
  readonly #mask: number;
  readonly #scratchValues: Float64Array;
  readonly #scratchTags: Int32Array;
  #cursor = 0;
  #missed = 0;
  #delivered = 0;

  private constructor(buffer: SharedArrayBuffer, capacity: number, batchLimit: number) {
    this.capacity = capacity;
    this.#words = new Int32Array(buffer);
    this.#values = new Float64Array(buffer, SAMPLE_RING_LAYOUT.VALUES_OFFSET, capacity);
    this.#tags = new Int32Array(buffer, tagsOffset(capacity), capacity);
    this.#mask = capacity - 1;
    this.#scratchValues = new Float64Array(batchLimit);
    this.#scratchTags = new Int32Array(batchLimit);
  }

  /** Attach to a ring's buffer on any thread. Throws INVALID_BUFFER or INVALID_CAPACITY. */
  static attach(buffer: SharedArrayBuffer, options: SampleRingReaderOptions = {}): SampleRingReader {
    const capacity = sampleRingCapacityOf(buffer);
    const batchLimit = options.batchLimit ?? capacity;
    if (!Number.isInteger(batchLimit) || batchLimit < 1 || batchLimit > capacity) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.INVALID_CAPACITY,
        `batchLimit ${batchLimit} is not in [1, ${capacity}]`,
      );
    }
    const reader = new SampleRingReader(buffer, capacity, batchLimit);
    if (options.fromTail === true) {
      const tail = loadLong(reader.#words, TAIL);
      if (tail !== LONG_READ_CONTENDED) reader.#cursor = tail;
    }
    return reader;
  }

  /**
   * Deliver up to `limit` unseen samples, oldest first, to `handler`; returns how many. Samples
   * the writer overwrote before or while they were copied are skipped and added to `missed`.
   */
  poll(handler: SampleHandler, limit: number = this.#scratchValues.length): number {
    // INTENT before TAIL: INTENT <= TAIL + stride at every instant and both only grow, so
    // this INTENT - capacity stays below the TAIL read next (the skip below never passes it).
    const intentBefore = loadLong(this.#words, INTENT);
    const tail = loadLong(this.#words, TAIL);
    let cursor = this.#cursor;
    if (intentBefore === LONG_READ_CONTENDED || tail === LONG_READ_CONTENDED || tail <= cursor) return 0;
    // Whatever is below INTENT - capacity is already gone: skip it without copying.
    const oldest = intentBefore - this.capacity;
    if (cursor < oldest) {
      this.#missed += oldest - cursor;
      cursor = oldest;
    }
    const end = Math.min(tail, cursor + Math.min(limit, this.#scratchValues.length));
    const count = this.#copy(cursor, end);
    const intentAfter = loadLong(this.#words, INTENT);
    if (intentAfter === LONG_READ_CONTENDED) {
      this.#cursor = cursor;
      return 0;
    }
    // Copies of samples below INTENT - capacity may have been overwritten mid-copy: discard.
    const firstValid = Math.min(Math.max(cursor, intentAfter - this.capacity), end);
    const skipped = firstValid - cursor;
    this.#missed += skipped;
    for (let i = skipped; i < count; i++) handler(this.#scratchValues[i], this.#scratchTags[i]);
    this.#cursor = end;
    this.#delivered += count - skipped;
    return count - skipped;
  }

  #copy(from: number, to: number): number {
    const values = this.#values;
    const tags = this.#tags;
    const mask = this.#mask;
    const scratchValues = this.#scratchValues;
    const scratchTags = this.#scratchTags;
    let n = 0;
    for (let k = from; k < to; k++, n++) {
      const index = k & mask;
      scratchValues[n] = values[index];
      scratchTags[n] = tags[index];
    }
    return n;
  }

  /** Samples lost to overwriting so far. */
  get missed(): number {
    return this.#missed;
  }

  /** Samples delivered so far. */
  get delivered(): number {
    return this.#delivered;
  }

  /** Next sample number this reader expects; delivered + missed when starting from 0. */
  get position(): number {
    return this.#cursor;
  }

  /** Samples recorded but not yet polled (LONG_READ_CONTENDED if the tail is unreadable now). */
  lag(): number {
    const tail = loadLong(this.#words, TAIL);
    return tail === LONG_READ_CONTENDED ? tail : tail - this.#cursor;
  }
}
