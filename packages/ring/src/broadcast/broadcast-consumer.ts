import { BroadcastRingDescriptor as D } from './broadcast-descriptor.ts';
import type { BroadcastHandler } from './broadcast-handler.ts';
import { readLoss, writeLoss } from './broadcast-loss-counter.ts';
import { BroadcastStatus, ConsumerState } from './broadcast-status.ts';

// x86 keeps loads in order (TSO), so the copy cannot be read after TAIL_INTENT; elsewhere
// (arm64) a seq-cst RMW on a private word orders the copy's loads before the intent load.
const NEEDS_LOAD_FENCE = process.arch !== 'x64' && process.arch !== 'ia32';
const SLOTS_DOUBLE = D.SLOTS_OFFSET >> 3;

/**
 * One consumer of a BroadcastRing, owning consumer line `index`. Get one from
 * `BroadcastRing.attachConsumer()` in the thread that will consume; it starts at the head.
 *
 * `receive(limit)` (Disruptor BatchEventProcessor / Aeron fragment limit) loads TAIL once,
 * copies up to `limit` events into the private batch, validates the copy against TAIL_INTENT
 * and each slot's SEQUENCE, and only then stores its cursor, once. The batch is read through
 * `batchI32` / `batchF64` / `batchBytes` / `batchDv`, event i at byte `i * slotBytes`.
 *
 * Results: n >= 0 events received; LAPPED / ISOLATED with `lastLoss` events lost (already added
 * to the line's loss count, the cursor already past them); DROPPED; CLOSED. So for every
 * consumer: delivered + counted loss = published, and delivered sequences strictly increase.
 */
export class BroadcastConsumer {
  readonly index: number;
  readonly capacity: number;
  readonly slotBytes: number;
  readonly maxBatch: number;
  readonly batchBytes: Uint8Array;
  readonly batchI32: Int32Array;
  readonly batchF64: Float64Array;
  readonly batchDv: DataView;
  /** Events lost as reported by the last LAPPED or ISOLATED result. */
  lastLoss: number;

  private readonly ring: Int32Array;
  /** The same ring as doubles: the copy moves 8 bytes per load/store (bit-exact, see receive). */
  private readonly ring64: Float64Array;
  private readonly mask: number;
  private readonly half: number;
  private readonly slotWords: number;
  private readonly slotDoubles: number;
  private readonly line: number;
  private readonly stateIndex: number;
  private readonly cursorIndex: number;
  private readonly bit: number;
  private readonly activeWord: number;
  private readonly isolatedWord: number;
  private readonly droppedWord: number;
  private cursor: number;
  private totalLoss: number;

  /** @internal Use BroadcastRing.attachConsumer(); the line is already ACTIVE with `stateWord`. */
  constructor(
    buffer: SharedArrayBuffer,
    capacity: number,
    slotBytes: number,
    index: number,
    line: number,
    stateWord: number,
    maxBatch: number,
  ) {
    this.index = index;
    this.capacity = capacity;
    this.slotBytes = slotBytes;
    this.maxBatch = maxBatch;
    const batch = new ArrayBuffer(maxBatch * slotBytes);
    this.batchBytes = new Uint8Array(batch);
    this.batchI32 = new Int32Array(batch);
    this.batchF64 = new Float64Array(batch);
    this.batchDv = new DataView(batch);
    this.lastLoss = 0;
    this.ring = new Int32Array(buffer);
    this.ring64 = new Float64Array(buffer);
    this.mask = capacity - 1;
    this.half = capacity >>> 1;
    this.slotWords = slotBytes >> 2;
    this.slotDoubles = slotBytes >> 3;
    this.line = line;
    this.stateIndex = line + D.STATE_WORD;
    this.cursorIndex = line + D.CURSOR_WORD;
    this.bit = 1 << index;
    const generation = stateWord & ~D.STATE_MASK;
    this.activeWord = generation | ConsumerState.ACTIVE;
    this.isolatedWord = generation | ConsumerState.ISOLATED;
    this.droppedWord = generation | ConsumerState.DROPPED;
    this.cursor = Atomics.load(this.ring, this.cursorIndex);
    this.totalLoss = readLoss(this.ring, line);
  }

  /** Copies up to `limit` (at most maxBatch) events into the batch; see the class comment. */
  receive(limit: number): number {
    const ring = this.ring;
    const word = Atomics.load(ring, this.stateIndex);
    if (word !== this.activeWord) {
      return this.notActive(word);
    }
    const cursor = this.cursor;
    const tail = Atomics.load(ring, D.TAIL_INDEX);
    const available = (tail - cursor) | 0;
    if (available === 0) {
      return 0;
    }
    if (available < 0 || available > this.capacity) {
      return this.lapped(cursor);
    }
    let n = available < limit ? available : limit;
    if (n > this.maxBatch) {
      n = this.maxBatch;
    }
    if (n <= 0) {
      return 0;
    }
    // Copy as doubles: half the loads and stores of Int32. V8 moves Float64Array elements bit
    // for bit (NaN payloads included, in every tier: checked by the ring's tests), and the copy
    // is validated below before anyone reads it.
    // The n slots are contiguous in the ring except where it wraps: at most two flat runs.
    const doubles = this.slotDoubles;
    const ring64 = this.ring64;
    const batch64 = this.batchF64;
    const first = cursor & this.mask;
    const run = this.capacity - first < n ? this.capacity - first : n;
    const src = SLOTS_DOUBLE + first * doubles;
    const end = run * doubles;
    for (let i = 0; i < end; i++) {
      batch64[i] = ring64[src + i];
    }
    const total = n * doubles;
    for (let i = end; i < total; i++) {
      batch64[i] = ring64[SLOTS_DOUBLE - end + i];
    }
    if (NEEDS_LOAD_FENCE) {
      Atomics.add(ring, this.line + D.FENCE_WORD, 0);
    }
    // Seqlock-style validation after the copy: the oldest copied sequence is the first the
    // producer would overwrite, so if it is intact all are.
    const intent = Atomics.load(ring, D.TAIL_INTENT_INDEX);
    if (((intent - cursor) | 0) > this.capacity) {
      return this.lapped(cursor);
    }
    const batch = this.batchI32;
    const words = this.slotWords;
    let d = 0;
    for (let k = 0; k < n; k++) {
      if (batch[d] !== ((cursor + k) | 0)) {
        // Unreachable unless the cursor is ~2^32 behind (sequence aliasing): never deliver stale.
        return this.lapped(cursor);
      }
      d += words;
    }
    const next = (cursor + n) | 0;
    this.cursor = next;
    Atomics.store(ring, this.cursorIndex, next);
    return n;
  }

