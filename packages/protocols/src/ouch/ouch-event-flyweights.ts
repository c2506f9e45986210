// Decoders of the outbound event messages: S C D E B J P I T M. Each validates on wrap (timestamp
// within the day, token printable, codes letters or digits, u64 below 2^53, prices within
// Price(4)) and reads fields on demand.
import { isSafeU64, readU32, readU64 } from '../itch/itch-bytes.ts';
import { OuchValid } from './ouch-codes.ts';
import {
  AIQ_CANCELED,
  BROKEN_TRADE,
  CANCELED,
  EXECUTED,
  ORDER_MODIFIED,
  ORDER_PRIORITY_UPDATE,
  OUCH_MAX_PRICE,
  OUCH_OUTBOUND_LENGTH_BY_TYPE,
  OuchOutboundLength,
  OuchOutboundType,
  REJECTED,
  SYSTEM_EVENT,
  TOKEN_ONLY,
} from './ouch-descriptor.ts';
import { checkOuchFrame, checkTimestamp, OuchOutboundFlyweight } from './ouch-flyweight.ts';
import { OuchStatus } from './ouch-status.ts';
import { isValidToken } from './ouch-token.ts';

const V = OuchValid;
const BAD = OuchStatus.BAD_FIELD_VALUE;
const LENGTHS = OUCH_OUTBOUND_LENGTH_BY_TYPE;
const TOKEN = TOKEN_ONLY.TOKEN; // every event below carries its token at 9

/** The checks every event shares: frame, timestamp, and (unless `token` is false) the token at 9. */
class OuchEventFlyweight extends OuchOutboundFlyweight {
  constructor() {
    super(TOKEN);
  }

  protected checkEvent(
    b: Uint8Array,
    o: number,
    len: number,
    type: number,
    length: number,
    token: boolean,
  ): number {
    const s = checkOuchFrame(b, o, len, type, length, LENGTHS);
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    if (!checkTimestamp(b, o)) return this.fail(1, BAD);
    if (token && !isValidToken(b, o + TOKEN)) return this.fail(TOKEN, OuchStatus.BAD_TOKEN);
    return OuchStatus.OK;
  }

  protected accept(b: Uint8Array, o: number): number {
    return this.attach(b, o);
  }
}

/** 'S' System Event. It has no token: `tokenAt`/`tokenId` are meaningless on it. */
export class OuchSystemEventMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const T = OuchOutboundType.SYSTEM_EVENT;
    const s = this.checkEvent(b, o, len, T, OuchOutboundLength.SYSTEM_EVENT, false);
    if (s !== OuchStatus.OK) return s;
    if (V.EVENT_CODE[b[o + SYSTEM_EVENT.EVENT_CODE]!] === 0) return this.fail(SYSTEM_EVENT.EVENT_CODE, BAD);
    return this.accept(b, o);
  }
  get eventCode(): number {
    return this.buffer[this.offset + SYSTEM_EVENT.EVENT_CODE]!;
  }
}

/** 'C' Canceled. */
export class OuchCanceledMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = this.checkEvent(b, o, len, OuchOutboundType.CANCELED, OuchOutboundLength.CANCELED, true);
    if (s !== OuchStatus.OK) return s;
    if (V.CODE[b[o + CANCELED.REASON]!] === 0) return this.fail(CANCELED.REASON, BAD);
    return this.accept(b, o);
  }
  /** Shares taken off the order by this cancel. */
  get decrementShares(): number {
    return readU32(this.buffer, this.offset + CANCELED.DECREMENT_SHARES);
  }
  get reason(): number {
    return this.buffer[this.offset + CANCELED.REASON]!;
  }
}

/** 'D' AIQ Canceled (anti-internalization: the shares prevented from trading with oneself). */
export class OuchAiqCanceledMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const D = AIQ_CANCELED;
    const s = this.checkEvent(
      b,
      o,
      len,
      OuchOutboundType.AIQ_CANCELED,
      OuchOutboundLength.AIQ_CANCELED,
      true,
    );
    if (s !== OuchStatus.OK) return s;
    if (V.CODE[b[o + D.REASON]!] === 0) return this.fail(D.REASON, BAD);
    if (readU32(b, o + D.EXECUTION_PRICE) > OUCH_MAX_PRICE) return this.fail(D.EXECUTION_PRICE, BAD);
    if (V.CODE[b[o + D.LIQUIDITY_FLAG]!] === 0) return this.fail(D.LIQUIDITY_FLAG, BAD);
    return this.accept(b, o);
  }
  get decrementShares(): number {
    return readU32(this.buffer, this.offset + AIQ_CANCELED.DECREMENT_SHARES);
  }
  get reason(): number {
    return this.buffer[this.offset + AIQ_CANCELED.REASON]!;
  }
  get quantityPrevented(): number {
    return readU32(this.buffer, this.offset + AIQ_CANCELED.QUANTITY_PREVENTED);
  }
  get executionPrice(): number {
    return readU32(this.buffer, this.offset + AIQ_CANCELED.EXECUTION_PRICE);
  }
  get liquidityFlag(): number {
    return this.buffer[this.offset + AIQ_CANCELED.LIQUIDITY_FLAG]!;
  }
}

