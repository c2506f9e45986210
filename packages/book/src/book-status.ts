// Codes of the order book's hot calls. Negative = the event was refused or only partly applied
// (counted per kind in OrderBook.statusCounts); 0 = applied; positive = not a book event.

export const BookStatus = {
  OK: 0,
  /** The message does not change the displayed book (trades, system and admin messages). */
  IGNORED: 1,
  /** The message is for a stock locate this Books container does not track. */
  UNTRACKED: 2,
  /** No live order has this ref (never added, already gone, or dropped when a pool was full). */
  UNKNOWN_ORDER: -1,
  /** An add (or a replace's new ref) for a ref that is already live: refused, book unchanged. */
  DUPLICATE_ORDER: -2,
  /** The order table is full: the add is refused. */
  ORDER_POOL_EXHAUSTED: -3,
  /** A new price level is needed and the side's level pool is full: the add is refused. */
  LEVEL_POOL_EXHAUSTED: -4,
  /** Side is neither BookSide.BID nor BookSide.ASK. */
  BAD_SIDE: -5,
  /** Price is not an integer in [0, 2^31). */
  BAD_PRICE: -6,
  /** Quantity is not an integer in [1, 2^31) (in [0, 2^31) for execute/cancel). */
  BAD_QUANTITY: -7,
  /** Order ref is not an integer in [0, 2^53). */
  BAD_ORDER_REF: -8,
  /** Execute/cancel of more shares than remain: applied as a full removal, counted. */
  OVERSIZED: -9,
} as const;
export type BookStatusCode = (typeof BookStatus)[keyof typeof BookStatus];

/** Number of slots in OrderBook.statusCounts (index = -status). */
export const BOOK_STATUS_SLOTS = 16;

export const BookSide = { BID: 0, ASK: 1 } as const;
export type BookSideCode = (typeof BookSide)[keyof typeof BookSide];

/** Price reported for a level that does not exist (prices are never negative). */
export const NO_PRICE = -1;

/** Control plane: the name of a BookStatus code ('' for none). */
export function bookStatusName(status: number): string {
  for (const [name, code] of Object.entries(BookStatus)) if (code === status) return name;
  return '';
}
