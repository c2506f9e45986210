// A limit order book for one instrument, built from order-level events (ITCH A/F add, E/C
// execute, X cancel, D delete, U replace). All memory is allocated by the constructor; every
// event call takes primitives, allocates nothing and returns a BookStatus code (never throws).
// Refused or partial events are counted per kind in `statusCounts`.
//
// Order refs are doubles (exact integers below 2^53). Each ref call splits its ref into two
// int32 halves before doing real work, so the (inlinable) wrapper is the only place a large
// double lives and no call below it ever boxes one. The *Split forms take the halves directly
// (the ITCH adapter uses them): V8 boxes a double above 2^31 into a heap number whenever it
// crosses a call it did not inline, and a big decision loop cannot count on inlining.
import { BOOK_STATUS_SLOTS, BookSide, BookStatus } from './book-status.ts';
import { checkBookConfig } from './book-config.ts';
import type { BookConfig } from './book-config.ts';
import { OrderTable } from './order-table.ts';
import { PriceLevels } from './price-levels.ts';

const TWO_32 = 4294967296;
const MAX_REF = 2 ** 53;
const MAX_INT31 = 0x7fffffff;

/** An order ref the book can key exactly: an integer in [0, 2^53). */
function validRef(ref: number): boolean {
  return ref >= 0 && ref < MAX_REF && Math.floor(ref) === ref;
}

export class OrderBook {
  readonly orders: OrderTable;
  readonly bids: PriceLevels;
  readonly asks: PriceLevels;
  /** statusCounts[-code]: how often each negative BookStatus was returned. */
  readonly statusCounts = new Float64Array(BOOK_STATUS_SLOTS);

  constructor(config: BookConfig) {
    checkBookConfig(config);
    this.orders = new OrderTable(config.maxOrders);
    this.bids = new PriceLevels(config.maxLevels, true);
    this.asks = new PriceLevels(config.maxLevels, false);
  }

  // ---- events ----

  /** New displayed order. side: BookSide; price: Price(4) integer; qty > 0. */
  add(ref: number, side: number, price: number, qty: number): number {
    if (!validRef(ref)) return this.fail(BookStatus.BAD_ORDER_REF);
    return this.addSplit((ref / TWO_32) | 0, ref | 0, side, price, qty);
  }

  /** Shares of a resting order executed (ITCH E, and C whatever its execution price). */
  execute(ref: number, qty: number): number {
    if (!validRef(ref)) return this.fail(BookStatus.BAD_ORDER_REF);
    return this.reduceSplit((ref / TWO_32) | 0, ref | 0, qty);
  }

  /** Shares of a resting order cancelled (ITCH X). */
  cancel(ref: number, qty: number): number {
    if (!validRef(ref)) return this.fail(BookStatus.BAD_ORDER_REF);
    return this.reduceSplit((ref / TWO_32) | 0, ref | 0, qty);
  }

  /** A resting order leaves the book (ITCH D). */
  delete(ref: number): number {
    if (!validRef(ref)) return this.fail(BookStatus.BAD_ORDER_REF);
    return this.deleteSplit((ref / TWO_32) | 0, ref | 0);
  }

  /**
   * Cancel-replace (ITCH U): the old order leaves, a new one with the old one's side rests at
   * `price` with `qty`. Refused with the book unchanged when the old ref is unknown, the new ref
   * is already live, or qty/price are invalid. If the new price needs a level and the level pool
   * is full, the old order is gone and the new one is refused (LEVEL_POOL_EXHAUSTED).
   */
  replace(oldRef: number, newRef: number, qty: number, price: number): number {
    if (!validRef(oldRef) || !validRef(newRef)) {
      return this.fail(BookStatus.BAD_ORDER_REF);
    }
    return this.replaceSplit(
      (oldRef / TWO_32) | 0,
      oldRef | 0,
      (newRef / TWO_32) | 0,
      newRef | 0,
      qty,
      price,
    );
  }

  // ---- queries (k = 0 is the best level) ----

  bestBidPrice(): number {
    return this.bids.price(0);
  }
  bestBidSize(): number {
    return this.bids.size(0);
  }
  bestAskPrice(): number {
    return this.asks.price(0);
  }
  bestAskSize(): number {
    return this.asks.size(0);
  }
  /** Price of the k-th best level of `side`, NO_PRICE (-1) when absent. */
  levelPrice(side: number, k: number): number {
    return side === BookSide.BID ? this.bids.price(k) : this.asks.price(k);
  }
  /** Displayed shares at the k-th best level of `side`, 0 when absent. */
  levelSize(side: number, k: number): number {
    return side === BookSide.BID ? this.bids.size(k) : this.asks.size(k);
  }
  /** Live orders at the k-th best level of `side`, 0 when absent. */
  levelOrders(side: number, k: number): number {
    return side === BookSide.BID ? this.bids.orders(k) : this.asks.orders(k);
  }
  /** Number of price levels on `side`. */
  depth(side: number): number {
    return side === BookSide.BID ? this.bids.depth : this.asks.depth;
  }
  /** Live orders in the book. */
  orderCount(): number {
    return this.orders.size;
  }
  /** How often `status` (negative) was returned. */
  statusCount(status: number): number {
    return status < 0 && -status < BOOK_STATUS_SLOTS ? this.statusCounts[-status]! : 0;
  }

