// OUCH 4.2 over SoupBinTCP, venue side. Clients' OUCH messages arrive as Unsequenced Data; each
// user's replies go out as Sequenced Data on that user's own stream (`streams: 'per-user'`), so
// a client that logs in again with its next sequence number gets exactly what it missed. Bad
// input is counted by kind (logged once per kind), answered with Rejected when it names a token,
// and never ends the session. The engine behind is transport independent (venue-engine.ts).
import {
  alpha4,
  alpha4ToString,
  encodeAccepted,
  encodeCanceled,
  encodeCancelReject,
  encodeExecuted,
  encodeOrderModified,
  encodeRejected,
  encodeReplaced,
  isValidToken,
  OUCH_MAX_LENGTH,
  OUCH_TOKEN_LENGTH,
  OuchErrorCounters,
  OuchInboundDecoder,
  OuchInboundType,
  OuchStatus,
  SoupBinTcpServer,
  stockKey,
  stockKeyToString,
  tokenToString,
  writeTokenString,
} from '@ringside/protocols';
import type {
  AcceptedFields,
  CanceledFields,
  ExecutedFields,
  OrderModifiedFields,
  RejectedFields,
  ReplacedFields,
  SoupLogger,
  SoupSessionInfo,
  TokenOnlyFields,
} from '@ringside/protocols';
import type { VenueSimConfig } from '../config.ts';
import type { VenueEngine } from '../venue-engine.ts';
import { nsSinceMidnight } from '../venue-engine.ts';
import type { VenueEventSink, VenueOrder } from '../venue-order.ts';
import { rejectReasonFor, rejectTokenField } from './ouch-reject-reason.ts';

const ch = (s: string): number => s.charCodeAt(0);

/** SoupBinTcpServer hands onLogin its session object, which can close itself (duck-typed). */
interface ClosableSession extends SoupSessionInfo {
  close(reason: string, graceful: boolean): void;
  readonly state?: number;
}
const SESSION_CLOSED = 3; // SoupSessionState.CLOSED

export interface OuchAcceptorStats {
  sessionsLoggedIn: number;
  logins: number;
  forcedDisconnects: number;
  messagesReceived: number;
  messagesSent: number;
  publishFailures: number;
  /** Malformed OUCH messages by kind (OuchStatus names). */
  badInput: Record<string, number>;
  /** SoupBinTCP-level anomalies by kind. */
  soupAnomalies: Record<string, number>;
}

export class OuchAcceptor implements VenueEventSink {
  readonly server: SoupBinTcpServer;
  private readonly engine: VenueEngine;
  private readonly decoder: OuchInboundDecoder;
  private readonly sessions = new Map<number, ClosableSession>();
  private readonly everyOrders: number | undefined;
  private readonly out = new Uint8Array(OUCH_MAX_LENGTH);
  private readonly token = new Uint8Array(OUCH_TOKEN_LENGTH);
  private readonly previousToken = new Uint8Array(OUCH_TOKEN_LENGTH);
  private enterOrders = 0;
  private logins = 0;
  private forcedDisconnects = 0;
  private messagesReceived = 0;
  private messagesSent = 0;
  private publishFailures = 0;
  private readonly logger: SoupLogger;

  constructor(engine: VenueEngine, config: VenueSimConfig, logger: SoupLogger) {
    this.engine = engine;
    this.logger = logger;
    this.everyOrders = config.disconnect.everyOrders;
    const errors = new OuchErrorCounters((kind, status, detail) =>
      logger.warn(
        { component: 'venue-sim/ouch', kind, status, typeByte: detail },
        'malformed OUCH message (logged once per kind; further ones are only counted)',
      ),
    );
    this.decoder = new OuchInboundDecoder(errors);
    const password = config.password;
    this.server = new SoupBinTcpServer(
      {
        host: config.host,
        port: config.port,
        session: config.session,
        streams: 'per-user',
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        idleTimeoutMs: config.idleTimeoutMs,
        name: 'venue-sim/soup',
        ...(password !== undefined ? { authenticate: (_u: string, p: string) => p === password } : {}),
        onLogin: (s) => this.onLogin(s),
        onUnsequenced: (s, b, o, l) => this.onMessage(s, b, o, l),
      },
      logger,
    );
  }

  listen(): Promise<number> {
    return this.server.listen();
  }

