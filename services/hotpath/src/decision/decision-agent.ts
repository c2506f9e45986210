// The decision worker's agent: per duty cycle it drains the conductor's commands, then the
// gateway's completions, then a batch of market events from its BroadcastRing consumer —
// applying each event to its books before the strategy sees it. All memory is allocated here,
// at construction; doWork and everything below it only touch typed arrays and flyweights.
//
// Load shedding (shed-levels.ts): the LEVEL flag is read once per drained batch. From
// DROP_LOW_PRIORITY up, events of low-priority instruments are skipped whole and their books
// marked stale; from CONFLATE up, a batch drained while the worker is behind (lag above
// conflateLagEvents, from its own cursor and the ring tail: one atomic load, no syscall) is
// applied to the books first, then the strategy gets only each instrument's newest event.
import { BookStatus, bookSideOf } from '@ringside/book';
import type { Books } from '@ringside/book';
import type { SampleRing } from '@ringside/counters';
import { BroadcastStatus, SpscQueue, stampNs } from '@ringside/ring';
import type { Agent, BroadcastConsumer, CommandQueue } from '@ringside/ring';
import { MarketEventType } from '../events/market-event-descriptor.ts';
import { MarketEventReader } from '../events/market-event-reader.ts';
import { CompletionHandler, DecisionCommandHandler, MarketHandler } from './decision-handlers.ts';
import {
  CompletionDescriptor,
  CompletionStatus,
  isTerminalCompletion,
} from '../orders/completion-descriptor.ts';
import type { CompletionReader } from '../orders/completion-reader.ts';
import { CompletionWriter } from '../orders/completion-writer.ts';
import { OrderKind } from '../orders/order-command-descriptor.ts';
import { OrderCommandWriter } from '../orders/order-command-writer.ts';
import { DecisionContext, TriggerStamp } from './decision-context.ts';
import { DecisionTallies, DecisionTally } from './decision-counters.ts';
import type { DecisionCountersPublisher } from './decision-counters.ts';
import { DecisionLatencyTag } from './decision-latency.ts';
import { DecisionCommand, DecisionFlagsDescriptor } from './decision-status.ts';
import { ShedLevel } from '../conductor/shed-levels.ts';
import { OpenOrders } from './open-orders.ts';
import { RISK_LIMIT_COUNT } from './risk-limits.ts';
import type { Strategy } from './strategy.ts';

const TWO_32 = 4294967296;
const LOCATES = 65536;
/** Rounds of LOCAL_REJECT delivery after one strategy call (a strategy resubmitting on every
 *  reject could otherwise loop): later notices wait for the next call. */
const MAX_PENDING_ROUNDS = 4;

export interface DecisionAgentOptions {
  readonly workerId: number;
  readonly strategyId: number;
  readonly consumer: BroadcastConsumer;
  /** Producer side of this worker's order queue (order-command layout). */
  readonly orders: SpscQueue;
  /** Consumer side of this worker's completion queue (completion layout). */
  readonly completions: SpscQueue;
  readonly commands: CommandQueue | null;
  /** Shared DecisionFlagsDescriptor words. */
  readonly flags: Int32Array;
  readonly books: Books;
  readonly strategy: Strategy;
  /** RiskLimit values (riskLimitValues); copied. */
  readonly limits: Float64Array;
  /** Stock keys known before the feed's directory (locate → key). */
  readonly stockKeys?: ReadonlyMap<number, number>;
  readonly samples: SampleRing;
  readonly publisher?: DecisionCountersPublisher | null;
  /** The tallies the publisher copies (default: new ones). */
  readonly tallies?: DecisionTallies;
  /** Most market events per receive (≤ the consumer's maxBatch). */
  readonly eventLimit: number;
  /** Most completions per duty cycle. */
  readonly completionLimit: number;
  /** Open-order table slots (power of two, ≥ 2 × max open orders). */
  readonly openOrderSlots: number;
  /** LOCAL_REJECT notices that can wait for delivery (power of two). */
  readonly pendingSlots: number;
  /** Locates skipped whole under DROP_LOW_PRIORITY (default none; locate 0 never is). */
  readonly lowPriorityLocates?: readonly number[];
  /** From CONFLATE up, conflate a batch when lag (batch + still in the ring) is above this (default 256). */
  readonly conflateLagEvents?: number;
  /** Record one INGEST_TO_PROCESSED sample per processed event (default false). */
  readonly sampleProcessedLatency?: boolean;
  /** This process run's session epoch, carried in client order ids (default 0). */
  readonly sessionEpoch?: number;
}

