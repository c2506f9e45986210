// Reads one order command (layout: order-command-descriptor.ts) in place. A flyweight: wrap
// points it at a slot (typically inside an SpscHandler.onEvent of the gateway), getters read
// fields on demand; nothing is copied or allocated.
import { OrderCommandDescriptor as D } from './order-command-descriptor.ts';

const EMPTY_I32 = new Int32Array(D.SLOT_BYTES >> 2);
const EMPTY_F64 = new Float64Array(D.SLOT_BYTES >> 3);
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

export class OrderCommandReader {
  private i32: Int32Array = EMPTY_I32;
  private f64: Float64Array = EMPTY_F64;
  private w = 0;
  private d = 0;

  /** Points the reader at the command whose slot starts at byte `offset` of the views. */
  wrap(i32: Int32Array, f64: Float64Array, offset: number): this {
    this.i32 = i32;
    this.f64 = f64;
    this.w = offset >> 2;
    this.d = offset >> 3;
    return this;
  }

  /** Byte offset of the wrapped slot. */
  get offset(): number {
    return this.d << 3;
  }

  /** OrderKind. */
  get kind(): number {
    return this.i32[this.w + KIND_W]!;
  }

  get workerId(): number {
    return this.i32[this.w + WORKER_ID_W]!;
  }

  get strategyId(): number {
    return this.i32[this.w + STRATEGY_ID_W]!;
  }

  get clientOrderId(): number {
    return this.f64[this.d + CLIENT_ORDER_ID_D]!;
  }

  get requestId(): number {
    return this.f64[this.d + REQUEST_ID_D]!;
  }

  get stockKey(): number {
    return this.f64[this.d + STOCK_KEY_D]!;
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

  get feedSequence(): number {
    return this.f64[this.d + FEED_SEQUENCE_D]!;
  }

  get locate(): number {
    return this.i32[this.w + LOCATE_W]!;
  }

  /** OrderSide: 'B' (0x42) or 'S' (0x53). */
  get side(): number {
    return this.i32[this.w + SIDE_W]!;
  }

  /** Price(4). */
  get price(): number {
    return this.i32[this.w + PRICE_W]!;
  }

  get quantity(): number {
    return this.i32[this.w + QUANTITY_W]! >>> 0;
  }

  /** TimeInForce. */
  get timeInForce(): number {
    return this.i32[this.w + TIME_IN_FORCE_W]!;
  }
}
