// A real decision worker thread for the shed tests: a DecisionAgent on the shared ring, flags,
// order and completion queues and counters, driven by AgentRunner (parked when idle), with a
// recording strategy that writes what it sees into a shared Float64Array (ShedRecord layout):
// callbacks per locate, the book's top as of the last callback, and the stale-book refusals.
// It submits a probe order every `orderEvery` callbacks of the first locate, and tries one on
// every stale book it knows of. On stop it posts full images of its books.
import { parentPort, workerData } from 'node:worker_threads';
import { Books } from '@ringside/book';
import type { Books as BooksType } from '@ringside/book';
import { CountersWriterView, SampleRing, warmUpWriters } from '@ringside/counters';
import {
  AgentControl,
  AgentRunner,
  BroadcastRing,
  CommandQueue,
  SpscQueue,
  idleStrategyFromConfig,
} from '@ringside/ring';
import {
  DecisionAgent,
  DecisionCountersPublisher,
  DecisionTallies,
  OrderSide,
  TimeInForce,
  riskLimitValues,
} from '@ringside/hotpath';
import type { CompletionReader, DecisionContext, MarketEventReader, Strategy } from '@ringside/hotpath';
import { bookImage } from './shed-feed.ts';
import { ShedRecord } from './shed-record.ts';
import type { ShedWorkerData, ShedWorkerResult } from './shed-record.ts';

class RecordingStrategy implements Strategy {
  private readonly record: Float64Array;
  private readonly slotOf = new Int32Array(65536).fill(-1);
  private readonly locates: readonly number[];
  private readonly spin: number;
  private readonly orderEvery: number;
  private readonly sink = new Float64Array(1);
  private countdown: number;

  constructor(record: Float64Array, locates: readonly number[], spin: number, orderEvery: number) {
    this.record = record;
    this.locates = locates;
    locates.forEach((l, s) => (this.slotOf[l] = s));
    this.spin = spin;
    this.orderEvery = orderEvery;
    this.countdown = orderEvery;
  }

  onMarketEvent(e: MarketEventReader, books: BooksType, ctx: DecisionContext): void {
    const locate = e.locate;
    const slot = this.slotOf[locate]!;
    if (slot < 0) return;
    const r = this.record;
    const base = slot * ShedRecord.STRIDE;
    const book = books.book(locate)!;
    r[base + ShedRecord.BID] = book.bestBidPrice();
    r[base + ShedRecord.BID_SIZE] = book.bestBidSize();
    r[base + ShedRecord.ASK] = book.bestAskPrice();
    r[base + ShedRecord.ASK_SIZE] = book.bestAskSize();
    r[base + ShedRecord.ORDERS] = book.orderCount();
    let x = 0;
    for (let i = 0; i < this.spin; i++) x += i * 0.5;
    this.sink[0] = x;
    // A strategy that would trade a stale book: every attempt must be refused.
    for (let s = 0; s < this.locates.length; s++) {
      const l = this.locates[s]!;
      if (!ctx.isBookStale(l)) continue;
      const bid = books.book(l)!.bestBidPrice();
      const n = ctx.submit(l, OrderSide.BUY, bid > 0 ? bid : 1_000_000, 1, TimeInForce.IOC);
      r[s * ShedRecord.STRIDE + (n > 0 ? ShedRecord.STALE_ACCEPTED : ShedRecord.STALE_REFUSED)]++;
    }
    if (slot === 0 && --this.countdown <= 0) {
      this.countdown = this.orderEvery;
      const bid = book.bestBidPrice();
      if (bid > 0) ctx.submit(locate, OrderSide.BUY, bid, 1, TimeInForce.IOC);
    }
    // Counted last: a reader that sees the count also sees the top written above.
    r[base + ShedRecord.CALLBACKS]++;
  }

  onCompletion(_c: CompletionReader, _ctx: DecisionContext): void {}
}

const data = workerData as ShedWorkerData;
warmUpWriters();
const record = new Float64Array(data.record);
const consumer = BroadcastRing.attach(data.ring).attachConsumer({ maxBatch: 64 });
const tallies = new DecisionTallies();
const books = new Books({ locates: [...data.locates], maxOrders: 4096, maxLevels: 512 });
const agent = new DecisionAgent({
  workerId: data.workerId,
  strategyId: data.workerId,
  consumer,
  orders: SpscQueue.attach(data.orders),
  completions: SpscQueue.attach(data.completions),
  commands: CommandQueue.create(16),
  flags: new Int32Array(data.flags),
  books,
  strategy: new RecordingStrategy(record, data.locates, data.spin, data.orderEvery),
  limits: riskLimitValues({ maxOrderQty: 100, maxNotional: 1e9, maxOpenOrders: 512, priceBandBps: 5000 }),
  stockKeys: new Map(data.locates.map((l) => [l, l * 1000 + 1])),
  samples: SampleRing.allocate(1 << 12),
  publisher: new DecisionCountersPublisher(
    tallies,
    CountersWriterView.attach(data.counters),
    data.counterIds,
  ),
  tallies,
  eventLimit: 64,
  completionLimit: 64,
  openOrderSlots: 2048,
  pendingSlots: 64,
  lowPriorityLocates: data.lowPriority,
  conflateLagEvents: data.conflateLagEvents,
});
const runner = new AgentRunner(agent, {
  idleStrategy: idleStrategyFromConfig('park:200', consumer),
  control: AgentControl.attach(data.control),
});
parentPort!.postMessage('ready');
const result = runner.run();
consumer.close();
const images: Record<number, number[]> = {};
const stale: Record<number, boolean> = {};
for (const l of data.locates) {
  images[l] = bookImage(books.book(l)!);
  stale[l] = agent.ctx.isBookStale(l);
}
const out: ShedWorkerResult = { images, stale, reason: result.reason };
parentPort!.postMessage(out);
