// Layout of the telemetry event queue: an SpscQueue (packages/ring) of fixed 512-byte slots
// from the conductor (producer) to the sidecar (consumer), plus a small stats block the
// producer counts refused offers in. Events are rare (transitions, isolations, overload
// signals), so the producer encodes the protobuf Event itself and the sidecar only stamps it.
//
// Slot (SLOT_BYTES = 512), offsets relative to the slot:
//    0       4       8               16                                             512
//    +-------+-------+---------------+----------------------------------------------+
//    | LEN   |  pad  | MONO_NS f64   | Event protobuf without its stamp (LEN bytes) |
//    +-------+-------+---------------+----------------------------------------------+
//
// Stats block (128 bytes, its own two cache lines, written only by the producer):
//    0               16                                                             128
//    +---------------+---------------------------------------------------------------+
//    | DROPPED along |                        padding                                |
//    +---------------+---------------------------------------------------------------+
//    DROPPED  offers refused (queue full or event too large), since creation: an atomic long
//             (@ringside/counters ATOMIC_LONG) with the producer as its single writer.

export const EVENT_QUEUE_LAYOUT = {
  SLOT_BYTES: 512,
  LENGTH_OFFSET: 0,
  MONO_NS_OFFSET: 8,
  PAYLOAD_OFFSET: 16,
  MAX_PAYLOAD: 512 - 16,
  STATS_BYTES: 128,
  /** Int32 word index of the DROPPED atomic long. */
  DROPPED_INDEX: 0,
  DEFAULT_CAPACITY: 256,
} as const;

/** The two shared buffers of one event queue: pass both to the sidecar. */
export interface EventQueueBuffers {
  readonly slots: SharedArrayBuffer;
  readonly stats: SharedArrayBuffer;
}
