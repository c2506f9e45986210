import { ringGeometryProblem } from '../ring-geometry.ts';
import { BroadcastConsumer } from './broadcast-consumer.ts';
import {
  BroadcastRingDescriptor as D,
  broadcastRingByteLength,
  consumerLineIndex,
} from './broadcast-descriptor.ts';
import { BroadcastErrorCode, BroadcastRingError } from './broadcast-error.ts';
import { readLoss, writeLoss } from './broadcast-loss-counter.ts';
import { BroadcastProducer } from './broadcast-producer.ts';
import { BroadcastStatus, ConsumerState } from './broadcast-status.ts';
import type { ConsumerStateValue } from './broadcast-status.ts';

export interface BroadcastRingOptions {
  /** Number of slots, a power of two in [2, 2^30]. */
  readonly capacity: number;
  /** Bytes per slot including the 8-byte header, a multiple of 8 in [16, 65536]; default 64. */
  readonly slotBytes?: number;
  /** Starting sequence (tests use it to cross the Int32 wrap); default 0. */
  readonly initialSequence?: number;
}

export interface BroadcastProducerOptions {
  /** TAIL_INTENT advances by this many sequences per store, in [1, capacity/2]; default capacity/64 (1..64). */
  readonly intentChunk?: number;
}

export interface BroadcastConsumerOptions {
  /** Most events one receive copies (its private batch size); default 64. */
  readonly maxBatch?: number;
  /** Attach to this consumer line (it must be FREE) instead of the first free one. */
  readonly index?: number;
}

/**
 * Default TAIL_INTENT step: capacity/64, at most 64. Fewer intent stores (each a full fence),
 * at the price of declaring a consumer lapped up to capacity/64 events early.
 */
const MAX_DEFAULT_INTENT_CHUNK = 64;
const DEFAULT_MAX_BATCH = 64;
const MAX_CAS_TRIES = 64;

const bit = (state: number): number => 1 << state;
const ISOLATE_FROM = bit(ConsumerState.ACTIVE);
const READMIT_FROM = bit(ConsumerState.ISOLATED) | bit(ConsumerState.DROPPED);
const DROP_FROM = bit(ConsumerState.ACTIVE) | bit(ConsumerState.ISOLATED);
const RELEASE_FROM = bit(ConsumerState.DROPPED);

/**
 * One-producer, up-to-16-consumer broadcast ring in a SharedArrayBuffer (layout:
 * broadcast-descriptor.ts). Create it once, hand `buffer` to workers, `BroadcastRing.attach` it
 * there, and take a role: `attachProducer()` in exactly one thread, `attachConsumer()` in each
 * consuming thread.
 *
 * The methods below the roles are the conductor's and observers' view, safe from any thread:
 * state changes are compare-and-set on the consumer's STATE word (the consumer obeys on its next
 * receive), lag and loss are plain reads. They are control plane: they may throw on a bad index.
 */
export class BroadcastRing {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  readonly slotBytes: number;
  readonly payloadBytes: number;
  readonly maxConsumers: number;
  private readonly i32: Int32Array;

  static create(options: BroadcastRingOptions): BroadcastRing {
    const capacity = options.capacity;
    const slotBytes = options.slotBytes ?? D.DEFAULT_SLOT_BYTES;
    validateGeometry(capacity, slotBytes);
    const buffer = new SharedArrayBuffer(broadcastRingByteLength(capacity, slotBytes));
    const i32 = new Int32Array(buffer);
    const start = (options.initialSequence ?? 0) | 0;
    i32[D.MAGIC_INDEX] = D.MAGIC;
    i32[D.VERSION_INDEX] = D.VERSION;
    i32[D.CAPACITY_INDEX] = capacity;
    i32[D.SLOT_BYTES_INDEX] = slotBytes;
    i32[D.MAX_CONSUMERS_INDEX] = D.MAX_CONSUMERS;
    // Each slot looks like it holds the lap before `start`, so its SEQUENCE word never matches
    // what a consumer expects there: reading a slot before it is written shows up as stale.
    for (let k = 0; k < capacity; k++) {
      const first = (start + ((k - start) & (capacity - 1))) | 0;
      i32[(D.SLOTS_OFFSET + k * slotBytes) >> 2] = (first - capacity) | 0;
    }
    Atomics.store(i32, D.TAIL_INTENT_INDEX, start);
    Atomics.store(i32, D.TAIL_INDEX, start);
    return new BroadcastRing(buffer);
  }

