// Encoders of the outbound (venue → client) messages: S A U C D E B J P I T M. Each writes one
// message into the caller's buffer at `o` and returns its length, or OuchStatus.NO_ROOM. No
// allocation; values are the caller's to keep in range (see ouch-fields.ts).
import { writeStockKey, writeU32, writeU64 } from '../itch/itch-bytes.ts';
import {
  ACCEPTED,
  AIQ_CANCELED,
  BROKEN_TRADE,
  CANCELED,
  EXECUTED,
  ORDER_MODIFIED,
  ORDER_PRIORITY_UPDATE,
  OUT_HEADER,
  OuchOutboundLength,
  OuchOutboundType,
  REJECTED,
  REPLACED,
  SYSTEM_EVENT,
  TOKEN_ONLY,
} from './ouch-descriptor.ts';
import { hasRoom } from './ouch-encode-inbound.ts';
import type {
  AcceptedFields,
  AiqCanceledFields,
  CanceledFields,
  ExecutedFields,
  OrderModifiedFields,
  OrderPriorityUpdateFields,
  OuchBrokenTradeFields,
  OuchOutboundHeaderFields,
  OuchSystemEventFields,
  RejectedFields,
  ReplacedFields,
  TokenOnlyFields,
} from './ouch-fields.ts';
import { OuchStatus } from './ouch-status.ts';
import { copyToken } from './ouch-token.ts';

function writeHeader(b: Uint8Array, o: number, type: number, f: OuchOutboundHeaderFields): void {
  b[o + OUT_HEADER.TYPE] = type;
  writeU64(b, o + OUT_HEADER.TIMESTAMP, f.timestamp);
}

/** 'S' System Event (10 bytes). */
export function encodeOuchSystemEvent(b: Uint8Array, o: number, f: OuchSystemEventFields): number {
  const len = OuchOutboundLength.SYSTEM_EVENT;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.SYSTEM_EVENT, f);
  b[o + SYSTEM_EVENT.EVENT_CODE] = f.eventCode;
  return len;
}

// Accepted and Replaced share bytes 9..64.
function writeOrderBody(b: Uint8Array, o: number, f: AcceptedFields): void {
  copyToken(f.token, 0, b, o + ACCEPTED.TOKEN);
  b[o + ACCEPTED.SIDE] = f.side;
  writeU32(b, o + ACCEPTED.SHARES, f.shares);
  writeStockKey(b, o + ACCEPTED.STOCK, f.stock);
  writeU32(b, o + ACCEPTED.PRICE, f.price);
  writeU32(b, o + ACCEPTED.TIME_IN_FORCE, f.timeInForce);
  writeU32(b, o + ACCEPTED.FIRM, f.firm);
  b[o + ACCEPTED.DISPLAY] = f.display;
  writeU64(b, o + ACCEPTED.ORDER_REF, f.orderRef);
  b[o + ACCEPTED.CAPACITY] = f.capacity;
  b[o + ACCEPTED.INTERMARKET_SWEEP] = f.intermarketSweep;
  writeU32(b, o + ACCEPTED.MINIMUM_QUANTITY, f.minimumQuantity);
  b[o + ACCEPTED.CROSS_TYPE] = f.crossType;
  b[o + ACCEPTED.ORDER_STATE] = f.orderState;
}

/** 'A' Accepted (66 bytes). */
export function encodeAccepted(b: Uint8Array, o: number, f: AcceptedFields): number {
  const len = OuchOutboundLength.ACCEPTED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.ACCEPTED, f);
  writeOrderBody(b, o, f);
  b[o + ACCEPTED.BBO_WEIGHT] = f.bboWeight;
  return len;
}

/** 'U' Replaced (80 bytes). */
export function encodeReplaced(b: Uint8Array, o: number, f: ReplacedFields): number {
  const len = OuchOutboundLength.REPLACED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.REPLACED, f);
  writeOrderBody(b, o, f);
  copyToken(f.previousToken, 0, b, o + REPLACED.PREVIOUS_TOKEN);
  b[o + REPLACED.BBO_WEIGHT] = f.bboWeight;
  return len;
}

/** 'C' Canceled (28 bytes). */
export function encodeCanceled(b: Uint8Array, o: number, f: CanceledFields): number {
  const len = OuchOutboundLength.CANCELED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.CANCELED, f);
  copyToken(f.token, 0, b, o + CANCELED.TOKEN);
  writeU32(b, o + CANCELED.DECREMENT_SHARES, f.decrementShares);
  b[o + CANCELED.REASON] = f.reason;
  return len;
}

