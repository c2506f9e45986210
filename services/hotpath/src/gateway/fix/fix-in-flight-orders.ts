/**
 * Orders the venue has not finished with, keyed by client order id. This table is what makes
 * a reconnect safe: after a new logon every order here is either sent for the first time
 * (never left us), or asked about with OrderStatusRequest (left us, answer unknown). An
 * order leaves the table on its terminal report, so a late or replayed report for it is
 * recognised as a duplicate and dropped.
 */
import { FixExecStatus, isTerminalStatus } from './fix-exec-status.ts';

/** Side as in the order command: the ASCII byte 'B' / 'S'. */
export const FixOrderSide = {
  BUY: 0x42,
  SELL: 0x53,
} as const;
export type FixOrderSideCode = (typeof FixOrderSide)[keyof typeof FixOrderSide];

export interface FixNewOrder {
  clientOrderId: number;
  symbol: string;
  side: FixOrderSideCode;
  /** Limit price, decimal. */
  price: number;
  quantity: number;
  /** FIX TimeInForce (59) code: 0 DAY, 1 GTC, 3 IOC, 4 FOK. */
  timeInForce: number;
}

export interface InFlightOrder {
  readonly order: FixNewOrder;
  /** Last status reported upward, 0 = none yet. */
  status: number;
  cumQty: number;
  /** The NewOrderSingle was written to some session (maybe a dead one). */
  sent: boolean;
  /** 0 = no cancel requested. */
  cancelRequestId: number;
  cancelSent: boolean;
}

export class FixInFlightOrders {
  private readonly orders = new Map<number, InFlightOrder>();

  get size(): number {
    return this.orders.size;
  }

  get(clientOrderId: number): InFlightOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  /** Returns null when the id is already in flight. */
  add(order: FixNewOrder): InFlightOrder | null {
    if (this.orders.has(order.clientOrderId)) return null;
    const entry: InFlightOrder = {
      order,
      status: 0,
      cumQty: 0,
      sent: false,
      cancelRequestId: 0,
      cancelSent: false,
    };
    this.orders.set(order.clientOrderId, entry);
    return entry;
  }

  /**
   * Applies a reported state; true when it is news (to be passed upward). Fills count only
   * when CumQty grows, ACCEPTED only as the first status: a replayed or re-queried report
   * therefore never reaches the gateway twice.
   */
  apply(entry: InFlightOrder, status: number, cumQty: number): boolean {
    let news: boolean;
    switch (status) {
      case FixExecStatus.ACCEPTED:
        news = entry.status === 0;
        break;
      case FixExecStatus.PARTIALLY_FILLED:
      case FixExecStatus.FILLED:
        news = cumQty > entry.cumQty;
        break;
      case FixExecStatus.CANCEL_REJECTED:
        news = true;
        entry.cancelRequestId = 0;
        entry.cancelSent = false;
        return news;
      default:
        news = true;
    }
    if (!news) return false;
    entry.status = status;
    // Only fills move CumQty: a New or a reject never carries executed quantity.
    if (
      (status === FixExecStatus.PARTIALLY_FILLED || status === FixExecStatus.FILLED) &&
      cumQty > entry.cumQty
    ) {
      entry.cumQty = cumQty;
    }
    if (isTerminalStatus(status)) this.orders.delete(entry.order.clientOrderId);
    return true;
  }

  remove(clientOrderId: number): void {
    this.orders.delete(clientOrderId);
  }

  /** Insertion order: orders are resent / queried in the order they were sent. */
  values(): IterableIterator<InFlightOrder> {
    return this.orders.values();
  }

  /** After a lost connection nothing sent is known to have arrived. */
  markCancelsUnsent(): void {
    for (const entry of this.orders.values()) entry.cancelSent = false;
  }
}