/**
 * A strategy MAY also implement onReset (DecisionCommand.RESET: drop what it learned from the
 * market). Kept here, optional, so every existing strategy stays valid.
 */
export interface ResettableStrategy {
  onReset?(ctx: DecisionContext): void;
}

const LEVEL_INDEX = DecisionFlagsDescriptor.LEVEL_INDEX;
/** Index of DecisionAgent.clock: the end of the batch being sampled. */
const BATCH_DONE_NS = 0;

export class DecisionAgent implements Agent {
  readonly roleName: string;
  readonly tallies: DecisionTallies;
  readonly ctx: DecisionContext;
  readonly books: Books;
  readonly open: OpenOrders;
  readonly limits: Float64Array;
  readonly stockKeys = new Float64Array(LOCATES);
  /** The stock keys known from the config (RESET goes back to them). */
  private readonly configuredStockKeys = new Float64Array(LOCATES);
  /** 1 = low priority (dropped from DROP_LOW_PRIORITY up), by locate. */
  readonly lowPriority = new Uint8Array(LOCATES);
  /** 1 = the book missed events (dropped): never traded on again (ctx refuses SHED). */
  readonly stale = new Uint8Array(LOCATES);
  readonly conflateLagEvents: number;
  readonly sampleProcessedLatency: boolean;
  /** Conflation scratch: index in the batch of each locate's newest event. */
  private readonly newest = new Int32Array(LOCATES);
  private readonly clock = new Float64Array(1);
  private readonly flags: Int32Array;
  private readonly scratch = new MarketEventReader();
  /** The batch being handled drops low-priority events (level ≥ DROP_LOW_PRIORITY). */
  private dropping = false;
  private readonly consumer: BroadcastConsumer;
  private readonly orders: SpscQueue;
  private readonly completions: SpscQueue;
  private readonly pending: SpscQueue;
  private readonly commands: CommandQueue | null;
  private readonly strategy: Strategy;
  private readonly samples: SampleRing;
  private readonly publisher: DecisionCountersPublisher | null;
  private readonly eventLimit: number;
  private readonly completionLimit: number;
  private readonly marketHandler: MarketHandler;
  private readonly gatewayHandler: CompletionHandler;
  private readonly pendingHandler: CompletionHandler;
  private readonly commandHandler: DecisionCommandHandler;
  private delivering = false;

  constructor(o: DecisionAgentOptions) {
    this.roleName = `decision-${o.workerId}`;
    if (o.orders.slotBytes !== 128 || o.completions.slotBytes !== CompletionDescriptor.SLOT_BYTES) {
      throw new RangeError(
        'order / completion queues need 128-byte slots (createOrderQueue / createCompletionQueue)',
      );
    }
    if (o.limits.length !== RISK_LIMIT_COUNT) throw new RangeError('limits: use riskLimitValues()');
    this.tallies = o.tallies ?? new DecisionTallies();
    this.consumer = o.consumer;
    this.orders = o.orders;
    this.completions = o.completions;
    this.commands = o.commands;
    this.books = o.books;
    this.strategy = o.strategy;
    this.samples = o.samples;
    this.publisher = o.publisher ?? null;
    this.eventLimit = Math.min(o.eventLimit, o.consumer.maxBatch);
    this.completionLimit = o.completionLimit;
    this.limits = Float64Array.from(o.limits);
    this.open = new OpenOrders(o.openOrderSlots);
    this.pending = SpscQueue.create({ capacity: o.pendingSlots, slotBytes: CompletionDescriptor.SLOT_BYTES });
    for (const [locate, key] of o.stockKeys ?? []) this.stockKeys[locate] = key;
    this.configuredStockKeys.set(this.stockKeys);
    for (const locate of o.lowPriorityLocates ?? []) {
      if (!(Number.isInteger(locate) && locate >= 1 && locate < LOCATES)) {
        throw new RangeError(`lowPriorityLocates: bad locate ${locate}`);
      }
      this.lowPriority[locate] = 1;
    }
    this.flags = o.flags;
    this.conflateLagEvents = o.conflateLagEvents ?? 256;
    this.sampleProcessedLatency = o.sampleProcessedLatency ?? false;
    this.ctx = new DecisionContext({
      workerId: o.workerId,
      strategyId: o.strategyId,
      ...(o.sessionEpoch === undefined ? {} : { sessionEpoch: o.sessionEpoch }),
      books: o.books,
      orders: o.orders,
      orderWriter: new OrderCommandWriter(o.orders.i32, o.orders.f64),
      pending: this.pending,
      pendingWriter: new CompletionWriter(this.pending.i32, this.pending.f64),
      open: this.open,
      limits: this.limits,
      flags: o.flags,
      stockKeys: this.stockKeys,
      stale: this.stale,
      tallies: this.tallies,
      samples: o.samples,
    });
    this.marketHandler = new MarketHandler(this);
    this.gatewayHandler = new CompletionHandler(this, true);
    this.pendingHandler = new CompletionHandler(this, false);
    this.commandHandler = new DecisionCommandHandler(this);
  }

