// Layout of a SampleRing: one worker's lossy ring of latency samples, read by the sidecar.
//
//    0               16              32      36      40                              128
//    +---------------+---------------+-------+-------+-------------------------------+
//    | TAIL (along)  | INTENT (along)| CAPAC | MAGIC |            padding            |  line 0-1
//    +---------------+---------------+-------+-------+-------------------------------+
//    128                                                                            256
//    +-------------------------------------------------------------------------------+
//    |          padding: data never shares the adjacent-line prefetch pair           |
//    +-------------------------------------------------------------------------------+
//    256                             256 + 8 * CAPACITY             256 + 12 * CAPACITY
//    +-------------------------------+------------------------------+
//    | VALUES: Float64[CAPACITY], ns | TAGS: Int32[CAPACITY]        |
//    +-------------------------------+------------------------------+
//
//    (along) = atomic long cell, see atomic-long-descriptor.ts: a position below 2^53, never
//    torn, so positions do not wrap in any realistic lifetime (2^53 samples).
//
//    Sample number k (k = 0, 1, 2, ...) lives at index k & (CAPACITY - 1).
//    TAIL    samples 0 .. TAIL-1 are completely written. Stored (seq-cst) AFTER the sample.
//    INTENT  the writer may be writing any sample below INTENT, never one at or above it.
//            Stored BEFORE the sample, in strides of INTENT_STRIDE samples (one extra store
//            every stride instead of one per sample). Writing sample j overwrites sample
//            j - CAPACITY, so a reader that copied sample k must discard it if, after copying,
//            k < INTENT - CAPACITY: it may have been overwritten while being copied.
//    CAPAC   CAPACITY, a power of two; MAGIC identifies the layout for attach().
//
// Memory-model note: samples are written and copied with plain typed-array accesses; only the
// positions use Atomics. Reading TAIL (seq-cst) before copying orders the copy after the
// writes (happens-before, guaranteed). Re-reading INTENT after the copy relies on the copy not
// being reordered after that load: true with V8 (typed-array loads and Atomics share the effect
// chain) on x86-64 (loads are not reordered with loads). On weaker hardware (arm64) the
// overwrite check would need the samples themselves stored with Atomics; the tests run here.
import { ATOMIC_LONG } from './atomic-long-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';

const TAIL_OFFSET = 0;
const INTENT_OFFSET = TAIL_OFFSET + ATOMIC_LONG.LENGTH;
const CAPACITY_OFFSET = INTENT_OFFSET + ATOMIC_LONG.LENGTH;
const MAGIC_OFFSET = CAPACITY_OFFSET + 4;
const HEADER_LENGTH = 256;
const MAGIC = 0x52534d50; // "RSMP"

export const SAMPLE_RING_LAYOUT = {
  TAIL_OFFSET,
  INTENT_OFFSET,
  CAPACITY_OFFSET,
  MAGIC_OFFSET,
  HEADER_LENGTH,
  MAGIC,
  VALUES_OFFSET: HEADER_LENGTH,
  VALUE_LENGTH: 8,
  TAG_LENGTH: 4,
  /** Word indexes (Int32Array over the whole buffer). */
  TAIL_INDEX: TAIL_OFFSET / 4,
  INTENT_INDEX: INTENT_OFFSET / 4,
  CAPACITY_INDEX: CAPACITY_OFFSET / 4,
  MAGIC_INDEX: MAGIC_OFFSET / 4,
  MIN_CAPACITY: 4,
  MAX_CAPACITY: 1 << 26,
  /** Largest INTENT stride; smaller rings use CAPACITY / 4 so a lap stays mostly readable. */
  MAX_INTENT_STRIDE: 64,
} as const;

export function sampleRingByteLength(capacity: number): number {
  return HEADER_LENGTH + capacity * (SAMPLE_RING_LAYOUT.VALUE_LENGTH + SAMPLE_RING_LAYOUT.TAG_LENGTH);
}

export function tagsOffset(capacity: number): number {
  return HEADER_LENGTH + capacity * SAMPLE_RING_LAYOUT.VALUE_LENGTH;
}

export function intentStride(capacity: number): number {
  return Math.min(SAMPLE_RING_LAYOUT.MAX_INTENT_STRIDE, capacity >>> 2);
}

/** Throws INVALID_CAPACITY unless `capacity` is a power of two in [MIN, MAX]. */
export function checkSampleRingCapacity(capacity: number): void {
  if (
    !Number.isInteger(capacity) ||
    capacity < SAMPLE_RING_LAYOUT.MIN_CAPACITY ||
    capacity > SAMPLE_RING_LAYOUT.MAX_CAPACITY ||
    (capacity & (capacity - 1)) !== 0
  ) {
    throw new CountersError(
      COUNTERS_ERROR_CODE.INVALID_CAPACITY,
      `sample ring capacity ${capacity} is not a power of two in [${SAMPLE_RING_LAYOUT.MIN_CAPACITY}, ${SAMPLE_RING_LAYOUT.MAX_CAPACITY}]`,
    );
  }
}

/** A new, zeroed, stamped sample-ring buffer. */
export function createSampleRingBuffer(capacity: number): SharedArrayBuffer {
  checkSampleRingCapacity(capacity);
  const buffer = new SharedArrayBuffer(sampleRingByteLength(capacity));
  const words = new Int32Array(buffer);
  words[SAMPLE_RING_LAYOUT.CAPACITY_INDEX] = capacity;
  Atomics.store(words, SAMPLE_RING_LAYOUT.MAGIC_INDEX, MAGIC);
  return buffer;
}

/** Capacity of a sample-ring buffer after checking its stamp and size; throws INVALID_BUFFER. */
export function sampleRingCapacityOf(buffer: SharedArrayBuffer): number {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < HEADER_LENGTH) {
    throw new CountersError(COUNTERS_ERROR_CODE.INVALID_BUFFER, 'not a sample ring buffer');
  }
  const words = new Int32Array(buffer);
  const magic = Atomics.load(words, SAMPLE_RING_LAYOUT.MAGIC_INDEX);
  const capacity = Atomics.load(words, SAMPLE_RING_LAYOUT.CAPACITY_INDEX);
  if (magic !== MAGIC || buffer.byteLength !== sampleRingByteLength(capacity)) {
    throw new CountersError(COUNTERS_ERROR_CODE.INVALID_BUFFER, 'sample ring buffer stamp or size mismatch');
  }
  return capacity;
}