  /** Empties the book (start of day, resync); the counters are kept. */
  clear(): void {
    this.orders.clear();
    this.bids.clear();
    this.asks.clear();
  }

  // ---- the same events keyed by ref halves ----
  // hi = top 32 bits of the ref (< 2^21), lo = low 32 bits as a signed int32: what the ITCH
  // flyweights' *Hi/*Lo getters return. Both are small integers, so these calls never box a
  // double whether or not V8 inlines them. Halves out of range make a different key, never a
  // crash; the ITCH decoder only yields valid ones.

  addSplit(hi: number, lo: number, side: number, price: number, qty: number): number {
    if (side !== BookSide.BID && side !== BookSide.ASK) return this.fail(BookStatus.BAD_SIDE);
    if (!(price >= 0 && price <= MAX_INT31 && (price | 0) === price)) return this.fail(BookStatus.BAD_PRICE);
    if (!(qty >= 1 && qty <= MAX_INT31 && (qty | 0) === qty)) return this.fail(BookStatus.BAD_QUANTITY);
    const orders = this.orders;
    const slot = orders.slotFor(hi, lo);
    if (slot === -1) return this.fail(BookStatus.DUPLICATE_ORDER);
    if (slot < 0) return this.fail(BookStatus.ORDER_POOL_EXHAUSTED);
    const levels = side === BookSide.BID ? this.bids : this.asks;
    if (!levels.addOrder(price, qty)) return this.fail(BookStatus.LEVEL_POOL_EXHAUSTED);
    orders.put(slot, hi, lo, side, price, qty);
    return BookStatus.OK;
  }

  /** execute and cancel by ref halves (the book treats both alike). */
  reduceSplit(hi: number, lo: number, qty: number): number {
    if (!(qty >= 0 && qty <= MAX_INT31 && (qty | 0) === qty)) return this.fail(BookStatus.BAD_QUANTITY);
    const orders = this.orders;
    const slot = orders.find(hi, lo);
    if (slot < 0) return this.fail(BookStatus.UNKNOWN_ORDER);
    const left = orders.qty[slot]!;
    const levels = orders.side[slot] === BookSide.BID ? this.bids : this.asks;
    if (qty < left) {
      orders.qty[slot] = left - qty;
      levels.reduce(orders.price[slot]!, qty, false);
      return BookStatus.OK;
    }
    levels.reduce(orders.price[slot]!, left, true);
    orders.removeAt(slot);
    return qty === left ? BookStatus.OK : this.fail(BookStatus.OVERSIZED);
  }

  deleteSplit(hi: number, lo: number): number {
    const orders = this.orders;
    const slot = orders.find(hi, lo);
    if (slot < 0) return this.fail(BookStatus.UNKNOWN_ORDER);
    const levels = orders.side[slot] === BookSide.BID ? this.bids : this.asks;
    levels.reduce(orders.price[slot]!, orders.qty[slot]!, true);
    orders.removeAt(slot);
    return BookStatus.OK;
  }

  replaceSplit(oHi: number, oLo: number, nHi: number, nLo: number, qty: number, price: number): number {
    if (!(price >= 0 && price <= MAX_INT31 && (price | 0) === price)) return this.fail(BookStatus.BAD_PRICE);
    if (!(qty >= 1 && qty <= MAX_INT31 && (qty | 0) === qty)) return this.fail(BookStatus.BAD_QUANTITY);
    const orders = this.orders;
    const slot = orders.find(oHi, oLo);
    if (slot < 0) return this.fail(BookStatus.UNKNOWN_ORDER);
    if ((nHi !== oHi || nLo !== oLo) && orders.find(nHi, nLo) >= 0)
      return this.fail(BookStatus.DUPLICATE_ORDER);
    const side = orders.side[slot]!;
    const status = this.deleteSplit(oHi, oLo);
    return status !== BookStatus.OK ? status : this.addSplit(nHi, nLo, side, price, qty);
  }

  // ---- internals ----

  private fail(status: number): number {
    this.statusCounts[-status]!++;
    return status;
  }
}
