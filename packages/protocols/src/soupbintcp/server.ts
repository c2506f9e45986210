// SoupBinTCP server: accepts many clients, logs them in, replays each from its requested
// sequence number out of a bounded retained store, then streams live; delivers clients'
// unsequenced data to a handler; sends End of Session to all. Publishing only appends to the
// store and schedules one flush per event-loop turn, so a burst of publish() calls becomes a
// few large socket writes per client instead of one write per message per client.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { SoupAnomalyCounters, silentSoupLogger } from './anomaly-counters.ts';
import type { SoupLogger } from './anomaly-counters.ts';
import { heartbeatTickMs } from './heartbeat.ts';
import { SoupMessageStore } from './message-store.ts';
import { resolveSoupServerOptions } from './server-options.ts';
import type { ResolvedSoupServerOptions, SoupServerOptions, SoupSessionInfo } from './server-options.ts';
import { SoupServerSession, SoupSessionState } from './server-session.ts';
import type { SoupSessionHost, SoupStream } from './server-session.ts';
import { SoupAnomaly, SoupBinTcpError, SoupErrorCode, SoupStatus } from './soupbintcp-status.ts';

const SHARED_STREAM = '';

export interface SoupServerStats {
  port: number;
  sessionsOpen: number;
  sessionsLoggedIn: number;
  connectionsAccepted: number;
  connectionsRefused: number;
  loginsAccepted: number;
  loginsRejected: number;
  messagesPublished: number;
  /** Shared stream (or sum over per-user streams): oldest retained and next sequence. */
  firstSequence: number;
  nextSequence: number;
  retainedMessages: number;
  evictedMessages: number;
  anomalies: Record<string, number>;
}

export class SoupBinTcpServer implements SoupSessionHost {
  readonly options: ResolvedSoupServerOptions;
  readonly anomalies: SoupAnomalyCounters;
  readonly logger: SoupLogger;
  connectionsAccepted = 0;
  connectionsRefused = 0;
  loginsAccepted = 0;
  messagesPublished = 0;
  private readonly auth: (username: string, password: string) => boolean;
  private readonly unsequencedHandler: SoupServerOptions['onUnsequenced'];
  private readonly loginHandler: SoupServerOptions['onLogin'];
  private readonly streams = new Map<string, SoupStream>();
  private readonly sessions = new Set<SoupServerSession>();
  private readonly dirty = new Set<SoupStream>();
  private readonly server: net.Server;
  private nextSessionId = 1;
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private boundPort = -1;
  private closed = false;

