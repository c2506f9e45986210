// The simulator's own order book: resting orders per symbol, price-time priority, and a match of
// an incoming order against the opposite side. Small and linear (arrays kept sorted by
// insertion): a counterparty for tests, not an exchange.
import { isBuy } from './venue-order.ts';
import type { VenueOrder } from './venue-order.ts';

interface SymbolBook {
  bids: VenueOrder[]; // best (highest) first, then oldest
  asks: VenueOrder[]; // best (lowest) first, then oldest
}

/** One fill between an incoming order and a resting one, at the resting price. */
export interface BookMatch {
  resting: VenueOrder;
  shares: number;
  price: number;
}

export class VenueBook {
  private readonly books = new Map<string, SymbolBook>();

  private bookOf(symbol: string): SymbolBook {
    let b = this.books.get(symbol);
    if (b === undefined) {
      b = { bids: [], asks: [] };
      this.books.set(symbol, b);
    }
    return b;
  }

  /** Rests `o` (its openShares) in the book. */
  add(o: VenueOrder): void {
    const b = this.bookOf(o.symbol);
    const buy = isBuy(o.side);
    const side = buy ? b.bids : b.asks;
    let i = 0;
    // Behind every order at a better or equal price (time priority within a level).
    while (i < side.length && (buy ? side[i]!.price >= o.price : side[i]!.price <= o.price)) i++;
    side.splice(i, 0, o);
  }

  /** Takes `o` out of the book (no-op if it is not resting). */
  remove(o: VenueOrder): void {
    const b = this.books.get(o.symbol);
    if (b === undefined) return;
    const side = isBuy(o.side) ? b.bids : b.asks;
    const i = side.indexOf(o);
    if (i >= 0) side.splice(i, 1);
  }

  /**
   * Matches `o` against crossing resting orders, best price first, up to its open shares.
   * Updates openShares on both sides and removes filled resting orders; returns the fills.
   */
  match(o: VenueOrder): BookMatch[] {
    const b = this.books.get(o.symbol);
    const fills: BookMatch[] = [];
    if (b === undefined) return fills;
    const buy = isBuy(o.side);
    const contra = buy ? b.asks : b.bids;
    while (o.openShares > 0 && contra.length > 0) {
      const r = contra[0]!;
      const crosses = buy ? r.price <= o.price : r.price >= o.price;
      if (!crosses || r.owner === o.owner) break; // no self-match: the order rests instead
      const shares = Math.min(o.openShares, r.openShares);
      o.openShares -= shares;
      r.openShares -= shares;
      fills.push({ resting: r, shares, price: r.price });
      if (r.openShares === 0) contra.shift();
    }
    return fills;
  }

  /** Resting orders (all symbols). */
  size(): number {
    let n = 0;
    for (const b of this.books.values()) n += b.bids.length + b.asks.length;
    return n;
  }
}
