// Shared fixtures of the ingest tests (not a worker itself): the book-rebuilding consumer
// thread, and the reference answers computed straight from ITCH bytes in the test thread.
import { Worker } from 'node:worker_threads';
import { Books } from '@ringside/book';
import type { OrderBook } from '@ringside/book';
import { ItchDecoder, ItchType, NasdaqFrameReader } from '@ringside/protocols';
import type { BookConsumerData, BookConsumerResult, BookSnapshot } from './ingest-book-consumer.ts';

export interface BookConsumerHandle {
  /** Resolves once the consumer holds its ring line (start the producer after this). */
  readonly attached: Promise<void>;
  /** Raises the stop flag; resolves with the result once the consumer drained the ring. */
  stop(): Promise<BookConsumerResult>;
}

export const BOOK_SIZING = { maxOrders: 1 << 17, maxLevels: 1 << 14, depth: 5 } as const;

export function startBookConsumer(ring: SharedArrayBuffer, deadlineMs: number): BookConsumerHandle {
  const flags = new SharedArrayBuffer(8);
  const data: BookConsumerData = { ring, flags, deadlineMs, ...BOOK_SIZING };
  const worker = new Worker(new URL('./ingest-book-consumer.ts', import.meta.url), { workerData: data });
  let onAttached!: () => void;
  const attached = new Promise<void>((resolve) => (onAttached = resolve));
  const result = new Promise<BookConsumerResult>((resolve, reject) => {
    worker.on('message', (m: { kind: string; result?: BookConsumerResult }) => {
      if (m.kind === 'attached') onAttached();
      else if (m.kind === 'result' && m.result !== undefined) resolve(m.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`book consumer exited (${code}) without a result`)));
  });
  return {
    attached,
    stop: async () => {
      Atomics.store(new Int32Array(flags), 0, 1);
      return result;
    },
  };
}

export interface FileFacts {
  readonly messages: number;
  readonly byType: Record<string, number>;
  readonly books: BookSnapshot[];
}

/** Counts and final books of a NASDAQ-framed ITCH buffer, decoded directly (the oracle). */
export function fileFacts(bytes: Uint8Array): FileFacts {
  const decoder = new ItchDecoder();
  const reader = new NasdaqFrameReader().reset(bytes);
  const byType: Record<string, number> = {};
  const locates = new Set<number>();
  let messages = 0;
  for (let len = reader.next(); len >= 0; len = reader.next()) {
    messages++;
    const t = decoder.decode(bytes, reader.messageOffset, len);
    if (t < 0) continue;
    byType[String.fromCharCode(t)] = (byType[String.fromCharCode(t)] ?? 0) + 1;
    if (t === ItchType.STOCK_DIRECTORY || t === ItchType.ADD_ORDER || t === ItchType.ADD_ORDER_MPID) {
      locates.add((bytes[reader.messageOffset + 1]! << 8) | bytes[reader.messageOffset + 2]!);
    }
  }
  const books = new Books({ locates: [...locates].sort((a, b) => a - b), ...BOOK_SIZING });
  reader.reset(bytes);
  for (let len = reader.next(); len >= 0; len = reader.next()) {
    const t = decoder.decode(bytes, reader.messageOffset, len);
    if (t > 0) books.apply(decoder, t);
  }
  return { messages, byType, books: books.locates.map((l) => snapshot(l, books.book(l)!)) };
}

function snapshot(locate: number, book: OrderBook): BookSnapshot {
  const levels = (side: number): number[][] => {
    const out: number[][] = [];
    for (let k = 0; k < Math.min(BOOK_SIZING.depth, book.depth(side)); k++) {
      out.push([book.levelPrice(side, k), book.levelSize(side, k), book.levelOrders(side, k)]);
    }
    return out;
  };
  return {
    locate,
    orders: book.orderCount(),
    bids: levels(0),
    asks: levels(1),
    rejects: Array.from(book.statusCounts).reduce((a, b) => a + b, 0),
  };
}
