// Writes completions into completion-queue slots (layout: completion-descriptor.ts). A
// flyweight over the queue's whole-buffer views: begin() points it at a claimed slot and zeroes
// every field, copyOrder() carries the order command's ids, instrument and stamps over, the
// setters fill the venue's answer. Setters are tiny so they inline (no boxed doubles).
//
// Gateway use, per venue answer:
//   const off = completions.claim(); if (off < 0) { count it; return; }
//   w.begin(off, CompletionStatus.ACCEPTED, CompletionReason.NONE);
//   w.copyOrder(orderI32, orderF64, orderOffset); // or from the gateway's own copy
//   w.setSentNs(sent); w.stampAcked(); w.setVenueRef(ref); ...
//   completions.commit(); completions.flush();
import { stampNs } from '@ringside/ring';
import { CompletionDescriptor as C } from './completion-descriptor.ts';
import { OrderCommandDescriptor as O } from './order-command-descriptor.ts';

const STATUS_W = C.STATUS_OFFSET >> 2;
const REASON_W = C.REASON_OFFSET >> 2;
const CLIENT_ORDER_ID_D = C.CLIENT_ORDER_ID_OFFSET >> 3;
const REQUEST_ID_D = C.REQUEST_ID_OFFSET >> 3;
const VENUE_REF_D = C.VENUE_REF_OFFSET >> 3;
const INGEST_NS_D = C.INGEST_NS_OFFSET >> 3;
const PUBLISH_NS_D = C.PUBLISH_NS_OFFSET >> 3;
const DECISION_READ_NS_D = C.DECISION_READ_NS_OFFSET >> 3;
const ENQUEUED_NS_D = C.ENQUEUED_NS_OFFSET >> 3;
const SENT_NS_D = C.SENT_NS_OFFSET >> 3;
const ACKED_NS_D = C.ACKED_NS_OFFSET >> 3;
const FILLED_QTY_W = C.FILLED_QTY_OFFSET >> 2;
const LEAVES_QTY_W = C.LEAVES_QTY_OFFSET >> 2;
const FILL_PRICE_W = C.FILL_PRICE_OFFSET >> 2;
const VENUE_REJECT_CODE_W = C.VENUE_REJECT_CODE_OFFSET >> 2;
const COMMAND_KIND_W = C.COMMAND_KIND_OFFSET >> 2;
const WORKER_ID_W = C.WORKER_ID_OFFSET >> 2;
const STRATEGY_ID_W = C.STRATEGY_ID_OFFSET >> 2;
const LOCATE_W = C.LOCATE_OFFSET >> 2;
const SIDE_W = C.SIDE_OFFSET >> 2;
const PRICE_W = C.PRICE_OFFSET >> 2;
const QUANTITY_W = C.QUANTITY_OFFSET >> 2;
const END_D = C.END_OFFSET >> 3;

export class CompletionWriter {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private w = 0;
  private d = 0;

  /** `i32` / `f64`: views over the whole completion queue buffer (SpscQueue.i32 / .f64). */
  constructor(i32: Int32Array, f64: Float64Array) {
    this.i32 = i32;
    this.f64 = f64;
  }

  /** Starts a completion in the slot at byte `offset` (from SpscQueue.claim()); zeroes the rest. */
  begin(offset: number, status: number, reason: number): void {
    const w = offset >> 2;
    const d = offset >> 3;
    this.w = w;
    this.d = d;
    const f64 = this.f64;
    for (let k = 0; k < END_D; k++) f64[d + k] = 0;
    this.i32[w + STATUS_W] = status;
    this.i32[w + REASON_W] = reason;
  }