  /** Drops every logged-in session without End of Session (a lost link); returns how many. */
  dropSessions(): number {
    let n = 0;
    for (const s of [...this.sessions.values()]) if (this.drop(s, 'forced disconnect (dropSessions)')) n++;
    return n;
  }

  stats(): OuchAcceptorStats {
    this.prune();
    return {
      sessionsLoggedIn: this.sessions.size,
      logins: this.logins,
      forcedDisconnects: this.forcedDisconnects,
      messagesReceived: this.messagesReceived,
      messagesSent: this.messagesSent,
      publishFailures: this.publishFailures,
      badInput: this.decoder.errors.snapshot(),
      soupAnomalies: this.server.stats().anomalies,
    };
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // --- inbound ----------------------------------------------------------------------------

  private onLogin(s: SoupSessionInfo): void {
    this.logins++;
    this.prune();
    const c = s as ClosableSession;
    if (typeof c.close === 'function') this.sessions.set(s.id, c);
    else
      this.logger.warn({ component: 'venue-sim/ouch' }, 'session cannot be closed: forced disconnects off');
  }

  private onMessage(s: SoupSessionInfo, b: Uint8Array, o: number, len: number): void {
    this.messagesReceived++;
    const d = this.decoder;
    const owner = s.username.toUpperCase();
    const t = d.decode(b, o, len);
    switch (t) {
      case OuchInboundType.ENTER_ORDER: {
        const m = d.enterOrder;
        this.engine.submit({
          kind: 'enter',
          sink: this,
          owner,
          token: tokenToString(b, m.tokenAt),
          side: String.fromCharCode(m.side),
          shares: m.shares,
          symbol: stockKeyToString(m.stock),
          price: m.price,
          timeInForce: m.timeInForce,
          firm: alpha4ToString(m.firm),
          display: String.fromCharCode(m.display),
          capacity: String.fromCharCode(m.capacity),
          intermarketSweep: String.fromCharCode(m.intermarketSweep),
          minimumQuantity: m.minimumQuantity,
          crossType: String.fromCharCode(m.crossType),
          customerType: String.fromCharCode(m.customerType),
        });
        this.enterOrders++;
        if (this.everyOrders !== undefined && this.enterOrders % this.everyOrders === 0) {
          this.drop(s as ClosableSession, `forced disconnect after order ${this.enterOrders}`);
        }
        return;
      }
      case OuchInboundType.CANCEL_ORDER: {
        const m = d.cancelOrder;
        this.engine.submit({
          kind: 'cancel',
          sink: this,
          owner,
          token: tokenToString(b, m.tokenAt),
          shares: m.shares,
        });
        return;
      }
      case OuchInboundType.REPLACE_ORDER: {
        const m = d.replaceOrder;
        this.engine.submit({
          kind: 'replace',
          sink: this,
          owner,
          token: tokenToString(b, m.existingTokenAt),
          newToken: tokenToString(b, m.replacementTokenAt),
          shares: m.shares,
          price: m.price,
          timeInForce: m.timeInForce,
          display: String.fromCharCode(m.display),
          intermarketSweep: String.fromCharCode(m.intermarketSweep),
          minimumQuantity: m.minimumQuantity,
        });
        return;
      }
      case OuchInboundType.MODIFY_ORDER: {
        const m = d.modifyOrder;
        this.engine.submit({
          kind: 'modify',
          sink: this,
          owner,
          token: tokenToString(b, m.tokenAt),
          side: String.fromCharCode(m.side),
          shares: m.shares,
        });
        return;
      }
      default:
        this.onBadInput(owner, t, b, o, len);
    }
  }

  // Already counted by the decoder. A well-framed order with a bad field still names its token:
  // the client hears why (Rejected) instead of waiting for an ack that never comes.
  private onBadInput(owner: string, status: number, b: Uint8Array, o: number, len: number): void {
    if (status !== OuchStatus.BAD_FIELD_VALUE || len < 1) return;
    const type = b[o]!;
    const at = rejectTokenField(type);
    if (at < 0 || !isValidToken(b, o + at)) return;
    this.engine.submit({
      kind: 'invalid',
      sink: this,
      owner,
      token: tokenToString(b, o + at),
      reason: rejectReasonFor(type, this.decoder.badField),
    });
  }

  private drop(s: ClosableSession, reason: string): boolean {
    if (s.state === SESSION_CLOSED) return false;
    this.forcedDisconnects++;
    this.logger.info(
      { component: 'venue-sim/ouch', session: s.id, user: s.username, reason },
      'dropping session',
    );
    s.close(reason, false);
    this.sessions.delete(s.id);
    return true;
  }

  private prune(): void {
    for (const [id, s] of this.sessions) if (s.state === SESSION_CLOSED) this.sessions.delete(id);
  }

  // --- outbound (VenueEventSink) ----------------------------------------------------------

  private publish(owner: string, len: number): void {
    const seq = this.server.publishTo(owner, this.out, 0, len);
    if (seq < 0) this.publishFailures++;
    else this.messagesSent++;
  }

  private readonly acceptedFields: ReplacedFields = {
    timestamp: 0,
    token: this.token,
    side: 0,
    shares: 0,
    stock: 0,
    price: 0,
    timeInForce: 0,
    firm: 0,
    display: 0,
    orderRef: 0,
    capacity: 0,
    intermarketSweep: 0,
    minimumQuantity: 0,
    crossType: 0,
    orderState: 0,
    bboWeight: ch(' '),
    previousToken: this.previousToken,
  };

  private orderFields(o: VenueOrder): AcceptedFields {
    const f = this.acceptedFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, o.token);
    f.side = ch(o.side);
    f.shares = o.openShares;
    f.stock = stockKey(o.symbol);
    f.price = o.price;
    f.timeInForce = o.timeInForce;
    f.firm = alpha4(o.firm);
    f.display = ch(o.display);
    f.orderRef = o.orderRef;
    f.capacity = ch(o.capacity);
    f.intermarketSweep = ch(o.intermarketSweep);
    f.minimumQuantity = o.minimumQuantity;
    f.crossType = ch(o.crossType);
    f.orderState = ch(o.openShares > 0 ? 'L' : 'D');
    return f;
  }

