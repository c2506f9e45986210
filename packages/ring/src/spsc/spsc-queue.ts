import { ringGeometryProblem } from '../ring-geometry.ts';
import type { Parkable } from '../agent/parkable.ts';
import { SpscQueueDescriptor as D, spscQueueByteLength } from './spsc-descriptor.ts';
import { SpscErrorCode, SpscQueueError } from './spsc-error.ts';
import type { SpscHandler } from './spsc-handler.ts';
import { SpscStatus } from './spsc-status.ts';

export interface SpscQueueOptions {
  /** Number of slots, a power of two in [2, 2^30]. */
  readonly capacity: number;
  /** Bytes per slot, a multiple of 8 in [8, 65536]; default 64. */
  readonly slotBytes?: number;
  /** Starting sequence for head and tail (tests use it to cross the Int32 wrap); default 0. */
  readonly initialSequence?: number;
}

/**
 * Bounded single-producer single-consumer queue of fixed-size slots in a SharedArrayBuffer.
 *
 * Create it in one thread, pass `queue.buffer` to the other, `SpscQueue.attach` it there. Each
 * thread uses its own instance and exactly one role: the producer calls claim/commit/flush or
 * offer, the consumer calls poll. The instance fields hold that role's private cursors (Agrona's
 * "cached head"), so the hot calls touch the other side's line only when they must.
 *
 * Producer ordering: `claim()` returns the byte offset of the next free slot (the same one until
 * `commit()`); write the fields through the views; `commit()` adds the slot to the pending batch;
 * `flush()` publishes every committed slot with one Atomics.store of the tail and wakes a parked
 * consumer. Nothing is visible before flush. `offer()` is claim + copy + commit + flush.
 * The producer never blocks or spins: a full queue returns SpscStatus.FULL.
 *
 * Consumer ordering: `poll(handler, limit)` loads the tail once, hands up to `limit` slots to the
 * handler in sequence order, then releases them all with one Atomics.store of the head. An idle
 * consumer may `park(timeoutMs)` (directly or through ParkIdleStrategy); flush wakes it.
 */
export class SpscQueue implements Parkable {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  readonly slotBytes: number;
  /** Views over the whole buffer; slot fields are addressed by absolute byte offset. */
  readonly bytes: Uint8Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly dv: DataView;

  private readonly mask: number;
  // Producer-private state.
  private producerTail: number;
  private publishedTail: number;
  private cachedHead: number;
  private claimPending: number;
  // Consumer-private state.
  private consumerHead: number;

  static create(options: SpscQueueOptions): SpscQueue {
    const capacity = options.capacity;
    const slotBytes = options.slotBytes ?? D.DEFAULT_SLOT_BYTES;
    validateGeometry(capacity, slotBytes);
    const buffer = new SharedArrayBuffer(spscQueueByteLength(capacity, slotBytes));
    const i32 = new Int32Array(buffer);
    const start = (options.initialSequence ?? 0) | 0;
    i32[D.MAGIC_INDEX] = D.MAGIC;
    i32[D.VERSION_INDEX] = D.VERSION;
    i32[D.CAPACITY_INDEX] = capacity;
    i32[D.SLOT_BYTES_INDEX] = slotBytes;
    Atomics.store(i32, D.HEAD_INDEX, start);
    Atomics.store(i32, D.TAIL_INDEX, start);
    return new SpscQueue(buffer);
  }

  /** Attach to a queue made by `create` (in this or another thread). */
  static attach(buffer: SharedArrayBuffer): SpscQueue {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < D.SLOTS_OFFSET) {
      throw new SpscQueueError(SpscErrorCode.BAD_BUFFER, 'not an SpscQueue buffer');
    }
    return new SpscQueue(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    const i32 = new Int32Array(buffer);
    if (i32[D.MAGIC_INDEX] !== D.MAGIC || i32[D.VERSION_INDEX] !== D.VERSION) {
      throw new SpscQueueError(SpscErrorCode.BAD_BUFFER, 'SpscQueue magic/version mismatch');
    }
    const capacity = i32[D.CAPACITY_INDEX];
    const slotBytes = i32[D.SLOT_BYTES_INDEX];
    validateGeometry(capacity, slotBytes);
    if (buffer.byteLength !== spscQueueByteLength(capacity, slotBytes)) {
      throw new SpscQueueError(SpscErrorCode.BAD_BUFFER, 'SpscQueue buffer length does not match its header');
    }
    this.buffer = buffer;
    this.capacity = capacity;
    this.slotBytes = slotBytes;
    this.mask = capacity - 1;
    this.bytes = new Uint8Array(buffer);
    this.i32 = i32;
    this.f64 = new Float64Array(buffer);
    this.dv = new DataView(buffer);
    const tail = Atomics.load(i32, D.TAIL_INDEX);
    const head = Atomics.load(i32, D.HEAD_INDEX);
    this.producerTail = tail;
    this.publishedTail = tail;
    this.cachedHead = head;
    this.claimPending = 0;
    this.consumerHead = head;
  }