  /** Attach to a ring made by `create` (in this or another thread). */
  static attach(buffer: SharedArrayBuffer): BroadcastRing {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < D.SLOTS_OFFSET) {
      throw new BroadcastRingError(BroadcastErrorCode.BAD_BUFFER, 'not a BroadcastRing buffer');
    }
    return new BroadcastRing(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    const i32 = new Int32Array(buffer);
    if (i32[D.MAGIC_INDEX] !== D.MAGIC || i32[D.VERSION_INDEX] !== D.VERSION) {
      throw new BroadcastRingError(BroadcastErrorCode.BAD_BUFFER, 'BroadcastRing magic/version mismatch');
    }
    const capacity = i32[D.CAPACITY_INDEX];
    const slotBytes = i32[D.SLOT_BYTES_INDEX];
    validateGeometry(capacity, slotBytes);
    if (buffer.byteLength !== broadcastRingByteLength(capacity, slotBytes)) {
      throw new BroadcastRingError(
        BroadcastErrorCode.BAD_BUFFER,
        'BroadcastRing buffer length does not match its header',
      );
    }
    this.buffer = buffer;
    this.capacity = capacity;
    this.slotBytes = slotBytes;
    this.payloadBytes = slotBytes - D.PAYLOAD_OFFSET;
    this.maxConsumers = i32[D.MAX_CONSUMERS_INDEX];
    this.i32 = i32;
  }

  // ───────────────────────────── roles ─────────────────────────────

