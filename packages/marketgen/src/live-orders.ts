// The generator's resting orders: a pool in typed arrays (remove = swap with the last), plus the
// best bid and best ask of every symbol, kept so that a new order can be checked against the
// other side without a scan. A best price is updated in place when an order improves it and
// recomputed lazily (one scan of the pool) only after an order at the best price leaves.
import { Side } from '@ringside/protocols';

/** bestBid() of a symbol with no bids. */
export const NO_BID = 0;
/** bestAsk() of a symbol with no asks. */
export const NO_ASK = Number.POSITIVE_INFINITY;

export class LiveOrders {
  /** Resting orders right now; slots [0, count) are live. */
  count = 0;
  readonly capacity: number;
  readonly refs: Float64Array;
  /** ITCH side byte (Side.BUY / Side.SELL). */
  readonly sides: Uint8Array;
  readonly shares: Float64Array;
  readonly prices: Float64Array;
  readonly syms: Uint16Array;
  /** Best price per (symbol, side): index sym * 2 + (buy ? 0 : 1). */
  private readonly best: Float64Array;
  /** 1 when `best` of that slot must be recomputed before use. */
  private readonly stale: Uint8Array;

  constructor(symbols: number, capacity: number) {
    this.capacity = capacity;
    this.refs = new Float64Array(capacity);
    this.sides = new Uint8Array(capacity);
    this.shares = new Float64Array(capacity);
    this.prices = new Float64Array(capacity);
    this.syms = new Uint16Array(capacity);
    this.best = new Float64Array(symbols * 2);
    for (let s = 0; s < symbols; s++) {
      this.best[s * 2] = NO_BID;
      this.best[s * 2 + 1] = NO_ASK;
    }
    this.stale = new Uint8Array(symbols * 2);
  }

  /** Highest bid of `sym`, NO_BID when it has none. */
  bestBid(sym: number): number {
    return this.bestOf(sym * 2);
  }

  /** Lowest ask of `sym`, NO_ASK when it has none. */
  bestAsk(sym: number): number {
    return this.bestOf(sym * 2 + 1);
  }

  /**
   * The order first in time priority (lowest ref) at the best price of `sym`'s `side`; -1 when
   * that side is empty. A scan: called only when an incoming order is marketable.
   */
  bestOrder(sym: number, side: number): number {
    const price = this.bestOf(slotOf(sym, side));
    let found = -1;
    for (let i = 0; i < this.count; i++) {
      if (this.syms[i] !== sym || this.sides[i] !== side || this.prices[i] !== price) continue;
      if (found < 0 || this.refs[i]! < this.refs[found]!) found = i;
    }
    return found;
  }

  /** Adds a resting order; the caller keeps count below capacity. Returns its slot. */
  add(ref: number, side: number, shares: number, price: number, sym: number): number {
    const i = this.count++;
    this.refs[i] = ref;
    this.sides[i] = side;
    this.shares[i] = shares;
    this.prices[i] = price;
    this.syms[i] = sym;
    this.priced(slotOf(sym, side), price);
    return i;
  }

  /** Gives slot `i` a new ref, price and size (an ITCH replace: same side, same symbol). */
  replace(i: number, ref: number, shares: number, price: number): void {
    const slot = slotOf(this.syms[i]!, this.sides[i]!);
    this.unpriced(slot, this.prices[i]!);
    this.refs[i] = ref;
    this.shares[i] = shares;
    this.prices[i] = price;
    this.priced(slot, price);
  }

  /** Removes slot `i` (the last live slot moves into it). */
  remove(i: number): void {
    this.unpriced(slotOf(this.syms[i]!, this.sides[i]!), this.prices[i]!);
    const last = --this.count;
    if (i === last) return;
    this.refs[i] = this.refs[last]!;
    this.sides[i] = this.sides[last]!;
    this.shares[i] = this.shares[last]!;
    this.prices[i] = this.prices[last]!;
    this.syms[i] = this.syms[last]!;
  }

  private priced(slot: number, price: number): void {
    if (this.stale[slot] === 1) return;
    const b = this.best[slot]!;
    if ((slot & 1) === 0 ? price > b : price < b) this.best[slot] = price;
  }

  private unpriced(slot: number, price: number): void {
    if (price === this.best[slot]) this.stale[slot] = 1;
  }

  private bestOf(slot: number): number {
    if (this.stale[slot] === 1) this.recompute(slot);
    return this.best[slot]!;
  }

  private recompute(slot: number): void {
    const sym = slot >> 1;
    const bid = (slot & 1) === 0;
    const side = bid ? Side.BUY : Side.SELL;
    let b = bid ? NO_BID : NO_ASK;
    for (let i = 0; i < this.count; i++) {
      if (this.syms[i] !== sym || this.sides[i] !== side) continue;
      const p = this.prices[i]!;
      if (bid ? p > b : p < b) b = p;
    }
    this.best[slot] = b;
    this.stale[slot] = 0;
  }
}

function slotOf(sym: number, side: number): number {
  return sym * 2 + (side === Side.BUY ? 0 : 1);
}
