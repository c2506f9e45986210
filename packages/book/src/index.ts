// Public API of @ringside/book: per-instrument limit order books built from ITCH order events,
// allocation free on the hot path. Named exports only.
export { BookStatus, BookSide, NO_PRICE, BOOK_STATUS_SLOTS, bookStatusName } from './book-status.ts';
export type { BookStatusCode, BookSideCode } from './book-status.ts';
export { BookConfigError, checkBookConfig } from './book-config.ts';
export type { BookConfig } from './book-config.ts';
export { OrderTable } from './order-table.ts';
export { PriceLevels } from './price-levels.ts';
export { OrderBook } from './order-book.ts';
export { applyItchMessage, bookMessageLocate, bookSideOf } from './itch-book-adapter.ts';
export { Books } from './books.ts';
export type { BooksConfig } from './books.ts';
