/**
 * FIX 4.4 initiator adapter for the gateway: NewOrderSingle / OrderCancelRequest out,
 * ExecutionReport / OrderCancelReject in, mapped to completion statuses.
 *
 * jspurefix runs the session layer; the adapter owns the TCP socket (so TCP_NODELAY is set —
 * jspurefix sets it only on accepted sockets) and the reconnect loop. One session object
 * lives across connections, so with resetSeqNumOnLogon = false sequence numbers continue and
 * jspurefix's ResendRequest / gap-fill handling applies; with true every logon starts at 1.
 * Either way, orders are reconciled at each logon (see FixInFlightOrders): never-sent
 * orders go out, sent-but-unresolved ones are asked about with OrderStatusRequest (H), and
 * one the venue never saw is resent (PossResend=Y, same ClOrdID). The venue deduplicates on
 * ClOrdID; the adapter drops any report that brings no news. No order lost, none doubled.
 *
 * Off the hot path: jspurefix allocates per message (views, header objects, Dates).
 */
import * as net from 'node:net';
import { DITokens, EmptyLogFactory, MsgTransport, SessionContainer, TcpDuplex } from './jspurefix.ts';
import type { IJsFixConfig, ISessionDescription, MsgView } from './jspurefix.ts';
import { FixInitiatorSession } from './fix-initiator-session.ts';
import { FixInFlightOrders } from './fix-in-flight-orders.ts';
import type { FixNewOrder, InFlightOrder } from './fix-in-flight-orders.ts';
import { FixExecStatus, FixSendResult, newExecutionEvent } from './fix-exec-status.ts';
import type { FixExecStatusCode, FixExecutionEvent, FixSendResultCode } from './fix-exec-status.ts';
import { ExecType, FixMsgType, FixTag, ORD_REJ_UNKNOWN_ORDER, OrdStatus } from './fix-tags.ts';
import {
  newOrderSingleBody,
  numberOf,
  orderCancelRequestBody,
  orderStatusRequestBody,
  statusOfExecType,
  statusOfOrdStatus,
} from './fix-order-messages.ts';

export interface FixOrderAdapterConfig {
  host: string;
  port: number;
  senderCompId: string;
  targetCompId: string;
  heartbeatSeconds?: number;
  /** ResetSeqNumFlag on every logon (default true). */
  resetSeqNumOnLogon?: boolean;
  /** Wait between reconnect attempts (default 200 ms). */
  reconnectDelayMs?: number;
  /** start() fails when no logon completes in this time (default 5000 ms). */
  logonTimeoutMs?: number;
  /** Makes ClOrdIDs day-unique across process restarts (default: start time, base 36). */
  clOrdIdPrefix?: string;
  onExecution: (event: FixExecutionEvent) => void;
  onSessionState?: (up: boolean, reason: string) => void;
  /** Every OrderStatusRequest answer, news or not (onExecution gets only news). */
  onStatusReply?: (clientOrderId: number) => void;
  /**
   * An order the venue never saw (its NewOrderSingle died with a connection): true (default)
   * resends it (PossResend=Y, same ClOrdID); false forgets it, leaving it to the caller —
   * the gateway core settles such orders LOCAL_REJECT after onReconciled.
   */
  resendUnknownOrders?: boolean;
  /** After each logon, once every order asked about has been answered. */
  onReconciled?: () => void;
}

export interface FixAdapterStats {
  logons: number;
  disconnects: number;
  newOrdersSent: number;
  newOrdersResent: number;
  statusRequestsSent: number;
  cancelsSent: number;
  duplicateReportsDropped: number;
  /** Unknown to the venue after a reconnect and not resent (resendUnknownOrders false). */
  notDelivered: number;
}

export class FixAdapterError extends Error {
  readonly code: 'LOGON_TIMEOUT' | 'STOPPED';
  constructor(code: 'LOGON_TIMEOUT' | 'STOPPED', message: string) {
    super(message);
    this.name = 'FixAdapterError';
    this.code = code;
  }
}