  // ───────────────────────────── producer ─────────────────────────────

  /** Byte offset of the next free slot, or SpscStatus.FULL. Repeated calls return the same slot. */
  claim(): number {
    const tail = this.producerTail;
    if (((tail - this.cachedHead) | 0) >= this.capacity) {
      // Only now read the consumer's line: the cached head is stale only when we look full.
      this.cachedHead = Atomics.load(this.i32, D.HEAD_INDEX);
      if (((tail - this.cachedHead) | 0) >= this.capacity) {
        return SpscStatus.FULL;
      }
    }
    this.claimPending = 1;
    return D.SLOTS_OFFSET + (tail & this.mask) * this.slotBytes;
  }

  /** Adds the claimed slot to the pending batch (invisible until flush). */
  commit(): number {
    if (this.claimPending === 0) {
      return SpscStatus.NOT_CLAIMED;
    }
    this.claimPending = 0;
    this.producerTail = (this.producerTail + 1) | 0;
    return SpscStatus.OK;
  }

  /** Publishes all committed slots with one store; returns how many became visible. */
  flush(): number {
    const tail = this.producerTail;
    const published = (tail - this.publishedTail) | 0;
    if (published !== 0) {
      this.publishedTail = tail;
      const i32 = this.i32;
      Atomics.store(i32, D.TAIL_INDEX, tail);
      // The one cheap check per flush: a plain shared read while the consumer is awake.
      if (Atomics.load(i32, D.CONSUMER_PARKED_INDEX) !== 0) {
        Atomics.store(i32, D.CONSUMER_PARKED_INDEX, 0);
        Atomics.notify(i32, D.TAIL_INDEX);
      }
    }
    return published;
  }

  /**
   * Copies one slot (`slotBytes` bytes of `src` from `srcOffset`) and publishes it at once.
   * Returns the slot's byte offset (>= 0), SpscStatus.FULL or SpscStatus.BAD_ARGUMENT.
   */
  offer(src: Uint8Array, srcOffset: number): number {
    const n = this.slotBytes;
    if (srcOffset < 0 || srcOffset + n > src.length) {
      return SpscStatus.BAD_ARGUMENT;
    }
    const offset = this.claim();
    if (offset < 0) {
      return offset;
    }
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      bytes[offset + i] = src[srcOffset + i];
    }
    this.commit();
    this.flush();
    return offset;
  }

  // ───────────────────────────── consumer ─────────────────────────────

  /**
   * Hands up to `limit` published slots to `handler`, oldest first, then releases them with one
   * store of the head. Returns the number handled. If the handler throws, the slots handled so
   * far, including the one that threw, are released (so a poison event is not redelivered
   * forever) and the exception propagates.
   */
  poll(handler: SpscHandler, limit: number): number {
    const head = this.consumerHead;
    const available = (Atomics.load(this.i32, D.TAIL_INDEX) - head) | 0;
    const n = available < limit ? available : limit;
    if (n <= 0) {
      return 0;
    }
    const mask = this.mask;
    const slotBytes = this.slotBytes;
    const bytes = this.bytes;
    const i32 = this.i32;
    const f64 = this.f64;
    const dv = this.dv;
    let i = 0;
    try {
      while (i < n) {
        const offset = D.SLOTS_OFFSET + (((head + i) | 0) & mask) * slotBytes;
        i++;
        handler.onEvent(bytes, i32, f64, dv, offset);
      }
    } finally {
      const next = (head + i) | 0;
      this.consumerHead = next;
      Atomics.store(i32, D.HEAD_INDEX, next);
    }
    return n;
  }

  /**
   * Consumer side: sleeps up to `timeoutMs` (fractions allowed) until the producer publishes past
   * this consumer's head. Sets CONSUMER_PARKED first, so flush() notifies; Atomics.wait compares
   * TAIL with the head atomically, so a flush that came first is never slept through (the
   * producer stores TAIL then reads the flag; we store the flag then read TAIL: with seq-cst
   * atomics at least one of us sees the other's write).
   */
  park(timeoutMs: number): void {
    const i32 = this.i32;
    Atomics.store(i32, D.CONSUMER_PARKED_INDEX, 1);
    Atomics.wait(i32, D.TAIL_INDEX, this.consumerHead, timeoutMs);
    Atomics.store(i32, D.CONSUMER_PARKED_INDEX, 0);
  }

  // ───────────────────────────── either side ─────────────────────────────

  /** Published, unconsumed slots right now (a snapshot; exact only when both sides are idle). */
  size(): number {
    return (Atomics.load(this.i32, D.TAIL_INDEX) - Atomics.load(this.i32, D.HEAD_INDEX)) | 0;
  }
}

function validateGeometry(capacity: number, slotBytes: number): void {
  const problem = ringGeometryProblem(capacity, slotBytes, D, spscQueueByteLength);
  if (problem !== undefined) throw new SpscQueueError(SpscErrorCode[problem.kind], problem.message);
}
