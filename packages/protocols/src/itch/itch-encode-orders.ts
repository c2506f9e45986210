// Encoders of the order and trade messages (A F E C X D U P Q B). Each writes one message into
// the caller's buffer at `o` and returns its length, or ItchStatus.NO_ROOM when it does not fit.
// No allocation: callers reuse one fields record per type. Values are the caller's to keep in
// range (u32 fields < 2^32, 8-byte fields < 2^53, stock keys from `stockKey`); the decoder is
// the side that validates.
import { writeStockKey, writeU32, writeU64 } from './itch-bytes.ts';
import {
  ADD_ORDER,
  BROKEN_TRADE,
  CROSS_TRADE,
  ItchLength,
  ItchType,
  ORDER_CANCEL,
  ORDER_DELETE,
  ORDER_EXECUTED,
  ORDER_REPLACE,
  TRADE,
} from './itch-descriptor.ts';
import type {
  AddOrderFields,
  AddOrderMpidFields,
  BrokenTradeFields,
  CrossTradeFields,
  OrderCancelFields,
  OrderDeleteFields,
  OrderExecutedFields,
  OrderExecutedWithPriceFields,
  OrderReplaceFields,
  TradeFields,
} from './itch-fields.ts';
import { ItchStatus } from './itch-status.ts';
import { hasRoom, writeHeader } from './itch-encode-header.ts';

function writeAddBody(b: Uint8Array, o: number, f: AddOrderFields): void {
  writeU64(b, o + ADD_ORDER.ORDER_REF, f.orderRef);
  b[o + ADD_ORDER.SIDE] = f.side;
  writeU32(b, o + ADD_ORDER.SHARES, f.shares);
  writeStockKey(b, o + ADD_ORDER.STOCK, f.stock);
  writeU32(b, o + ADD_ORDER.PRICE, f.price);
}

/** 'A' add order, no MPID attribution (36 bytes). */
export function encodeAddOrder(b: Uint8Array, o: number, f: AddOrderFields): number {
  const len = ItchLength.ADD_ORDER;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ADD_ORDER, f);
  writeAddBody(b, o, f);
  return len;
}

/** 'F' add order with MPID attribution (40 bytes). */
export function encodeAddOrderMpid(b: Uint8Array, o: number, f: AddOrderMpidFields): number {
  const len = ItchLength.ADD_ORDER_MPID;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ADD_ORDER_MPID, f);
  writeAddBody(b, o, f);
  writeU32(b, o + ADD_ORDER.ATTRIBUTION, f.attribution);
  return len;
}

/** 'E' order executed (31 bytes). */
export function encodeOrderExecuted(b: Uint8Array, o: number, f: OrderExecutedFields): number {
  const len = ItchLength.ORDER_EXECUTED;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ORDER_EXECUTED, f);
  writeU64(b, o + ORDER_EXECUTED.ORDER_REF, f.orderRef);
  writeU32(b, o + ORDER_EXECUTED.EXECUTED_SHARES, f.executedShares);
  writeU64(b, o + ORDER_EXECUTED.MATCH_NUMBER, f.matchNumber);
  return len;
}

/** 'C' order executed with price (36 bytes). */
export function encodeOrderExecutedWithPrice(
  b: Uint8Array,
  o: number,
  f: OrderExecutedWithPriceFields,
): number {
  const len = ItchLength.ORDER_EXECUTED_WITH_PRICE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ORDER_EXECUTED_WITH_PRICE, f);
  writeU64(b, o + ORDER_EXECUTED.ORDER_REF, f.orderRef);
  writeU32(b, o + ORDER_EXECUTED.EXECUTED_SHARES, f.executedShares);
  writeU64(b, o + ORDER_EXECUTED.MATCH_NUMBER, f.matchNumber);
  b[o + ORDER_EXECUTED.PRINTABLE] = f.printable;
  writeU32(b, o + ORDER_EXECUTED.EXECUTION_PRICE, f.executionPrice);
  return len;
}

/** 'X' order cancel (23 bytes). */
export function encodeOrderCancel(b: Uint8Array, o: number, f: OrderCancelFields): number {
  const len = ItchLength.ORDER_CANCEL;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ORDER_CANCEL, f);
  writeU64(b, o + ORDER_CANCEL.ORDER_REF, f.orderRef);
  writeU32(b, o + ORDER_CANCEL.CANCELLED_SHARES, f.cancelledShares);
  return len;
}

/** 'D' order delete (19 bytes). */
export function encodeOrderDelete(b: Uint8Array, o: number, f: OrderDeleteFields): number {
  const len = ItchLength.ORDER_DELETE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ORDER_DELETE, f);
  writeU64(b, o + ORDER_DELETE.ORDER_REF, f.orderRef);
  return len;
}

/** 'U' order replace (35 bytes). */
export function encodeOrderReplace(b: Uint8Array, o: number, f: OrderReplaceFields): number {
  const len = ItchLength.ORDER_REPLACE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.ORDER_REPLACE, f);
  writeU64(b, o + ORDER_REPLACE.ORIGINAL_REF, f.originalRef);
  writeU64(b, o + ORDER_REPLACE.NEW_REF, f.newRef);
  writeU32(b, o + ORDER_REPLACE.SHARES, f.shares);
  writeU32(b, o + ORDER_REPLACE.PRICE, f.price);
  return len;
}

/** 'P' trade, non-cross (44 bytes). */
export function encodeTrade(b: Uint8Array, o: number, f: TradeFields): number {
  const len = ItchLength.TRADE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.TRADE, f);
  writeU64(b, o + TRADE.ORDER_REF, f.orderRef);
  b[o + TRADE.SIDE] = f.side;
  writeU32(b, o + TRADE.SHARES, f.shares);
  writeStockKey(b, o + TRADE.STOCK, f.stock);
  writeU32(b, o + TRADE.PRICE, f.price);
  writeU64(b, o + TRADE.MATCH_NUMBER, f.matchNumber);
  return len;
}

/** 'Q' cross trade (40 bytes). */
export function encodeCrossTrade(b: Uint8Array, o: number, f: CrossTradeFields): number {
  const len = ItchLength.CROSS_TRADE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.CROSS_TRADE, f);
  writeU64(b, o + CROSS_TRADE.SHARES, f.shares);
  writeStockKey(b, o + CROSS_TRADE.STOCK, f.stock);
  writeU32(b, o + CROSS_TRADE.PRICE, f.price);
  writeU64(b, o + CROSS_TRADE.MATCH_NUMBER, f.matchNumber);
  b[o + CROSS_TRADE.CROSS_TYPE] = f.crossType;
  return len;
}

/** 'B' broken trade (19 bytes). */
export function encodeBrokenTrade(b: Uint8Array, o: number, f: BrokenTradeFields): number {
  const len = ItchLength.BROKEN_TRADE;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.BROKEN_TRADE, f);
  writeU64(b, o + BROKEN_TRADE.MATCH_NUMBER, f.matchNumber);
  return len;
}
