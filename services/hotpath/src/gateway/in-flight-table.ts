// The gateway's table of live orders (layout: in-flight-descriptor.ts): which decision worker
// and strategy sent an order, its stamps, its state at the venue, and when it times out.
// Preallocated typed arrays; every call is allocation-free and returns codes, never throws.
// Keys are client order ids split into int32 halves (doubles would box across calls).
import { OrderCommandDescriptor as O } from '../orders/order-command-descriptor.ts';
import { InFlightDescriptor as D, InFlightState } from './in-flight-descriptor.ts';

export const InFlightStatus = {
  /** No free record (the gateway answers EXEC_BACKLOG). */
  FULL: -1,
  /** The key is already in the table (a duplicate order id: refused, never sent twice). */
  DUPLICATE: -2,
  NOT_FOUND: -3,
  /** The deadline ring is full (the gateway answers EXEC_BACKLOG). */
  DEADLINES_FULL: -4,
} as const;

const RECORD_W = D.RECORD_BYTES >> 2;
const RECORD_D = D.RECORD_BYTES >> 3;
const CLIENT_ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const STATE_W = D.STATE_OFFSET >> 2;

export class InFlightTable {
  readonly capacity: number;
  /** Views over the records (each in the order-command layout plus gateway fields). */
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly flags: Int32Array;
  readonly gen: Int32Array;
  /** Live records. */
  size = 0;
  private readonly keyHi: Int32Array;
  private readonly keyLo: Int32Array;
  private readonly rec: Int32Array;
  private readonly cellMask: number;
  private readonly free: Int32Array;
  private freeTop: number;
  // Deadline FIFO.
  private readonly dlRecord: Int32Array;
  private readonly dlGen: Int32Array;
  private readonly dlKind: Int32Array;
  private readonly dlDue: Float64Array;
  private readonly dlMask: number;
  private dlHead = 0;
  private dlTail = 0;

  constructor(capacity: number, deadlineCapacity: number) {
    this.capacity = capacity;
    const buffer = new ArrayBuffer(capacity * D.RECORD_BYTES);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.flags = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
    let cells = 2;
    while (cells < capacity * 2) cells *= 2;
    this.keyHi = new Int32Array(cells);
    this.keyLo = new Int32Array(cells);
    this.rec = new Int32Array(cells);
    this.cellMask = cells - 1;
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
    this.dlRecord = new Int32Array(deadlineCapacity);
    this.dlGen = new Int32Array(deadlineCapacity);
    this.dlKind = new Int32Array(deadlineCapacity);
    this.dlDue = new Float64Array(deadlineCapacity);
    this.dlMask = deadlineCapacity - 1;
  }

  /** Byte offset of record `r` in the views. */
  offsetOf(r: number): number {
    return r * D.RECORD_BYTES;
  }

  state(r: number): number {
    return this.i32[r * RECORD_W + STATE_W]!;
  }

  setState(r: number, state: number): void {
    this.i32[r * RECORD_W + STATE_W] = state;
  }

  /**
   * Takes a record for a new order and copies its command (order-command layout) from the
   * slot at byte `offset` of `srcF64`. Returns the record, FULL or DUPLICATE.
   */
  insert(srcF64: Float64Array, offset: number): number {
    const sd = offset >> 3;
    const id = srcF64[sd + CLIENT_ORDER_ID_D]!;
    const hi = (id / 4294967296) | 0;
    const lo = (id % 4294967296) | 0;
    if (this.find(hi, lo) >= 0) return InFlightStatus.DUPLICATE;
    if (this.freeTop === 0) return InFlightStatus.FULL;
    const r = this.free[--this.freeTop]!;
    const dst = this.f64;
    const rd = r * RECORD_D;
    // 12 doubles = the command's 96 bytes; the gateway fields are cleared below.
    for (let k = 0; k < 12; k++) dst[rd + k] = srcF64[sd + k]!;
    for (let k = 12; k < RECORD_D; k++) dst[rd + k] = 0;
    this.flags[r] = 0;
    let cell = hash(hi, lo) & this.cellMask;
    while (this.rec[cell] !== 0) cell = (cell + 1) & this.cellMask;
    this.keyHi[cell] = hi;
    this.keyLo[cell] = lo;
    this.rec[cell] = r + 1;
    this.size++;
    return r;
  }

