// Test fixture: a whole decision pipeline in one thread — a BroadcastRing fed by a synthetic
// market producer, a DecisionAgent with the given strategy, and (optionally) a SinkGateway
// answering its orders. Used by the decision tests and the GC worker.
import { Books } from '@ringside/book';
import { SampleRing } from '@ringside/counters';
import { stockKey } from '@ringside/protocols';
import { BroadcastRing, CommandQueue, nowNs } from '@ringside/ring';
import type { BroadcastProducer } from '@ringside/ring';
import {
  DecisionAgent,
  DecisionFlagsDescriptor,
  MarketEventType,
  MarketEventWriter,
  SinkGateway,
  createCompletionQueue,
  createOrderQueue,
  riskLimitValues,
} from '@ringside/hotpath';
import type { RiskLimitsInput, SinkMode, Strategy } from '@ringside/hotpath';

export const LOCATE = 7;
export const SYMBOL = 'AMZN';
/** The synthetic book's top: bid 100.0000, ask 100.0100 (Price(4)). */
export const BID = 1_000_000;
export const ASK = 1_000_100;

export interface PipelineOptions {
  readonly strategy: Strategy;
  readonly risk?: Partial<RiskLimitsInput>;
  readonly orderQueueCapacity?: number;
  readonly completionQueueCapacity?: number;
  /** Omit to answer nothing (orders pile up in the queue). */
  readonly sink?: SinkMode;
  readonly sampleCapacity?: number;
  /** Shedding knobs of the agent (DecisionAgentOptions). */
  readonly lowPriorityLocates?: readonly number[];
  readonly conflateLagEvents?: number;
  readonly sampleProcessedLatency?: boolean;
}

export class Pipeline {
  readonly ring = BroadcastRing.create({ capacity: 1 << 14, slotBytes: 64 });
  readonly producer: BroadcastProducer;
  readonly writer: MarketEventWriter;
  readonly agent: DecisionAgent;
  readonly sink: SinkGateway | null;
  readonly commands = CommandQueue.create(16);
  readonly flags = new Int32Array(new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES));
  readonly samples: SampleRing;
  readonly orders;
  readonly completions;
  private readonly feed = new Float64Array(2);
  private seq = 0;
  private ref = 0;

  constructor(o: PipelineOptions) {
    this.producer = this.ring.attachProducer();
    this.writer = new MarketEventWriter(this.producer.i32, this.producer.f64);
    const consumer = this.ring.attachConsumer({ maxBatch: 64 });
    this.orders = createOrderQueue(o.orderQueueCapacity ?? 1024);
    this.completions = createCompletionQueue(o.completionQueueCapacity ?? 2048);
    this.samples = SampleRing.allocate(o.sampleCapacity ?? 1 << 16);
    this.agent = new DecisionAgent({
      workerId: 3,
      strategyId: 9,
      consumer,
      orders: this.orders,
      completions: this.completions,
      commands: this.commands,
      flags: this.flags,
      books: new Books({ locates: [LOCATE], maxOrders: 4096, maxLevels: 256 }),
      strategy: o.strategy,
      limits: riskLimitValues({
        maxOrderQty: 1000,
        maxNotional: 1_000_000,
        maxOpenOrders: 64,
        priceBandBps: 100,
        ...o.risk,
      }),
      samples: this.samples,
      eventLimit: 64,
      completionLimit: 64,
      openOrderSlots: 4096,
      pendingSlots: 64,
      ...(o.lowPriorityLocates === undefined ? {} : { lowPriorityLocates: o.lowPriorityLocates }),
      ...(o.conflateLagEvents === undefined ? {} : { conflateLagEvents: o.conflateLagEvents }),
      ...(o.sampleProcessedLatency === undefined ? {} : { sampleProcessedLatency: o.sampleProcessedLatency }),
    });
    this.sink =
      o.sink === undefined
        ? null
        : new SinkGateway([{ orders: this.orders.buffer, completions: this.completions.buffer }], o.sink);
  }

  /** DIRECTORY for LOCATE, then a two-sided book: bid 100.0000 × 100, ask 100.0100 × 100. */
  open(): void {
    this.begin(MarketEventType.DIRECTORY, 0x52);
    this.writer.setInstrument(LOCATE, 0);
    this.writer.setRef2(stockKey(SYMBOL));
    this.add(0x42, BID);
    this.add(0x53, ASK);
    this.producer.publish();
  }

  /**
   * `n` events that leave the top unchanged: adds behind the top and deletes of them, in
   * batches of `batch` published at once (one ingest stamp per batch, as ingest does).
   */
  churn(n: number, batch = 16): void {
    for (let i = 0; i < n; i++) {
      if ((i & 1) === 0) {
        this.add((i & 2) === 0 ? 0x42 : 0x53, (i & 2) === 0 ? BID - 100 : ASK + 100);
      } else {
        this.begin(MarketEventType.DELETE, 0x44);
        this.writer.setInstrument(LOCATE, 0);
        this.writer.setOrderRef(this.ref);
      }
      if ((i + 1) % batch === 0) this.producer.publish();
    }
    this.producer.publish();
  }

  /** Adds one resting order at `price` on `side` ('B'/'S') and publishes it. */
  quote(side: number, price: number): void {
    this.add(side, price);
    this.producer.publish();
  }

  /** Runs agent and sink until both are idle (bounded). */
  pump(maxCycles = 100_000): number {
    let total = 0;
    for (let i = 0; i < maxCycles; i++) {
      const work = this.agent.doWork() + (this.sink?.doWork() ?? 0);
      total += work;
      if (work === 0) break;
    }
    return total;
  }

  private add(side: number, price: number): void {
    this.begin(MarketEventType.ADD, 0x41);
    this.writer.setInstrument(LOCATE, side);
    this.writer.setOrderRef(++this.ref);
    this.writer.setPrice(price);
    this.writer.setQuantity(100);
  }

  private begin(type: number, itchType: number): void {
    const feed = this.feed;
    feed[0] = ++this.seq;
    feed[1] = nowNs();
    this.writer.begin(this.producer.claim(), type, itchType, feed);
  }
}