  doWork(): number {
    let work = 0;
    if (this.commands !== null) work += this.commands.drain(this.commandHandler);
    const ctx = this.ctx;
    const stamps = ctx.stamps;
    // Orders a strategy sends from onCompletion have no market trigger: stamp them "now".
    stampNs(stamps, TriggerStamp.INGEST_NS);
    stamps[TriggerStamp.PUBLISH_NS] = stamps[TriggerStamp.INGEST_NS]!;
    stamps[TriggerStamp.DECISION_READ_NS] = stamps[TriggerStamp.INGEST_NS]!;
    stamps[TriggerStamp.FEED_SEQUENCE] = 0;
    stamps[TriggerStamp.FROM_MARKET] = 0;
    work += this.completions.poll(this.gatewayHandler, this.completionLimit);
    work += this.receiveMarket();
    if (work > 0 && this.publisher !== null) this.publisher.flush();
    return work;
  }

  private receiveMarket(): number {
    const consumer = this.consumer;
    const n = consumer.receive(this.eventLimit);
    if (n <= 0) {
      if (n === BroadcastStatus.LAPPED || n === BroadcastStatus.ISOLATED) {
        this.tallies.scalars[DecisionTally.RING_LOSS] += consumer.lastLoss;
        return 1;
      }
      return 0;
    }
    const stamps = this.ctx.stamps;
    stampNs(stamps, TriggerStamp.DECISION_READ_NS);
    stamps[TriggerStamp.FROM_MARKET] = 1;
    this.tallies.scalars[DecisionTally.BATCHES]++;
    const i32 = consumer.batchI32;
    const f64 = consumer.batchF64;
    const slotBytes = consumer.slotBytes;
    const handler = this.marketHandler;
    const event = handler.event.wrap(i32, f64, 0);
    this.samples.record(
      stamps[TriggerStamp.DECISION_READ_NS]! - event.ingestNs,
      DecisionLatencyTag.INGEST_TO_READ,
    );
    const level = Atomics.load(this.flags, LEVEL_INDEX);
    const scalars = this.tallies.scalars;
    scalars[DecisionTally.SHED_LEVEL] = level;
    this.ctx.shedLevel = level;
    this.dropping = level >= ShedLevel.DROP_LOW_PRIORITY;
    // Lag = this batch plus what is still waiting: one load of the ring's tail.
    if (level >= ShedLevel.CONFLATE && n + consumer.available() > this.conflateLagEvents) {
      scalars[DecisionTally.CONFLATED_BATCHES]++;
      this.conflateBatch(i32, f64, n, slotBytes);
    } else {
      for (let i = 0; i < n; i++) handler.handle(i32, f64, i * slotBytes);
    }
    stamps[TriggerStamp.FROM_MARKET] = 0;
    if (this.sampleProcessedLatency) this.sampleProcessed(i32, f64, n, slotBytes);
    return n;
  }

