// What a strategy trades through (`ctx`): submit and cancel write order commands straight into
// the worker's order queue, after pre-trade risk. Nothing here allocates, blocks or throws:
// a refusal returns a negative SubmitStatus and queues a LOCAL_REJECT completion that the
// strategy receives right after its current call returns (so it never re-enters itself).
//
// Order numbers: each worker numbers its orders 1, 2, 3, ...; the wire id is
// clientOrderIdOf(workerId, number, sessionEpoch) (client-order-id.ts): the epoch and worker
// parts are one base computed at construction, so minting an id stays one addition. The API
// hands out the number, a small integer, because a 53-bit id returned from a call V8 does not
// inline would be boxed.
import type { Books, OrderBook } from '@ringside/book';
import type { SampleRing } from '@ringside/counters';
import type { SpscQueue } from '@ringside/ring';
import { ClientOrderId, checkSessionEpoch, clientOrderIdOf } from '../orders/client-order-id.ts';
import { CompletionReason, CompletionStatus } from '../orders/completion-descriptor.ts';
import type { CompletionWriter } from '../orders/completion-writer.ts';
import {
  OrderCommandDescriptor as O,
  OrderKind,
  OrderSide,
  TimeInForce,
} from '../orders/order-command-descriptor.ts';
import type { OrderCommandWriter } from '../orders/order-command-writer.ts';
import { DecisionTally } from './decision-counters.ts';
import type { DecisionTallies } from './decision-counters.ts';
import { DecisionLatencyTag } from './decision-latency.ts';
import { DecisionFlagsDescriptor } from './decision-status.ts';
import type { OpenOrders } from './open-orders.ts';
import { RiskLimit } from './risk-limits.ts';

/** Indexes of DecisionContext.stamps: the trigger of the orders being written now. */
export const TriggerStamp = {
  INGEST_NS: 0,
  PUBLISH_NS: 1,
  DECISION_READ_NS: 2,
  FEED_SEQUENCE: 3,
  /** 1 while handling a market event (decision latency is sampled), 0 for completions. */
  FROM_MARKET: 4,
} as const;

const ENQUEUED_D = O.ENQUEUED_NS_OFFSET >> 3;
const MAX_INT32 = 0x7fffffff;

/** The parts a DecisionContext writes to and reads from (all built by the agent at setup). */
export interface DecisionContextParts {
  readonly workerId: number;
  readonly strategyId: number;
  /** This process run's session epoch (session-epoch.ts); default 0. */
  readonly sessionEpoch?: number;
  readonly books: Books;
  readonly orders: SpscQueue;
  readonly orderWriter: OrderCommandWriter;
  /** Local queue of LOCAL_REJECT completions waiting for the strategy. */
  readonly pending: SpscQueue;
  readonly pendingWriter: CompletionWriter;
  readonly open: OpenOrders;
  readonly limits: Float64Array;
  /** Shared flags (DecisionFlagsDescriptor). */
  readonly flags: Int32Array;
  /** Stock key per locate (learned from DIRECTORY events, or configured). */
  readonly stockKeys: Float64Array;
  /** 1 per locate whose book missed events under DROP_LOW_PRIORITY (never traded on again). */
  readonly stale: Uint8Array;
  readonly tallies: DecisionTallies;
  readonly samples: SampleRing;
}

export class DecisionContext {
  readonly workerId: number;
  readonly strategyId: number;
  /** Trigger stamps, set by the agent before each strategy call (TriggerStamp indexes). */
  readonly stamps = new Float64Array(5);
  /** Set by a HALT command (the shared flag halts every worker; this one only this worker). */
  localHalt = false;
  /** LOCAL_REJECT notices queued since the agent last delivered them. */
  pendingCount = 0;
  /** The shed level (ShedLevel) the worker applies to the batch being handled. */
  shedLevel = 0;
  private readonly p: DecisionContextParts;
  /** epoch × 2^36 + workerId × 2^32: id = workerBase + order number. */
  private readonly workerBase: number;
  private nextNumber = 1;

  constructor(parts: DecisionContextParts) {
    this.p = parts;
    this.workerId = parts.workerId;
    this.strategyId = parts.strategyId;
    if (!(parts.workerId >= 0 && parts.workerId <= ClientOrderId.MAX_WORKER_ID))
      throw new RangeError(`workerId must be in [0, ${ClientOrderId.MAX_WORKER_ID}], got ${parts.workerId}`);
    this.workerBase = clientOrderIdOf(parts.workerId, 0, checkSessionEpoch(parts.sessionEpoch ?? 0));
  }

