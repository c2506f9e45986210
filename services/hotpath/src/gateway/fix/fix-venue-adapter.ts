/**
 * The gateway core's VenueAdapter over FIX 4.4: reads order records in the order-command
 * layout, sends them through FixOrderAdapter (jspurefix session), and turns execution events
 * into VenueEvents. The core owns completions, timeouts and reconciliation policy, so the
 * FIX adapter runs with resendUnknownOrders = false: after a re-logon it asks about every
 * order the core may have lost (OrderStatusRequest), passes what the venue knew, and reports
 * onReplayComplete once every answer is in — orders still unanswered then never reached
 * the venue, and the core settles them LOCAL_REJECT.
 *
 * Not allocation-free like the OUCH adapter: jspurefix builds objects per message on both
 * paths (measured in test/gateway-fix.test.ts).
 */
import { stockKeyToString } from '@ringside/protocols';
import { OrderCommandDescriptor as O, TimeInForce } from '../../orders/order-command-descriptor.ts';
import { VenueEvent, VenueEventField as E, VenueEventKind, VenueSendStatus } from '../venue-adapter.ts';
import type { VenueAdapter, VenueEventSink } from '../venue-adapter.ts';
import { FixExecStatus, FixSendResult } from './fix-exec-status.ts';
import type { FixExecutionEvent } from './fix-exec-status.ts';
import type { FixOrderSideCode } from './fix-in-flight-orders.ts';
import { FixOrderAdapter } from './fix-order-adapter.ts';
import type { FixOrderAdapterConfig } from './fix-order-adapter.ts';

export interface FixVenueAdapterOptions {
  host: string;
  port: number;
  senderCompId: string;
  targetCompId: string;
  heartbeatSeconds?: number;
  resetSeqNumOnLogon?: boolean;
  reconnectDelayMs?: number;
  logonTimeoutMs?: number;
  clOrdIdPrefix?: string;
  /** Socket bytes queued above which sends are refused (BACK_PRESSURED). Default 1 MiB. */
  sendHighWaterBytes?: number;
}

const ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const REQUEST_ID_D = O.REQUEST_ID_OFFSET >> 3;
const STOCK_D = O.STOCK_KEY_OFFSET >> 3;
const SIDE_W = O.SIDE_OFFSET >> 2;
const PRICE_W = O.PRICE_OFFSET >> 2;
const QTY_W = O.QUANTITY_OFFSET >> 2;
const TIF_W = O.TIME_IN_FORCE_OFFSET >> 2;
const PRICE_SCALE = 10_000;

export class FixVenueAdapter implements VenueAdapter {
  readonly name = 'fix';
  readonly fix: FixOrderAdapter;
  private sink: VenueEventSink | null = null;
  private readonly event = new VenueEvent();
  private readonly highWater: number;
  private startFailures = 0;

  constructor(o: FixVenueAdapterOptions) {
    this.highWater = o.sendHighWaterBytes ?? 1024 * 1024;
    const config: FixOrderAdapterConfig = {
      host: o.host,
      port: o.port,
      senderCompId: o.senderCompId,
      targetCompId: o.targetCompId,
      resendUnknownOrders: false,
      onExecution: (e) => this.onExecution(e),
      onSessionState: (up, reason) => {
        if (up) this.sink?.onSessionUp();
        else this.sink?.onSessionDown(reason, true);
      },
      onReconciled: () => this.sink?.onReplayComplete(),
    };
    if (o.heartbeatSeconds !== undefined) config.heartbeatSeconds = o.heartbeatSeconds;
    if (o.resetSeqNumOnLogon !== undefined) config.resetSeqNumOnLogon = o.resetSeqNumOnLogon;
    if (o.reconnectDelayMs !== undefined) config.reconnectDelayMs = o.reconnectDelayMs;
    if (o.logonTimeoutMs !== undefined) config.logonTimeoutMs = o.logonTimeoutMs;
    if (o.clOrdIdPrefix !== undefined) config.clOrdIdPrefix = o.clOrdIdPrefix;
    this.fix = new FixOrderAdapter(config);
  }