export class FixOrderAdapter {
  readonly stats: FixAdapterStats = {
    logons: 0,
    disconnects: 0,
    newOrdersSent: 0,
    newOrdersResent: 0,
    statusRequestsSent: 0,
    cancelsSent: 0,
    duplicateReportsDropped: 0,
    notDelivered: 0,
  };
  /** Orders asked about at the last logon and not answered yet. */
  private readonly reconciling = new Set<number>();
  private readonly config: FixOrderAdapterConfig;
  private readonly prefix: string;
  private readonly inFlight = new FixInFlightOrders();
  private readonly event = newExecutionEvent();
  private session: FixInitiatorSession | null = null;
  private fixConfig: IJsFixConfig | null = null;
  private socket: net.Socket | null = null;
  private loggedOn = false;
  private sessionRunning = false;
  private runGeneration = 0;
  private stopping = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private firstLogon: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(config: FixOrderAdapterConfig) {
    this.config = config;
    this.prefix = config.clOrdIdPrefix ?? Date.now().toString(36) + '-';
  }

  get isLoggedOn(): boolean {
    return this.loggedOn;
  }

  /** Last MsgSeqNum sent on the session (0 before the first logon). */
  get lastSentSeqNum(): number {
    return this.session?.lastSentSeqNum() ?? 0;
  }