  /**
   * A new limit order: locate, side (OrderSide 'B'/'S'), Price(4) price, quantity, TimeInForce.
   * Returns the order number (> 0) or a negative SubmitStatus (a LOCAL_REJECT follows).
   */
  submit(locate: number, side: number, price: number, quantity: number, tif: number): number {
    const p = this.p;
    const reason = this.check(locate, side, price, quantity, tif);
    if (reason !== CompletionReason.NONE) {
      return this.refuse(OrderKind.NEW, reason, 0, locate, side, price, quantity);
    }
    const q = p.orders;
    const offset = q.claim();
    if (offset < 0) {
      return this.refuse(OrderKind.NEW, CompletionReason.EXEC_BACKLOG, 0, locate, side, price, quantity);
    }
    const number = this.nextNumber++;
    const w = p.orderWriter;
    w.begin(offset, OrderKind.NEW, this.workerId, this.strategyId);
    w.setClientOrderId(this.workerBase + number);
    w.setRequestId(this.workerBase + number);
    w.setStockKey(p.stockKeys[locate]!);
    this.writeStamps(w);
    w.setOrder(locate, side, price, quantity, tif);
    w.stampEnqueued();
    q.commit();
    q.flush();
    p.open.put(number, locate, side, price, quantity);
    p.tallies.scalars[DecisionTally.ORDERS]++;
    const s = this.stamps;
    if (s[TriggerStamp.FROM_MARKET] !== 0) {
      p.samples.record(
        q.f64[(offset >> 3) + ENQUEUED_D]! - s[TriggerStamp.INGEST_NS]!,
        DecisionLatencyTag.INGEST_TO_ENQUEUED,
      );
    }
    return number;
  }

  /**
   * Cancels an open order by its number. Allowed while halted (the kill switch pulls orders, it
   * does not pin them). Returns the cancel's request number (> 0) or a negative SubmitStatus.
   */
  cancel(orderNumber: number): number {
    const p = this.p;
    const open = p.open;
    const slot = open.find(orderNumber);
    if (slot < 0) {
      return this.refuse(OrderKind.CANCEL, CompletionReason.UNKNOWN_ORDER, orderNumber, 0, 0, 0, 0);
    }
    const locate = open.locate[slot]!;
    const side = open.side[slot]!;
    const price = open.price[slot]!;
    const leaves = open.leaves[slot]!;
    const q = p.orders;
    const offset = q.claim();
    if (offset < 0) {
      return this.refuse(
        OrderKind.CANCEL,
        CompletionReason.EXEC_BACKLOG,
        orderNumber,
        locate,
        side,
        price,
        leaves,
      );
    }
    const request = this.nextNumber++;
    const w = p.orderWriter;
    w.begin(offset, OrderKind.CANCEL, this.workerId, this.strategyId);
    w.setClientOrderId(this.workerBase + orderNumber);
    w.setRequestId(this.workerBase + request);
    w.setStockKey(p.stockKeys[locate]!);
    this.writeStamps(w);
    w.setOrder(locate, side, price, leaves, TimeInForce.DAY);
    w.stampEnqueued();
    q.commit();
    q.flush();
    p.tallies.scalars[DecisionTally.CANCELS]++;
    return request;
  }

  /** Orders sent and not yet finished. */
  get openOrderCount(): number {
    return this.p.open.size;
  }

  /** Whether an order number is still open. */
  isOpen(orderNumber: number): boolean {
    return this.p.open.find(orderNumber) >= 0;
  }

  /** Whether new orders are refused right now (kill switch or a HALT command). */
  get halted(): boolean {
    return this.localHalt || Atomics.load(this.p.flags, DecisionFlagsDescriptor.HALT_INDEX) !== 0;
  }

  /**
   * Whether `locate`'s book missed events (dropped under DROP_LOW_PRIORITY): it may be wrong, so
   * new orders on it are refused LOCAL_REJECT SHED. Sticky: ITCH has no way back without a
   * snapshot, which this worker does not have.
   */
  isBookStale(locate: number): boolean {
    return this.p.stale[locate] === 1;
  }

  /** A risk limit's current value (RiskLimit index). */
  limit(index: number): number {
    return this.p.limits[index]!;
  }

  /** Control plane / tests: the wire id of an order number (a double; allocates if boxed). */
  clientOrderIdOf(orderNumber: number): number {
    return this.workerBase + orderNumber;
  }

