// Decoders of the inbound (client → venue) messages: O U X M. Each validates on wrap — tokens 14
// printable bytes and not blank, enumerations from the spec's lists, stock and firm printable,
// prices within Price(4)'s signed range, time in force ≤ 99,999 — and reads fields on demand.
// Quantities are not judged here (a zero-share order is well-formed): that is the venue's call.
import { readStockKey, readU32, STOCK_LENGTH } from '../itch/itch-bytes.ts';
import { OuchValid } from './ouch-codes.ts';
import {
  CANCEL_ORDER,
  ENTER_ORDER,
  MODIFY_ORDER,
  OUCH_INBOUND_LENGTH_BY_TYPE,
  OUCH_MAX_PRICE,
  OUCH_MAX_TIME_IN_FORCE,
  OuchInboundLength,
  OuchInboundType,
  REPLACE_ORDER,
} from './ouch-descriptor.ts';
import { checkOuchFrame, copyStockBytes, isPrintable, OuchFlyweight } from './ouch-flyweight.ts';
import { OuchStatus } from './ouch-status.ts';
import { copyToken, isValidToken, readTokenBase36 } from './ouch-token.ts';

const V = OuchValid;
const BAD = OuchStatus.BAD_FIELD_VALUE;
const LENGTHS = OUCH_INBOUND_LENGTH_BY_TYPE;

/** 'O' Enter Order. */
export class OuchEnterOrderMessage extends OuchFlyweight {
  constructor() {
    super(ENTER_ORDER.TOKEN);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkOuchFrame(b, o, len, OuchInboundType.ENTER_ORDER, OuchInboundLength.ENTER_ORDER, LENGTHS);
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    const E = ENTER_ORDER;
    if (!isValidToken(b, o + E.TOKEN)) return this.fail(E.TOKEN, OuchStatus.BAD_TOKEN);
    if (V.SIDE[b[o + E.SIDE]!] === 0) return this.fail(E.SIDE, BAD);
    if (!isPrintable(b, o + E.STOCK, STOCK_LENGTH)) return this.fail(E.STOCK, BAD);
    if (readU32(b, o + E.PRICE) > OUCH_MAX_PRICE) return this.fail(E.PRICE, BAD);
    if (readU32(b, o + E.TIME_IN_FORCE) > OUCH_MAX_TIME_IN_FORCE) return this.fail(E.TIME_IN_FORCE, BAD);
    if (!isPrintable(b, o + E.FIRM, 4)) return this.fail(E.FIRM, BAD);
    if (V.DISPLAY[b[o + E.DISPLAY]!] === 0) return this.fail(E.DISPLAY, BAD);
    if (V.CAPACITY[b[o + E.CAPACITY]!] === 0) return this.fail(E.CAPACITY, BAD);
    if (V.INTERMARKET_SWEEP[b[o + E.INTERMARKET_SWEEP]!] === 0) return this.fail(E.INTERMARKET_SWEEP, BAD);
    if (V.CROSS_TYPE[b[o + E.CROSS_TYPE]!] === 0) return this.fail(E.CROSS_TYPE, BAD);
    if (V.CUSTOMER_TYPE[b[o + E.CUSTOMER_TYPE]!] === 0) return this.fail(E.CUSTOMER_TYPE, BAD);
    return this.attach(b, o);
  }

  get side(): number {
    return this.buffer[this.offset + ENTER_ORDER.SIDE]!;
  }
  get shares(): number {
    return readU32(this.buffer, this.offset + ENTER_ORDER.SHARES);
  }
  /** Stock key (see itch-bytes.ts). */
  get stock(): number {
    return readStockKey(this.buffer, this.offset + ENTER_ORDER.STOCK);
  }
  /** Copies the 8 space-padded symbol bytes into `dst` at `at`; returns 8. */
  copyStock(dst: Uint8Array, at: number): number {
    return copyStockBytes(this.buffer, this.offset + ENTER_ORDER.STOCK, dst, at);
  }
  /** Price(4). */
  get price(): number {
    return readU32(this.buffer, this.offset + ENTER_ORDER.PRICE);
  }
  get timeInForce(): number {
    return readU32(this.buffer, this.offset + ENTER_ORDER.TIME_IN_FORCE);
  }
  /** The 4 firm bytes as a u32 (`alpha4ToString` turns it back). */
  get firm(): number {
    return readU32(this.buffer, this.offset + ENTER_ORDER.FIRM);
  }
  get display(): number {
    return this.buffer[this.offset + ENTER_ORDER.DISPLAY]!;
  }
  get capacity(): number {
    return this.buffer[this.offset + ENTER_ORDER.CAPACITY]!;
  }
  get intermarketSweep(): number {
    return this.buffer[this.offset + ENTER_ORDER.INTERMARKET_SWEEP]!;
  }
  get minimumQuantity(): number {
    return readU32(this.buffer, this.offset + ENTER_ORDER.MINIMUM_QUANTITY);
  }
  get crossType(): number {
    return this.buffer[this.offset + ENTER_ORDER.CROSS_TYPE]!;
  }
  get customerType(): number {
    return this.buffer[this.offset + ENTER_ORDER.CUSTOMER_TYPE]!;
  }
}

