/**
 * Between FIX sessions and the shared, transport-independent VenueEngine: turns
 * NewOrderSingle / OrderCancelRequest into engine commands, answers OrderStatusRequest from
 * the order records, and, as the engine's event sink, turns its events into reports for the
 * session currently logged on for the order's owner (the counterparty's SenderCompID).
 * Reports for an owner with no live session are lost — as at a real venue without
 * persistence; the gateway recovers them with OrderStatusRequest.
 *
 * Engine codes are OUCH's (side 'B'/'S', Price(4) integers, TIF 0 = IOC, reason letters);
 * FIX codes are mapped here.
 */
import type { VenueEngine } from '../venue-engine.ts';
import type { VenueEventSink, VenueOrder } from '../venue-order.ts';
import {
  isFinalOrdStatus,
  newOrderRecord,
  reportOf,
  unknownOrderReport,
  VenueExecType,
  VenueOrdStatus,
} from './fix-order-records.ts';
import type { FixOrderRecord, VenueReport } from './fix-order-records.ts';

/** Where the bridge delivers reports: the live session of one owner. */
export interface FixReportTarget {
  release(reports: VenueReport[]): void;
}

export interface FixBridgeStats {
  duplicateNewOrders: number;
  statusRequests: number;
  reportsLost: number;
}

/** OUCH reason letters as FIX Text. */
const REASON_TEXT: Readonly<Record<string, string>> = {
  Z: 'INVALID_SHARES',
  X: 'INVALID_PRICE',
  O: 'OTHER',
  R: 'NOT_ALLOWED',
  H: 'HALTED',
  U: 'USER_CANCEL',
  I: 'IMMEDIATE_OR_CANCEL',
};

/** OUCH reject reasons as FIX OrdRejReason (103): 13 incorrect quantity, 2 exchange closed, 99 other. */
const REASON_ORD_REJ: Readonly<Record<string, number>> = { Z: 13, H: 2 };

/** OUCH time in force: 0 = immediate or cancel, 99998 = until market close. */
const OUCH_TIF_IOC = 0;
const OUCH_TIF_MARKET_HOURS = 99998;
const PRICE_SCALE = 10_000;

const keyOf = (owner: string, clOrdId: string): string => `${owner}\n${clOrdId}`;

export class FixEngineBridge implements VenueEventSink {
  readonly stats: FixBridgeStats = { duplicateNewOrders: 0, statusRequests: 0, reportsLost: 0 };
  private readonly engine: VenueEngine;
  private readonly records = new Map<string, FixOrderRecord>();
  private readonly targets = new Map<string, FixReportTarget>();

  constructor(engine: VenueEngine) {
    this.engine = engine;
  }

  attach(owner: string, target: FixReportTarget): void {
    this.targets.set(owner, target);
  }

  detach(owner: string, target: FixReportTarget): void {
    if (this.targets.get(owner) === target) this.targets.delete(owner);
  }

  record(owner: string, clOrdId: string): FixOrderRecord | undefined {
    return this.records.get(keyOf(owner, clOrdId));
  }

  /** A NewOrderSingle. A ClOrdID seen before is answered with its status, never entered again. */
  newOrder(
    owner: string,
    clOrdId: string,
    symbol: string,
    side: string,
    price: number,
    quantity: number,
    timeInForce: string,
  ): VenueReport[] {
    const key = keyOf(owner, clOrdId);
    const known = this.records.get(key);
    if (known !== undefined) {
      this.stats.duplicateNewOrders++;
      return [reportOf(known, VenueExecType.ORDER_STATUS, clOrdId, '', 0, 0, 0)];
    }
    this.records.set(key, newOrderRecord(clOrdId, symbol, side, quantity, price));
    const sink = this as VenueEventSink;
    if (!(quantity > 0 && Number.isInteger(quantity)) || !(price > 0)) {
      this.engine.submit({ kind: 'invalid', sink, owner, token: clOrdId, reason: quantity > 0 ? 'X' : 'Z' });
      return [];
    }
    this.engine.submit({
      kind: 'enter',
      sink,
      owner,
      token: clOrdId,
      side: side === '1' ? 'B' : 'S',
      shares: quantity,
      symbol,
      price: Math.round(price * PRICE_SCALE),
      timeInForce: timeInForce === '3' || timeInForce === '4' ? OUCH_TIF_IOC : OUCH_TIF_MARKET_HOURS,
      firm: '',
      display: 'Y',
      capacity: 'A',
      intermarketSweep: 'N',
      minimumQuantity: 0,
      crossType: 'N',
      customerType: ' ',
    });
    return [];
  }

