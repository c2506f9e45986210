// The books a decision worker keeps: one OrderBook per tracked stock locate, all allocated at
// setup. `apply` routes a decoded ITCH message to its instrument's book by locate (a lookup in
// a 65536-entry table) and ignores locates the worker does not trade.
import type { ItchDecoder } from '@ringside/protocols';
import { BookConfigError } from './book-config.ts';
import type { BookConfig } from './book-config.ts';
import { BookStatus } from './book-status.ts';
import { applyItchMessage, bookMessageLocate } from './itch-book-adapter.ts';
import { OrderBook } from './order-book.ts';

const LOCATES = 65536; // stock locate is a u16

export interface BooksConfig extends BookConfig {
  /** Stock locates to keep a book for (from the day's stock directory). */
  locates: readonly number[];
}

export class Books {
  private readonly index = new Int32Array(LOCATES).fill(-1);
  private readonly list: OrderBook[] = [];
  /** Tracked locates, in the order given. */
  readonly locates: readonly number[];

  constructor(config: BooksConfig) {
    for (const locate of config.locates) {
      if (!Number.isInteger(locate) || locate < 0 || locate >= LOCATES) {
        throw new BookConfigError(`stock locate must be an integer in [0, 65535], got ${locate}`);
      }
      if (this.index[locate] !== -1) throw new BookConfigError(`stock locate ${locate} listed twice`);
      this.index[locate] = this.list.length;
      this.list.push(new OrderBook(config));
    }
    this.locates = [...config.locates];
  }

  /** The book of a locate, or undefined when not tracked. */
  book(locate: number): OrderBook | undefined {
    const i = locate >= 0 && locate < LOCATES ? this.index[locate]! : -1;
    return i < 0 ? undefined : this.list[i];
  }

  /**
   * Applies the message `decoder.decode` just returned `type` for. Returns the book's status,
   * BookStatus.IGNORED for messages that do not touch a book, BookStatus.UNTRACKED for books
   * this container does not keep.
   */
  apply(decoder: ItchDecoder, type: number): number {
    const locate = bookMessageLocate(decoder, type);
    if (locate < 0) return BookStatus.IGNORED;
    const i = this.index[locate]!;
    if (i < 0) return BookStatus.UNTRACKED;
    return applyItchMessage(this.list[i]!, decoder, type);
  }

  /** Empties every book. */
  clear(): void {
    for (const b of this.list) b.clear();
  }
}