/** 'U' Replace Order. The primary token (`tokenAt`, `tokenId`) is the existing one. */
export class OuchReplaceOrderMessage extends OuchFlyweight {
  constructor() {
    super(REPLACE_ORDER.EXISTING_TOKEN);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkOuchFrame(
      b,
      o,
      len,
      OuchInboundType.REPLACE_ORDER,
      OuchInboundLength.REPLACE_ORDER,
      LENGTHS,
    );
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    const R = REPLACE_ORDER;
    if (!isValidToken(b, o + R.EXISTING_TOKEN)) return this.fail(R.EXISTING_TOKEN, OuchStatus.BAD_TOKEN);
    if (!isValidToken(b, o + R.REPLACEMENT_TOKEN))
      return this.fail(R.REPLACEMENT_TOKEN, OuchStatus.BAD_TOKEN);
    if (readU32(b, o + R.PRICE) > OUCH_MAX_PRICE) return this.fail(R.PRICE, BAD);
    if (readU32(b, o + R.TIME_IN_FORCE) > OUCH_MAX_TIME_IN_FORCE) return this.fail(R.TIME_IN_FORCE, BAD);
    if (V.DISPLAY[b[o + R.DISPLAY]!] === 0) return this.fail(R.DISPLAY, BAD);
    if (V.INTERMARKET_SWEEP[b[o + R.INTERMARKET_SWEEP]!] === 0) return this.fail(R.INTERMARKET_SWEEP, BAD);
    return this.attach(b, o);
  }

  get existingTokenAt(): number {
    return this.offset + REPLACE_ORDER.EXISTING_TOKEN;
  }
  get replacementTokenAt(): number {
    return this.offset + REPLACE_ORDER.REPLACEMENT_TOKEN;
  }
  get replacementTokenId(): number {
    return readTokenBase36(this.buffer, this.offset + REPLACE_ORDER.REPLACEMENT_TOKEN);
  }
  copyReplacementToken(dst: Uint8Array, at: number): number {
    return copyToken(this.buffer, this.offset + REPLACE_ORDER.REPLACEMENT_TOKEN, dst, at);
  }
  get shares(): number {
    return readU32(this.buffer, this.offset + REPLACE_ORDER.SHARES);
  }
  get price(): number {
    return readU32(this.buffer, this.offset + REPLACE_ORDER.PRICE);
  }
  get timeInForce(): number {
    return readU32(this.buffer, this.offset + REPLACE_ORDER.TIME_IN_FORCE);
  }
  get display(): number {
    return this.buffer[this.offset + REPLACE_ORDER.DISPLAY]!;
  }
  get intermarketSweep(): number {
    return this.buffer[this.offset + REPLACE_ORDER.INTERMARKET_SWEEP]!;
  }
  get minimumQuantity(): number {
    return readU32(this.buffer, this.offset + REPLACE_ORDER.MINIMUM_QUANTITY);
  }
}

/** 'X' Cancel Order: `shares` is the new intended size (0 = cancel it all). */
export class OuchCancelOrderMessage extends OuchFlyweight {
  constructor() {
    super(CANCEL_ORDER.TOKEN);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkOuchFrame(
      b,
      o,
      len,
      OuchInboundType.CANCEL_ORDER,
      OuchInboundLength.CANCEL_ORDER,
      LENGTHS,
    );
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    if (!isValidToken(b, o + CANCEL_ORDER.TOKEN)) return this.fail(CANCEL_ORDER.TOKEN, OuchStatus.BAD_TOKEN);
    return this.attach(b, o);
  }

  get shares(): number {
    return readU32(this.buffer, this.offset + CANCEL_ORDER.SHARES);
  }
}

/** 'M' Modify Order (side change among sells, or size down). */
export class OuchModifyOrderMessage extends OuchFlyweight {
  constructor() {
    super(MODIFY_ORDER.TOKEN);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkOuchFrame(
      b,
      o,
      len,
      OuchInboundType.MODIFY_ORDER,
      OuchInboundLength.MODIFY_ORDER,
      LENGTHS,
    );
    if (s !== OuchStatus.OK) return this.fail(-1, s);
    if (!isValidToken(b, o + MODIFY_ORDER.TOKEN)) return this.fail(MODIFY_ORDER.TOKEN, OuchStatus.BAD_TOKEN);
    if (V.SIDE[b[o + MODIFY_ORDER.SIDE]!] === 0) return this.fail(MODIFY_ORDER.SIDE, BAD);
    return this.attach(b, o);
  }

  get side(): number {
    return this.buffer[this.offset + MODIFY_ORDER.SIDE]!;
  }
  get shares(): number {
    return readU32(this.buffer, this.offset + MODIFY_ORDER.SHARES);
  }
}