  /** Takes the single producer role (throws PRODUCER_ATTACHED if another thread holds it). */
  attachProducer(options: BroadcastProducerOptions = {}): BroadcastProducer {
    const chunk = options.intentChunk ?? Math.max(1, Math.min(MAX_DEFAULT_INTENT_CHUNK, this.capacity >>> 6));
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > this.capacity >>> 1) {
      throw new BroadcastRingError(
        BroadcastErrorCode.BAD_BATCH_LIMIT,
        `intentChunk must be an integer in [1, ${this.capacity >>> 1}], got ${chunk}`,
      );
    }
    if (Atomics.compareExchange(this.i32, D.PRODUCER_CLAIMED_INDEX, 0, 1) !== 0) {
      throw new BroadcastRingError(BroadcastErrorCode.PRODUCER_ATTACHED, 'the ring already has a producer');
    }
    return new BroadcastProducer(this.buffer, this.capacity, this.slotBytes, chunk);
  }

  /** Claims a free consumer line and starts it at the current head. */
  attachConsumer(options: BroadcastConsumerOptions = {}): BroadcastConsumer {
    const maxBatch = options.maxBatch ?? Math.min(DEFAULT_MAX_BATCH, this.capacity);
    if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > this.capacity) {
      throw new BroadcastRingError(
        BroadcastErrorCode.BAD_BATCH_LIMIT,
        `maxBatch must be an integer in [1, ${this.capacity}], got ${maxBatch}`,
      );
    }
    let index = -1;
    let claimed = 0;
    if (options.index !== undefined) {
      this.checkIndex(options.index);
      claimed = this.tryClaim(options.index);
      if (claimed === -1) {
        throw new BroadcastRingError(
          BroadcastErrorCode.CONSUMER_IN_USE,
          `consumer line ${options.index} is not free`,
        );
      }
      index = options.index;
    } else {
      for (let k = 0; k < this.maxConsumers && index < 0; k++) {
        claimed = this.tryClaim(k);
        if (claimed !== -1) {
          index = k;
        }
      }
      if (index < 0) {
        throw new BroadcastRingError(
          BroadcastErrorCode.NO_FREE_CONSUMER,
          `all ${this.maxConsumers} consumer lines are in use`,
        );
      }
    }
    const line = consumerLineIndex(index);
    const i32 = this.i32;
    Atomics.store(i32, line + D.CURSOR_WORD, Atomics.load(i32, D.TAIL_INDEX));
    writeLoss(i32, line, 0);
    const active = (claimed & ~D.STATE_MASK) | ConsumerState.ACTIVE;
    Atomics.store(i32, line + D.STATE_WORD, active);
    return new BroadcastConsumer(this.buffer, this.capacity, this.slotBytes, index, line, active, maxBatch);
  }

  // ─────────────────────── conductor and observers (any thread) ───────────────────────

  /** The published cursor: every sequence below it is visible. */
  tail(): number {
    return Atomics.load(this.i32, D.TAIL_INDEX);
  }

  consumerState(index: number): ConsumerStateValue {
    this.checkIndex(index);
    return (Atomics.load(this.i32, consumerLineIndex(index) + D.STATE_WORD) &
      D.STATE_MASK) as ConsumerStateValue;
  }

  /** The next sequence consumer `index` will receive. */
  cursor(index: number): number {
    this.checkIndex(index);
    return Atomics.load(this.i32, consumerLineIndex(index) + D.CURSOR_WORD);
  }

  /**
   * Published events consumer `index` has not received yet, or BroadcastStatus.CLOSED for a free
   * line. The cursor is read before the tail, so the result is never negative.
   */
  lag(index: number): number {
    this.checkIndex(index);
    const line = consumerLineIndex(index);
    const state = Atomics.load(this.i32, line + D.STATE_WORD) & D.STATE_MASK;
    if (state === ConsumerState.FREE || state === ConsumerState.CLAIMING) {
      return BroadcastStatus.CLOSED;
    }
    const cursor = Atomics.load(this.i32, line + D.CURSOR_WORD);
    return (Atomics.load(this.i32, D.TAIL_INDEX) - cursor) | 0;
  }

  /** Events consumer `index` has lost (lapped or skipped while isolated) since it attached. */
  loss(index: number): number {
    this.checkIndex(index);
    return readLoss(this.i32, consumerLineIndex(index));
  }

  /** Bit k set while consumer k is parked. */
  parkedMask(): number {
    return Atomics.load(this.i32, D.PARKED_MASK_INDEX);
  }

  /** ACTIVE → ISOLATED: the consumer skips to the head on each receive, counting the skip as loss. */
  isolate(index: number): boolean {
    return this.transition(index, ISOLATE_FROM, ConsumerState.ISOLATED);
  }

  /** ISOLATED or DROPPED → ACTIVE: the consumer resumes (a lap meanwhile is counted as loss). */
  readmit(index: number): boolean {
    return this.transition(index, READMIT_FROM, ConsumerState.ACTIVE);
  }

  /** ACTIVE or ISOLATED → DROPPED: the consumer receives nothing until readmitted or closed. */
  drop(index: number): boolean {
    return this.transition(index, DROP_FROM, ConsumerState.DROPPED);
  }

  /**
   * DROPPED → FREE, for a consumer whose thread is gone. A consumer still alive sees CLOSED and
   * never writes the line again, even after another attach reuses it (the generation changed).
   */
  release(index: number): boolean {
    return this.transition(index, RELEASE_FROM, ConsumerState.FREE);
  }

  private transition(index: number, fromMask: number, to: number): boolean {
    this.checkIndex(index);
    const stateIndex = consumerLineIndex(index) + D.STATE_WORD;
    const i32 = this.i32;
    for (let tries = 0; tries < MAX_CAS_TRIES; tries++) {
      const word = Atomics.load(i32, stateIndex);
      if ((fromMask & bit(word & D.STATE_MASK)) === 0) {
        return false;
      }
      const next = (word & ~D.STATE_MASK) | to;
      if (Atomics.compareExchange(i32, stateIndex, word, next) === word) {
        // Wakes a dropped consumer sleeping on its state word (park).
        Atomics.notify(i32, stateIndex);
        return true;
      }
    }
    return false;
  }

  /** FREE → CLAIMING with the next generation; returns the new word, or -1 if not free. */
  private tryClaim(index: number): number {
    const stateIndex = consumerLineIndex(index) + D.STATE_WORD;
    const word = Atomics.load(this.i32, stateIndex);
    if ((word & D.STATE_MASK) !== ConsumerState.FREE) {
      return -1;
    }
    const generation = (word >>> D.STATE_BITS) + 1;
    const claiming = ((generation << D.STATE_BITS) | ConsumerState.CLAIMING) & 0x7fffffff;
    return Atomics.compareExchange(this.i32, stateIndex, word, claiming) === word ? claiming : -1;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.maxConsumers) {
      throw new BroadcastRingError(
        BroadcastErrorCode.BAD_CONSUMER_INDEX,
        `consumer index must be an integer in [0, ${this.maxConsumers - 1}], got ${index}`,
      );
    }
  }
}

function validateGeometry(capacity: number, slotBytes: number): void {
  const problem = ringGeometryProblem(capacity, slotBytes, D, broadcastRingByteLength);
  if (problem !== undefined) throw new BroadcastRingError(BroadcastErrorCode[problem.kind], problem.message);
}
