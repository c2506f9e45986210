// Books container and ITCH adapter: messages route to their instrument's book by stock locate,
// untracked locates and non-book messages are told apart, every book message type (A F E C X D
// U) lands on the book as the spec says, and bad configs throw a typed error at setup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alpha4,
  charCode,
  encodeAddOrder,
  encodeAddOrderMpid,
  encodeCrossTrade,
  encodeOrderCancel,
  encodeOrderDelete,
  encodeOrderExecuted,
  encodeOrderExecutedWithPrice,
  encodeOrderReplace,
  encodeSystemEvent,
  ItchDecoder,
  NasdaqFrameReader,
  NasdaqFrameWriter,
  Side,
  stockKey,
} from '@ringside/protocols';
import { BookConfigError, BookSide, Books, BookStatus, OrderBook } from '@ringside/book';

const h = (locate: number) => ({ stockLocate: locate, trackingNumber: 0, timestamp: 1_000 });
const stock = stockKey('TEST');

/** Frames a list of messages, replays them through decoder and books, returns the statuses. */
function replay(books: Books, write: (w: NasdaqFrameWriter) => void): number[] {
  const buf = new Uint8Array(4096);
  const w = new NasdaqFrameWriter(buf);
  write(w);
  const r = new NasdaqFrameReader().reset(buf, 0, w.position);
  const d = new ItchDecoder();
  const out: number[] = [];
  let len: number;
  while ((len = r.next()) >= 0) out.push(books.apply(d, d.decode(buf, r.messageOffset, len)));
  assert.equal(d.errors.total(), 0);
  return out;
}

function put(w: NasdaqFrameWriter, n: number): void {
  assert.ok(n > 0 && w.commit(n) > 0);
}

test('routes by stock locate, applies A F E C X D U, ignores the rest', () => {
  const books = new Books({ locates: [1, 2], maxOrders: 64, maxLevels: 16 });
  const statuses = replay(books, (w) => {
    const b = w.buffer;
    put(w, encodeSystemEvent(b, w.messageOffset, { ...h(0), eventCode: charCode('O') }));
    put(
      w,
      encodeAddOrder(b, w.messageOffset, {
        ...h(1),
        orderRef: 10,
        side: Side.BUY,
        shares: 100,
        stock,
        price: 5000,
      }),
    );
    put(
      w,
      encodeAddOrderMpid(b, w.messageOffset, {
        ...h(1),
        orderRef: 11,
        side: Side.SELL,
        shares: 70,
        stock,
        price: 5100,
        attribution: alpha4('NSDQ'),
      }),
    );
    put(
      w,
      encodeAddOrder(b, w.messageOffset, {
        ...h(2),
        orderRef: 10,
        side: Side.SELL,
        shares: 5,
        stock,
        price: 7000,
      }),
    );
    put(
      w,
      encodeAddOrder(b, w.messageOffset, {
        ...h(3),
        orderRef: 12,
        side: Side.BUY,
        shares: 1,
        stock,
        price: 1,
      }),
    );
    put(
      w,
      encodeOrderExecuted(b, w.messageOffset, { ...h(1), orderRef: 10, executedShares: 30, matchNumber: 1 }),
    );
    put(
      w,
      encodeOrderExecutedWithPrice(b, w.messageOffset, {
        ...h(1),
        orderRef: 11,
        executedShares: 20,
        matchNumber: 2,
        printable: charCode('Y'),
        executionPrice: 5050,
      }),
    );
    put(w, encodeOrderCancel(b, w.messageOffset, { ...h(1), orderRef: 10, cancelledShares: 10 }));
    put(
      w,
      encodeOrderReplace(b, w.messageOffset, {
        ...h(1),
        originalRef: 11,
        newRef: 2 ** 40,
        shares: 90,
        price: 5090,
      }),
    );
    put(
      w,
      encodeCrossTrade(b, w.messageOffset, {
        ...h(1),
        shares: 100,
        stock,
        price: 5000,
        matchNumber: 3,
        crossType: charCode('O'),
      }),
    );
    put(w, encodeOrderDelete(b, w.messageOffset, { ...h(2), orderRef: 10 }));
    put(w, encodeOrderDelete(b, w.messageOffset, { ...h(1), orderRef: 11 }));
  });
  const { OK, IGNORED, UNTRACKED, UNKNOWN_ORDER } = BookStatus;
  assert.deepEqual(statuses, [IGNORED, OK, OK, OK, UNTRACKED, OK, OK, OK, OK, IGNORED, OK, UNKNOWN_ORDER]);
  const one = books.book(1)!;
  assert.deepEqual([one.bestBidPrice(), one.bestBidSize()], [5000, 60], 'A 100, E 30, X 10');
  assert.deepEqual([one.bestAskPrice(), one.bestAskSize()], [5090, 90], 'F 70, C 20, then U to 5090 x 90');
  assert.equal(one.levelOrders(BookSide.ASK, 0), 1);
  assert.equal(books.book(2)!.orderCount(), 0, 'locate 2 got its own add and delete');
  assert.equal(books.book(3), undefined);
  assert.equal(one.statusCount(BookStatus.UNKNOWN_ORDER), 1, 'the ref replaced away is unknown');
  assert.deepEqual(books.locates, [1, 2]);
  books.clear();
  assert.equal(one.orderCount(), 0);
});

test('bad configurations throw BookConfigError with a code at setup', () => {
  const bad = [
    () => new Books({ locates: [1, 1], maxOrders: 8, maxLevels: 8 }),
    () => new Books({ locates: [65536], maxOrders: 8, maxLevels: 8 }),
    () => new Books({ locates: [-1], maxOrders: 8, maxLevels: 8 }),
    () => new OrderBook({ maxOrders: 0, maxLevels: 8 }),
    () => new OrderBook({ maxOrders: 8, maxLevels: 1.5 }),
  ];
  for (const f of bad) {
    assert.throws(f, (e: unknown) => e instanceof BookConfigError && e.code === 'BOOK_CONFIG_INVALID');
  }
});
