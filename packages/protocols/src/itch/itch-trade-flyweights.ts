// Decoders of the trade messages: P (non-cross trade), Q (cross trade), B (broken trade). They
// report executions of hidden interest and crosses; none of them changes the displayed book.
import { isSafeU64, readU32, readU64 } from './itch-bytes.ts';
import { Valid } from './itch-codes.ts';
import { BROKEN_TRADE, CROSS_TRADE, ItchLength, ItchType, MAX_PRICE4, TRADE } from './itch-descriptor.ts';
import { checkFrame, checkStock, ItchFlyweight, ItchStockFlyweight } from './itch-flyweight.ts';
import { ItchStatus } from './itch-status.ts';

const VALID_SIDE = Valid.SIDE;
const VALID_CROSS_TYPE = Valid.CROSS_TYPE_TRADE;

/** 'P' trade (non-cross): a match against a non-displayed order. */
export class TradeMessage extends ItchStockFlyweight {
  constructor() {
    super(TRADE.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.TRADE, ItchLength.TRADE);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + TRADE.ORDER_REF) || !isSafeU64(b, o + TRADE.MATCH_NUMBER)) {
      return ItchStatus.UNSAFE_INTEGER;
    }
    if (VALID_SIDE[b[o + TRADE.SIDE]!] === 0) return ItchStatus.BAD_FIELD_VALUE;
    if (readU32(b, o + TRADE.PRICE) > MAX_PRICE4) return ItchStatus.BAD_FIELD_VALUE;
    const v = checkStock(b, o + TRADE.STOCK);
    return v !== ItchStatus.OK ? v : this.attach(b, o);
  }

  /** Zero in today's feed (NASDAQ stopped populating it in 2010). */
  get orderRef(): number {
    return readU64(this.buffer, this.offset + TRADE.ORDER_REF);
  }

  get side(): number {
    return this.buffer[this.offset + TRADE.SIDE]!;
  }

  get shares(): number {
    return readU32(this.buffer, this.offset + TRADE.SHARES);
  }

  /** Price(4). */
  get price(): number {
    return readU32(this.buffer, this.offset + TRADE.PRICE);
  }

  get matchNumber(): number {
    return readU64(this.buffer, this.offset + TRADE.MATCH_NUMBER);
  }
}

/** 'Q' cross trade: the bulk print of an opening, closing, halt/IPO (or intraday) cross. */
export class CrossTradeMessage extends ItchStockFlyweight {
  constructor() {
    super(CROSS_TRADE.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.CROSS_TRADE, ItchLength.CROSS_TRADE);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + CROSS_TRADE.SHARES) || !isSafeU64(b, o + CROSS_TRADE.MATCH_NUMBER)) {
      return ItchStatus.UNSAFE_INTEGER;
    }
    if (VALID_CROSS_TYPE[b[o + CROSS_TRADE.CROSS_TYPE]!] === 0) return ItchStatus.BAD_FIELD_VALUE;
    if (readU32(b, o + CROSS_TRADE.PRICE) > MAX_PRICE4) return ItchStatus.BAD_FIELD_VALUE;
    const v = checkStock(b, o + CROSS_TRADE.STOCK);
    return v !== ItchStatus.OK ? v : this.attach(b, o);
  }

  /** 8-byte share count (exact below 2^53). */
  get shares(): number {
    return readU64(this.buffer, this.offset + CROSS_TRADE.SHARES);
  }

  /** Price(4). */
  get price(): number {
    return readU32(this.buffer, this.offset + CROSS_TRADE.PRICE);
  }

  get matchNumber(): number {
    return readU64(this.buffer, this.offset + CROSS_TRADE.MATCH_NUMBER);
  }

  get crossType(): number {
    return this.buffer[this.offset + CROSS_TRADE.CROSS_TYPE]!;
  }
}

/** 'B' broken trade: a previously reported execution is void. */
export class BrokenTradeMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.BROKEN_TRADE, ItchLength.BROKEN_TRADE);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + BROKEN_TRADE.MATCH_NUMBER)) return ItchStatus.UNSAFE_INTEGER;
    return this.attach(b, o);
  }

  get matchNumber(): number {
    return readU64(this.buffer, this.offset + BROKEN_TRADE.MATCH_NUMBER);
  }
}