  accepted(o: VenueOrder): void {
    this.publish(o.owner, encodeAccepted(this.out, 0, this.orderFields(o)));
  }

  replaced(o: VenueOrder, previousToken: string): void {
    const f = this.orderFields(o) as ReplacedFields;
    writeTokenString(this.previousToken, 0, previousToken);
    this.publish(o.owner, encodeReplaced(this.out, 0, f));
  }

  private readonly rejectedFields: RejectedFields = { timestamp: 0, token: this.token, reason: 0 };

  rejected(owner: string, token: string, reason: string): void {
    const f = this.rejectedFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, token);
    f.reason = ch(reason);
    this.publish(owner, encodeRejected(this.out, 0, f));
  }

  private readonly executedFields: ExecutedFields = {
    timestamp: 0,
    token: this.token,
    executedShares: 0,
    executionPrice: 0,
    liquidityFlag: 0,
    matchNumber: 0,
  };

  executed(o: VenueOrder, shares: number, price: number, matchNumber: number, liquidity: string): void {
    const f = this.executedFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, o.token);
    f.executedShares = shares;
    f.executionPrice = price;
    f.liquidityFlag = ch(liquidity);
    f.matchNumber = matchNumber;
    this.publish(o.owner, encodeExecuted(this.out, 0, f));
  }

  private readonly canceledFields: CanceledFields = {
    timestamp: 0,
    token: this.token,
    decrementShares: 0,
    reason: 0,
  };

  canceled(o: VenueOrder, decrementShares: number, reason: string): void {
    const f = this.canceledFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, o.token);
    f.decrementShares = decrementShares;
    f.reason = ch(reason);
    this.publish(o.owner, encodeCanceled(this.out, 0, f));
  }

  private readonly modifiedFields: OrderModifiedFields = {
    timestamp: 0,
    token: this.token,
    side: 0,
    shares: 0,
  };

  modified(o: VenueOrder): void {
    const f = this.modifiedFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, o.token);
    f.side = ch(o.side);
    f.shares = o.openShares;
    this.publish(o.owner, encodeOrderModified(this.out, 0, f));
  }

  private readonly tokenOnlyFields: TokenOnlyFields = { timestamp: 0, token: this.token };

  cancelRejected(owner: string, token: string): void {
    const f = this.tokenOnlyFields;
    f.timestamp = nsSinceMidnight();
    writeTokenString(this.token, 0, token);
    this.publish(owner, encodeCancelReject(this.out, 0, f));
  }
}