/** 'D' AIQ Canceled (37 bytes). */
export function encodeAiqCanceled(b: Uint8Array, o: number, f: AiqCanceledFields): number {
  const len = OuchOutboundLength.AIQ_CANCELED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.AIQ_CANCELED, f);
  copyToken(f.token, 0, b, o + AIQ_CANCELED.TOKEN);
  writeU32(b, o + AIQ_CANCELED.DECREMENT_SHARES, f.decrementShares);
  b[o + AIQ_CANCELED.REASON] = f.reason;
  writeU32(b, o + AIQ_CANCELED.QUANTITY_PREVENTED, f.quantityPrevented);
  writeU32(b, o + AIQ_CANCELED.EXECUTION_PRICE, f.executionPrice);
  b[o + AIQ_CANCELED.LIQUIDITY_FLAG] = f.liquidityFlag;
  return len;
}

/** 'E' Executed (40 bytes). */
export function encodeExecuted(b: Uint8Array, o: number, f: ExecutedFields): number {
  const len = OuchOutboundLength.EXECUTED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.EXECUTED, f);
  copyToken(f.token, 0, b, o + EXECUTED.TOKEN);
  writeU32(b, o + EXECUTED.EXECUTED_SHARES, f.executedShares);
  writeU32(b, o + EXECUTED.EXECUTION_PRICE, f.executionPrice);
  b[o + EXECUTED.LIQUIDITY_FLAG] = f.liquidityFlag;
  writeU64(b, o + EXECUTED.MATCH_NUMBER, f.matchNumber);
  return len;
}

/** 'B' Broken Trade (32 bytes). */
export function encodeOuchBrokenTrade(b: Uint8Array, o: number, f: OuchBrokenTradeFields): number {
  const len = OuchOutboundLength.BROKEN_TRADE;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.BROKEN_TRADE, f);
  copyToken(f.token, 0, b, o + BROKEN_TRADE.TOKEN);
  writeU64(b, o + BROKEN_TRADE.MATCH_NUMBER, f.matchNumber);
  b[o + BROKEN_TRADE.REASON] = f.reason;
  return len;
}

/** 'J' Rejected (24 bytes). */
export function encodeRejected(b: Uint8Array, o: number, f: RejectedFields): number {
  const len = OuchOutboundLength.REJECTED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.REJECTED, f);
  copyToken(f.token, 0, b, o + REJECTED.TOKEN);
  b[o + REJECTED.REASON] = f.reason;
  return len;
}

function encodeTokenOnly(b: Uint8Array, o: number, type: number, f: TokenOnlyFields): number {
  const len = OuchOutboundLength.CANCEL_PENDING; // same as CANCEL_REJECT
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, type, f);
  copyToken(f.token, 0, b, o + TOKEN_ONLY.TOKEN);
  return len;
}

/** 'P' Cancel Pending (23 bytes). */
export function encodeCancelPending(b: Uint8Array, o: number, f: TokenOnlyFields): number {
  return encodeTokenOnly(b, o, OuchOutboundType.CANCEL_PENDING, f);
}

/** 'I' Cancel Reject (23 bytes). */
export function encodeCancelReject(b: Uint8Array, o: number, f: TokenOnlyFields): number {
  return encodeTokenOnly(b, o, OuchOutboundType.CANCEL_REJECT, f);
}

/** 'T' Order Priority Update (36 bytes). */
export function encodeOrderPriorityUpdate(b: Uint8Array, o: number, f: OrderPriorityUpdateFields): number {
  const len = OuchOutboundLength.ORDER_PRIORITY_UPDATE;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.ORDER_PRIORITY_UPDATE, f);
  copyToken(f.token, 0, b, o + ORDER_PRIORITY_UPDATE.TOKEN);
  writeU32(b, o + ORDER_PRIORITY_UPDATE.PRICE, f.price);
  b[o + ORDER_PRIORITY_UPDATE.DISPLAY] = f.display;
  writeU64(b, o + ORDER_PRIORITY_UPDATE.ORDER_REF, f.orderRef);
  return len;
}

/** 'M' Order Modified (28 bytes). */
export function encodeOrderModified(b: Uint8Array, o: number, f: OrderModifiedFields): number {
  const len = OuchOutboundLength.ORDER_MODIFIED;
  if (!hasRoom(b, o, len)) return OuchStatus.NO_ROOM;
  writeHeader(b, o, OuchOutboundType.ORDER_MODIFIED, f);
  copyToken(f.token, 0, b, o + ORDER_MODIFIED.TOKEN);
  b[o + ORDER_MODIFIED.SIDE] = f.side;
  writeU32(b, o + ORDER_MODIFIED.SHARES, f.shares);
  return len;
}
