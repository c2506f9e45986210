// The OUCH 4.2 venue adapter: one SoupBinTCP session (TCP_NODELAY, reconnect and resume from
// the next expected sequence number, all in SoupBinTcpClient), Enter / Cancel Order encoded
// into one preallocated buffer, the venue's sequenced messages decoded in place by flyweights
// and handed to the gateway core as VenueEvents (nothing allocated per message on receive).
//
// Send path: SoupBinTcpClient.sendUnsequenced allocates one packet per call (the socket may keep
// the bytes after write returns). Measured in the gateway test and reported; see the notes there.
//
// Replay completion: after a re-login the venue first replays what we missed, then goes quiet;
// a SoupBinTCP server heartbeat is only sent after heartbeatInterval of send silence, so the
// first server heartbeat after Login Accepted follows the whole replay in the TCP stream.
import {
  OuchCapacity,
  OuchCrossType,
  OuchCustomerType,
  OuchDisplay,
  OuchIntermarketSweep,
  OuchOutboundDecoder,
  OuchOutboundType,
  OuchTimeInForce,
  OUCH_MAX_LENGTH,
  SoupBinTcpClient,
  SoupStatus,
  alpha4,
  encodeCancelOrder,
  encodeEnterOrder,
} from '@ringside/protocols';
import type {
  CancelOrderFields,
  EnterOrderFields,
  SoupClientListener,
  SoupLogger,
  SoupSequencedHandler,
} from '@ringside/protocols';
import { OrderCommandDescriptor as O, TimeInForce } from '../../orders/order-command-descriptor.ts';
import { VenueEvent, VenueEventField as E, VenueEventKind, VenueSendStatus } from '../venue-adapter.ts';
import type { VenueAdapter, VenueEventSink } from '../venue-adapter.ts';
import { OuchGatewayToken } from './ouch-gateway-token.ts';

export interface OuchAdapterOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  /** 3 characters [0-9A-Z] prefixed to every order token (day-uniqueness across restarts). */
  tokenPrefix: string;
  /** Firm id (4 characters) in Enter Order. */
  firm?: string;
  heartbeatIntervalMs?: number;
  idleTimeoutMs?: number;
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Socket bytes queued above which sends are refused (BACK_PRESSURED → EXEC_BACKLOG). */
  sendHighWaterBytes?: number;
  logger?: SoupLogger;
}

const ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const STOCK_D = O.STOCK_KEY_OFFSET >> 3;
const SIDE_W = O.SIDE_OFFSET >> 2;
const PRICE_W = O.PRICE_OFFSET >> 2;
const QTY_W = O.QUANTITY_OFFSET >> 2;
const TIF_W = O.TIME_IN_FORCE_OFFSET >> 2;

export class OuchVenueAdapter implements VenueAdapter, SoupSequencedHandler, SoupClientListener {
  readonly name = 'ouch';
  readonly client: SoupBinTcpClient;
  readonly decoder = new OuchOutboundDecoder();
  readonly token: OuchGatewayToken;
  /** Venue messages that were not OUCH we understand (decode errors, other tokens). */
  ignored = 0;
  /**
   * Cancel Rejects ('I') for our orders: the venue refused a cancel, the order lives on. The
   * gateway core (VenueEventSink) has no event kind for it yet, so it is counted here and the
   * strategy learns it as the cancel's TIMEOUT completion; see the note at onMessage.
   */
  cancelRejects = 0;
  logins = 0;
  private sink: VenueEventSink | null = null;
  private readonly event = new VenueEvent();
  private readonly out = new Uint8Array(OUCH_MAX_LENGTH);
  private readonly enter: EnterOrderFields;
  private readonly cancel: CancelOrderFields;
  private loggedIn = false;
  private awaitingReplay = false;
  private heartbeatsAtLogin = 0;

  constructor(o: OuchAdapterOptions) {
    this.token = new OuchGatewayToken(o.tokenPrefix);
    this.enter = {
      token: new Uint8Array(14),
      side: 0,
      shares: 0,
      stock: 0,
      price: 0,
      timeInForce: 0,
      firm: alpha4((o.firm ?? 'RNGS').padEnd(4, ' ')),
      display: OuchDisplay.ANONYMOUS,
      capacity: OuchCapacity.AGENCY,
      intermarketSweep: OuchIntermarketSweep.NOT_ELIGIBLE,
      minimumQuantity: 0,
      crossType: OuchCrossType.CONTINUOUS,
      customerType: OuchCustomerType.DEFAULT,
    };
    this.cancel = { token: new Uint8Array(14), shares: 0 };
    this.client = new SoupBinTcpClient({
      host: o.host,
      port: o.port,
      username: o.username,
      password: o.password,
      sequenceNumber: 1,
      heartbeatIntervalMs: o.heartbeatIntervalMs ?? 1000,
      idleTimeoutMs: o.idleTimeoutMs ?? 15000,
      reconnect: true,
      reconnectDelayMs: o.reconnectDelayMs ?? 50,
      maxReconnectDelayMs: o.maxReconnectDelayMs ?? 1000,
      sendHighWaterBytes: o.sendHighWaterBytes ?? 1024 * 1024,
      handler: this,
      listener: this,
      name: `ouch-gateway ${o.host}:${o.port}`,
      ...(o.logger === undefined ? {} : { logger: o.logger }),
    });
  }

  start(sink: VenueEventSink): void {
    this.sink = sink;
    this.client.connect();
  }

  isUp(): boolean {
    return this.loggedIn;
  }

