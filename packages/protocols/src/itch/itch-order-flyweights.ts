// Decoders of the order messages that build a book: A F E C X D U. Each validates its fields on
// wrap (side B/S, printable Y/N, stock printable, prices within Price(4)'s 200,000.0000, 8-byte
// refs and match numbers below 2^53) and reads them from the bytes on demand.
import { isSafeU64, readU32, readU64 } from './itch-bytes.ts';
import { Valid } from './itch-codes.ts';
import {
  ADD_ORDER,
  ItchLength,
  ItchType,
  MAX_PRICE4,
  ORDER_CANCEL,
  ORDER_DELETE,
  ORDER_EXECUTED,
  ORDER_REPLACE,
} from './itch-descriptor.ts';
import { checkFrame, checkStock, ItchFlyweight, ItchStockFlyweight } from './itch-flyweight.ts';
import { ItchStatus } from './itch-status.ts';

const VALID_SIDE = Valid.SIDE;

// The *Hi / *Lo getters give an 8-byte ref as two small integers (hi: top 32 bits, < 2^21 once
// validated; lo: low 32 bits as a signed int32). A consumer that keys on them never handles a
// double above 2^31, which V8 would box on the heap whenever it crosses a non-inlined call.
function hi32(b: Uint8Array, o: number): number {
  return readU32(b, o);
}
function lo32(b: Uint8Array, o: number): number {
  return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
}
const VALID_YES_NO = Valid.YES_NO;

function checkAdd(b: Uint8Array, o: number): number {
  if (!isSafeU64(b, o + ADD_ORDER.ORDER_REF)) return ItchStatus.UNSAFE_INTEGER;
  if (VALID_SIDE[b[o + ADD_ORDER.SIDE]!] === 0) return ItchStatus.BAD_FIELD_VALUE;
  if (readU32(b, o + ADD_ORDER.PRICE) > MAX_PRICE4) return ItchStatus.BAD_FIELD_VALUE;
  return checkStock(b, o + ADD_ORDER.STOCK);
}

/** 'A' add order, no MPID attribution. */
export class AddOrderMessage extends ItchStockFlyweight {
  constructor() {
    super(ADD_ORDER.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ADD_ORDER, ItchLength.ADD_ORDER);
    if (s !== ItchStatus.OK) return s;
    const v = checkAdd(b, o);
    return v !== ItchStatus.OK ? v : this.attach(b, o);
  }

  get orderRef(): number {
    return readU64(this.buffer, this.offset + ADD_ORDER.ORDER_REF);
  }

  /** High 32 bits of orderRef (< 2^21). */
  get orderRefHi(): number {
    return hi32(this.buffer, this.offset + ADD_ORDER.ORDER_REF);
  }

  /** Low 32 bits of orderRef as a signed int32. */
  get orderRefLo(): number {
    return lo32(this.buffer, this.offset + ADD_ORDER.ORDER_REF + 4);
  }

  /** 'B' (0x42) or 'S' (0x53). */
  get side(): number {
    return this.buffer[this.offset + ADD_ORDER.SIDE]!;
  }

  get shares(): number {
    return readU32(this.buffer, this.offset + ADD_ORDER.SHARES);
  }

  /** Price(4). */
  get price(): number {
    return readU32(this.buffer, this.offset + ADD_ORDER.PRICE);
  }
}

/** 'F' add order with MPID attribution. */
export class AddOrderMpidMessage extends AddOrderMessage {
  override wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ADD_ORDER_MPID, ItchLength.ADD_ORDER_MPID);
    if (s !== ItchStatus.OK) return s;
    const v = checkAdd(b, o);
    return v !== ItchStatus.OK ? v : this.attach(b, o);
  }

  /** MPID as a 4-byte alpha integer (`alpha4ToString` for display). */
  get attribution(): number {
    return readU32(this.buffer, this.offset + ADD_ORDER.ATTRIBUTION);
  }
}

function checkExecuted(b: Uint8Array, o: number): number {
  if (!isSafeU64(b, o + ORDER_EXECUTED.ORDER_REF)) return ItchStatus.UNSAFE_INTEGER;
  if (!isSafeU64(b, o + ORDER_EXECUTED.MATCH_NUMBER)) return ItchStatus.UNSAFE_INTEGER;
  return ItchStatus.OK;
}

/** 'E' order executed (at the order's display price). */
export class OrderExecutedMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ORDER_EXECUTED, ItchLength.ORDER_EXECUTED);
    if (s !== ItchStatus.OK) return s;
    const v = checkExecuted(b, o);
    return v !== ItchStatus.OK ? v : this.attach(b, o);
  }

  get orderRef(): number {
    return readU64(this.buffer, this.offset + ORDER_EXECUTED.ORDER_REF);
  }

  /** High 32 bits of orderRef (< 2^21). */
  get orderRefHi(): number {
    return hi32(this.buffer, this.offset + ORDER_EXECUTED.ORDER_REF);
  }

  /** Low 32 bits of orderRef as a signed int32. */
  get orderRefLo(): number {
    return lo32(this.buffer, this.offset + ORDER_EXECUTED.ORDER_REF + 4);
  }

  get executedShares(): number {
    return readU32(this.buffer, this.offset + ORDER_EXECUTED.EXECUTED_SHARES);
  }

  get matchNumber(): number {
    return readU64(this.buffer, this.offset + ORDER_EXECUTED.MATCH_NUMBER);
  }
}