  /** An OrderCancelRequest; refused at once when there is nothing live to cancel. */
  cancel(owner: string, clOrdId: string, origClOrdId: string): VenueReport[] {
    const rec = this.records.get(keyOf(owner, origClOrdId));
    if (rec === undefined || isFinalOrdStatus(rec.ordStatus)) {
      const r = rec ?? newOrderRecord(origClOrdId, '', '', 0, 0);
      const text = rec === undefined ? 'UNKNOWN_ORDER' : 'TOO_LATE_TO_CANCEL';
      return [{ ...reportOf(r, '', clOrdId, origClOrdId, 0, 0, 0, true), text }];
    }
    rec.cancelClOrdIds.push(clOrdId);
    this.engine.submit({ kind: 'cancel', sink: this, owner, token: origClOrdId, shares: 0 });
    return [];
  }

  status(owner: string, clOrdId: string, symbol: string, side: string): VenueReport[] {
    this.stats.statusRequests++;
    const rec = this.records.get(keyOf(owner, clOrdId));
    if (rec === undefined) return [unknownOrderReport(clOrdId, symbol, side)];
    return [reportOf(rec, VenueExecType.ORDER_STATUS, clOrdId, '', 0, 0, 0)];
  }

  // VenueEventSink: the engine's events, in the engine's order.

  accepted(order: VenueOrder): void {
    const rec = this.records.get(keyOf(order.owner, order.token));
    if (rec === undefined) return;
    rec.orderId = 'V' + String(order.orderRef);
    rec.ordStatus = VenueOrdStatus.NEW;
    this.emit(order.owner, reportOf(rec, VenueExecType.NEW, rec.clOrdId, '', 0, 0, 0));
  }

  rejected(owner: string, token: string, reason: string): void {
    const rec = this.records.get(keyOf(owner, token));
    if (rec === undefined) return;
    rec.ordStatus = VenueOrdStatus.REJECTED;
    rec.text = REASON_TEXT[reason] ?? `REASON_${reason}`;
    const ordRejReason = REASON_ORD_REJ[reason] ?? 99;
    this.emit(owner, reportOf(rec, VenueExecType.REJECTED, rec.clOrdId, '', 0, 0, ordRejReason));
  }

  executed(order: VenueOrder, shares: number, price: number): void {
    const rec = this.records.get(keyOf(order.owner, order.token));
    if (rec === undefined) return;
    const px = price / PRICE_SCALE;
    rec.cumQty += shares;
    rec.notional += shares * px;
    rec.ordStatus = order.openShares === 0 ? VenueOrdStatus.FILLED : VenueOrdStatus.PARTIALLY_FILLED;
    this.emit(order.owner, reportOf(rec, VenueExecType.TRADE, rec.clOrdId, '', shares, px, 0));
  }

  canceled(order: VenueOrder, _decrementShares: number, reason: string): void {
    const rec = this.records.get(keyOf(order.owner, order.token));
    if (rec === undefined) return;
    rec.ordStatus = VenueOrdStatus.CANCELED;
    // A user cancel answers the cancel request (11 = its ClOrdID, 41 = the order's).
    const requestId = reason === 'U' ? (rec.cancelClOrdIds.shift() ?? rec.clOrdId) : rec.clOrdId;
    if (reason !== 'U') rec.text = REASON_TEXT[reason] ?? `REASON_${reason}`;
    this.emit(order.owner, reportOf(rec, VenueExecType.CANCELED, requestId, rec.clOrdId, 0, 0, 0));
  }

  cancelRejected(owner: string, token: string): void {
    const rec = this.records.get(keyOf(owner, token));
    if (rec === undefined) return;
    const requestId = rec.cancelClOrdIds.shift() ?? '';
    this.emit(owner, {
      ...reportOf(rec, '', requestId, rec.clOrdId, 0, 0, 0, true),
      text: 'TOO_LATE_TO_CANCEL',
    });
  }

  replaced(): void {
    // FIX here sends no OrderCancelReplaceRequest: the engine never replaces our orders.
  }

  modified(): void {
    // As replaced().
  }

  private emit(owner: string, report: VenueReport): void {
    const target = this.targets.get(owner);
    if (target === undefined) {
      this.stats.reportsLost++;
      return;
    }
    target.release([report]);
  }
}