  /** The record of order id (hi, lo), or NOT_FOUND. */
  find(hi: number, lo: number): number {
    const mask = this.cellMask;
    let cell = hash(hi, lo) & mask;
    for (;;) {
      const r = this.rec[cell]!;
      if (r === 0) return InFlightStatus.NOT_FOUND;
      if (this.keyHi[cell] === hi && this.keyLo[cell] === lo) return r - 1;
      cell = (cell + 1) & mask;
    }
  }

  /** Frees record `r` (its order is finished); its deadline entries become stale. */
  release(r: number): void {
    const id = this.f64[r * RECORD_D + CLIENT_ORDER_ID_D]!;
    const hi = (id / 4294967296) | 0;
    const lo = (id % 4294967296) | 0;
    const mask = this.cellMask;
    let cell = hash(hi, lo) & mask;
    while (this.rec[cell] !== r + 1) {
      if (this.rec[cell] === 0) return; // not indexed: nothing to free
      cell = (cell + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let hole = cell;
    let next = (hole + 1) & mask;
    while (this.rec[next] !== 0) {
      const home = hash(this.keyHi[next]!, this.keyLo[next]!) & mask;
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        this.keyHi[hole] = this.keyHi[next]!;
        this.keyLo[hole] = this.keyLo[next]!;
        this.rec[hole] = this.rec[next]!;
        hole = next;
      }
      next = (next + 1) & mask;
    }
    this.rec[hole] = 0;
    this.setState(r, InFlightState.FREE);
    this.flags[r] = 0;
    this.gen[r] = (this.gen[r]! + 1) | 0;
    this.free[this.freeTop++] = r;
    this.size--;
  }

  // ───────────── deadlines ─────────────

  /**
   * Queues a deadline for record `r` (kind: OrderKind of what was sent), due at clock[0] +
   * clock[1] (send time + timeout, in a typed array: a double argument would be boxed).
   */
  pushDeadline(r: number, kind: number, clock: Float64Array): number {
    const tail = this.dlTail;
    if (tail - this.dlHead > this.dlMask) return InFlightStatus.DEADLINES_FULL;
    const at = tail & this.dlMask;
    this.dlRecord[at] = r;
    this.dlGen[at] = this.gen[r]!;
    this.dlKind[at] = kind;
    this.dlDue[at] = clock[0]! + clock[1]!;
    this.dlTail = tail + 1;
    return 0;
  }

  /** Room left in the deadline ring. */
  deadlineRoom(): number {
    return this.dlMask + 1 - (this.dlTail - this.dlHead);
  }

  /** Whether an entry is queued (the head may be stale). */
  hasDeadline(): boolean {
    return this.dlTail !== this.dlHead;
  }

  /** Due time of the head entry (only when hasDeadline()). */
  headDue(): number {
    return this.dlDue[this.dlHead & this.dlMask]!;
  }

  /** Record of the head entry, or -1 when that record has been released since (stale). */
  headRecord(): number {
    const at = this.dlHead & this.dlMask;
    const r = this.dlRecord[at]!;
    return this.gen[r] === this.dlGen[at] ? r : -1;
  }

  headKind(): number {
    return this.dlKind[this.dlHead & this.dlMask]!;
  }

  popDeadline(): void {
    this.dlHead++;
  }

  /** Visits every live record (control plane and session loss: not per event). */
  forEachLive(visit: (r: number) => void): void {
    const cells = this.cellMask + 1;
    for (let c = 0; c < cells; c++) {
      const r = this.rec[c]!;
      if (r !== 0) visit(r - 1);
    }
  }
}

/** Mixes both halves (Fibonacci hashing); ids differ mostly in the low half. */
function hash(hi: number, lo: number): number {
  const h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 15);
}