/** 'C' order executed with price (a price other than the display price). */
export class OrderExecutedWithPriceMessage extends OrderExecutedMessage {
  override wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ORDER_EXECUTED_WITH_PRICE, ItchLength.ORDER_EXECUTED_WITH_PRICE);
    if (s !== ItchStatus.OK) return s;
    const v = checkExecuted(b, o);
    if (v !== ItchStatus.OK) return v;
    if (VALID_YES_NO[b[o + ORDER_EXECUTED.PRINTABLE]!] === 0) return ItchStatus.BAD_FIELD_VALUE;
    if (readU32(b, o + ORDER_EXECUTED.EXECUTION_PRICE) > MAX_PRICE4) return ItchStatus.BAD_FIELD_VALUE;
    return this.attach(b, o);
  }

  /** 'Y' or 'N'. */
  get printable(): number {
    return this.buffer[this.offset + ORDER_EXECUTED.PRINTABLE]!;
  }

  /** Price(4). */
  get executionPrice(): number {
    return readU32(this.buffer, this.offset + ORDER_EXECUTED.EXECUTION_PRICE);
  }
}

/** 'X' order cancel (partial). */
export class OrderCancelMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ORDER_CANCEL, ItchLength.ORDER_CANCEL);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + ORDER_CANCEL.ORDER_REF)) return ItchStatus.UNSAFE_INTEGER;
    return this.attach(b, o);
  }

  get orderRef(): number {
    return readU64(this.buffer, this.offset + ORDER_CANCEL.ORDER_REF);
  }

  /** High 32 bits of orderRef (< 2^21). */
  get orderRefHi(): number {
    return hi32(this.buffer, this.offset + ORDER_CANCEL.ORDER_REF);
  }

  /** Low 32 bits of orderRef as a signed int32. */
  get orderRefLo(): number {
    return lo32(this.buffer, this.offset + ORDER_CANCEL.ORDER_REF + 4);
  }

  get cancelledShares(): number {
    return readU32(this.buffer, this.offset + ORDER_CANCEL.CANCELLED_SHARES);
  }
}

/** 'D' order delete. */
export class OrderDeleteMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ORDER_DELETE, ItchLength.ORDER_DELETE);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + ORDER_DELETE.ORDER_REF)) return ItchStatus.UNSAFE_INTEGER;
    return this.attach(b, o);
  }

  get orderRef(): number {
    return readU64(this.buffer, this.offset + ORDER_DELETE.ORDER_REF);
  }

  /** High 32 bits of orderRef (< 2^21). */
  get orderRefHi(): number {
    return hi32(this.buffer, this.offset + ORDER_DELETE.ORDER_REF);
  }

  /** Low 32 bits of orderRef as a signed int32. */
  get orderRefLo(): number {
    return lo32(this.buffer, this.offset + ORDER_DELETE.ORDER_REF + 4);
  }
}

/** 'U' order replace: the original order leaves the book, the new one takes its side. */
export class OrderReplaceMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.ORDER_REPLACE, ItchLength.ORDER_REPLACE);
    if (s !== ItchStatus.OK) return s;
    if (!isSafeU64(b, o + ORDER_REPLACE.ORIGINAL_REF)) return ItchStatus.UNSAFE_INTEGER;
    if (!isSafeU64(b, o + ORDER_REPLACE.NEW_REF)) return ItchStatus.UNSAFE_INTEGER;
    if (readU32(b, o + ORDER_REPLACE.PRICE) > MAX_PRICE4) return ItchStatus.BAD_FIELD_VALUE;
    return this.attach(b, o);
  }

  get originalRef(): number {
    return readU64(this.buffer, this.offset + ORDER_REPLACE.ORIGINAL_REF);
  }

  /** High 32 bits of originalRef (< 2^21). */
  get originalRefHi(): number {
    return hi32(this.buffer, this.offset + ORDER_REPLACE.ORIGINAL_REF);
  }

  /** Low 32 bits of originalRef as a signed int32. */
  get originalRefLo(): number {
    return lo32(this.buffer, this.offset + ORDER_REPLACE.ORIGINAL_REF + 4);
  }

  get newRef(): number {
    return readU64(this.buffer, this.offset + ORDER_REPLACE.NEW_REF);
  }

  /** High 32 bits of newRef (< 2^21). */
  get newRefHi(): number {
    return hi32(this.buffer, this.offset + ORDER_REPLACE.NEW_REF);
  }

  /** Low 32 bits of newRef as a signed int32. */
  get newRefLo(): number {
    return lo32(this.buffer, this.offset + ORDER_REPLACE.NEW_REF + 4);
  }

  get shares(): number {
    return readU32(this.buffer, this.offset + ORDER_REPLACE.SHARES);
  }

  /** Price(4). */
  get price(): number {
    return readU32(this.buffer, this.offset + ORDER_REPLACE.PRICE);
  }
}