  /**
   * Conflation: every event of the batch goes to the books first (they stay exact), then the
   * strategy gets each instrument's newest event only, seeing its book in the newest state.
   * System events (locate 0) are all delivered.
   */
  private conflateBatch(i32: Int32Array, f64: Float64Array, n: number, slotBytes: number): void {
    const e = this.scratch;
    const newest = this.newest;
    const scalars = this.tallies.scalars;
    for (let i = 0; i < n; i++) {
      e.wrap(i32, f64, i * slotBytes);
      scalars[DecisionTally.EVENTS]++;
      if (this.isDropped(e)) continue;
      this.apply(e);
      newest[e.locate] = i;
    }
    for (let i = 0; i < n; i++) {
      e.wrap(i32, f64, i * slotBytes);
      const locate = e.locate;
      if (this.dropping && this.lowPriority[locate] !== 0) continue; // Dropped (counted) above.
      if (locate !== 0 && newest[locate] !== i) {
        scalars[DecisionTally.CONFLATED]++;
        continue;
      }
      this.deliver(e);
    }
  }

  /** One INGEST_TO_PROCESSED sample per event applied in this batch (an upper bound each). */
  private sampleProcessed(i32: Int32Array, f64: Float64Array, n: number, slotBytes: number): void {
    const clock = this.clock;
    stampNs(clock, BATCH_DONE_NS);
    const e = this.scratch;
    const samples = this.samples;
    const low = this.lowPriority;
    const dropping = this.dropping;
    for (let i = 0; i < n; i++) {
      e.wrap(i32, f64, i * slotBytes);
      if (dropping && low[e.locate] !== 0) continue;
      samples.record(clock[BATCH_DONE_NS]! - e.ingestNs, DecisionLatencyTag.INGEST_TO_PROCESSED);
    }
  }

  /** Under DROP_LOW_PRIORITY: skips a low-priority event whole (counted; its book goes stale). */
  private isDropped(e: MarketEventReader): boolean {
    const locate = e.locate;
    if (!this.dropping || this.lowPriority[locate] === 0) return false;
    this.tallies.scalars[DecisionTally.SHED_DROPPED]++;
    const type = e.type;
    // Reference data is still kept (it cannot make a book wrong); a book event missed can.
    if (type === MarketEventType.DIRECTORY) this.stockKeys[locate] = e.stockKey;
    else if (type <= MarketEventType.REPLACE) this.stale[locate] = 1;
    return true;
  }

  /** The event into the books (or the stock-key table). */
  private apply(e: MarketEventReader): void {
    const type = e.type;
    if (type <= MarketEventType.REPLACE) {
      if (this.applyToBook(e, type) < 0) this.tallies.scalars[DecisionTally.BOOK_ERRORS]++;
    } else if (type === MarketEventType.DIRECTORY) {
      this.stockKeys[e.locate] = e.stockKey;
    }
  }

  /** The event to the strategy, with its stamps as the trigger of any order it sends. */
  private deliver(e: MarketEventReader): void {
    const stamps = this.ctx.stamps;
    stamps[TriggerStamp.INGEST_NS] = e.ingestNs;
    stamps[TriggerStamp.PUBLISH_NS] = e.ingestNs;
    stamps[TriggerStamp.FEED_SEQUENCE] = e.feedSequence;
    try {
      this.strategy.onMarketEvent(e, this.books, this.ctx);
    } catch {
      this.tallies.scalars[DecisionTally.STRATEGY_ERRORS]++;
    }
    if (this.ctx.pendingCount !== 0) this.deliverPending();
  }

  /** @internal One market event, unconflated (called by MarketHandler). */
  onMarketEvent(e: MarketEventReader): void {
    this.tallies.scalars[DecisionTally.EVENTS]++;
    if (this.isDropped(e)) return;
    this.apply(e);
    this.deliver(e);
  }

  /** @internal One completion, from the gateway or the local pending queue. */
  onCompletion(c: CompletionReader, fromGateway: boolean): void {
    const tallies = this.tallies;
    const status = c.status;
    if (fromGateway) {
      tallies.scalars[DecisionTally.COMPLETIONS]++;
      if (status > 0 && status < tallies.byStatus.length) tallies.byStatus[status]++;
      this.checkStamps(c, status);
    }
    const kind = c.commandKind;
    const number = c.orderNumber;
    if (isTerminalCompletion(status, kind)) {
      this.open.remove(number);
    } else if (status === CompletionStatus.PARTIALLY_FILLED) {
      const slot = this.open.find(number);
      if (slot >= 0) this.open.leaves[slot] = c.leavesQty;
    }
    try {
      this.strategy.onCompletion(c, this.ctx);
    } catch {
      tallies.scalars[DecisionTally.STRATEGY_ERRORS]++;
    }
    if (fromGateway && this.ctx.pendingCount !== 0) this.deliverPending();
  }

