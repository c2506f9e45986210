// Reads one market event (layout: market-event-descriptor.ts) in place, from a consumer's batch
// copy or the ring itself. A flyweight: `wrap` points it at a slot, getters read fields on
// demand; nothing is copied or allocated. Typical use in a BroadcastHandler:
//
//   onEvent(bytes, i32, f64, dv, offset) {
//     const e = this.event.wrap(i32, f64, offset);
//     if (e.type === MarketEventType.ADD) book.add(e.orderRef, ..., e.price, e.quantity);
//   }
import { MarketEventDescriptor as D } from './market-event-descriptor.ts';

const EMPTY_I32 = new Int32Array(16);
const EMPTY_F64 = new Float64Array(8);
const SEQUENCE_W = D.SEQUENCE_OFFSET >> 2;
const TYPE_W = D.TYPE_OFFSET >> 2;
const FEED_SEQUENCE_D = D.FEED_SEQUENCE_OFFSET >> 3;
const INGEST_NS_D = D.INGEST_NS_OFFSET >> 3;
const EXCHANGE_NS_D = D.EXCHANGE_NS_OFFSET >> 3;
const ORDER_REF_D = D.ORDER_REF_OFFSET >> 3;
const REF2_D = D.REF2_OFFSET >> 3;
const PRICE_W = D.PRICE_OFFSET >> 2;
const QUANTITY_W = D.QUANTITY_OFFSET >> 2;
const META_W = D.META_OFFSET >> 2;
const AUX_W = D.AUX_OFFSET >> 2;

export class MarketEventReader {
  private i32: Int32Array = EMPTY_I32;
  private f64: Float64Array = EMPTY_F64;
  private w = 0;
  private d = 0;

  /** Points the reader at the event whose slot starts at byte `offset` of the views. */
  wrap(i32: Int32Array, f64: Float64Array, offset: number): this {
    this.i32 = i32;
    this.f64 = f64;
    this.w = offset >> 2;
    this.d = offset >> 3;
    return this;
  }

  /** The ring's sequence of this slot. */
  get ringSequence(): number {
    return this.i32[this.w + SEQUENCE_W]!;
  }

  /** MarketEventType. */
  get type(): number {
    return this.i32[this.w + TYPE_W]!;
  }

  get feedSequence(): number {
    return this.f64[this.d + FEED_SEQUENCE_D]!;
  }

  get ingestNs(): number {
    return this.f64[this.d + INGEST_NS_D]!;
  }

  get exchangeNs(): number {
    return this.f64[this.d + EXCHANGE_NS_D]!;
  }

  get orderRef(): number {
    return this.f64[this.d + ORDER_REF_D]!;
  }

  /** REPLACE: the new order ref. */
  get newOrderRef(): number {
    return this.f64[this.d + REF2_D]!;
  }

  /** EXECUTE, TRADE, CROSS, BROKEN_TRADE: the match number. */
  get matchNumber(): number {
    return this.f64[this.d + REF2_D]!;
  }

  /** DIRECTORY, TRADING_ACTION: the stock key (`stockKeyToString` for display). */
  get stockKey(): number {
    return this.f64[this.d + REF2_D]!;
  }

  /** GAP: how many feed messages are missing from feedSequence on. */
  get missingCount(): number {
    return this.f64[this.d + REF2_D]!;
  }

  /** Price(4) (4 implied decimals). */
  get price(): number {
    return this.i32[this.w + PRICE_W]!;
  }

  get quantity(): number {
    return this.i32[this.w + QUANTITY_W]! >>> 0;
  }

  /** Stock locate (the instrument). */
  get locate(): number {
    return this.i32[this.w + META_W]! & D.LOCATE_MASK;
  }

  /** 'B' (0x42), 'S' (0x53), or 0 when the event has no side. */
  get side(): number {
    return (this.i32[this.w + META_W]! >>> D.SIDE_SHIFT) & 0xff;
  }

  /** The ITCH message type byte this event came from (0 for GAP). */
  get itchType(): number {
    return this.i32[this.w + META_W]! >>> D.ITCH_TYPE_SHIFT;
  }

  /** Per-type detail (see MarketEventType). */
  get aux(): number {
    return this.i32[this.w + AUX_W]!;
  }
}
