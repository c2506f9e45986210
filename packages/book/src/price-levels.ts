// The price levels of one side of a book: a sorted array over typed arrays, allocated once.
// Levels are kept in ascending "key" order with the BEST level LAST, where key = price on the
// bid side and -price on the ask side. Most book activity happens at or near the best price,
// so inserting or removing a level there shifts only the few entries above it (copyWithin:
// a memmove, no allocation); a level is found by binary search.
//
//   index:  0 (worst) ............................. depth-1 (best)
//   keys    Int32Array   ascending
//   sizes   Float64Array total displayed shares (may exceed 2^31 summed over orders)
//   counts  Int32Array   live orders at the level

export class PriceLevels {
  readonly maxLevels: number;
  /** +1 for bids (key = price), -1 for asks (key = -price). */
  private readonly sign: number;
  private readonly keys: Int32Array;
  private readonly sizes: Float64Array;
  private readonly counts: Int32Array;
  /** Levels in use. */
  depth = 0;

  constructor(maxLevels: number, isBid: boolean) {
    this.maxLevels = maxLevels;
    this.sign = isBid ? 1 : -1;
    this.keys = new Int32Array(maxLevels);
    this.sizes = new Float64Array(maxLevels);
    this.counts = new Int32Array(maxLevels);
  }

  /** First index whose key is >= key (depth when none). */
  private lowerBound(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = this.depth;
    // Fast path: most events touch the best level or one close to it.
    if (hi > 0 && keys[hi - 1]! < key) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Adds one order of `qty` shares at `price`. Returns true, or false when the price needs a new
   * level and all maxLevels are in use (nothing changed).
   */
  addOrder(price: number, qty: number): boolean {
    const key = this.sign * price;
    const i = this.lowerBound(key);
    const depth = this.depth;
    if (i < depth && this.keys[i] === key) {
      this.sizes[i]! += qty;
      this.counts[i]!++;
      return true;
    }
    if (depth >= this.maxLevels) return false;
    if (i < depth) {
      this.keys.copyWithin(i + 1, i, depth);
      this.sizes.copyWithin(i + 1, i, depth);
      this.counts.copyWithin(i + 1, i, depth);
    }
    this.keys[i] = key;
    this.sizes[i] = qty;
    this.counts[i] = 1;
    this.depth = depth + 1;
    return true;
  }

  /**
   * Takes `qty` shares off the level at `price`; `orderGone` when the order left the book. The
   * level disappears with its last order. Returns false if no level has that price (a broken
   * invariant the caller reports).
   */
  reduce(price: number, qty: number, orderGone: boolean): boolean {
    const key = this.sign * price;
    const i = this.lowerBound(key);
    const depth = this.depth;
    if (i >= depth || this.keys[i] !== key) return false;
    this.sizes[i]! -= qty;
    if (orderGone && --this.counts[i]! === 0) {
      if (i < depth - 1) {
        this.keys.copyWithin(i, i + 1, depth);
        this.sizes.copyWithin(i, i + 1, depth);
        this.counts.copyWithin(i, i + 1, depth);
      }
      this.depth = depth - 1;
    }
    return true;
  }

  /** Price of the k-th best level (k = 0 is the best); -1 when there is none. */
  price(k: number): number {
    const d = this.depth;
    return k >= 0 && k < d ? (this.sign * this.keys[d - 1 - k]!) | 0 : -1;
  }

  /** Displayed shares at the k-th best level; 0 when there is none. */
  size(k: number): number {
    const d = this.depth;
    return k >= 0 && k < d ? this.sizes[d - 1 - k]! : 0;
  }

  /** Live orders at the k-th best level; 0 when there is none. */
  orders(k: number): number {
    const d = this.depth;
    return k >= 0 && k < d ? this.counts[d - 1 - k]! : 0;
  }

  clear(): void {
    this.depth = 0;
  }
}
