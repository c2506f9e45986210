import { BroadcastRingDescriptor as D } from './broadcast-descriptor.ts';
import { BroadcastStatus } from './broadcast-status.ts';

/**
 * The single writer of a BroadcastRing. Get one from `BroadcastRing.attachProducer()`.
 *
 * Ordering, per the Aeron broadcast protocol:
 * 1. `claim()` returns the byte offset of the next slot and writes its SEQUENCE word. Before it
 *    hands out a slot not yet covered by TAIL_INTENT, it advances TAIL_INTENT by `intentChunk`
 *    sequences with one seq-cst store, so consumers can tell that those slots may be torn.
 * 2. The caller writes the payload through the views (`i32`, `f64`, `bytes`, `dv`) at
 *    `offset + PAYLOAD_OFFSET` (and an optional type word at `offset + TYPE_OFFSET`). Fields it
 *    does not write keep the slot's previous contents.
 * 3. `publish()` makes every claimed slot visible with one seq-cst store of TAIL, then reads the
 *    parked mask once and only if a consumer is parked clears the mask and calls Atomics.notify
 *    (V8's notify takes a process-wide mutex: it never runs while nobody sleeps).
 *
 * The producer never reads a consumer cursor and never waits: a slow consumer is overwritten and
 * learns its exact loss when it next receives.
 */
export class BroadcastProducer {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  readonly slotBytes: number;
  readonly payloadBytes: number;
  /** Views over the whole ring; slot fields are addressed by the byte offset claim() returns. */
  readonly bytes: Uint8Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly dv: DataView;
  /** Sequences TAIL_INTENT advances by at a time (1 = per claim; bigger = fewer fences). */
  readonly intentChunk: number;

  private readonly mask: number;
  /** Unpublished claims allowed: keeps TAIL_INTENT - TAIL <= capacity (see receive's lap maths). */
  private readonly maxPending: number;
  private next: number;
  private published: number;
  private intent: number;
  private closed: boolean;

  /** @internal Use BroadcastRing.attachProducer(). */
  constructor(buffer: SharedArrayBuffer, capacity: number, slotBytes: number, intentChunk: number) {
    this.buffer = buffer;
    this.capacity = capacity;
    this.slotBytes = slotBytes;
    this.payloadBytes = slotBytes - D.PAYLOAD_OFFSET;
    this.bytes = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.dv = new DataView(buffer);
    this.intentChunk = intentChunk;
    this.mask = capacity - 1;
    this.maxPending = capacity >>> 1;
    const tail = Atomics.load(this.i32, D.TAIL_INDEX);
    const intent = Atomics.load(this.i32, D.TAIL_INTENT_INDEX);
    // A previous producer may have left the intent ahead of the tail: it must never move back.
    this.intent = ((intent - tail) | 0) > 0 ? intent : tail;
    this.next = tail;
    this.published = tail;
    this.closed = false;
  }

  /**
   * Byte offset of the next slot (its SEQUENCE word already written), or BroadcastStatus.BATCH_FULL
   * when capacity/2 claims are unpublished. Each call claims a new slot.
   */
  claim(): number {
    const seq = this.next;
    if (((seq - this.published) | 0) >= this.maxPending) {
      return BroadcastStatus.BATCH_FULL;
    }
    const i32 = this.i32;
    if (((seq - this.intent) | 0) >= 0) {
      const intent = (seq + this.intentChunk) | 0;
      this.intent = intent;
      // exchange, not store: an RMW is a full fence on every architecture, so no slot write below
      // can become visible before the intent (on x64 both compile to the same xchg).
      Atomics.exchange(i32, D.TAIL_INTENT_INDEX, intent);
    }
    const offset = D.SLOTS_OFFSET + (seq & this.mask) * this.slotBytes;
    i32[offset >> 2] = seq;
    this.next = (seq + 1) | 0;
    return offset;
  }

  /** Publishes every claimed slot with one store; returns how many became visible. */
  publish(): number {
    const next = this.next;
    const count = (next - this.published) | 0;
    if (count !== 0) {
      this.published = next;
      const i32 = this.i32;
      Atomics.store(i32, D.TAIL_INDEX, next);
      // The one cheap check per publish: a plain shared read while nobody sleeps.
      if (Atomics.load(i32, D.PARKED_MASK_INDEX) !== 0) {
        Atomics.exchange(i32, D.PARKED_MASK_INDEX, 0);
        Atomics.notify(i32, D.TAIL_INDEX);
      }
    }
    return count;
  }

  /**
   * Copies `payloadBytes` bytes of `src` from `srcOffset` into a new slot and publishes it (with
   * any slots claimed before). Returns the slot's byte offset, BATCH_FULL or BAD_ARGUMENT.
   */
  offer(src: Uint8Array, srcOffset: number): number {
    const n = this.payloadBytes;
    if (srcOffset < 0 || srcOffset + n > src.length) {
      return BroadcastStatus.BAD_ARGUMENT;
    }
    const offset = this.claim();
    if (offset < 0) {
      return offset;
    }
    const bytes = this.bytes;
    const base = offset + D.PAYLOAD_OFFSET;
    for (let i = 0; i < n; i++) {
      bytes[base + i] = src[srcOffset + i];
    }
    this.publish();
    return offset;
  }

  /** Claimed, not yet published slots. */
  get pending(): number {
    return (this.next - this.published) | 0;
  }

  /** The sequence the next claim() will get (the published tail plus pending claims). */
  get nextSequence(): number {
    return this.next;
  }

  /** Publishes what is pending and gives the producer role back, so another thread may take it. */
  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.publish();
    Atomics.store(this.i32, D.PRODUCER_CLAIMED_INDEX, 0);
  }
}
