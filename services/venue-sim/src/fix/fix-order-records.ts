/**
 * The FIX side's view of each order the shared VenueEngine works on: what FIX needs and the
 * engine does not keep (ClOrdIDs of cancel requests, average price, the state of rejected or
 * still-pending orders), and the snapshot reports built from it.
 *
 * The record is the answer to OrderStatusRequest and to a NewOrderSingle repeated with a
 * known ClOrdID: a gateway reconciling after a reconnect gets the truth, and nothing is
 * entered twice.
 */

/** ExecType (150) values the venue sends. */
export const VenueExecType = {
  NEW: '0',
  CANCELED: '4',
  REJECTED: '8',
  TRADE: 'F',
  ORDER_STATUS: 'I',
} as const;

/** OrdStatus (39). PENDING_NEW: received, still waiting out the engine's ack delay or a stall. */
export const VenueOrdStatus = {
  NEW: '0',
  PARTIALLY_FILLED: '1',
  FILLED: '2',
  CANCELED: '4',
  REJECTED: '8',
  PENDING_NEW: 'A',
} as const;

/** OrdRejReason (103) 5: unknown order. */
export const ORD_REJ_UNKNOWN_ORDER = 5;

export interface FixOrderRecord {
  readonly clOrdId: string;
  readonly symbol: string;
  /** FIX Side (54): '1' buy, '2' sell. */
  readonly side: string;
  readonly quantity: number;
  /** Limit price, decimal. */
  readonly price: number;
  orderId: string;
  ordStatus: string;
  cumQty: number;
  notional: number;
  text: string;
  /** ClOrdIDs of cancel requests the engine has not answered yet, oldest first. */
  readonly cancelClOrdIds: string[];
}

/** One ExecutionReport (or, with cancelReject, one OrderCancelReject): a frozen snapshot. */
export interface VenueReport {
  readonly execType: string;
  readonly clOrdId: string;
  /** OrigClOrdID (41), '' when none. */
  readonly origClOrdId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
  readonly ordStatus: string;
  readonly cumQty: number;
  readonly leavesQty: number;
  readonly avgPx: number;
  readonly lastQty: number;
  readonly lastPx: number;
  readonly ordRejReason: number;
  readonly text: string;
  readonly cancelReject: boolean;
}

export function newOrderRecord(
  clOrdId: string,
  symbol: string,
  side: string,
  quantity: number,
  price: number,
): FixOrderRecord {
  return {
    clOrdId,
    symbol,
    side,
    quantity,
    price,
    orderId: 'NONE',
    ordStatus: VenueOrdStatus.PENDING_NEW,
    cumQty: 0,
    notional: 0,
    text: '',
    cancelClOrdIds: [],
  };
}

export function isFinalOrdStatus(ordStatus: string): boolean {
  return (
    ordStatus === VenueOrdStatus.FILLED ||
    ordStatus === VenueOrdStatus.CANCELED ||
    ordStatus === VenueOrdStatus.REJECTED
  );
}

/** Snapshot of `rec` as an ExecutionReport of `execType` answering `clOrdId`. */
export function reportOf(
  rec: FixOrderRecord,
  execType: string,
  clOrdId: string,
  origClOrdId: string,
  lastQty: number,
  lastPx: number,
  ordRejReason: number,
  cancelReject = false,
): VenueReport {
  const live = rec.ordStatus === VenueOrdStatus.NEW || rec.ordStatus === VenueOrdStatus.PARTIALLY_FILLED;
  return {
    execType,
    clOrdId,
    origClOrdId,
    orderId: rec.orderId,
    symbol: rec.symbol,
    side: rec.side,
    quantity: rec.quantity,
    price: rec.price,
    ordStatus: rec.ordStatus,
    cumQty: rec.cumQty,
    leavesQty: live || rec.ordStatus === VenueOrdStatus.PENDING_NEW ? rec.quantity - rec.cumQty : 0,
    avgPx: rec.cumQty > 0 ? rec.notional / rec.cumQty : 0,
    lastQty,
    lastPx,
    ordRejReason,
    text: rec.text,
    cancelReject,
  };
}

/** The status reply for a ClOrdID this venue never received. */
export function unknownOrderReport(clOrdId: string, symbol: string, side: string): VenueReport {
  const rec = newOrderRecord(clOrdId, symbol, side, 0, 0);
  rec.ordStatus = VenueOrdStatus.REJECTED;
  rec.text = 'UNKNOWN_ORDER';
  return reportOf(rec, VenueExecType.ORDER_STATUS, clOrdId, '', 0, 0, ORD_REJ_UNKNOWN_ORDER);
}
