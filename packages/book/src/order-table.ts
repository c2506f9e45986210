// Live orders of one book, keyed by ITCH order ref: an open-addressing hash table over typed
// arrays, allocated once. Linear probing with backward-shift deletion (no tombstones), so a
// table that churns all day never degrades and never needs a rehash.
//
// An order ref is a u64 below 2^53, carried as two int32 halves (hi < 2^21, lo = low 32 bits as
// int32). Both halves are small integers, so passing them between functions never boxes a
// double, which keeps the hot path free of heap allocation.
//
// Per slot (struct of arrays; slots = next power of two >= 2 × maxOrders, load <= 1/2):
//
//   keyHi  Int32Array   -1 = empty slot
//   keyLo  Int32Array
//   side   Uint8Array   BookSide
//   price  Int32Array   Price(4)
//   qty    Int32Array   remaining shares

const EMPTY = -1;

/** Slot index for a ref's halves (murmur3 finalizer over the mixed halves). */
function home(hi: number, lo: number, mask: number): number {
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

export class OrderTable {
  /** Most live orders. */
  readonly maxOrders: number;
  readonly slots: number;
  private readonly mask: number;
  private readonly keyHi: Int32Array;
  private readonly keyLo: Int32Array;
  readonly side: Uint8Array;
  readonly price: Int32Array;
  readonly qty: Int32Array;
  /** Live orders. */
  size = 0;

  constructor(maxOrders: number) {
    this.maxOrders = maxOrders;
    let slots = 2;
    while (slots < maxOrders * 2) slots *= 2;
    this.slots = slots;
    this.mask = slots - 1;
    this.keyHi = new Int32Array(slots).fill(EMPTY);
    this.keyLo = new Int32Array(slots);
    this.side = new Uint8Array(slots);
    this.price = new Int32Array(slots);
    this.qty = new Int32Array(slots);
  }

  /** Slot of the order, or -1. */
  find(hi: number, lo: number): number {
    const keyHi = this.keyHi;
    const keyLo = this.keyLo;
    const mask = this.mask;
    let i = home(hi, lo, mask);
    for (;;) {
      const h = keyHi[i]!;
      if (h === EMPTY) return -1;
      if (h === hi && keyLo[i] === lo) return i;
      i = (i + 1) & mask;
    }
  }

  /**
   * Slot for a new order: an empty slot after the probe (≥ 0), -1 when the ref is live, -2 when
   * the table holds maxOrders orders. The caller fills it with `put`.
   */
  slotFor(hi: number, lo: number): number {
    if (this.size >= this.maxOrders) return this.find(hi, lo) >= 0 ? -1 : -2;
    const keyHi = this.keyHi;
    const keyLo = this.keyLo;
    const mask = this.mask;
    let i = home(hi, lo, mask);
    for (;;) {
      const h = keyHi[i]!;
      if (h === EMPTY) return i;
      if (h === hi && keyLo[i] === lo) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Fills an empty slot returned by `slotFor`. */
  put(slot: number, hi: number, lo: number, side: number, price: number, qty: number): void {
    this.keyHi[slot] = hi;
    this.keyLo[slot] = lo;
    this.side[slot] = side;
    this.price[slot] = price;
    this.qty[slot] = qty;
    this.size++;
  }

  /** Removes the order in `slot`, shifting later entries of its probe run back. */
  removeAt(slot: number): void {
    const keyHi = this.keyHi;
    const keyLo = this.keyLo;
    const mask = this.mask;
    let gap = slot;
    let j = slot;
    for (;;) {
      j = (j + 1) & mask;
      const h = keyHi[j]!;
      if (h === EMPTY) break;
      const k = home(h, keyLo[j]!, mask);
      // The entry at j may move into the gap only if its home is not cyclically in (gap, j].
      const stays = gap <= j ? gap < k && k <= j : gap < k || k <= j;
      if (stays) continue;
      this.move(j, gap);
      gap = j;
    }
    keyHi[gap] = EMPTY;
    this.size--;
  }

  private move(from: number, to: number): void {
    this.keyHi[to] = this.keyHi[from]!;
    this.keyLo[to] = this.keyLo[from]!;
    this.side[to] = this.side[from]!;
    this.price[to] = this.price[from]!;
    this.qty[to] = this.qty[from]!;
  }

  /** Empties the table. */
  clear(): void {
    this.keyHi.fill(EMPTY);
    this.size = 0;
  }
}