/** 'E' Executed. */
export class OuchExecutedMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const E = EXECUTED;
    const s = this.checkEvent(b, o, len, OuchOutboundType.EXECUTED, OuchOutboundLength.EXECUTED, true);
    if (s !== OuchStatus.OK) return s;
    if (readU32(b, o + E.EXECUTION_PRICE) > OUCH_MAX_PRICE) return this.fail(E.EXECUTION_PRICE, BAD);
    if (V.CODE[b[o + E.LIQUIDITY_FLAG]!] === 0) return this.fail(E.LIQUIDITY_FLAG, BAD);
    if (!isSafeU64(b, o + E.MATCH_NUMBER)) return this.fail(E.MATCH_NUMBER, OuchStatus.UNSAFE_INTEGER);
    return this.accept(b, o);
  }
  get executedShares(): number {
    return readU32(this.buffer, this.offset + EXECUTED.EXECUTED_SHARES);
  }
  get executionPrice(): number {
    return readU32(this.buffer, this.offset + EXECUTED.EXECUTION_PRICE);
  }
  get liquidityFlag(): number {
    return this.buffer[this.offset + EXECUTED.LIQUIDITY_FLAG]!;
  }
  /** < 2^53 once validated. */
  get matchNumber(): number {
    return readU64(this.buffer, this.offset + EXECUTED.MATCH_NUMBER);
  }
}

/** 'B' Broken Trade. */
export class OuchBrokenTradeMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const B = BROKEN_TRADE;
    const s = this.checkEvent(
      b,
      o,
      len,
      OuchOutboundType.BROKEN_TRADE,
      OuchOutboundLength.BROKEN_TRADE,
      true,
    );
    if (s !== OuchStatus.OK) return s;
    if (!isSafeU64(b, o + B.MATCH_NUMBER)) return this.fail(B.MATCH_NUMBER, OuchStatus.UNSAFE_INTEGER);
    if (V.CODE[b[o + B.REASON]!] === 0) return this.fail(B.REASON, BAD);
    return this.accept(b, o);
  }
  get matchNumber(): number {
    return readU64(this.buffer, this.offset + BROKEN_TRADE.MATCH_NUMBER);
  }
  get reason(): number {
    return this.buffer[this.offset + BROKEN_TRADE.REASON]!;
  }
}

/** 'J' Rejected. */
export class OuchRejectedMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = this.checkEvent(b, o, len, OuchOutboundType.REJECTED, OuchOutboundLength.REJECTED, true);
    if (s !== OuchStatus.OK) return s;
    if (V.CODE[b[o + REJECTED.REASON]!] === 0) return this.fail(REJECTED.REASON, BAD);
    return this.accept(b, o);
  }
  get reason(): number {
    return this.buffer[this.offset + REJECTED.REASON]!;
  }
}

/** 'P' Cancel Pending. */
export class OuchCancelPendingMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const T = OuchOutboundType.CANCEL_PENDING;
    const s = this.checkEvent(b, o, len, T, OuchOutboundLength.CANCEL_PENDING, true);
    return s !== OuchStatus.OK ? s : this.accept(b, o);
  }
}

/** 'I' Cancel Reject. */
export class OuchCancelRejectMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const T = OuchOutboundType.CANCEL_REJECT;
    const s = this.checkEvent(b, o, len, T, OuchOutboundLength.CANCEL_REJECT, true);
    return s !== OuchStatus.OK ? s : this.accept(b, o);
  }
}

/** 'T' Order Priority Update. */
export class OuchOrderPriorityUpdateMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const P = ORDER_PRIORITY_UPDATE;
    const T = OuchOutboundType.ORDER_PRIORITY_UPDATE;
    const s = this.checkEvent(b, o, len, T, OuchOutboundLength.ORDER_PRIORITY_UPDATE, true);
    if (s !== OuchStatus.OK) return s;
    if (readU32(b, o + P.PRICE) > OUCH_MAX_PRICE) return this.fail(P.PRICE, BAD);
    if (V.DISPLAY[b[o + P.DISPLAY]!] === 0) return this.fail(P.DISPLAY, BAD);
    if (!isSafeU64(b, o + P.ORDER_REF)) return this.fail(P.ORDER_REF, OuchStatus.UNSAFE_INTEGER);
    return this.accept(b, o);
  }
  get price(): number {
    return readU32(this.buffer, this.offset + ORDER_PRIORITY_UPDATE.PRICE);
  }
  get display(): number {
    return this.buffer[this.offset + ORDER_PRIORITY_UPDATE.DISPLAY]!;
  }
  get orderRef(): number {
    return readU64(this.buffer, this.offset + ORDER_PRIORITY_UPDATE.ORDER_REF);
  }
}

/** 'M' Order Modified. */
export class OuchOrderModifiedMessage extends OuchEventFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const T = OuchOutboundType.ORDER_MODIFIED;
    const s = this.checkEvent(b, o, len, T, OuchOutboundLength.ORDER_MODIFIED, true);
    if (s !== OuchStatus.OK) return s;
    if (V.SIDE[b[o + ORDER_MODIFIED.SIDE]!] === 0) return this.fail(ORDER_MODIFIED.SIDE, BAD);
    return this.accept(b, o);
  }
  get side(): number {
    return this.buffer[this.offset + ORDER_MODIFIED.SIDE]!;
  }
  get shares(): number {
    return readU32(this.buffer, this.offset + ORDER_MODIFIED.SHARES);
  }
}
