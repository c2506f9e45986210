// The writer side of a SampleRing (layout in sample-ring-descriptor.ts): one worker records
// latency samples; it never waits for the reader and overwrites the oldest sample when the
// reader is behind. Hot-path: record() allocates nothing, takes no lock, never throws.
import { loadLong, storeLong } from './atomic-long.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';
import {
  SAMPLE_RING_LAYOUT,
  createSampleRingBuffer,
  intentStride,
  sampleRingCapacityOf,
  tagsOffset,
} from './sample-ring-descriptor.ts';

const TAIL = SAMPLE_RING_LAYOUT.TAIL_INDEX;
const INTENT = SAMPLE_RING_LAYOUT.INTENT_INDEX;

export class SampleRing {
  readonly capacity: number;
  readonly buffer: SharedArrayBuffer;
  readonly #words: Int32Array;
  readonly #values: Float64Array;
  readonly #tags: Int32Array;
  readonly #mask: number;
  readonly #stride: number;
  /**
   * [0] = tail, [1] = intent: the writer's own copy of the two positions, kept in a typed array
   * so updating them never boxes a number (positions pass 2^31 within minutes at full rate).
   */
  readonly #position = new Float64Array(2);
  /** [0] = tail & mask, kept apart so indexing never does integer math on a large double. */
  readonly #index = new Int32Array(1);

  private constructor(buffer: SharedArrayBuffer, capacity: number) {
    this.capacity = capacity;
    this.buffer = buffer;
    this.#words = new Int32Array(buffer);
    this.#values = new Float64Array(buffer, SAMPLE_RING_LAYOUT.VALUES_OFFSET, capacity);
    this.#tags = new Int32Array(buffer, tagsOffset(capacity), capacity);
    this.#mask = capacity - 1;
    this.#stride = intentStride(capacity);
  }

  /** A new ring of `capacity` samples (a power of two). Throws INVALID_CAPACITY. */
  static allocate(capacity: number): SampleRing {
    return SampleRing.attach(createSampleRingBuffer(capacity));
  }

  /**
   * Become the ring's writer on this thread (e.g. a worker given `ring.buffer`). Continues from
   * the published positions, so a restarted writer does not rewind the reader. Only one writer
   * may be attached at a time. Throws INVALID_BUFFER.
   */
  static attach(buffer: SharedArrayBuffer): SampleRing {
    const ring = new SampleRing(buffer, sampleRingCapacityOf(buffer));
    const tail = loadLong(ring.#words, TAIL);
    const intent = loadLong(ring.#words, INTENT);
    if (tail < 0 || intent < tail) {
      throw new CountersError(COUNTERS_ERROR_CODE.INVALID_BUFFER, 'sample ring positions are inconsistent');
    }
    ring.#position[0] = tail;
    ring.#position[1] = intent;
    ring.#index[0] = tail % ring.capacity;
    return ring;
  }

  /** Record one sample (nanoseconds, any float) with an int32 tag. Never blocks. */
  record(valueNs: number, tag: number): void {
    const position = this.#position;
    const tail = position[0];
    if (tail >= position[1]) {
      // Announce the next stride before touching it: readers then distrust the samples it may
      // overwrite (tail - capacity ...) even while this write is in flight.
      const intent = tail + this.#stride;
      position[1] = intent;
      storeLong(this.#words, INTENT, intent);
    }
    const index = this.#index[0];
    this.#values[index] = valueNs;
    this.#tags[index] = tag;
    this.#index[0] = (index + 1) & this.#mask;
    position[0] = tail + 1;
    storeLong(this.#words, TAIL, tail + 1);
  }

  /** Samples recorded so far (including those lost to the reader). */
  get recorded(): number {
    return this.#position[0];
  }
}
