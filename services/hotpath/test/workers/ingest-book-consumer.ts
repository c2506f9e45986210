// A decision-worker stand-in for the ingest tests: consumes market events from the ring in its
// own thread, rebuilds one order book per stock locate from events alone (never from ITCH
// bytes), and checks the stream's promises as it goes — feed sequences strictly increasing,
// every hole announced by a GAP event, no duplicate, nothing lost by the ring. Stops when the
// test raises the stop flag and the ring is drained, or at its deadline; then reports.
import { parentPort, workerData } from 'node:worker_threads';
import { BroadcastParkIdleStrategy, BroadcastRing, BroadcastStatus, nowNs } from '@ringside/ring';
import type { BroadcastHandler } from '@ringside/ring';
import { OrderBook, bookSideOf } from '@ringside/book';
import { MarketEventReader, MarketEventType } from '@ringside/hotpath';

export interface BookConsumerData {
  readonly ring: SharedArrayBuffer;
  /** Int32Array: [0] stop requested (set by the test). */
  readonly flags: SharedArrayBuffer;
  readonly deadlineMs: number;
  readonly maxOrders: number;
  readonly maxLevels: number;
  /** Top levels per side to report for each book. */
  readonly depth: number;
}

export interface BookSnapshot {
  readonly locate: number;
  readonly orders: number;
  /** [price, size, orders] per level, best first. */
  readonly bids: number[][];
  readonly asks: number[][];
  /** Book status counts by code (refused or partial operations). */
  readonly rejects: number;
}

export interface BookConsumerResult {
  readonly events: number;
  readonly feedMessages: number;
  readonly byItchType: Record<string, number>;
  readonly byEventType: Record<number, number>;
  readonly gapEvents: { from: number; count: number }[];
  readonly firstFeedSequence: number;
  readonly lastFeedSequence: number;
  /** Feed sequences not above the previous one (must stay 0). */
  readonly nonIncreasing: number;
  /** Holes between consecutive feed sequences not explained by a GAP event. */
  readonly unexplainedHoles: number;
  readonly ringLoss: number;
  /** nowNs() at read minus the event's ingest stamp, over all feed events (same clock). */
  readonly minIngestToReadNs: number;
  readonly maxIngestToReadNs: number;
  readonly books: BookSnapshot[];
  readonly timedOut: boolean;
}

const data = workerData as BookConsumerData;
const ring = BroadcastRing.attach(data.ring);
const flags = new Int32Array(data.flags);
const consumer = ring.attachConsumer({ maxBatch: 256 });
const idle = new BroadcastParkIdleStrategy(consumer, 200, 1000);

class Rebuilder implements BroadcastHandler {
  readonly event = new MarketEventReader();
  readonly books = new Map<number, OrderBook>();
  readonly byItchType = new Float64Array(256);
  readonly byEventType = new Float64Array(32);
  readonly gapEvents: { from: number; count: number }[] = [];
  events = 0;
  feedMessages = 0;
  first = -1;
  last = 0;
  /** The next sequence a GAP event said is the first after its hole. */
  gapResume = -1;
  nonIncreasing = 0;
  unexplainedHoles = 0;
  minLatency = Number.POSITIVE_INFINITY;
  maxLatency = 0;

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    const e = this.event.wrap(i32, f64, offset);
    const type = e.type;
    this.events++;
    this.byEventType[type]!++;
    if (type === MarketEventType.GAP) {
      this.gapEvents.push({ from: e.feedSequence, count: e.missingCount });
      this.gapResume = e.feedSequence + e.missingCount;
      return;
    }
    const seq = e.feedSequence;
    if (this.first < 0) this.first = seq;
    else if (seq <= this.last) this.nonIncreasing++;
    else if (seq !== this.last + 1 && seq !== this.gapResume) this.unexplainedHoles++;
    this.last = seq;
    this.feedMessages++;
    this.byItchType[e.itchType]!++;
    const latency = nowNs() - e.ingestNs;
    if (latency < this.minLatency) this.minLatency = latency;
    if (latency > this.maxLatency) this.maxLatency = latency;
    this.apply(e, type);
  }

  private apply(e: MarketEventReader, type: number): void {
    if (type === MarketEventType.DIRECTORY) {
      this.book(e.locate);
      return;
    }
    if (type < MarketEventType.ADD || type > MarketEventType.REPLACE) return;
    const book = this.book(e.locate);
    switch (type) {
      case MarketEventType.ADD:
        book.add(e.orderRef, bookSideOf(e.side), e.price, e.quantity);
        break;
      case MarketEventType.EXECUTE:
        book.execute(e.orderRef, e.quantity);
        break;
      case MarketEventType.CANCEL:
        book.cancel(e.orderRef, e.quantity);
        break;
      case MarketEventType.DELETE:
        book.delete(e.orderRef);
        break;
      case MarketEventType.REPLACE:
        book.replace(e.orderRef, e.newOrderRef, e.quantity, e.price);
        break;
    }
  }

  private book(locate: number): OrderBook {
    let b = this.books.get(locate);
    if (b === undefined) {
      b = new OrderBook({ maxOrders: data.maxOrders, maxLevels: data.maxLevels });
      this.books.set(locate, b);
    }
    return b;
  }
}

const rebuilder = new Rebuilder();
const deadline = performance.now() + data.deadlineMs;
parentPort?.postMessage({ kind: 'attached' });

let timedOut = false;
let lost = 0;
for (let loops = 0; ; loops++) {
  const n = consumer.poll(rebuilder, consumer.maxBatch);
  if (n === BroadcastStatus.LAPPED) lost += consumer.lastLoss;
  if (n <= 0 && Atomics.load(flags, 0) !== 0 && consumer.available() === 0) break;
  if ((loops & 1023) === 0 && performance.now() > deadline) {
    timedOut = true;
    break;
  }
  idle.idle(n > 0 ? n : 0);
}

const levels = (book: OrderBook, side: number): number[][] => {
  const out: number[][] = [];
  for (let k = 0; k < Math.min(data.depth, book.depth(side)); k++) {
    out.push([book.levelPrice(side, k), book.levelSize(side, k), book.levelOrders(side, k)]);
  }
  return out;
};
const books: BookSnapshot[] = [...rebuilder.books.entries()]
  .sort((a, b) => a[0] - b[0])
  .map(([locate, book]) => ({
    locate,
    orders: book.orderCount(),
    bids: levels(book, 0),
    asks: levels(book, 1),
    rejects: Array.from(book.statusCounts).reduce((a, b) => a + b, 0),
  }));
const byItchType: Record<string, number> = {};
rebuilder.byItchType.forEach((n, t) => {
  if (n > 0) byItchType[String.fromCharCode(t)] = n;
});
const byEventType: Record<number, number> = {};
rebuilder.byEventType.forEach((n, t) => {
  if (n > 0) byEventType[t] = n;
});
const result: BookConsumerResult = {
  events: rebuilder.events,
  feedMessages: rebuilder.feedMessages,
  byItchType,
  byEventType,
  gapEvents: rebuilder.gapEvents,
  firstFeedSequence: rebuilder.first,
  lastFeedSequence: rebuilder.last,
  nonIncreasing: rebuilder.nonIncreasing,
  unexplainedHoles: rebuilder.unexplainedHoles,
  ringLoss: Math.max(lost, consumer.loss),
  minIngestToReadNs: rebuilder.minLatency,
  maxIngestToReadNs: rebuilder.maxLatency,
  books,
  timedOut,
};
consumer.close();
parentPort?.postMessage({ kind: 'result', result });
