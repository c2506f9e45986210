// Decoders of the outbound messages that describe a whole order: 'A' Accepted and 'U' Replaced.
// Both share bytes 9..64 (see ouch-descriptor.ts); Replaced adds the previous token and moves the
// BBO weight indicator to the end.
import { isSafeU64, readStockKey, readU32, readU64, STOCK_LENGTH } from '../itch/itch-bytes.ts';
import { OuchValid } from './ouch-codes.ts';
import {
  ACCEPTED,
  OUCH_MAX_PRICE,
  OUCH_MAX_TIME_IN_FORCE,
  OUCH_OUTBOUND_LENGTH_BY_TYPE,
  OuchOutboundLength,
  OuchOutboundType,
  REPLACED,
} from './ouch-descriptor.ts';
import {
  checkOuchFrame,
  checkTimestamp,
  copyStockBytes,
  isPrintable,
  OuchOutboundFlyweight,
} from './ouch-flyweight.ts';
import { OuchStatus } from './ouch-status.ts';
import { copyToken, isValidToken, readTokenBase36 } from './ouch-token.ts';

const V = OuchValid;
const BAD = OuchStatus.BAD_FIELD_VALUE;
const A = ACCEPTED;

/** Accepted / Replaced common part: the order as the venue took it. */
class OuchOrderViewFlyweight extends OuchOutboundFlyweight {
  private readonly msgType: number;
  private readonly msgLength: number;
  protected readonly bboField: number;

  constructor(type: number, length: number, bboField: number) {
    super(A.TOKEN);
    this.msgType = type;
    this.msgLength = length;
    this.bboField = bboField;
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkOuchFrame(b, o, len, this.msgType, this.msgLength, OUCH_OUTBOUND_LENGTH_BY_TYPE);
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    if (!checkTimestamp(b, o)) return this.fail(1, BAD);
    if (!isValidToken(b, o + A.TOKEN)) return this.fail(A.TOKEN, OuchStatus.BAD_TOKEN);
    if (V.SIDE[b[o + A.SIDE]!] === 0) return this.fail(A.SIDE, BAD);
    if (!isPrintable(b, o + A.STOCK, STOCK_LENGTH)) return this.fail(A.STOCK, BAD);
    if (readU32(b, o + A.PRICE) > OUCH_MAX_PRICE) return this.fail(A.PRICE, BAD);
    if (readU32(b, o + A.TIME_IN_FORCE) > OUCH_MAX_TIME_IN_FORCE) return this.fail(A.TIME_IN_FORCE, BAD);
    if (!isPrintable(b, o + A.FIRM, 4)) return this.fail(A.FIRM, BAD);
    if (V.DISPLAY[b[o + A.DISPLAY]!] === 0) return this.fail(A.DISPLAY, BAD);
    if (!isSafeU64(b, o + A.ORDER_REF)) return this.fail(A.ORDER_REF, OuchStatus.UNSAFE_INTEGER);
    if (V.CAPACITY[b[o + A.CAPACITY]!] === 0) return this.fail(A.CAPACITY, BAD);
    if (V.INTERMARKET_SWEEP[b[o + A.INTERMARKET_SWEEP]!] === 0) return this.fail(A.INTERMARKET_SWEEP, BAD);
    if (V.CROSS_TYPE[b[o + A.CROSS_TYPE]!] === 0) return this.fail(A.CROSS_TYPE, BAD);
    if (V.ORDER_STATE[b[o + A.ORDER_STATE]!] === 0) return this.fail(A.ORDER_STATE, BAD);
    if (V.BBO_WEIGHT[b[o + this.bboField]!] === 0) return this.fail(this.bboField, BAD);
    return this.checkExtra(b, o);
  }

  protected checkExtra(b: Uint8Array, o: number): number {
    return this.attach(b, o);
  }

  get side(): number {
    return this.buffer[this.offset + A.SIDE]!;
  }
  get shares(): number {
    return readU32(this.buffer, this.offset + A.SHARES);
  }
  get stock(): number {
    return readStockKey(this.buffer, this.offset + A.STOCK);
  }
  copyStock(dst: Uint8Array, at: number): number {
    return copyStockBytes(this.buffer, this.offset + A.STOCK, dst, at);
  }
  get price(): number {
    return readU32(this.buffer, this.offset + A.PRICE);
  }
  get timeInForce(): number {
    return readU32(this.buffer, this.offset + A.TIME_IN_FORCE);
  }
  get firm(): number {
    return readU32(this.buffer, this.offset + A.FIRM);
  }
  get display(): number {
    return this.buffer[this.offset + A.DISPLAY]!;
  }
  /** The venue's order reference number (< 2^53 once validated). */
  get orderRef(): number {
    return readU64(this.buffer, this.offset + A.ORDER_REF);
  }
  get capacity(): number {
    return this.buffer[this.offset + A.CAPACITY]!;
  }
  get intermarketSweep(): number {
    return this.buffer[this.offset + A.INTERMARKET_SWEEP]!;
  }
  get minimumQuantity(): number {
    return readU32(this.buffer, this.offset + A.MINIMUM_QUANTITY);
  }
  get crossType(): number {
    return this.buffer[this.offset + A.CROSS_TYPE]!;
  }
  /** 'L' live or 'D' dead (e.g. an IOC that did not execute). */
  get orderState(): number {
    return this.buffer[this.offset + A.ORDER_STATE]!;
  }
  get bboWeight(): number {
    return this.buffer[this.offset + this.bboField]!;
  }
}

/** 'A' Accepted. */
export class OuchAcceptedMessage extends OuchOrderViewFlyweight {
  constructor() {
    super(OuchOutboundType.ACCEPTED, OuchOutboundLength.ACCEPTED, A.BBO_WEIGHT);
  }
}

/** 'U' Replaced: `token*` is the replacement token, `previousToken*` the replaced one. */
export class OuchReplacedMessage extends OuchOrderViewFlyweight {
  constructor() {
    super(OuchOutboundType.REPLACED, OuchOutboundLength.REPLACED, REPLACED.BBO_WEIGHT);
  }

  protected override checkExtra(b: Uint8Array, o: number): number {
    if (!isValidToken(b, o + REPLACED.PREVIOUS_TOKEN))
      return this.fail(REPLACED.PREVIOUS_TOKEN, OuchStatus.BAD_TOKEN);
    return this.attach(b, o);
  }

  get previousTokenAt(): number {
    return this.offset + REPLACED.PREVIOUS_TOKEN;
  }
  get previousTokenId(): number {
    return readTokenBase36(this.buffer, this.offset + REPLACED.PREVIOUS_TOKEN);
  }
  copyPreviousToken(dst: Uint8Array, at: number): number {
    return copyToken(this.buffer, this.offset + REPLACED.PREVIOUS_TOKEN, dst, at);
  }
}
