// The worker's table of its open orders (sent, not yet finished), keyed by order number. Risk
// counts them (RISK_MAX_OPEN); cancel looks up the original's side/price/size for the command.
//
// Order numbers are handed out in increasing order, so `number & mask` spreads them over the
// table without hashing. A slot still held by an order `capacity` numbers older (one that never
// finished) makes the new order's slot busy: put() then fails and the order is refused with
// RISK_MAX_OPEN — with capacity >= 2 × max open orders that means an order stuck for a long
// time, which is worth refusing over anyway. All int32 arrays: nothing here boxes.

export class OpenOrders {
  readonly capacity: number;
  private readonly mask: number;
  /** 0 = free, else the order number held. */
  private readonly numbers: Int32Array;
  readonly side: Int32Array;
  readonly locate: Int32Array;
  readonly price: Int32Array;
  readonly quantity: Int32Array;
  readonly leaves: Int32Array;
  private count = 0;

  /** `capacity`: a power of two. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.numbers = new Int32Array(capacity);
    this.side = new Int32Array(capacity);
    this.locate = new Int32Array(capacity);
    this.price = new Int32Array(capacity);
    this.quantity = new Int32Array(capacity);
    this.leaves = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Whether `number`'s slot is free (put would succeed). */
  canPut(number: number): boolean {
    return this.numbers[number & this.mask] === 0;
  }

  /** Records a sent order; returns its slot, or -1 when the slot is busy. */
  put(number: number, locate: number, side: number, price: number, quantity: number): number {
    const slot = number & this.mask;
    if (this.numbers[slot] !== 0) return -1;
    this.numbers[slot] = number;
    this.locate[slot] = locate;
    this.side[slot] = side;
    this.price[slot] = price;
    this.quantity[slot] = quantity;
    this.leaves[slot] = quantity;
    this.count++;
    return slot;
  }

  /** The slot of an open order, or -1. */
  find(number: number): number {
    const slot = number & this.mask;
    return number > 0 && this.numbers[slot] === number ? slot : -1;
  }

  /** Removes an open order (idempotent: a second terminal completion changes nothing). */
  remove(number: number): boolean {
    const slot = this.find(number);
    if (slot < 0) return false;
    this.numbers[slot] = 0;
    this.count--;
    return true;
  }

  clear(): void {
    this.numbers.fill(0);
    this.count = 0;
  }
}
