// Encoders of the inbound (client → venue) messages: O U X M. Each writes one message into the
// caller's buffer at `o` and returns its length, or OuchStatus.NO_ROOM when it does not fit.
// No allocation. Values are the caller's to keep in range (u32 fields < 2^32, tokens 14 bytes);
// the decoder is the side that validates.
import { writeStockKey, writeU32 } from '../itch/itch-bytes.ts';
import {
  CANCEL_ORDER,
  ENTER_ORDER,
  MODIFY_ORDER,
  OuchInboundLength,
  OuchInboundType,
  REPLACE_ORDER,
} from './ouch-descriptor.ts';
import type {
  CancelOrderFields,
  EnterOrderFields,
  ModifyOrderFields,
  ReplaceOrderFields,
} from './ouch-fields.ts';
import { OuchStatus } from './ouch-status.ts';
import { copyToken } from './ouch-token.ts';

/** `length` bytes fit in `b` at offset `o`. */
export function hasRoom(b: Uint8Array, o: number, length: number): boolean {
  return o >= 0 && o + length <= b.length;
}

/** 'O' Enter Order (49 bytes). */
export function encodeEnterOrder(b: Uint8Array, o: number, f: EnterOrderFields): number {
  const len = OuchInboundLength.ENTER_ORDER;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  b[o] = OuchInboundType.ENTER_ORDER;
  copyToken(f.token, 0, b, o + ENTER_ORDER.TOKEN);
  b[o + ENTER_ORDER.SIDE] = f.side;
  writeU32(b, o + ENTER_ORDER.SHARES, f.shares);
  writeStockKey(b, o + ENTER_ORDER.STOCK, f.stock);
  writeU32(b, o + ENTER_ORDER.PRICE, f.price);
  writeU32(b, o + ENTER_ORDER.TIME_IN_FORCE, f.timeInForce);
  writeU32(b, o + ENTER_ORDER.FIRM, f.firm);
  b[o + ENTER_ORDER.DISPLAY] = f.display;
  b[o + ENTER_ORDER.CAPACITY] = f.capacity;
  b[o + ENTER_ORDER.INTERMARKET_SWEEP] = f.intermarketSweep;
  writeU32(b, o + ENTER_ORDER.MINIMUM_QUANTITY, f.minimumQuantity);
  b[o + ENTER_ORDER.CROSS_TYPE] = f.crossType;
  b[o + ENTER_ORDER.CUSTOMER_TYPE] = f.customerType;
  return len;
}

/** 'U' Replace Order (47 bytes). */
export function encodeReplaceOrder(b: Uint8Array, o: number, f: ReplaceOrderFields): number {
  const len = OuchInboundLength.REPLACE_ORDER;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  b[o] = OuchInboundType.REPLACE_ORDER;
  copyToken(f.existingToken, 0, b, o + REPLACE_ORDER.EXISTING_TOKEN);
  copyToken(f.replacementToken, 0, b, o + REPLACE_ORDER.REPLACEMENT_TOKEN);
  writeU32(b, o + REPLACE_ORDER.SHARES, f.shares);
  writeU32(b, o + REPLACE_ORDER.PRICE, f.price);
  writeU32(b, o + REPLACE_ORDER.TIME_IN_FORCE, f.timeInForce);
  b[o + REPLACE_ORDER.DISPLAY] = f.display;
  b[o + REPLACE_ORDER.INTERMARKET_SWEEP] = f.intermarketSweep;
  writeU32(b, o + REPLACE_ORDER.MINIMUM_QUANTITY, f.minimumQuantity);
  return len;
}

/** 'X' Cancel Order (19 bytes). */
export function encodeCancelOrder(b: Uint8Array, o: number, f: CancelOrderFields): number {
  const len = OuchInboundLength.CANCEL_ORDER;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  b[o] = OuchInboundType.CANCEL_ORDER;
  copyToken(f.token, 0, b, o + CANCEL_ORDER.TOKEN);
  writeU32(b, o + CANCEL_ORDER.SHARES, f.shares);
  return len;
}

/** 'M' Modify Order (20 bytes). */
export function encodeModifyOrder(b: Uint8Array, o: number, f: ModifyOrderFields): number {
  const len = OuchInboundLength.MODIFY_ORDER;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  b[o] = OuchInboundType.MODIFY_ORDER;
  copyToken(f.token, 0, b, o + MODIFY_ORDER.TOKEN);
  b[o + MODIFY_ORDER.SIDE] = f.side;
  writeU32(b, o + MODIFY_ORDER.SHARES, f.shares);
  return len;
}
