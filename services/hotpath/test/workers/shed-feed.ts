// Test fixture for the shed tests: a deterministic order-book feed over several instruments
// (adds, partial executes and cancels, deletes, replaces) written into a BroadcastRing AND
// applied to an unshed reference Books, so a worker's books can be compared with the truth.
import { Books, bookSideOf, BookSide } from '@ringside/book';
import type { OrderBook } from '@ringside/book';
import { nowNs } from '@ringside/ring';
import type { BroadcastProducer } from '@ringside/ring';
import { MarketEventType, MarketEventWriter } from '@ringside/hotpath';

/** Around 100.0000 (Price(4)): levels 1 cent apart. */
const MID = 1_000_000;
const TICK = 100;
const MAX_LIVE = 150;

interface LiveOrder {
  ref: number;
  qty: number;
  side: number;
}

function expectOk(status: number): void {
  if (status < 0) throw new Error(`reference book refused an event: ${status}`);
}

export class ShedFeed {
  readonly reference: Books;
  /** Events published per locate. */
  readonly published = new Map<number, number>();
  private readonly writer: MarketEventWriter;
  private readonly producer: BroadcastProducer;
  private readonly locates: readonly number[];
  private readonly live = new Map<number, LiveOrder[]>();
  private readonly feed = new Float64Array(2);
  private seed: number;
  private seq = 0;
  private nextRef = 1;
  total = 0;

  constructor(producer: BroadcastProducer, locates: readonly number[], seed = 7) {
    this.producer = producer;
    this.writer = new MarketEventWriter(producer.i32, producer.f64);
    this.locates = locates;
    this.seed = seed;
    this.reference = new Books({ locates: [...locates], maxOrders: 4096, maxLevels: 512 });
    for (const l of locates) {
      this.live.set(l, []);
      this.published.set(l, 0);
    }
  }

  /** `n` events, round-robin over the locates, published every `batch` events. */
  publish(n: number, batch = 64): void {
    for (let i = 0; i < n; i++) {
      this.one(this.locates[i % this.locates.length]!);
      if ((i + 1) % batch === 0) this.producer.publish();
    }
    this.producer.publish();
  }

  private one(locate: number): void {
    const live = this.live.get(locate)!;
    const book = this.reference.book(locate)!;
    const r = this.random();
    if (live.length < 20 || (r < 0.45 && live.length < MAX_LIVE)) return this.add(locate, book, live);
    const k = Math.floor(this.random() * live.length);
    const order = live[k]!;
    const w = this.writer;
    if (r < 0.72 && order.qty > 3) {
      // Partial execute or cancel: the order stays.
      const execute = r < 0.6;
      const qty = execute ? 1 : 2;
      this.begin(execute ? MarketEventType.EXECUTE : MarketEventType.CANCEL, execute ? 0x45 : 0x58, locate);
      w.setOrderRef(order.ref);
      w.setQuantity(qty);
      expectOk(execute ? book.execute(order.ref, qty) : book.cancel(order.ref, qty));
      order.qty -= qty;
    } else if (r < 0.88) {
      this.begin(MarketEventType.DELETE, 0x44, locate);
      w.setOrderRef(order.ref);
      expectOk(book.delete(order.ref));
      live.splice(k, 1);
    } else {
      // Replace keeps the order's side; the new price stays on that side of the mid.
      const next = this.nextRef++;
      const price = this.price(order.side);
      this.begin(MarketEventType.REPLACE, 0x55, locate);
      w.setOrderRef(order.ref);
      w.setRef2(next);
      w.setPrice(price);
      w.setQuantity(50);
      expectOk(book.replace(order.ref, next, 50, price));
      live[k] = { ref: next, qty: 50, side: order.side };
    }
  }

  private add(locate: number, book: OrderBook, live: LiveOrder[]): void {
    const side = this.random() < 0.5 ? 0x42 : 0x53;
    const ref = this.nextRef++;
    const price = this.price(side);
    const qty = 10 + Math.floor(this.random() * 90);
    this.begin(MarketEventType.ADD, 0x41, locate);
    this.writer.setInstrument(locate, side);
    this.writer.setOrderRef(ref);
    this.writer.setPrice(price);
    this.writer.setQuantity(qty);
    expectOk(book.add(ref, bookSideOf(side), price, qty));
    live.push({ ref, qty, side });
  }

  private price(side: number): number {
    const offset = 1 + Math.floor(this.random() * 10);
    return side === 0x42 ? MID - offset * TICK : MID + offset * TICK;
  }

  private begin(type: number, itchType: number, locate: number): void {
    const feed = this.feed;
    feed[0] = ++this.seq;
    feed[1] = nowNs();
    this.writer.begin(this.producer.claim(), type, itchType, feed);
    if (type !== MarketEventType.ADD) this.writer.setInstrument(locate, 0);
    this.published.set(locate, this.published.get(locate)! + 1);
    this.total++;
  }

  /** xorshift32 in [0, 1). */
  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }
}

/** Every level of both sides and the order count: equal iff the books show the same market. */
export function bookImage(book: OrderBook): number[] {
  const out = [book.orderCount()];
  for (const side of [BookSide.BID, BookSide.ASK]) {
    const depth = book.depth(side);
    out.push(depth);
    for (let k = 0; k < depth; k++)
      out.push(book.levelPrice(side, k), book.levelSize(side, k), book.levelOrders(side, k));
  }
  return out;
}