  start(sink: VenueEventSink): void {
    this.sink = sink;
    this.fix.start().catch((err: unknown) => {
      // No first logon in time: the core sees a session that never came up.
      this.startFailures++;
      sink.onSessionDown(err instanceof Error ? err.message : String(err), false);
    });
  }

  isUp(): boolean {
    return this.fix.isLoggedOn;
  }

  sendNew(i32: Int32Array, f64: Float64Array, offset: number): number {
    if (!this.fix.isLoggedOn) return VenueSendStatus.NOT_CONNECTED;
    if (this.fix.queuedBytes > this.highWater) return VenueSendStatus.BACK_PRESSURED;
    const w = offset >> 2;
    const d = offset >> 3;
    const tif = i32[w + TIF_W]!;
    if (tif !== TimeInForce.DAY && tif !== TimeInForce.IOC) return VenueSendStatus.UNSUPPORTED;
    const r = this.fix.sendNew({
      clientOrderId: f64[d + ORDER_ID_D]!,
      symbol: stockKeyToString(f64[d + STOCK_D]!),
      side: i32[w + SIDE_W]! as FixOrderSideCode,
      price: i32[w + PRICE_W]! / PRICE_SCALE,
      quantity: i32[w + QTY_W]! >>> 0,
      timeInForce: tif,
    });
    return r === FixSendResult.SENT ? this.fix.queuedBytes : VenueSendStatus.UNSUPPORTED;
  }

  sendCancel(_i32: Int32Array, f64: Float64Array, offset: number): number {
    if (!this.fix.isLoggedOn) return VenueSendStatus.NOT_CONNECTED;
    const d = offset >> 3;
    const r = this.fix.sendCancel(f64[d + REQUEST_ID_D]!, f64[d + ORDER_ID_D]!);
    return r === FixSendResult.SENT ? this.fix.queuedBytes : VenueSendStatus.UNSUPPORTED;
  }

  stats(): Record<string, number> {
    return { ...this.fix.stats, inFlight: this.fix.inFlightCount, startFailures: this.startFailures };
  }

  async close(): Promise<void> {
    this.fix.stop();
    await Promise.resolve();
  }

  private onExecution(e: FixExecutionEvent): void {
    const ev = this.event;
    const i = ev.i32;
    switch (e.status) {
      case FixExecStatus.ACCEPTED:
        ev.setOrder(VenueEventKind.ACCEPTED, e.clientOrderId);
        i[E.SHARES] = e.quantity - e.cumQty;
        ev.f64[0] = venueRef(e.venueOrderId);
        break;
      case FixExecStatus.REJECTED:
        ev.setOrder(VenueEventKind.REJECTED, e.clientOrderId);
        i[E.REASON] = e.rejectCode;
        break;
      case FixExecStatus.PARTIALLY_FILLED:
      case FixExecStatus.FILLED:
        ev.setOrder(VenueEventKind.EXECUTED, e.clientOrderId);
        i[E.SHARES] = e.lastQty;
        i[E.PRICE] = Math.round(e.lastPx * PRICE_SCALE);
        break;
      case FixExecStatus.CANCELED:
        ev.setOrder(VenueEventKind.CANCELED, e.clientOrderId);
        // Everything not executed leaves the book.
        i[E.SHARES] = e.quantity - e.cumQty;
        break;
      case FixExecStatus.CANCEL_REJECTED:
        // The order lives on: the gateway completes the CANCEL as a non-terminal REJECTED.
        ev.setOrder(VenueEventKind.CANCEL_REJECTED, e.clientOrderId);
        break;
      default:
        return;
    }
    this.sink?.onVenueEvent(ev);
    // FIX reports arrive one per jspurefix callback: flush per event.
    this.sink?.onReadComplete();
  }
}

/** Digits of the venue's OrderID as a number (e.g. 'V123' → 123), 0 when none. */
function venueRef(orderId: string): number {
  let n = 0;
  for (let k = 0; k < orderId.length; k++) {
    const c = orderId.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) n = n * 10 + (c - 0x30);
  }
  return n;
}
