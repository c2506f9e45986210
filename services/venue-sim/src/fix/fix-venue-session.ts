/**
 * One accepted FIX connection at the venue. jspurefix runs the session layer (logon,
 * heartbeats, test and resend requests, sequence numbers); this subclass hands
 * NewOrderSingle (D), OrderCancelRequest (F) and OrderStatusRequest (H) to the engine bridge
 * and writes what comes back as ExecutionReports (8) / OrderCancelRejects (9), applying the
 * venue's transport stall mode.
 */
import { AsciiSession } from './jspurefix.ts';
import type { IJsFixConfig, MsgView } from './jspurefix.ts';
import type { FixEngineBridge, FixReportTarget } from './fix-engine-bridge.ts';
import type { VenueReport } from './fix-order-records.ts';
import type { FixStallMode } from './fix-venue-config.ts';

/** What a session needs from the venue that owns it. */
export interface FixVenueContext {
  readonly bridge: FixEngineBridge;
  stallMode(): FixStallMode;
  nextExecId(): string;
  onDroppedInbound(): void;
  onReportsLost(count: number): void;
}

const Tag = {
  CL_ORD_ID: 11,
  ORDER_QTY: 38,
  ORIG_CL_ORD_ID: 41,
  PRICE: 44,
  SENDER_COMP_ID: 49,
  SIDE: 54,
  SYMBOL: 55,
  TIME_IN_FORCE: 59,
} as const;

export class FixVenueSession extends AsciiSession implements FixReportTarget {
  private readonly venue: FixVenueContext;
  private held: VenueReport[] = [];
  private ready = false;
  /** The counterparty's SenderCompID: the owner of its orders at the engine. */
  private owner = '';

  constructor(config: IJsFixConfig, venue: FixVenueContext) {
    super(config);
    this.venue = venue;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Sends now, or withholds under a `hold` stall. */
  release(reports: VenueReport[]): void {
    if (!this.ready) {
      this.venue.onReportsLost(reports.length);
      return;
    }
    if (this.venue.stallMode() === 'hold') {
      for (const r of reports) this.held.push(r);
      return;
    }
    for (const r of reports) this.sendReport(r);
  }

  /** Sends what a `hold` stall withheld. */
  flushHeld(): void {
    const held = this.held;
    this.held = [];
    for (const r of held) this.sendReport(r);
  }

  /** The connection is going: later reports, and what a `hold` withheld, are lost with it. */
  disconnecting(): void {
    this.ready = false;
    this.venue.bridge.detach(this.owner, this);
    if (this.held.length > 0) this.venue.onReportsLost(this.held.length);
    this.held = [];
  }

  protected onApplicationMsg(msgType: string, view: MsgView): void {
    if (this.venue.stallMode() === 'drop') {
      this.venue.onDroppedInbound();
      return;
    }
    const bridge = this.venue.bridge;
    const clOrdId = view.getString(Tag.CL_ORD_ID) ?? '';
    const symbol = view.getString(Tag.SYMBOL) ?? '';
    const side = view.getString(Tag.SIDE) ?? '';
    switch (msgType) {
      case 'D': {
        const price = numberOf(view, Tag.PRICE);
        const qty = numberOf(view, Tag.ORDER_QTY);
        const tif = view.getString(Tag.TIME_IN_FORCE) ?? '0';
        this.release(bridge.newOrder(this.owner, clOrdId, symbol, side, price, qty, tif));
        break;
      }
      case 'F':
        this.release(bridge.cancel(this.owner, clOrdId, view.getString(Tag.ORIG_CL_ORD_ID) ?? ''));
        break;
      case 'H':
        this.release(bridge.status(this.owner, clOrdId, symbol, side));
        break;
      default:
        break;
    }
  }

  private sendReport(r: VenueReport): void {
    if (r.cancelReject) {
      this.send('9', {
        OrderID: r.orderId,
        ClOrdID: r.clOrdId,
        OrigClOrdID: r.origClOrdId,
        OrdStatus: r.ordStatus,
        CxlRejResponseTo: '1',
        Text: r.text,
      });
      return;
    }
    const body: Record<string, unknown> = {
      OrderID: r.orderId,
      ClOrdID: r.clOrdId,
      ExecID: this.venue.nextExecId(),
      ExecType: r.execType,
      OrdStatus: r.ordStatus,
      Instrument: { Symbol: r.symbol },
      Side: r.side,
      OrderQtyData: { OrderQty: r.quantity },
      Price: r.price,
      LastQty: r.lastQty,
      LastPx: r.lastPx,
      LeavesQty: r.leavesQty,
      CumQty: r.cumQty,
      AvgPx: r.avgPx,
      TransactTime: new Date(),
    };
    if (r.origClOrdId !== '') body['OrigClOrdID'] = r.origClOrdId;
    if (r.ordRejReason !== 0) body['OrdRejReason'] = r.ordRejReason;
    if (r.text !== '') body['Text'] = r.text;
    this.send('8', body);
  }

  protected onReady(view: MsgView): void {
    this.owner = view.getString(Tag.SENDER_COMP_ID) ?? '';
    this.ready = true;
    this.venue.bridge.attach(this.owner, this);
  }

  protected onStopped(_error?: Error): void {
    this.disconnecting();
  }

  protected onLogon(_view: MsgView, _user: string, _password: string): boolean {
    return true;
  }

  protected onDecoded(_msgType: string, _txt: string): void {}

  protected onEncoded(_msgType: string, _txt: string): void {}
}

function numberOf(view: MsgView, tag: number): number {
  const v: unknown = view.getTyped(tag);
  return typeof v === 'number' ? v : Number.NaN;
}