  /** receive(limit), then `handler.onEvent` for each event of the batch, oldest first. */
  poll(handler: BroadcastHandler, limit: number): number {
    const n = this.receive(limit);
    if (n > 0) {
      const bytes = this.batchBytes;
      const i32 = this.batchI32;
      const f64 = this.batchF64;
      const dv = this.batchDv;
      const slotBytes = this.slotBytes;
      for (let i = 0; i < n; i++) {
        handler.onEvent(bytes, i32, f64, dv, i * slotBytes);
      }
    }
    return n;
  }

  /**
   * Sleeps up to `timeoutMs` (fractions allowed) until the producer publishes past this
   * consumer's cursor. Sets this consumer's parked bit first, so publish() notifies; Atomics.wait
   * compares TAIL with the cursor atomically, so a publish that came first is never slept
   * through. A DROPPED (or released) consumer sleeps on its state word instead, which the
   * conductor's transitions notify.
   */
  park(timeoutMs: number): void {
    const ring = this.ring;
    const word = Atomics.load(ring, this.stateIndex);
    if (word === this.activeWord || word === this.isolatedWord) {
      Atomics.or(ring, D.PARKED_MASK_INDEX, this.bit);
      Atomics.wait(ring, D.TAIL_INDEX, this.cursor, timeoutMs);
      Atomics.and(ring, D.PARKED_MASK_INDEX, ~this.bit);
    } else {
      Atomics.wait(ring, this.stateIndex, word, timeoutMs);
    }
  }

  /** Published events not yet received (wraps only beyond 2^31, see the descriptor). */
  available(): number {
    return (Atomics.load(this.ring, D.TAIL_INDEX) - this.cursor) | 0;
  }

  /** The next sequence this consumer will receive. */
  get nextSequence(): number {
    return this.cursor;
  }

  /** Everything this consumer has lost so far (the line's loss count). */
  get loss(): number {
    return this.totalLoss;
  }

  /** Frees the line (keeping its generation) unless the conductor already released it. */
  close(): void {
    const ring = this.ring;
    Atomics.and(ring, D.PARKED_MASK_INDEX, ~this.bit);
    const free = (this.activeWord & ~D.STATE_MASK) | ConsumerState.FREE;
    for (let tries = 0; tries < 16; tries++) {
      const word = Atomics.load(ring, this.stateIndex);
      if (word !== this.activeWord && word !== this.isolatedWord && word !== this.droppedWord) {
        return;
      }
      if (Atomics.compareExchange(ring, this.stateIndex, word, free) === word) {
        Atomics.notify(ring, this.stateIndex);
        return;
      }
    }
  }

  private notActive(word: number): number {
    if (word === this.isolatedWord) {
      // Isolated: follow the head, counting every skipped event as loss (never silent).
      const cursor = this.cursor;
      const tail = Atomics.load(this.ring, D.TAIL_INDEX);
      const skipped = (tail - cursor) >>> 0;
      if (skipped !== 0) {
        this.moveTo(tail, skipped);
      }
      this.lastLoss = skipped;
      return BroadcastStatus.ISOLATED;
    }
    this.lastLoss = 0;
    return word === this.droppedWord ? BroadcastStatus.DROPPED : BroadcastStatus.CLOSED;
  }

  /**
   * The producer overwrote (or may be overwriting) the event at the cursor. Resume half a ring
   * behind the head, leaving room before the next lap, but never where the producer may be
   * writing; count every sequence skipped as loss.
   */
  private lapped(cursor: number): number {
    const ring = this.ring;
    const tail = Atomics.load(ring, D.TAIL_INDEX);
    const intent = Atomics.load(ring, D.TAIL_INTENT_INDEX);
    let resume = (tail - this.half) | 0;
    const oldestIntact = (intent - this.capacity) | 0;
    if (((resume - oldestIntact) | 0) < 0) {
      resume = oldestIntact;
    }
    let lost = (resume - cursor) >>> 0;
    if (lost === 0 || lost > 0x7fffffff) {
      // Not behind by the arithmetic (only after sequence aliasing): jump to the head.
      resume = tail;
      lost = (tail - cursor) >>> 0;
    }
    this.moveTo(resume, lost);
    this.lastLoss = lost;
    return BroadcastStatus.LAPPED;
  }

  private moveTo(cursor: number, lost: number): void {
    this.cursor = cursor;
    Atomics.store(this.ring, this.cursorIndex, cursor);
    this.totalLoss += lost;
    writeLoss(this.ring, this.line, this.totalLoss);
  }
}
