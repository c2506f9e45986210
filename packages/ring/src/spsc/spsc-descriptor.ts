/**
 * Shared-memory layout of an SpscQueue, declared once (Agrona RingBufferDescriptor style).
 *
 *   byte 0    ┌──────────────── config line, 128 B (written once by create, read by attach) ────────┐
 *             │ i32[0] MAGIC 'SPSQ'  i32[1] VERSION  i32[2] CAPACITY  i32[3] SLOT_BYTES  (rest pad) │
 *   byte 128  ├──────────────── tail line, 128 B (written only by the producer) ───────────────────┤
 *             │ i32[32] TAIL: next sequence the producer will publish (Int32, wraps)              │
 *   byte 256  ├──────────────── head line, 128 B (written only by the consumer) ───────────────────┤
 *             │ i32[64] HEAD: next sequence the consumer will read (Int32, wraps)                 │
 *   byte 384  ├──────────────── signal line, 128 B (written by the consumer when it parks) ────────┤
 *             │ i32[96] CONSUMER_PARKED: 1 while the consumer sleeps in Atomics.wait on TAIL     │
 *   byte 512  ├──────────────── slots: CAPACITY × SLOT_BYTES ─────────────────────────────────────┤
 *             │ slot k = sequence & (CAPACITY-1) starts at byte 512 + k × SLOT_BYTES               │
 *             └────────────────────────────────────────────────────────────────────────────────────┘
 *
 * Each index lives alone on a 128-byte line (two 64-byte cache lines, because adjacent-line
 * prefetch pairs them) so the producer's tail writes never invalidate the consumer's head line.
 * Sequences are Int32 and wrap: `(tail - head) | 0` is the fill level as long as
 * CAPACITY <= 2^30, and `sequence & (CAPACITY-1)` is the slot because 2^32 is a multiple of it.
 * SLOT_BYTES is a multiple of 8 and slots start 8-aligned, so Int32Array / Float64Array views
 * over the whole buffer address every slot field as `byteOffset >> 2` / `byteOffset >> 3`.
 */

const LINE_BYTES = 128;

export const SpscQueueDescriptor = {
  MAGIC: 0x51535053, // 'SPSQ' little-endian
  VERSION: 1,
  LINE_BYTES,

  CONFIG_OFFSET: 0,
  TAIL_OFFSET: LINE_BYTES,
  HEAD_OFFSET: 2 * LINE_BYTES,
  SIGNAL_OFFSET: 3 * LINE_BYTES,
  SLOTS_OFFSET: 4 * LINE_BYTES,

  /** Int32Array indexes of the words above (byte offset / 4). */
  MAGIC_INDEX: 0,
  VERSION_INDEX: 1,
  CAPACITY_INDEX: 2,
  SLOT_BYTES_INDEX: 3,
  TAIL_INDEX: LINE_BYTES / 4,
  HEAD_INDEX: (2 * LINE_BYTES) / 4,
  CONSUMER_PARKED_INDEX: (3 * LINE_BYTES) / 4,

  DEFAULT_SLOT_BYTES: 64,
  MIN_CAPACITY: 2,
  /** Keeps `(tail - head) | 0` unambiguous in Int32 arithmetic. */
  MAX_CAPACITY: 1 << 30,
  MIN_SLOT_BYTES: 8,
  MAX_SLOT_BYTES: 1 << 16,
  /** Keeps every byte offset a small integer (and the buffer a sane size). */
  MAX_BYTE_LENGTH: 1 << 30,
} as const;

/** Total SharedArrayBuffer size for a queue of `capacity` slots of `slotBytes` bytes. */
export function spscQueueByteLength(capacity: number, slotBytes: number): number {
  return SpscQueueDescriptor.SLOTS_OFFSET + capacity * slotBytes;
}

/** Byte offset of the slot that holds `sequence` (`mask` = capacity - 1). */
export function spscSlotOffset(sequence: number, mask: number, slotBytes: number): number {
  return SpscQueueDescriptor.SLOTS_OFFSET + (sequence & mask) * slotBytes;
}
