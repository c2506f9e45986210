// Writes order commands into order-queue slots (layout: order-command-descriptor.ts). A
// flyweight over the queue's whole-buffer views: begin() points it at a claimed slot and zeroes
// every field (slots are reused each lap), the setters fill the rest.
//
// The setters are tiny so TurboFan always inlines them: a double passed to a call that is not
// inlined would be boxed (one allocation per field per order).
import { stampNs } from '@ringside/ring';
import { OrderCommandDescriptor as D } from './order-command-descriptor.ts';

const KIND_W = D.KIND_OFFSET >> 2;
const WORKER_ID_W = D.WORKER_ID_OFFSET >> 2;
const CLIENT_ORDER_ID_D = D.CLIENT_ORDER_ID_OFFSET >> 3;
const REQUEST_ID_D = D.REQUEST_ID_OFFSET >> 3;
const STOCK_KEY_D = D.STOCK_KEY_OFFSET >> 3;
const INGEST_NS_D = D.INGEST_NS_OFFSET >> 3;
const PUBLISH_NS_D = D.PUBLISH_NS_OFFSET >> 3;
const DECISION_READ_NS_D = D.DECISION_READ_NS_OFFSET >> 3;
const ENQUEUED_NS_D = D.ENQUEUED_NS_OFFSET >> 3;
const STRATEGY_ID_W = D.STRATEGY_ID_OFFSET >> 2;
const LOCATE_W = D.LOCATE_OFFSET >> 2;
const SIDE_W = D.SIDE_OFFSET >> 2;
const PRICE_W = D.PRICE_OFFSET >> 2;
const QUANTITY_W = D.QUANTITY_OFFSET >> 2;
const TIME_IN_FORCE_W = D.TIME_IN_FORCE_OFFSET >> 2;
const FEED_SEQUENCE_D = D.FEED_SEQUENCE_OFFSET >> 3;
const RESERVED_D = D.RESERVED_OFFSET >> 3;
const END_D = D.END_OFFSET >> 3;

export class OrderCommandWriter {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private w = 0;
  private d = 0;

  /** `i32` / `f64`: views over the whole order queue buffer (SpscQueue.i32 / .f64). */
  constructor(i32: Int32Array, f64: Float64Array) {
    this.i32 = i32;
    this.f64 = f64;
  }

  /** Starts a command in the slot at byte `offset` (from SpscQueue.claim()); zeroes the rest. */
  begin(offset: number, kind: number, workerId: number, strategyId: number): void {
    const w = offset >> 2;
    const d = offset >> 3;
    this.w = w;
    this.d = d;
    const i32 = this.i32;
    const f64 = this.f64;
    for (let k = CLIENT_ORDER_ID_D; k < END_D; k++) f64[d + k] = 0;
    i32[w + KIND_W] = kind;
    i32[w + WORKER_ID_W] = workerId;
    i32[w + STRATEGY_ID_W] = strategyId;
  }

  setClientOrderId(v: number): void {
    this.f64[this.d + CLIENT_ORDER_ID_D] = v;
  }

  setRequestId(v: number): void {
    this.f64[this.d + REQUEST_ID_D] = v;
  }

  setStockKey(v: number): void {
    this.f64[this.d + STOCK_KEY_D] = v;
  }

  setIngestNs(v: number): void {
    this.f64[this.d + INGEST_NS_D] = v;
  }

  setPublishNs(v: number): void {
    this.f64[this.d + PUBLISH_NS_D] = v;
  }

  setDecisionReadNs(v: number): void {
    this.f64[this.d + DECISION_READ_NS_D] = v;
  }

  /** ENQUEUED_NS = now (stamped in place: no double crosses a call). */
  stampEnqueued(): void {
    stampNs(this.f64, this.d + ENQUEUED_NS_D);
  }

  setFeedSequence(v: number): void {
    this.f64[this.d + FEED_SEQUENCE_D] = v;
  }

  /** Locate (u16), side ('B'/'S'), Price(4), quantity (u32), TimeInForce. */
  setOrder(locate: number, side: number, price: number, quantity: number, tif: number): void {
    const i32 = this.i32;
    const w = this.w;
    i32[w + LOCATE_W] = locate;
    i32[w + SIDE_W] = side;
    i32[w + PRICE_W] = price;
    i32[w + QUANTITY_W] = quantity | 0;
    i32[w + TIME_IN_FORCE_W] = tif;
  }

  /** Byte offset of the reserved area of the current slot (zeroed by begin). */
  get reservedOffset(): number {
    return (this.d + RESERVED_D) << 3;
  }
}
