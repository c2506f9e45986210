// Model test: random add / execute / cancel / delete / replace sequences (fast-check) applied to
// the OrderBook and to a naive Map-based reference book. After every step both must agree on
// the status code, the top levels of both sides (price, size, order count), the depth, the
// number of live orders and the per-status counters. Small pools make the exhaustion paths
// (order table full, level pool full) part of the sequences.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BookSide, BookStatus, OrderBook } from '@ringside/book';

interface RefOrder {
  side: number;
  price: number;
  qty: number;
}

/** The obvious book: a Map of live orders; levels computed by sorting on demand. */
class ReferenceBook {
  readonly orders = new Map<number, RefOrder>();
  readonly counts = new Map<number, number>();
  readonly maxOrders: number;
  readonly maxLevels: number;
  constructor(maxOrders: number, maxLevels: number) {
    this.maxOrders = maxOrders;
    this.maxLevels = maxLevels;
  }

  levels(side: number): { price: number; size: number; orders: number }[] {
    const by = new Map<number, { price: number; size: number; orders: number }>();
    for (const o of this.orders.values()) {
      if (o.side !== side) continue;
      const l = by.get(o.price) ?? { price: o.price, size: 0, orders: 0 };
      l.size += o.qty;
      l.orders++;
      by.set(o.price, l);
    }
    return [...by.values()].sort((a, b) => (side === BookSide.BID ? b.price - a.price : a.price - b.price));
  }

  private fail(s: number): number {
    this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
    return s;
  }

  add(ref: number, side: number, price: number, qty: number): number {
    if (side !== BookSide.BID && side !== BookSide.ASK) return this.fail(BookStatus.BAD_SIDE);
    if (!(qty >= 1)) return this.fail(BookStatus.BAD_QUANTITY);
    if (this.orders.has(ref)) return this.fail(BookStatus.DUPLICATE_ORDER);
    if (this.orders.size >= this.maxOrders) return this.fail(BookStatus.ORDER_POOL_EXHAUSTED);
    const levels = this.levels(side);
    if (!levels.some((l) => l.price === price) && levels.length >= this.maxLevels) {
      return this.fail(BookStatus.LEVEL_POOL_EXHAUSTED);
    }
    this.orders.set(ref, { side, price, qty });
    return BookStatus.OK;
  }

  reduce(ref: number, qty: number): number {
    if (!(qty >= 0)) return this.fail(BookStatus.BAD_QUANTITY);
    const o = this.orders.get(ref);
    if (o === undefined) return this.fail(BookStatus.UNKNOWN_ORDER);
    if (qty < o.qty) {
      o.qty -= qty;
      return BookStatus.OK;
    }
    this.orders.delete(ref);
    return qty === o.qty ? BookStatus.OK : this.fail(BookStatus.OVERSIZED);
  }

  delete(ref: number): number {
    if (!this.orders.delete(ref)) return this.fail(BookStatus.UNKNOWN_ORDER);
    return BookStatus.OK;
  }

  replace(oldRef: number, newRef: number, qty: number, price: number): number {
    if (!(qty >= 1)) return this.fail(BookStatus.BAD_QUANTITY);
    const o = this.orders.get(oldRef);
    if (o === undefined) return this.fail(BookStatus.UNKNOWN_ORDER);
    if (newRef !== oldRef && this.orders.has(newRef)) return this.fail(BookStatus.DUPLICATE_ORDER);
    this.orders.delete(oldRef);
    return this.add(newRef, o.side, price, qty);
  }
}

type Cmd =
  | { op: 'add'; ref: number; side: number; price: number; qty: number }
  | { op: 'execute' | 'cancel'; ref: number; qty: number }
  | { op: 'delete'; ref: number }
  | { op: 'replace'; ref: number; newRef: number; qty: number; price: number };

// Refs from a small pool, so that most commands hit live orders; some are above 2^32 and near
// 2^53 to exercise both int32 halves of the key.
const REFS = [0, 1, 2, 3, 5, 8, 13, 21, 2 ** 31, 2 ** 32 + 7, 9_000_000_001, 2 ** 53 - 1];
const ref = fc.constantFrom(...REFS);
const price = fc.integer({ min: 1000, max: 1012 });
const qty = fc.integer({ min: 0, max: 400 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      ref,
      side: fc.constantFrom(0, 0, 1, 1, 2),
      price,
      qty,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constantFrom('execute' as const, 'cancel' as const), ref, qty }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), ref }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), ref, newRef: ref, qty, price }) },
);