  sendNew(i32: Int32Array, f64: Float64Array, offset: number): number {
    const w = offset >> 2;
    const d = offset >> 3;
    const f = this.enter;
    const tif = i32[w + TIF_W]!;
    if (tif === TimeInForce.IOC) f.timeInForce = OuchTimeInForce.IOC;
    else if (tif === TimeInForce.DAY) f.timeInForce = OuchTimeInForce.MARKET_HOURS;
    else return VenueSendStatus.UNSUPPORTED;
    if (this.token.write(f.token, 0, f64[d + ORDER_ID_D]!) < 0) return VenueSendStatus.UNSUPPORTED;
    f.side = i32[w + SIDE_W]!;
    f.shares = i32[w + QTY_W]! >>> 0;
    f.stock = f64[d + STOCK_D]!;
    f.price = i32[w + PRICE_W]!;
    const n = encodeEnterOrder(this.out, 0, f);
    if (n < 0) return VenueSendStatus.UNSUPPORTED;
    return this.send(n);
  }

  sendCancel(_i32: Int32Array, f64: Float64Array, offset: number): number {
    const f = this.cancel;
    if (this.token.write(f.token, 0, f64[(offset >> 3) + ORDER_ID_D]!) < 0)
      return VenueSendStatus.UNSUPPORTED;
    f.shares = 0;
    const n = encodeCancelOrder(this.out, 0, f);
    if (n < 0) return VenueSendStatus.UNSUPPORTED;
    return this.send(n);
  }

  private send(n: number): number {
    const s = this.client.sendUnsequenced(this.out, 0, n);
    if (s >= 0) return s;
    if (s === SoupStatus.BACK_PRESSURED) return VenueSendStatus.BACK_PRESSURED;
    if (s === SoupStatus.NOT_CONNECTED) return VenueSendStatus.NOT_CONNECTED;
    return VenueSendStatus.UNSUPPORTED;
  }

  // ───────────── receive (socket callbacks) ─────────────

  onMessage(bytes: Uint8Array, offset: number, length: number, _sequenceNumber: number): void {
    const dec = this.decoder;
    const type = dec.decode(bytes, offset, length);
    const ev = this.event;
    const e = ev.i32;
    switch (type) {
      case OuchOutboundType.ACCEPTED:
        if (!this.order(ev, VenueEventKind.ACCEPTED, bytes, dec.accepted.tokenAt)) return;
        e[E.SHARES] = dec.accepted.shares;
        ev.f64[0] = dec.accepted.orderRef;
        break;
      case OuchOutboundType.REJECTED:
        if (!this.order(ev, VenueEventKind.REJECTED, bytes, dec.rejected.tokenAt)) return;
        e[E.REASON] = dec.rejected.reason;
        break;
      case OuchOutboundType.EXECUTED:
        if (!this.order(ev, VenueEventKind.EXECUTED, bytes, dec.executed.tokenAt)) return;
        e[E.SHARES] = dec.executed.executedShares;
        e[E.PRICE] = dec.executed.executionPrice;
        ev.f64[0] = dec.executed.matchNumber;
        break;
      case OuchOutboundType.CANCELED:
        if (!this.order(ev, VenueEventKind.CANCELED, bytes, dec.canceled.tokenAt)) return;
        e[E.SHARES] = dec.canceled.decrementShares;
        e[E.REASON] = dec.canceled.reason;
        break;
      case OuchOutboundType.CANCEL_REJECT:
        // Answers our CANCEL, not the order: the gateway completes it as a non-terminal REJECTED.
        if (!this.order(ev, VenueEventKind.CANCEL_REJECTED, bytes, dec.cancelReject.tokenAt)) return;
        this.cancelRejects++;
        break;
      default:
        // System events, cancel pending, priority updates: nothing to complete.
        this.ignored++;
        return;
    }
    this.sink!.onVenueEvent(ev);
  }

  /** Fills the event's kind and order id from the token; false when the token is not ours. */
  private order(ev: VenueEvent, kind: number, bytes: Uint8Array, tokenAt: number): boolean {
    if (this.token.readId(bytes, tokenAt) === 0) {
      this.ignored++;
      return false;
    }
    ev.setOrder(kind, this.token.parsed[0]!);
    return true;
  }

  onReadComplete(_bytesRead: number): void {
    if (this.awaitingReplay && this.client.heartbeatsReceived > this.heartbeatsAtLogin) {
      this.awaitingReplay = false;
      this.sink!.onReplayComplete();
    }
    this.sink!.onReadComplete();
  }

  // ───────────── session (control plane) ─────────────

  onLoginAccepted(_session: string, _next: number): void {
    this.loggedIn = true;
    this.logins++;
    this.awaitingReplay = true;
    this.heartbeatsAtLogin = this.client.heartbeatsReceived;
    this.sink!.onSessionUp();
  }

  onDisconnected(reason: string, willReconnect: boolean): void {
    const was = this.loggedIn;
    this.loggedIn = false;
    this.awaitingReplay = false;
    if (was) this.sink!.onSessionDown(reason, willReconnect);
  }

  onEndOfSession(): void {
    this.loggedIn = false;
  }

  stats(): Record<string, number> {
    return {
      logins: this.logins,
      reconnects: this.client.reconnects,
      messagesReceived: this.client.messagesReceived,
      heartbeatsReceived: this.client.heartbeatsReceived,
      gapMessages: this.client.gapMessages,
      ignored: this.ignored,
      cancelRejects: this.cancelRejects,
      nextSequence: this.client.nextSequenceNumber,
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