  constructor(options: SoupServerOptions = {}, logger: SoupLogger = silentSoupLogger) {
    this.options = resolveSoupServerOptions(options);
    this.logger = logger;
    this.anomalies = new SoupAnomalyCounters(logger, this.options.name);
    this.auth = options.authenticate ?? (() => true);
    this.unsequencedHandler = options.onUnsequenced;
    this.loginHandler = options.onLogin;
    this.server = net.createServer({ noDelay: true }, (socket) => this.onConnection(socket));
    if (this.options.streams === 'shared') this.stream(SHARED_STREAM);
  }

  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number> {
    if (this.closed) return Promise.reject(new SoupBinTcpError(SoupErrorCode.CLOSED, 'server is closed'));
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', onError);
        this.server.on('error', (err: Error) =>
          this.logger.warn({ component: this.options.name, err: err.message }, 'server error'),
        );
        const addr = this.server.address();
        this.boundPort = typeof addr === 'object' && addr !== null ? addr.port : this.options.port;
        const tick = heartbeatTickMs(this.options.heartbeatIntervalMs, this.options.idleTimeoutMs);
        this.timer = setInterval(() => this.onTick(), Math.min(tick, this.options.loginTimeoutMs));
        this.logger.info(
          { component: this.options.name, port: this.boundPort, session: this.options.session },
          'listening',
        );
        resolve(this.boundPort);
      });
    });
  }

  get port(): number {
    if (this.boundPort < 0) throw new SoupBinTcpError(SoupErrorCode.NOT_LISTENING, 'server is not listening');
    return this.boundPort;
  }

  /** Shared stream: appends one message; returns its sequence number or a negative SoupStatus. */
  publish(bytes: Uint8Array, offset: number, length: number): number {
    return this.publishTo(SHARED_STREAM, bytes, offset, length);
  }

  /** Per-user stream (or '' for the shared one): appends one message for `username`. */
  publishTo(username: string, bytes: Uint8Array, offset: number, length: number): number {
    const stream = this.streamFor(username);
    if (stream.ended) return SoupStatus.NOT_CONNECTED;
    const seq = stream.store.append(bytes, offset, length);
    if (seq < 0) return seq;
    this.messagesPublished++;
    if (stream.sessions.size > 0) this.markDirty(stream);
    return seq;
  }

  /** Next sequence number of the shared stream (or of `username`'s stream). */
  nextSequence(username = SHARED_STREAM): number {
    return this.streamFor(username).store.nextSequence;
  }

  /**
   * Ends the session: every client gets the rest of its stream, then End of Session, then the
   * connection closes. Later logins still get the replay followed by End of Session.
   */
  endSession(): void {
    for (const stream of this.streams.values()) {
      stream.ended = true;
      this.markDirty(stream);
    }
  }

  /** Resolves when every open connection has closed (e.g. after endSession()). */
  async waitForSessionsClosed(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.sessions.size > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.sessions.size === 0;
  }

  stats(): SoupServerStats {
    let first = 0;
    let next = 0;
    let retained = 0;
    let evicted = 0;
    for (const s of this.streams.values()) {
      first += s.store.firstSequence;
      next += s.store.nextSequence;
      retained += s.store.size();
      evicted += s.store.evicted;
    }
    let loggedIn = 0;
    for (const s of this.sessions) if (s.state === SoupSessionState.LOGGED_IN) loggedIn++;
    return {
      port: this.boundPort,
      sessionsOpen: this.sessions.size,
      sessionsLoggedIn: loggedIn,
      connectionsAccepted: this.connectionsAccepted,
      connectionsRefused: this.connectionsRefused,
      loginsAccepted: this.loginsAccepted,
      loginsRejected:
        this.anomalies.count(SoupAnomaly.NOT_AUTHORIZED) +
        this.anomalies.count(SoupAnomaly.SESSION_NOT_AVAILABLE),
      messagesPublished: this.messagesPublished,
      firstSequence: first,
      nextSequence: next,
      retainedMessages: retained,
      evictedMessages: evicted,
      anomalies: this.anomalies.snapshot(),
    };
  }

  /** Stops listening and closes every connection at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    for (const s of this.sessions) s.close('server closing', false);
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- SoupSessionHost ------------------------------------------------------------------

  authenticate(username: string, password: string): boolean {
    let ok = false;
    try {
      ok = this.auth(username, password);
    } catch (err) {
      this.logger.warn(
        { component: this.options.name, err: String(err) },
        'authenticate() threw; login refused',
      );
    }
    return ok;
  }

  streamFor(username: string): SoupStream {
    return this.stream(this.options.streams === 'shared' ? SHARED_STREAM : username.toUpperCase());
  }

  private stream(key: string): SoupStream {
    let stream = this.streams.get(key);
    if (stream === undefined) {
      stream = { key, store: new SoupMessageStore(this.options.store), sessions: new Set(), ended: false };
      this.streams.set(key, stream);
    }
    return stream;
  }

  onLoggedIn(session: SoupServerSession, nextSequence: number): void {
    this.loginsAccepted++;
    this.logger.info(
      {
        component: this.options.name,
        session: session.id,
        remote: session.remote,
        user: session.username,
        nextSequence,
      },
      'client logged in',
    );
    this.loginHandler?.(session, nextSequence);
  }

  onUnsequenced(session: SoupServerSession, bytes: Uint8Array, offset: number, length: number): void {
    this.unsequencedHandler?.(session as SoupSessionInfo, bytes, offset, length);
  }

  onSessionClosed(session: SoupServerSession): void {
    this.sessions.delete(session);
    this.logger.info(
      {
        component: this.options.name,
        session: session.id,
        remote: session.remote,
        reason: session.closeReason,
        sent: session.messagesSent,
      },
      'client disconnected',
    );
  }

  // --- internals ------------------------------------------------------------------------

  private onConnection(socket: net.Socket): void {
    if (this.closed || this.sessions.size >= this.options.maxSessions) {
      this.connectionsRefused++;
      this.logger.warn(
        { component: this.options.name, max: this.options.maxSessions },
        'connection refused: too many sessions',
      );
      socket.destroy();
      return;
    }
    this.connectionsAccepted++;
    const session = new SoupServerSession(this.nextSessionId++, socket, this);
    this.sessions.add(session);
  }

  private markDirty(stream: SoupStream): void {
    this.dirty.add(stream);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const stream of this.dirty) for (const s of stream.sessions) s.pump();
    this.dirty.clear();
  }

  private onTick(): void {
    const now = performance.now();
    for (const s of this.sessions) s.tick(now);
  }
}
