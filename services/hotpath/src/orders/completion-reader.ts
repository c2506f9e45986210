// Reads one completion (layout: completion-descriptor.ts) in place. A flyweight: wrap points it
// at a slot, getters read on demand; the decision worker hands it to Strategy.onCompletion.
// Valid only during that call: the slot is released when the worker's poll returns.
import { ClientOrderId } from './client-order-id.ts';
import { CompletionDescriptor as C } from './completion-descriptor.ts';

const EMPTY_I32 = new Int32Array(C.SLOT_BYTES >> 2);
const EMPTY_F64 = new Float64Array(C.SLOT_BYTES >> 3);
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

export class CompletionReader {
  private i32: Int32Array = EMPTY_I32;
  private f64: Float64Array = EMPTY_F64;
  private w = 0;
  private d = 0;

  /** Points the reader at the completion whose slot starts at byte `offset` of the views. */
  wrap(i32: Int32Array, f64: Float64Array, offset: number): this {
    this.i32 = i32;
    this.f64 = f64;
    this.w = offset >> 2;
    this.d = offset >> 3;
    return this;
  }

  /** The views and byte offset of the wrapped slot (to copy it, or index stamps directly). */
  get i32View(): Int32Array {
    return this.i32;
  }

  get f64View(): Float64Array {
    return this.f64;
  }

  get offset(): number {
    return this.d << 3;
  }

  /** CompletionStatus. */
  get status(): number {
    return this.i32[this.w + STATUS_W]!;
  }

  /** CompletionReason. */
  get reason(): number {
    return this.i32[this.w + REASON_W]!;
  }

  get clientOrderId(): number {
    return this.f64[this.d + CLIENT_ORDER_ID_D]!;
  }

  /**
   * The per-worker order number inside CLIENT_ORDER_ID (what ctx.submit returned), 0 for a
   * refused NEW. A small integer: never boxed, unlike the id itself.
   */
  get orderNumber(): number {
    const id = this.f64[this.d + CLIENT_ORDER_ID_D]!;
    return id - Math.floor(id / ClientOrderId.WORKER_UNIT) * ClientOrderId.WORKER_UNIT;
  }

  get requestId(): number {
    return this.f64[this.d + REQUEST_ID_D]!;
  }

  get venueRef(): number {
    return this.f64[this.d + VENUE_REF_D]!;
  }

  get ingestNs(): number {
    return this.f64[this.d + INGEST_NS_D]!;
  }

  get publishNs(): number {
    return this.f64[this.d + PUBLISH_NS_D]!;
  }

  get decisionReadNs(): number {
    return this.f64[this.d + DECISION_READ_NS_D]!;
  }

  get enqueuedNs(): number {
    return this.f64[this.d + ENQUEUED_NS_D]!;
  }

  get sentNs(): number {
    return this.f64[this.d + SENT_NS_D]!;
  }

  get ackedNs(): number {
    return this.f64[this.d + ACKED_NS_D]!;
  }

  get filledQty(): number {
    return this.i32[this.w + FILLED_QTY_W]!;
  }

  get leavesQty(): number {
    return this.i32[this.w + LEAVES_QTY_W]!;
  }

  get fillPrice(): number {
    return this.i32[this.w + FILL_PRICE_W]!;
  }

  get venueRejectCode(): number {
    return this.i32[this.w + VENUE_REJECT_CODE_W]!;
  }

  /** OrderKind of the command answered. */
  get commandKind(): number {
    return this.i32[this.w + COMMAND_KIND_W]!;
  }

  get workerId(): number {
    return this.i32[this.w + WORKER_ID_W]!;
  }

  get strategyId(): number {
    return this.i32[this.w + STRATEGY_ID_W]!;
  }

  get locate(): number {
    return this.i32[this.w + LOCATE_W]!;
  }

  get side(): number {
    return this.i32[this.w + SIDE_W]!;
  }

  get price(): number {
    return this.i32[this.w + PRICE_W]!;
  }

  get quantity(): number {
    return this.i32[this.w + QUANTITY_W]! >>> 0;
  }
}