  /** Bytes written to the socket and not yet sent: the back-pressure signal. */
  get queuedBytes(): number {
    return this.socket?.writableLength ?? 0;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Connects and logs on; resolves at the first logon. Reconnects by itself afterwards. */
  async start(): Promise<void> {
    const sessions = new SessionContainer();
    sessions.registerGlobal(new EmptyLogFactory());
    const container = await sessions.makeSystem(this.description());
    const fixConfig = container.resolve<IJsFixConfig>(DITokens.IJsFixConfig);
    this.fixConfig = fixConfig;
    this.session = new FixInitiatorSession(fixConfig, {
      onLoggedOn: () => this.onLoggedOn(),
      onApplicationMessage: (msgType, view) => this.onApplicationMessage(msgType, view),
      onSessionStopped: (error) => this.onSessionStopped(error?.message ?? 'logout'),
    });
    const timeoutMs = this.config.logonTimeoutMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.firstLogon = null;
        this.stop();
        reject(new FixAdapterError('LOGON_TIMEOUT', `no FIX logon within ${timeoutMs} ms`));
      }, timeoutMs);
      this.firstLogon = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.connect();
    });
  }

  /** Sends (or, while the session is down, queues) a limit order. */
  sendNew(order: FixNewOrder): FixSendResultCode {
    if (this.stopping) return FixSendResult.STOPPED;
    const entry = this.inFlight.add(order);
    if (entry === null) return FixSendResult.DUPLICATE_ID;
    if (!this.loggedOn) return FixSendResult.QUEUED;
    this.writeNew(entry, false);
    return FixSendResult.SENT;
  }

  /** Cancels an order in flight; requestId becomes the cancel's ClOrdID. */
  sendCancel(requestId: number, clientOrderId: number): FixSendResultCode {
    if (this.stopping) return FixSendResult.STOPPED;
    const entry = this.inFlight.get(clientOrderId);
    if (entry === undefined) return FixSendResult.UNKNOWN_ORDER;
    if (entry.cancelRequestId !== 0) return FixSendResult.CANCEL_PENDING;
    entry.cancelRequestId = requestId;
    if (!this.loggedOn || !entry.sent) return FixSendResult.QUEUED;
    this.writeCancel(entry);
    return FixSendResult.SENT;
  }

  /** Asks the venue about an order in flight (OrderStatusRequest); news arrives via onExecution. */
  requestStatus(clientOrderId: number): FixSendResultCode {
    if (this.stopping) return FixSendResult.STOPPED;
    const entry = this.inFlight.get(clientOrderId);
    if (entry === undefined) return FixSendResult.UNKNOWN_ORDER;
    // Not logged on: the next logon asks about every order anyway.
    if (!this.loggedOn || !entry.sent) return FixSendResult.QUEUED;
    this.writeStatusRequest(entry);
    return FixSendResult.SENT;
  }

  /** Test and chaos hook: drops the TCP connection without a logout. */
  dropConnection(): void {
    this.socket?.destroy();
  }

  /** Logs out (best effort) and stops reconnecting. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.loggedOn) this.session?.done();
    const socket = this.socket;
    // A venue that never confirms the logout must not keep the process alive.
    if (socket !== null) setTimeout(() => socket.destroy(), 500).unref();
    this.loggedOn = false;
  }

  private description(): ISessionDescription {
    const c = this.config;
    // jspurefix's type demands SubIDs, Username and Password; absent fields are simply not
    // sent (an empty string would be), hence the cast.
    const description = {
      application: {
        type: 'initiator',
        name: 'gateway',
        resilient: false,
        reconnectSeconds: 1,
        tcp: { host: c.host, port: c.port },
        protocol: 'ascii',
        dictionary: 'qf44',
      },
      EncryptMethod: 0,
      ResetSeqNumFlag: c.resetSeqNumOnLogon ?? true,
      HeartBtInt: c.heartbeatSeconds ?? 30,
      SenderCompId: c.senderCompId,
      TargetCompID: c.targetCompId,
      BeginString: 'FIX.4.4',
    };
    return description as unknown as ISessionDescription;
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.stopping || this.session === null || this.fixConfig === null) return;
    const session = this.session;
    const fixConfig = this.fixConfig;
    const socket = net.connect({ host: this.config.host, port: this.config.port });
    this.socket = socket;
    socket.once('error', () => {
      // 'close' follows and schedules the retry; before 'connect' jspurefix never saw it.
    });
    socket.once('close', () => {
      // A socket we already replaced must not schedule a second connection.
      if (this.socket !== socket) return;
      this.socket = null;
      // jspurefix sees 'end' but not a reset or our own destroy: stop its timers here.
      if (this.sessionRunning) session.requestStop('socket closed');
      this.onSessionStopped('socket closed');
    });
    socket.once('connect', () => {
      socket.setNoDelay(true);
      // A session reused after it stopped must be reset before it can log on again.
      session.reset();
      this.sessionRunning = true;
      const generation = ++this.runGeneration;
      session
        .run(new MsgTransport(this.stats.logons + 1, fixConfig, new TcpDuplex(socket)))
        .catch(() => {
          // Failures arrive through onStopped / 'close'.
        })
        .finally(() => {
          // A late settle of an earlier connection's run must not clear the current flag.
          if (generation === this.runGeneration) this.sessionRunning = false;
        });
    });
  }

  private onLoggedOn(): void {
    this.loggedOn = true;
    this.stats.logons++;
    this.config.onSessionState?.(true, 'logon');
    this.reconcile();
    const first = this.firstLogon;
    this.firstLogon = null;
    first?.resolve();
  }

  private onSessionStopped(reason: string): void {
    const wasUp = this.loggedOn;
    this.loggedOn = false;
    if (wasUp) {
      this.stats.disconnects++;
      this.inFlight.markCancelsUnsent();
      this.config.onSessionState?.(false, reason);
    }
    this.socket?.destroy();
    if (this.stopping || this.reconnectTimer !== null) return;
    this.reconnectTimer = setTimeout(() => this.connect(), this.config.reconnectDelayMs ?? 200);
  }

  /** Every in-flight order is either sent now or asked about. */
  private reconcile(): void {
    this.reconciling.clear();
    for (const entry of this.inFlight.values()) {
      if (!entry.sent) {
        this.writeNew(entry, false);
        // A cancel requested while the session was down follows its order.
        if (entry.cancelRequestId !== 0) this.writeCancel(entry);
      } else {
        this.writeStatusRequest(entry);
        this.reconciling.add(entry.order.clientOrderId);
      }
    }
    if (this.reconciling.size === 0) this.config.onReconciled?.();
  }

  private onApplicationMessage(msgType: string, view: MsgView): void {
    if (msgType === FixMsgType.EXECUTION_REPORT) {
      this.onExecutionReport(view);
    } else if (msgType === FixMsgType.ORDER_CANCEL_REJECT) {
      const entry = this.entryOf(view.getString(FixTag.ORIG_CL_ORD_ID));
      if (entry === undefined) {
        this.stats.duplicateReportsDropped++;
        return;
      }
      this.emit(
        entry,
        FixExecStatus.CANCEL_REJECTED,
        view,
        false,
        this.idOf(view.getString(FixTag.CL_ORD_ID)),
      );
    }
  }

  private onExecutionReport(view: MsgView): void {
    const execType = view.getString(FixTag.EXEC_TYPE);
    const canceled = execType === ExecType.CANCELED;
    // A requested cancel's report names the cancel request in 11 and the order in 41; an
    // unsolicited one (IOC remainder, venue cancel) names the order in 11 only.
    const orig = canceled ? view.getString(FixTag.ORIG_CL_ORD_ID) : null;
    const orderClOrdId = orig !== null && orig !== '' ? orig : view.getString(FixTag.CL_ORD_ID);
    const entry = this.entryOf(orderClOrdId);
    if (entry === undefined) {
      this.stats.duplicateReportsDropped++;
      return;
    }
    const requestId = this.idOf(view.getString(FixTag.CL_ORD_ID));
    if (execType === ExecType.ORDER_STATUS) {
      this.onStatusReply(entry, view);
      return;
    }
    const status = statusOfExecType(execType, view.getString(FixTag.ORD_STATUS));
    if (status === 0) return;
    this.emit(entry, status, view, false, requestId);
  }

  private onStatusReply(entry: InFlightOrder, view: MsgView): void {
    const ordStatus = view.getString(FixTag.ORD_STATUS);
    if (ordStatus === OrdStatus.REJECTED && numberOf(view, FixTag.ORD_REJ_REASON) === ORD_REJ_UNKNOWN_ORDER) {
      // The venue never saw it: the NewOrderSingle died with the old connection.
      if (this.config.resendUnknownOrders ?? true) {
        this.writeNew(entry, true);
      } else {
        this.inFlight.remove(entry.order.clientOrderId);
        this.stats.notDelivered++;
      }
    } else {
      const status = statusOfOrdStatus(ordStatus);
      if (status !== 0) this.emit(entry, status, view, true, entry.order.clientOrderId);
    }
    if (entry.cancelRequestId !== 0 && !entry.cancelSent && this.inFlight.get(entry.order.clientOrderId)) {
      this.writeCancel(entry);
    }
    const id = entry.order.clientOrderId;
    this.config.onStatusReply?.(id);
    if (this.reconciling.delete(id) && this.reconciling.size === 0) this.config.onReconciled?.();
  }

  private emit(
    entry: InFlightOrder,
    status: FixExecStatusCode,
    view: MsgView,
    recovered: boolean,
    requestId: number,
  ): void {
    const previousCumQty = entry.cumQty;
    const cumQty = numberOf(view, FixTag.CUM_QTY);
    if (!this.inFlight.apply(entry, status, cumQty)) {
      this.stats.duplicateReportsDropped++;
      return;
    }
    const e = this.event;
    e.clientOrderId = entry.order.clientOrderId;
    e.quantity = entry.order.quantity;
    e.rejectCode = numberOf(view, FixTag.ORD_REJ_REASON);
    e.requestId = requestId;
    e.status = status;
    e.cumQty = cumQty;
    e.leavesQty = numberOf(view, FixTag.LEAVES_QTY);
    e.avgPx = numberOf(view, FixTag.AVG_PX);
    // A status reply carries no LastQty: the fills we missed are the CumQty we had not seen.
    e.lastQty = recovered ? Math.max(0, cumQty - previousCumQty) : numberOf(view, FixTag.LAST_QTY);
    e.lastPx = recovered ? e.avgPx : numberOf(view, FixTag.LAST_PX);
    e.text = view.getString(FixTag.TEXT) ?? '';
    e.venueOrderId = view.getString(FixTag.ORDER_ID) ?? '';
    e.recovered = recovered;
    this.config.onExecution(e);
  }

  private writeNew(entry: InFlightOrder, possResend: boolean): void {
    this.session?.sendMessage(
      FixMsgType.NEW_ORDER_SINGLE,
      newOrderSingleBody(this.prefix, entry.order, possResend),
    );
    entry.sent = true;
    if (possResend) this.stats.newOrdersResent++;
    else this.stats.newOrdersSent++;
  }

  private writeCancel(entry: InFlightOrder): void {
    const body = orderCancelRequestBody(this.prefix, entry.order, entry.cancelRequestId);
    this.session?.sendMessage(FixMsgType.ORDER_CANCEL_REQUEST, body);
    entry.cancelSent = true;
    this.stats.cancelsSent++;
  }

  private writeStatusRequest(entry: InFlightOrder): void {
    this.session?.sendMessage(
      FixMsgType.ORDER_STATUS_REQUEST,
      orderStatusRequestBody(this.prefix, entry.order),
    );
    this.stats.statusRequestsSent++;
  }

  private idOf(clOrdId: string | null | undefined): number {
    if (clOrdId === null || clOrdId === undefined || !clOrdId.startsWith(this.prefix)) return 0;
    return Number(clOrdId.slice(this.prefix.length));
  }

  private entryOf(clOrdId: string | null | undefined): InFlightOrder | undefined {
    const id = this.idOf(clOrdId);
    return id === 0 ? undefined : this.inFlight.get(id);
  }
}