  /** The refusal reason for a new order, or NONE. Checks in order: kill switch, shed, shape, stale book, risk. */
  private check(locate: number, side: number, price: number, quantity: number, tif: number): number {
    const p = this.p;
    if (this.localHalt || Atomics.load(p.flags, DecisionFlagsDescriptor.HALT_INDEX) !== 0) {
      return CompletionReason.HALTED;
    }
    if (Atomics.load(p.flags, DecisionFlagsDescriptor.SHED_INDEX) !== 0) return CompletionReason.SHED;
    if (
      !(quantity >= 1 && quantity <= MAX_INT32 && (quantity | 0) === quantity) ||
      !(price >= 1 && price <= MAX_INT32 && (price | 0) === price) ||
      (side !== OrderSide.BUY && side !== OrderSide.SELL) ||
      (tif !== TimeInForce.DAY &&
        tif !== TimeInForce.IOC &&
        tif !== TimeInForce.GTC &&
        tif !== TimeInForce.FOK) ||
      !(locate >= 0 && locate <= 0xffff && (locate | 0) === locate) ||
      p.stockKeys[locate] === 0
    ) {
      return CompletionReason.BAD_ORDER;
    }
    // A stale book is the shedding's doing: refuse as shed rather than trade on a wrong book.
    if (p.stale[locate] !== 0) return CompletionReason.SHED;
    const book = p.books.book(locate);
    if (book === undefined) return CompletionReason.BAD_ORDER;
    const limits = p.limits;
    if (quantity > limits[RiskLimit.MAX_ORDER_QTY]!) return CompletionReason.RISK_MAX_SIZE;
    if (price * quantity > limits[RiskLimit.MAX_NOTIONAL_P4]!) return CompletionReason.RISK_MAX_NOTIONAL;
    const open = p.open;
    if (open.size >= limits[RiskLimit.MAX_OPEN_ORDERS]! || !open.canPut(this.nextNumber)) {
      return CompletionReason.RISK_MAX_OPEN;
    }
    if (!withinBand(book, price, limits[RiskLimit.PRICE_BAND_BPS]!)) return CompletionReason.RISK_PRICE_BAND;
    return CompletionReason.NONE;
  }

  private writeStamps(w: OrderCommandWriter): void {
    const s = this.stamps;
    w.setIngestNs(s[TriggerStamp.INGEST_NS]!);
    w.setPublishNs(s[TriggerStamp.PUBLISH_NS]!);
    w.setDecisionReadNs(s[TriggerStamp.DECISION_READ_NS]!);
    w.setFeedSequence(s[TriggerStamp.FEED_SEQUENCE]!);
  }

  /** Queues a LOCAL_REJECT for the strategy, counts it, returns -reason. */
  private refuse(
    kind: number,
    reason: number,
    orderNumber: number,
    locate: number,
    side: number,
    price: number,
    quantity: number,
  ): number {
    const p = this.p;
    const t = p.tallies;
    t.scalars[DecisionTally.LOCAL_REJECTS]++;
    t.byReason[reason]++;
    const q = p.pending;
    const offset = q.claim();
    if (offset < 0) {
      t.scalars[DecisionTally.REJECT_NOTICES_DROPPED]++;
      return -reason;
    }
    const w = p.pendingWriter;
    w.begin(offset, CompletionStatus.LOCAL_REJECT, reason);
    if (orderNumber > 0) w.setClientOrderId(this.workerBase + orderNumber);
    w.setCommand(kind, this.workerId, this.strategyId);
    w.setOrder(locate, side, price, quantity);
    const s = this.stamps;
    w.setIngestNs(s[TriggerStamp.INGEST_NS]!);
    w.setPublishNs(s[TriggerStamp.PUBLISH_NS]!);
    w.setDecisionReadNs(s[TriggerStamp.DECISION_READ_NS]!);
    w.stampEnqueued();
    q.commit();
    q.flush();
    this.pendingCount++;
    return -reason;
  }
}

/**
 * Price band: |price − reference| ≤ band × reference, reference = the mid when both sides
 * have a top, else the one side present; no top at all → refused (nothing to compare with).
 */
function withinBand(book: OrderBook, price: number, bandBps: number): boolean {
  const bid = book.bestBidPrice();
  const ask = book.bestAskPrice();
  const reference = bid > 0 && ask > 0 ? (bid + ask) * 0.5 : bid > 0 ? bid : ask;
  if (!(reference > 0)) return false;
  const distance = price > reference ? price - reference : reference - price;
  return distance * 10_000 <= bandBps * reference;
}
