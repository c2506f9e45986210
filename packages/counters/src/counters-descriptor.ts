// Layout of the two counters buffers (after Agrona's CountersReader). Counter `id` owns record
// `id` in the metadata buffer and slot `id` in the values buffer.
//
// Metadata buffer: one 512-byte record per counter, written only by the CountersManager.
//
//    0               4               8               12              16
//    +---------------+---------------+---------------+---------------+
//    | RECORD_STATE  |    TYPE_ID    |  GENERATION   |  KEY_LENGTH   |
//    +---------------+---------------+---------------+---------------+
//    |                 KEY bytes (MAX_KEY_LENGTH = 112)             ...   16 .. 127
//    +---------------+-----------------------------------------------+
//    | LABEL_LENGTH  |  LABEL bytes, UTF-8 (MAX_LABEL_LENGTH = 380)  ...  128 .. 511
//    +---------------+-----------------------------------------------+
//
//    RECORD_STATE  FREE 0 (never used) / ALLOCATED 1 / RECLAIMED -1 (freed, may be reused)
//    GENERATION    a seqlock over the whole record: the manager makes it odd, writes the
//                  record, then makes it even (Atomics). A reader copies the record between two
//                  equal even GENERATION loads, so it never sees a half-(re)written label.
//    The label starts on the third 64-byte line, as in Agrona, so the words readers poll most
//    (state, type, generation) do not share a line with the label bytes.
//
// Values buffer: one 128-byte slot per counter, written only by that counter's single writer.
//
//    0                               16                                              128
//    +-------------------------------+-----------------------------------------------+
//    | VALUE: atomic long (16 bytes) |                 padding                       |
//    +-------------------------------+-----------------------------------------------+
//
//    128 bytes = two cache lines: counters of different writers never share a line, even with
//    the adjacent-line prefetcher pulling lines in pairs. VALUE's encoding (LO/HI/VERSION words,
//    untorn without BigInt) is declared in atomic-long-descriptor.ts.
import { ATOMIC_LONG } from './atomic-long-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';

const METADATA_LENGTH = 512;
const KEY_OFFSET = 16;
const LABEL_LENGTH_OFFSET = 128;
const LABEL_OFFSET = LABEL_LENGTH_OFFSET + 4;
const COUNTER_LENGTH = 128;
const VALUE_OFFSET = 0;

export const COUNTERS_LAYOUT = {
  METADATA_LENGTH,
  RECORD_STATE_OFFSET: 0,
  TYPE_ID_OFFSET: 4,
  GENERATION_OFFSET: 8,
  KEY_LENGTH_OFFSET: 12,
  KEY_OFFSET,
  MAX_KEY_LENGTH: LABEL_LENGTH_OFFSET - KEY_OFFSET,
  LABEL_LENGTH_OFFSET,
  LABEL_OFFSET,
  MAX_LABEL_LENGTH: METADATA_LENGTH - LABEL_OFFSET,
  COUNTER_LENGTH,
  VALUE_OFFSET,
  /** Int32 words per metadata record, and each field's word index inside a record. */
  METADATA_WORDS: METADATA_LENGTH / 4,
  RECORD_STATE_INDEX: 0,
  TYPE_ID_INDEX: 1,
  GENERATION_INDEX: 2,
  KEY_LENGTH_INDEX: 3,
  LABEL_LENGTH_INDEX: LABEL_LENGTH_OFFSET / 4,
  /** Int32 words per value slot, and the value cell's first word inside a slot. */
  COUNTER_WORDS: COUNTER_LENGTH / 4,
  VALUE_INDEX: VALUE_OFFSET / 4,
} as const;

// The value cell must fit its slot; checked once at load, not per call.
if (VALUE_OFFSET + ATOMIC_LONG.LENGTH > COUNTER_LENGTH) throw new Error('counter slot too small');

export const RECORD_STATE = {
  FREE: 0,
  ALLOCATED: 1,
  RECLAIMED: -1,
} as const;

export type RecordState = (typeof RECORD_STATE)[keyof typeof RECORD_STATE];

/** Returned by lookups that find nothing (Agrona's NULL_COUNTER_ID). */
export const NULL_COUNTER_ID = -1;

/** The two buffers of one counters set: what a worker receives to attach. */
export interface CountersBuffers {
  readonly metadata: SharedArrayBuffer;
  readonly values: SharedArrayBuffer;
}

/** Word index of counter `id`'s metadata record in an Int32Array over the metadata buffer. */
export function metadataIndex(id: number): number {
  return id * COUNTERS_LAYOUT.METADATA_WORDS;
}

/** Word index of counter `id`'s value cell in an Int32Array over the values buffer. */
export function valueIndex(id: number): number {
  return id * COUNTERS_LAYOUT.COUNTER_WORDS + COUNTERS_LAYOUT.VALUE_INDEX;
}

/** Bytes of each buffer for `capacity` counters. */
export function countersBufferLengths(capacity: number): { metadata: number; values: number } {
  return {
    metadata: capacity * COUNTERS_LAYOUT.METADATA_LENGTH,
    values: capacity * COUNTERS_LAYOUT.COUNTER_LENGTH,
  };
}

/**
 * Capacity of a counters set, after checking that both buffers are shared and sized for the
 * same number of counters. Throws INVALID_BUFFER otherwise.
 */
export function countersCapacityOf(buffers: CountersBuffers): number {
  const { metadata, values } = buffers;
  if (!(metadata instanceof SharedArrayBuffer) || !(values instanceof SharedArrayBuffer)) {
    throw new CountersError(
      COUNTERS_ERROR_CODE.INVALID_BUFFER,
      'counters buffers must be SharedArrayBuffers',
    );
  }
  const capacity = values.byteLength / COUNTER_LENGTH;
  if (!Number.isInteger(capacity) || capacity < 1 || metadata.byteLength !== capacity * METADATA_LENGTH) {
    throw new CountersError(
      COUNTERS_ERROR_CODE.INVALID_BUFFER,
      `counters buffers do not match: metadata ${metadata.byteLength} bytes, values ${values.byteLength} bytes`,
    );
  }
  return capacity;
}
