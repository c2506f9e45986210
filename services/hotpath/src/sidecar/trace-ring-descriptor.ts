// Layout of a trace ring: one hot worker's lossy ring of sampled order timelines (every Nth
// completion), read by the sidecar, which turns records into OrderTrace messages. Like a
// SampleRing, the writer never waits and overwrites the oldest record; unlike one, each record
// is guarded by its own seqlock word, since a record is 14 words, not one.
//
// Header (256 bytes: two cache-line pairs, so records never share the writer's header line):
//    0               16      20      24      28                                     256
//    +---------------+-------+-------+-------+-------------------------------------+
//    | TAIL (along)  | CAPAC | MAGIC | EVERY |             padding                 |
//    +---------------+-------+-------+-------+-------------------------------------+
//    TAIL   records 0 .. TAIL-1 have been committed (atomic long, stored after the record).
//    EVERY  the sampling period N the writer was created with (for the reader's report).
//
// Record k lives at 256 + (k & (CAPACITY-1)) * 128:
//    0       4       8       12      16      20      24      32            40
//    +-------+-------+-------+-------+-------+-------+-------+-------------+------------+
//    | VERS  |WORKER |STRATEG|STATUS |REASON | FLAGS |  pad  | SEQ f64 (k) | ORDER_ID   |
//    +-------+-------+-------+-------+-------+-------+-------+-------------+------------+
//    48            56          64            72            80          88        96      104 .. 128
//    | MD_SEQUENCE | INGEST    | RING_PUBLISH| DECISION_RD | ENQUEUED  | SENT    | ACKED  | pad
//
//    VERS   the record's seqlock: odd while the writer fills it, even after. A reader copies
//           between two equal even loads and checks SEQ = k (else the record was lapped).
//    Stamps are nowNs() monotonic nanoseconds (0 = never reached); ORDER_ID and MD_SEQUENCE
//    are integers below 2^53. STATUS is a CompletionStatus (orders/completion-descriptor.ts;
//    the sidecar maps it to the proto OrderStatus). STRATEGY and REASON (a CompletionReason)
//    are indexes into name tables the sidecar is configured with (the hot path keeps no strings). FLAGS bit 0 = WARM_UP: the worker knows
//    this order is untrusted (e.g. sent to the warm-up sink).

const HEADER_LENGTH = 256;
const RECORD_LENGTH = 128;

export const TRACE_RING_LAYOUT = {
  TAIL_INDEX: 0,
  CAPACITY_INDEX: 16 / 4,
  MAGIC_INDEX: 20 / 4,
  EVERY_INDEX: 24 / 4,
  HEADER_LENGTH,
  RECORD_LENGTH,
  MAGIC: 0x52545243, // "RTRC"
  MIN_CAPACITY: 2,
  MAX_CAPACITY: 1 << 16,
  /** Int32 word offsets inside a record. */
  VERSION_WORD: 0,
  INT_FIELDS_WORD: 1,
  /** Float64 offset (in 8-byte units) of SEQ and of the first stamp field inside a record. */
  SEQ_F64: 32 / 8,
  STAMP_FIELDS_F64: 40 / 8,
} as const;

/** The worker-filled Int32 fields, in record order from INT_FIELDS_WORD. */
export const TRACE_FIELD = {
  WORKER: 0,
  STRATEGY: 1,
  STATUS: 2,
  REASON: 3,
  FLAGS: 4,
  COUNT: 5,
} as const;

/** The worker-filled Float64 fields, in record order from STAMP_FIELDS_F64. */
export const TRACE_STAMP = {
  ORDER_ID: 0,
  MD_SEQUENCE: 1,
  INGEST: 2,
  RING_PUBLISH: 3,
  DECISION_READ: 4,
  ENQUEUED: 5,
  SENT: 6,
  ACKED: 7,
  COUNT: 8,
} as const;

export const TRACE_FLAG = {
  /** The worker knows this order belongs to warm-up (untrusted). */
  WARM_UP: 1,
} as const;

export function traceRingByteLength(capacity: number): number {
  return HEADER_LENGTH + capacity * RECORD_LENGTH;
}

/** Byte offset of the record slot for record number k's index (k & mask). */
export function traceRecordOffset(index: number): number {
  return HEADER_LENGTH + index * RECORD_LENGTH;
}
