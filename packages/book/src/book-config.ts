// Sizing of an order book, checked once at setup (control plane: throws a typed error).

export interface BookConfig {
  /** Most live orders the book holds at once (the order table has twice as many slots). */
  maxOrders: number;
  /** Most price levels per side. */
  maxLevels: number;
}

export class BookConfigError extends Error {
  readonly code = 'BOOK_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'BookConfigError';
  }
}

const MAX_ORDERS = 1 << 26; // 2^27 slots × 17 bytes ≈ 2.3 GB: beyond that a config is a mistake

export function checkBookConfig(c: BookConfig): BookConfig {
  if (!Number.isInteger(c.maxOrders) || c.maxOrders < 1 || c.maxOrders > MAX_ORDERS) {
    throw new BookConfigError(`maxOrders must be an integer in [1, ${MAX_ORDERS}], got ${c.maxOrders}`);
  }
  if (!Number.isInteger(c.maxLevels) || c.maxLevels < 1 || c.maxLevels > MAX_ORDERS) {
    throw new BookConfigError(`maxLevels must be an integer in [1, ${MAX_ORDERS}], got ${c.maxLevels}`);
  }
  return c;
}
