/**
 * Shared-memory layout of a BroadcastRing, declared once (Agrona RingBufferDescriptor style).
 *
 *   byte 0    ┌──────── config line, 128 B (written by create; PRODUCER_CLAIMED once by attach) ──────┐
 *             │ i32[0] MAGIC 'BCRG'  i32[1] VERSION  i32[2] CAPACITY  i32[3] SLOT_BYTES             │
 *             │ i32[4] MAX_CONSUMERS  i32[5] PRODUCER_CLAIMED (0/1, CAS)          (rest padding)    │
 *   byte 128  ├──────── producer line, 128 B (written only by the producer) ─────────────────────────┤
 *             │ i32[32] TAIL_INTENT: every sequence < this may be being written right now           │
 *             │ i32[33] TAIL: every sequence < this is complete and visible (the published cursor)  │
 *             │         consumers Atomics.wait on TAIL when they park                               │
 *   byte 256  ├──────── parked line, 128 B (written by consumers only when they park) ───────────────┤
 *             │ i32[64] PARKED_MASK: bit k set while consumer k is (about to be) in Atomics.wait    │
 *   byte 384  ├──────── consumer line k (k < 16), 128 B each, at 384 + k × 128 ───────────────────────┤
 *             │ +0  CURSOR        next sequence consumer k reads (written only by consumer k)       │
 *             │ +4  STATE         generation << 4 | FREE/CLAIMING/ACTIVE/ISOLATED/DROPPED (CAS)     │
 *             │ +8  LOSS_VERSION  seqlock version of the loss count (odd while being written)       │
 *             │ +12 LOSS_LO       events lost, low 32 bits   (written only by consumer k)           │
 *             │ +16 LOSS_HI       events lost, high bits     (written only by consumer k)           │
 *             │ +20 FENCE         scratch word consumer k RMWs as a load fence (not on x64)        │
 *   byte 2432 ├──────── slots: CAPACITY × SLOT_BYTES ─────────────────────────────────────────────────┤
 *             │ slot of sequence s starts at 2432 + (s & (CAPACITY-1)) × SLOT_BYTES:               │
 *             │ +0 SEQUENCE (i32)  +4 TYPE (i32, the application's)  +8 payload (SLOT_BYTES - 8)     │
 *             └───────────────────────────────────────────────────────────────────────────────────────┘
 *
 * Why this shape:
 * - Every line is 128 bytes (two 64-byte cache lines, because adjacent-line prefetch pairs them),
 *   so a consumer storing its cursor never invalidates the producer's line or another consumer's.
 * - TAIL_INTENT and TAIL share a line: only the producer writes them, consumers read both, and one
 *   invalidation per published batch is cheaper than two.
 * - Aeron broadcast protocol: the producer stores TAIL_INTENT before it overwrites any slot and
 *   TAIL after the slots are written. A consumer copies slots below TAIL, then re-reads
 *   TAIL_INTENT: a copied sequence s is intact iff `(intent - s) | 0 <= CAPACITY` (the producer
 *   had not yet started writing s + CAPACITY into the same slot). The SEQUENCE word in each slot
 *   is checked too, so a stale slot is never delivered even if the arithmetic below wrapped.
 * - Sequences are Int32 in Atomics (BigInt64 would allocate per read). They wrap: every distance
 *   is computed as `(a - b) | 0`, exact while the distance is below 2^31, which CAPACITY <= 2^30
 *   guarantees for everything inside the ring. `s & (CAPACITY-1)` is the slot index for negative
 *   s too, because 2^32 is a multiple of CAPACITY. A consumer more than 2^31 events behind cannot
 *   be told apart from one that is ahead; it is treated as lapped and its loss is counted modulo
 *   2^32 (the conductor drops such a consumer long before).
 * - STATE carries a generation, bumped by every attach, beside the state in its low 4 bits. The
 *   consumer compares the whole word with the one it attached with (one load, one compare per
 *   receive), so a consumer whose line was released and re-attached by another never writes it.
 * - The loss count can outgrow Int32, so it is two words behind a seqlock version; it changes
 *   only when a consumer is lapped or isolated, never per event.
 * - Slots start 8-aligned and SLOT_BYTES is a multiple of 8, so Int32Array / Float64Array views
 *   over the whole buffer address every field as `byteOffset >> 2` / `byteOffset >> 3`.
 */

const LINE_BYTES = 128;
const CONSUMERS_OFFSET = 3 * LINE_BYTES;
const MAX_CONSUMERS = 16;

export const BroadcastRingDescriptor = {
  MAGIC: 0x47524342, // 'BCRG' little-endian
  VERSION: 1,
  LINE_BYTES,

  CONFIG_OFFSET: 0,
  PRODUCER_OFFSET: LINE_BYTES,
  PARKED_OFFSET: 2 * LINE_BYTES,
  CONSUMERS_OFFSET,
  SLOTS_OFFSET: CONSUMERS_OFFSET + MAX_CONSUMERS * LINE_BYTES,

  /** Int32Array indexes of the fixed words (byte offset / 4). */
  MAGIC_INDEX: 0,
  VERSION_INDEX: 1,
  CAPACITY_INDEX: 2,
  SLOT_BYTES_INDEX: 3,
  MAX_CONSUMERS_INDEX: 4,
  PRODUCER_CLAIMED_INDEX: 5,
  TAIL_INTENT_INDEX: LINE_BYTES / 4,
  TAIL_INDEX: LINE_BYTES / 4 + 1,
  PARKED_MASK_INDEX: (2 * LINE_BYTES) / 4,

  /** Word offsets inside a consumer line (add to consumerLineIndex(k)). */
  CURSOR_WORD: 0,
  STATE_WORD: 1,
  LOSS_VERSION_WORD: 2,
  LOSS_LO_WORD: 3,
  LOSS_HI_WORD: 4,
  FENCE_WORD: 5,
  /** STATE word = generation << STATE_BITS | state. */
  STATE_BITS: 4,
  STATE_MASK: 0xf,

  /** Byte offsets inside a slot. */
  SEQUENCE_OFFSET: 0,
  TYPE_OFFSET: 4,
  PAYLOAD_OFFSET: 8,

  MAX_CONSUMERS,
  DEFAULT_SLOT_BYTES: 64,
  MIN_CAPACITY: 2,
  /** Keeps every in-ring distance far below 2^31, so `(a - b) | 0` is exact. */
  MAX_CAPACITY: 1 << 30,
  MIN_SLOT_BYTES: 16,
  MAX_SLOT_BYTES: 1 << 16,
  /** Keeps every byte offset a small integer (and the buffer a sane size). */
  MAX_BYTE_LENGTH: 1 << 30,
} as const;

/** Total SharedArrayBuffer size for a ring of `capacity` slots of `slotBytes` bytes. */
export function broadcastRingByteLength(capacity: number, slotBytes: number): number {
  return BroadcastRingDescriptor.SLOTS_OFFSET + capacity * slotBytes;
}

/** Int32Array index of the first word of consumer line `k`. */
export function consumerLineIndex(k: number): number {
  return (BroadcastRingDescriptor.CONSUMERS_OFFSET + k * LINE_BYTES) >> 2;
}

/** Byte offset of the slot that holds `sequence` (`mask` = capacity - 1). */
export function broadcastSlotOffset(sequence: number, mask: number, slotBytes: number): number {
  return BroadcastRingDescriptor.SLOTS_OFFSET + (sequence & mask) * slotBytes;
}
