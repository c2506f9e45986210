// Writes market events into ring slots claimed by the producer (layout:
// market-event-descriptor.ts). A flyweight: begin() points it at a slot, writes the fields it
// knows (type, feed sequence, ingest stamp) and zeroes all others (slots are reused each lap: a field left alone would
// show the previous lap's value); the setters then fill what the event type uses.
//
// The setters are deliberately tiny (under V8's 27-byte "small function" bytecode limit), so
// TurboFan always inlines them: a double passed to a call that is not inlined would be boxed
// into a fresh HeapNumber, one allocation per field per event.
import { MarketEventDescriptor as D } from './market-event-descriptor.ts';

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
const SIDE_SHIFT = D.SIDE_SHIFT;
const ITCH_TYPE_SHIFT = D.ITCH_TYPE_SHIFT;

export class MarketEventWriter {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  /** Int32 and Float64 index of the current slot's first word. */
  private w = 0;
  private d = 0;

  /** `i32` / `f64`: views over the whole ring buffer (BroadcastProducer.i32 / .f64). */
  constructor(i32: Int32Array, f64: Float64Array) {
    this.i32 = i32;
    this.f64 = f64;
  }

  /**
   * Starts the event in the slot at byte `offset` (from BroadcastProducer.claim()): TYPE, the
   * ITCH type byte of META (0 when none), FEED_SEQUENCE = feed[0], INGEST_NS = feed[1]; every
   * other field is zeroed. The slot's SEQUENCE word is the ring's and is not touched.
   */
  begin(offset: number, type: number, itchType: number, feed: Float64Array): void {
    const w = offset >> 2;
    const d = offset >> 3;
    this.w = w;
    this.d = d;
    const i32 = this.i32;
    const f64 = this.f64;
    i32[w + TYPE_W] = type;
    i32[w + META_W] = itchType << ITCH_TYPE_SHIFT;
    f64[d + FEED_SEQUENCE_D] = feed[0]!;
    f64[d + INGEST_NS_D] = feed[1]!;
    f64[d + EXCHANGE_NS_D] = 0;
    f64[d + ORDER_REF_D] = 0;
    f64[d + REF2_D] = 0;
    i32[w + PRICE_W] = 0;
    i32[w + QUANTITY_W] = 0;
    i32[w + AUX_W] = 0;
  }

  /** The instrument (stock locate, u16) and side byte ('B'/'S', 0 when none) of META. */
  setInstrument(locate: number, side: number): void {
    this.i32[this.w + META_W] |= (locate & 0xffff) | (side << SIDE_SHIFT);
  }

  setFeedSequence(v: number): void {
    this.f64[this.d + FEED_SEQUENCE_D] = v;
  }

  setExchangeNs(v: number): void {
    this.f64[this.d + EXCHANGE_NS_D] = v;
  }

  setOrderRef(v: number): void {
    this.f64[this.d + ORDER_REF_D] = v;
  }

  /** NEW_ORDER_REF, MATCH_NUMBER, STOCK_KEY or missing count, by event type. */
  setRef2(v: number): void {
    this.f64[this.d + REF2_D] = v;
  }

  setPrice(v: number): void {
    this.i32[this.w + PRICE_W] = v;
  }

  /** A u32 (stored as its int32 bits); the caller saturates larger counts at MAX_QUANTITY. */
  setQuantity(v: number): void {
    this.i32[this.w + QUANTITY_W] = v | 0;
  }

  setAux(v: number): void {
    this.i32[this.w + AUX_W] = v;
  }
}
