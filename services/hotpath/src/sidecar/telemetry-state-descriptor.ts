// Layout of the telemetry state block: the lifecycle and fan-out state the conductor publishes
// for the sidecar to report (StateSnapshot) and to tag data trusted or not. One writer (the
// conductor), any number of readers (the sidecar). Control plane only: not touched per event.
//
//    0       4       8       12      16      20      24      28      32              40             48
//    +-------+-------+-------+-------+-------+-------+-------+-------+---------------+--------------+ .. 64
//    | GENER | STATE | TRUST | SHED  | HALT  | NCONS | RLEN  | MAGIC | SINCE_NS f64  | TRUSTED_SINCE|
//    +-------+-------+-------+-------+-------+-------+-------+-------+---------------+--------------+ .. 64
//    64                                                                             256
//    +-------------------------------------------------------------------------------+
//    | REASON: UTF-8 bytes of the last transition's reason (MAX_REASON = 192)        |
//    +-------------------------------------------------------------------------------+
//    256 + i * 128: consumer record i (i < MAX_CONSUMERS)
//    +-------+-------+-------+-------+---------------+---------------+----------------+
//    |  ID   | CSTATE| NLEN  | CRLEN |  LAG f64      |  LOSS f64     | NAME (16 B) ... |
//    +-------+-------+-------+-------+---------------+---------------+----------------+
//    |   ... 48: CONSUMER REASON (80 B) ... 128                                        |
//    +---------------------------------------------------------------------------------+
//
//    GENER  a seqlock over the whole block: the writer makes it odd, writes, makes it even
//           (Atomics). A reader copies between two equal even loads, so it never sees a
//           transition's state with the previous transition's reason.
//    STATE  LifecycleState (proto numbering); TRUST 1 = trusted (READY/DEGRADED), 0 = warm-up.
//    NCONS  consumer records in use; RLEN/NLEN/CRLEN byte lengths of the strings.
//    SINCE_NS       monotonic stamp of the last transition.
//    TRUSTED_SINCE  monotonic stamp from which measurements are trusted (the transition that set
//                   TRUST to 1), +Infinity while untrusted. The sidecar trusts an interval or an
//                   order only if it started at or after this stamp, so data straddling the end
//                   of warm-up stays untrusted even when it is read after the transition.

const CONSUMER_OFFSET = 256;
const CONSUMER_LENGTH = 128;
const MAX_CONSUMERS = 16;

export const TELEMETRY_STATE_LAYOUT = {
  GENERATION_INDEX: 0,
  STATE_INDEX: 1,
  TRUSTED_INDEX: 2,
  SHED_LEVEL_INDEX: 3,
  HALTED_INDEX: 4,
  CONSUMER_COUNT_INDEX: 5,
  REASON_LENGTH_INDEX: 6,
  MAGIC_INDEX: 7,
  /** Float64 index of SINCE_NS. */
  SINCE_NS_F64_INDEX: 32 / 8,
  TRUSTED_SINCE_F64_INDEX: 40 / 8,
  REASON_OFFSET: 64,
  MAX_REASON: 192,
  CONSUMER_OFFSET,
  CONSUMER_LENGTH,
  MAX_CONSUMERS,
  /** Offsets inside a consumer record. */
  C_ID: 0,
  C_STATE: 4,
  C_NAME_LENGTH: 8,
  C_REASON_LENGTH: 12,
  C_LAG: 16,
  C_LOSS: 24,
  C_NAME_OFFSET: 32,
  C_MAX_NAME: 16,
  C_REASON_OFFSET: 48,
  C_MAX_REASON: 80,
  MAGIC: 0x52535442, // "RSTB"
  BYTE_LENGTH: CONSUMER_OFFSET + MAX_CONSUMERS * CONSUMER_LENGTH,
} as const;

/** Byte offset of consumer record `index`. */
export function consumerRecordOffset(index: number): number {
  return CONSUMER_OFFSET + index * CONSUMER_LENGTH;
}