  /** @internal A conductor command. */
  onCommand(opcode: number, arg0: number, arg1: number): void {
    this.tallies.scalars[DecisionTally.COMMANDS]++;
    switch (opcode) {
      case DecisionCommand.HALT:
        this.ctx.localHalt = true;
        break;
      case DecisionCommand.RESUME:
        this.ctx.localHalt = false;
        break;
      case DecisionCommand.SET_RISK_LIMIT:
        if (arg0 >= 0 && arg0 < RISK_LIMIT_COUNT && arg1 >= 0) this.limits[arg0] = arg1;
        break;
      case DecisionCommand.STRATEGY_PARAM:
        try {
          this.strategy.onCommand?.(arg0, arg1, this.ctx);
        } catch {
          this.tallies.scalars[DecisionTally.STRATEGY_ERRORS]++;
        }
        break;
      case DecisionCommand.RESET:
        this.reset();
        break;
    }
  }

  /**
   * DecisionCommand.RESET (control plane, rare: once per start after a synthetic warm-up): the
   * worker forgets the market it has seen. Orders still open at the warm-up sink are forgotten
   * too: they were never at the venue, so the strategy must not cancel them there.
   */
  private reset(): void {
    this.books.clear();
    this.stale.fill(0);
    this.stockKeys.set(this.configuredStockKeys);
    this.open.clear();
    try {
      (this.strategy as Strategy & ResettableStrategy).onReset?.(this.ctx);
    } catch {
      this.tallies.scalars[DecisionTally.STRATEGY_ERRORS]++;
    }
  }

  /** Hands queued LOCAL_REJECTs to the strategy (never re-entered: refusals made meanwhile queue up). */
  private deliverPending(): void {
    if (this.delivering) return;
    this.delivering = true;
    const ctx = this.ctx;
    for (let round = 0; round < MAX_PENDING_ROUNDS && ctx.pendingCount !== 0; round++) {
      ctx.pendingCount = 0;
      this.pending.poll(this.pendingHandler, this.pending.capacity);
    }
    this.delivering = false;
  }

  private applyToBook(e: MarketEventReader, type: number): number {
    const book = this.books.book(e.locate);
    if (book === undefined) return BookStatus.UNTRACKED;
    const ref = e.orderRef;
    const hi = (ref / TWO_32) | 0;
    const lo = ref | 0;
    switch (type) {
      case MarketEventType.ADD:
        return book.addSplit(hi, lo, bookSideOf(e.side), e.price, e.quantity);
      case MarketEventType.EXECUTE:
      case MarketEventType.CANCEL:
        return book.reduceSplit(hi, lo, e.quantity);
      case MarketEventType.DELETE:
        return book.deleteSplit(hi, lo);
      case MarketEventType.REPLACE: {
        const next = e.newOrderRef;
        return book.replaceSplit(hi, lo, (next / TWO_32) | 0, next | 0, e.quantity, e.price);
      }
      default:
        return BookStatus.IGNORED;
    }
  }

  /** Attribution stamps must not go backwards (one time base); a violation is counted. */
  private checkStamps(c: CompletionReader, status: number): void {
    const acked = c.ackedNs;
    if (acked === 0 || status === CompletionStatus.LOCAL_REJECT) return;
    const enqueued = c.enqueuedNs;
    const sent = c.sentNs;
    if (
      !(c.ingestNs <= c.publishNs && c.publishNs <= c.decisionReadNs && c.decisionReadNs <= enqueued) ||
      !(enqueued <= sent && sent <= acked)
    ) {
      this.tallies.scalars[DecisionTally.STAMP_VIOLATIONS]++;
    }
    if (
      c.commandKind === OrderKind.NEW &&
      (status === CompletionStatus.ACCEPTED || status === CompletionStatus.REJECTED)
    ) {
      this.samples.record(acked - enqueued, DecisionLatencyTag.ENQUEUED_TO_ACKED);
    }
  }
}
