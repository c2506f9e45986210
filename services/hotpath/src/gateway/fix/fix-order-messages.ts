/**
 * The adapter's FIX application messages: bodies of what it sends (jspurefix encodes them by
 * field name from its FIX44.xml dictionary) and the mapping of what it receives to
 * completion statuses.
 */
import type { MsgView } from './jspurefix.ts';
import { FixExecStatus } from './fix-exec-status.ts';
import type { FixExecStatusCode } from './fix-exec-status.ts';
import { FixOrderSide } from './fix-in-flight-orders.ts';
import type { FixNewOrder } from './fix-in-flight-orders.ts';
import { ExecType, FixSide, ORD_TYPE_LIMIT, OrdStatus } from './fix-tags.ts';

/** Wire ClOrdID: the session prefix makes host-local ids day-unique. */
export function clOrdIdOf(prefix: string, id: number): string {
  return prefix + String(id);
}

function fixSide(o: FixNewOrder): string {
  return o.side === FixOrderSide.BUY ? FixSide.BUY : FixSide.SELL;
}

export function newOrderSingleBody(
  prefix: string,
  o: FixNewOrder,
  possResend: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ClOrdID: clOrdIdOf(prefix, o.clientOrderId),
    Side: fixSide(o),
    TransactTime: new Date(),
    OrdType: ORD_TYPE_LIMIT,
    Price: o.price,
    TimeInForce: String(o.timeInForce),
    OrderQtyData: { OrderQty: o.quantity },
    Instrument: { Symbol: o.symbol },
  };
  // Same ClOrdID, flagged: a venue that did see the first copy must not enter it twice.
  if (possResend) body['PossResend'] = true;
  return body;
}

export function orderCancelRequestBody(
  prefix: string,
  o: FixNewOrder,
  cancelRequestId: number,
): Record<string, unknown> {
  return {
    OrigClOrdID: clOrdIdOf(prefix, o.clientOrderId),
    ClOrdID: clOrdIdOf(prefix, cancelRequestId),
    Side: fixSide(o),
    TransactTime: new Date(),
    OrderQtyData: { OrderQty: o.quantity },
    Instrument: { Symbol: o.symbol },
  };
}

export function orderStatusRequestBody(prefix: string, o: FixNewOrder): Record<string, unknown> {
  return {
    ClOrdID: clOrdIdOf(prefix, o.clientOrderId),
    Side: fixSide(o),
    Instrument: { Symbol: o.symbol },
  };
}

export function numberOf(view: MsgView, tag: number): number {
  const v: unknown = view.getTyped(tag);
  return typeof v === 'number' ? v : 0;
}

/** ExecType (150) → status; 0 for types the gateway does not act on. */
export function statusOfExecType(
  execType: string | null | undefined,
  ordStatus: string | null | undefined,
): FixExecStatusCode | 0 {
  switch (execType) {
    case ExecType.NEW:
      return FixExecStatus.ACCEPTED;
    case ExecType.REJECTED:
      return FixExecStatus.REJECTED;
    case ExecType.CANCELED:
      return FixExecStatus.CANCELED;
    case ExecType.TRADE:
      return ordStatus === OrdStatus.FILLED ? FixExecStatus.FILLED : FixExecStatus.PARTIALLY_FILLED;
    default:
      return 0;
  }
}

/** OrdStatus (39) of a status reply → status; 0 when unknown. */
export function statusOfOrdStatus(ordStatus: string | null | undefined): FixExecStatusCode | 0 {
  switch (ordStatus) {
    case OrdStatus.NEW:
      return FixExecStatus.ACCEPTED;
    case OrdStatus.PARTIALLY_FILLED:
      return FixExecStatus.PARTIALLY_FILLED;
    case OrdStatus.FILLED:
      return FixExecStatus.FILLED;
    case OrdStatus.CANCELED:
      return FixExecStatus.CANCELED;
    case OrdStatus.REJECTED:
      return FixExecStatus.REJECTED;
    default:
      return 0;
  }
}