  /**
   * Copies ids, kind, worker, strategy, instrument, side, price, quantity and the four decision
   * stamps from an order command slot (views over any buffer holding order-command layout).
   */
  copyOrder(i32: Int32Array, f64: Float64Array, orderOffset: number): void {
    const ow = orderOffset >> 2;
    const od = orderOffset >> 3;
    const ti = this.i32;
    const tf = this.f64;
    const w = this.w;
    const d = this.d;
    tf[d + CLIENT_ORDER_ID_D] = f64[od + (O.CLIENT_ORDER_ID_OFFSET >> 3)]!;
    tf[d + REQUEST_ID_D] = f64[od + (O.REQUEST_ID_OFFSET >> 3)]!;
    tf[d + INGEST_NS_D] = f64[od + (O.INGEST_NS_OFFSET >> 3)]!;
    tf[d + PUBLISH_NS_D] = f64[od + (O.PUBLISH_NS_OFFSET >> 3)]!;
    tf[d + DECISION_READ_NS_D] = f64[od + (O.DECISION_READ_NS_OFFSET >> 3)]!;
    tf[d + ENQUEUED_NS_D] = f64[od + (O.ENQUEUED_NS_OFFSET >> 3)]!;
    ti[w + COMMAND_KIND_W] = i32[ow + (O.KIND_OFFSET >> 2)]!;
    ti[w + WORKER_ID_W] = i32[ow + (O.WORKER_ID_OFFSET >> 2)]!;
    ti[w + STRATEGY_ID_W] = i32[ow + (O.STRATEGY_ID_OFFSET >> 2)]!;
    ti[w + LOCATE_W] = i32[ow + (O.LOCATE_OFFSET >> 2)]!;
    ti[w + SIDE_W] = i32[ow + (O.SIDE_OFFSET >> 2)]!;
    ti[w + PRICE_W] = i32[ow + (O.PRICE_OFFSET >> 2)]!;
    ti[w + QUANTITY_W] = i32[ow + (O.QUANTITY_OFFSET >> 2)]!;
  }

  setStatus(status: number, reason: number): void {
    this.i32[this.w + STATUS_W] = status;
    this.i32[this.w + REASON_W] = reason;
  }

  setClientOrderId(v: number): void {
    this.f64[this.d + CLIENT_ORDER_ID_D] = v;
  }

  setRequestId(v: number): void {
    this.f64[this.d + REQUEST_ID_D] = v;
  }

  /** Venue order reference (ACCEPTED) or match number (fills). */
  setVenueRef(v: number): void {
    this.f64[this.d + VENUE_REF_D] = v;
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

  setEnqueuedNs(v: number): void {
    this.f64[this.d + ENQUEUED_NS_D] = v;
  }

  setSentNs(v: number): void {
    this.f64[this.d + SENT_NS_D] = v;
  }

  setAckedNs(v: number): void {
    this.f64[this.d + ACKED_NS_D] = v;
  }

  /** ENQUEUED_NS = now (local refusals: the moment the worker refused). */
  stampEnqueued(): void {
    stampNs(this.f64, this.d + ENQUEUED_NS_D);
  }

  /** SENT_NS = now. */
  stampSent(): void {
    stampNs(this.f64, this.d + SENT_NS_D);
  }

  /** ACKED_NS = now. */
  stampAcked(): void {
    stampNs(this.f64, this.d + ACKED_NS_D);
  }

  /** This execution's shares and what is left open. */
  setQuantities(filledQty: number, leavesQty: number): void {
    this.i32[this.w + FILLED_QTY_W] = filledQty | 0;
    this.i32[this.w + LEAVES_QTY_W] = leavesQty | 0;
  }

  setFillPrice(price: number): void {
    this.i32[this.w + FILL_PRICE_W] = price;
  }

  /** The venue's reject reason byte (OUCH reason char, FIX OrdRejReason), 0 when none. */
  setVenueRejectCode(code: number): void {
    this.i32[this.w + VENUE_REJECT_CODE_W] = code;
  }

  /** Order fields, for completions not built with copyOrder (local refusals). */
  setCommand(kind: number, workerId: number, strategyId: number): void {
    const i32 = this.i32;
    const w = this.w;
    i32[w + COMMAND_KIND_W] = kind;
    i32[w + WORKER_ID_W] = workerId;
    i32[w + STRATEGY_ID_W] = strategyId;
  }

  setOrder(locate: number, side: number, price: number, quantity: number): void {
    const i32 = this.i32;
    const w = this.w;
    i32[w + LOCATE_W] = locate;
    i32[w + SIDE_W] = side;
    i32[w + PRICE_W] = price;
    i32[w + QUANTITY_W] = quantity | 0;
  }
}