function apply(b: OrderBook | ReferenceBook, c: Cmd): number {
  switch (c.op) {
    case 'add':
      return b.add(c.ref, c.side, c.price, c.qty);
    case 'execute':
      return b instanceof OrderBook ? b.execute(c.ref, c.qty) : b.reduce(c.ref, c.qty);
    case 'cancel':
      return b instanceof OrderBook ? b.cancel(c.ref, c.qty) : b.reduce(c.ref, c.qty);
    case 'delete':
      return b.delete(c.ref);
    case 'replace':
      return b.replace(c.ref, c.newRef, c.qty, c.price);
  }
}

function assertSame(book: OrderBook, model: ReferenceBook, levels: number, step: string): void {
  for (const side of [BookSide.BID, BookSide.ASK]) {
    const want = model.levels(side);
    assert.equal(book.depth(side), want.length, `${step}: depth of side ${side}`);
    for (let k = 0; k < levels; k++) {
      const w = want[k];
      const got = {
        price: book.levelPrice(side, k),
        size: book.levelSize(side, k),
        orders: book.levelOrders(side, k),
      };
      assert.deepEqual(got, w ?? { price: -1, size: 0, orders: 0 }, `${step}: side ${side} level ${k}`);
    }
  }
  assert.equal(book.orderCount(), model.orders.size, `${step}: live orders`);
  assert.equal(book.bestBidPrice(), book.levelPrice(BookSide.BID, 0));
  assert.equal(book.bestAskSize(), book.levelSize(BookSide.ASK, 0));
  for (const [status, n] of model.counts)
    assert.equal(book.statusCount(status), n, `${step}: count of ${status}`);
}

const SIZES = [
  { maxOrders: 4096, maxLevels: 64, runs: 300 }, // roomy: no exhaustion
  { maxOrders: 6, maxLevels: 3, runs: 300 }, // tight: pools run out
];

for (const size of SIZES) {
  test(`OrderBook equals a naive reference book after every step (maxOrders ${size.maxOrders}, maxLevels ${size.maxLevels})`, () => {
    const deadline = Date.now() + 20_000;
    console.log('model test config', { ...size, commandsPerRun: '1..200', levelsCompared: 5 });
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 200, size: 'max' }), (cmds) => {
        assert.ok(Date.now() < deadline, 'model test over its time budget');
        const book = new OrderBook(size);
        const model = new ReferenceBook(size.maxOrders, size.maxLevels);
        cmds.forEach((c, i) => {
          const step = `step ${i} ${JSON.stringify(c)}`;
          assert.equal(apply(book, c), apply(model, c), `${step}: status`);
          assertSame(book, model, 5, step);
        });
      }),
      { numRuns: size.runs },
    );
  });
}

test('refs and values the book cannot key or store are refused, not thrown', () => {
  const book = new OrderBook({ maxOrders: 8, maxLevels: 8 });
  assert.equal(book.add(-1, BookSide.BID, 100, 1), BookStatus.BAD_ORDER_REF);
  assert.equal(book.add(2 ** 53, BookSide.BID, 100, 1), BookStatus.BAD_ORDER_REF);
  assert.equal(book.add(1.5, BookSide.BID, 100, 1), BookStatus.BAD_ORDER_REF);
  assert.equal(book.add(Number.NaN, BookSide.BID, 100, 1), BookStatus.BAD_ORDER_REF);
  assert.equal(book.add(1, BookSide.BID, -1, 1), BookStatus.BAD_PRICE);
  assert.equal(book.add(1, BookSide.BID, 2 ** 31, 1), BookStatus.BAD_PRICE);
  assert.equal(book.add(1, BookSide.BID, 100, 2 ** 31), BookStatus.BAD_QUANTITY);
  assert.equal(book.add(1, BookSide.BID, 100, 0.5), BookStatus.BAD_QUANTITY);
  assert.equal(book.execute(1, 1), BookStatus.UNKNOWN_ORDER);
  assert.equal(book.replace(1, -5, 1, 1), BookStatus.BAD_ORDER_REF);
  assert.equal(book.orderCount(), 0);
  assert.equal(book.statusCount(BookStatus.BAD_ORDER_REF), 5);
  // An ask at price 0 reads back as +0, and an empty level as NO_PRICE.
  assert.equal(book.add(7, BookSide.ASK, 0, 5), BookStatus.OK);
  assert.ok(Object.is(book.bestAskPrice(), 0));
  assert.equal(book.bestBidPrice(), -1);
  book.clear();
  assert.equal(book.orderCount(), 0);
  assert.equal(book.depth(BookSide.ASK), 0);
});
