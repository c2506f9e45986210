// One client connection on the server: login, replay from the requested sequence number, then
// live data, heartbeats, and closing with a clear reason. Bad input is counted by kind (server
// wide) and either skipped (the framing is intact) or ends this connection, never the server.
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  LOGIN_REQUEST_PASSWORD_OFFSET,
  LOGIN_REQUEST_PAYLOAD_BYTES,
  LOGIN_REQUEST_SEQUENCE_OFFSET,
  LOGIN_REQUEST_SESSION_OFFSET,
  LOGIN_REQUEST_USERNAME_OFFSET,
  LOGIN_ACCEPTED_PACKET_BYTES,
  LOGIN_REJECTED_PACKET_BYTES,
  SOUP_EMPTY_PACKET_BYTES,
  SOUP_PASSWORD_BYTES,
  SOUP_PAYLOAD_OFFSET,
  SOUP_SEQUENCE_BYTES,
  SOUP_SESSION_BYTES,
  SOUP_USERNAME_BYTES,
  SoupPacketType,
  SoupRejectReason,
} from './soupbintcp-descriptor.ts';
import { isPrintableField, readSoupAlpha, readSoupNumeric } from './ascii-fields.ts';
import {
  writeSoupDataPacket,
  writeSoupEmptyPacket,
  writeSoupLoginAccepted,
  writeSoupLoginRejected,
} from './packet-writer.ts';
import { SoupFrameDecoder } from './frame-decoder.ts';
import type { SoupPacketHandler } from './frame-decoder.ts';
import { SoupAnomaly, SoupStatus } from './soupbintcp-status.ts';
import type { SoupAnomalyCounters, SoupLogger } from './anomaly-counters.ts';
import type { SoupMessageStore } from './message-store.ts';
import type { ResolvedSoupServerOptions, SoupSessionInfo } from './server-options.ts';

/** Optional 5-byte heartbeat-timeout field some SoupBinTCP variants append to Login Request. */
const LOGIN_REQUEST_EXTENDED_PAYLOAD_BYTES = LOGIN_REQUEST_PAYLOAD_BYTES + 5;
// Login Request field offsets relative to the payload.
const USER_AT = LOGIN_REQUEST_USERNAME_OFFSET - SOUP_PAYLOAD_OFFSET;
const PASS_AT = LOGIN_REQUEST_PASSWORD_OFFSET - SOUP_PAYLOAD_OFFSET;
const SESSION_AT = LOGIN_REQUEST_SESSION_OFFSET - SOUP_PAYLOAD_OFFSET;
const SEQ_AT = LOGIN_REQUEST_SEQUENCE_OFFSET - SOUP_PAYLOAD_OFFSET;

const SERVER_HEARTBEAT = new Uint8Array(SOUP_EMPTY_PACKET_BYTES);
writeSoupEmptyPacket(SERVER_HEARTBEAT, 0, SoupPacketType.SERVER_HEARTBEAT);
const END_OF_SESSION = new Uint8Array(SOUP_EMPTY_PACKET_BYTES);
writeSoupEmptyPacket(END_OF_SESSION, 0, SoupPacketType.END_OF_SESSION);

/** A sequenced stream: its retained messages and the sessions reading it. */
export interface SoupStream {
  readonly key: string;
  readonly store: SoupMessageStore;
  readonly sessions: Set<SoupServerSession>;
  ended: boolean;
}

/** What a session needs from its server. */
export interface SoupSessionHost {
  readonly options: ResolvedSoupServerOptions;
  readonly anomalies: SoupAnomalyCounters;
  readonly logger: SoupLogger;
  authenticate(username: string, password: string): boolean;
  streamFor(username: string): SoupStream;
  onLoggedIn(session: SoupServerSession, nextSequence: number): void;
  onUnsequenced(session: SoupServerSession, bytes: Uint8Array, offset: number, length: number): void;
  onSessionClosed(session: SoupServerSession): void;
}

export const SoupSessionState = { AWAITING_LOGIN: 0, LOGGED_IN: 1, CLOSING: 2, CLOSED: 3 } as const;
export type SoupSessionState = (typeof SoupSessionState)[keyof typeof SoupSessionState];

export class SoupServerSession implements SoupPacketHandler, SoupSessionInfo {
  readonly id: number;
  readonly remote: string;
  username = '';
  state: SoupSessionState = SoupSessionState.AWAITING_LOGIN;
  /** Next sequence number to send this client. */
  cursor = 0;
  messagesSent = 0;
  heartbeatsSent = 0;
  heartbeatsReceived = 0;
  unsequencedReceived = 0;
  closeReason = '';
  private readonly host: SoupSessionHost;
  private readonly socket: net.Socket;
  private readonly decoder: SoupFrameDecoder;
  private stream: SoupStream | undefined;
  private readonly connectedAt = performance.now();
  private reads = 0;
  private lastRxReads = 0;
  private lastRxAt = performance.now();
  private lastTxAt = performance.now();
  private endSent = false;
  private draining = false;

  constructor(id: number, socket: net.Socket, host: SoupSessionHost) {
    this.id = id;
    this.socket = socket;
    this.host = host;
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.decoder = new SoupFrameDecoder(this, host.options.maxPacketLength);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      this.draining = false;
      this.pump();
    });
    socket.on('error', (err: Error) => {
      if (this.closeReason === '') this.closeReason = `socket error: ${err.message}`;
    });
    socket.on('close', () => this.onClosed());
  }

  private onData(chunk: Buffer): void {
    this.reads++;
    const r = this.decoder.push(chunk, 0, chunk.length);
    if (r >= 0 || r === SoupStatus.STOPPED || r === SoupStatus.DECODER_FAILED) return;
    if (r === SoupStatus.FRAME_TOO_LONG) {
      const len = this.decoder.badLengthField;
      this.protocolError(
        SoupAnomaly.FRAME_TOO_LONG,
        len,
        `packet length ${len} beyond limit ${this.decoder.maxPacketLength}`,
      );
    } else {
      this.protocolError(SoupAnomaly.EMPTY_FRAME, 0, 'packet length 0');
    }
  }

  onPacket(type: number, bytes: Uint8Array, off: number, len: number): number {
    if (this.state === SoupSessionState.AWAITING_LOGIN) {
      if (type === SoupPacketType.LOGIN_REQUEST) return this.onLoginRequest(bytes, off, len);
      return this.protocolError(SoupAnomaly.PACKET_BEFORE_LOGIN, type, 'packet before login request');
    }
    if (this.state !== SoupSessionState.LOGGED_IN) return -1;
    switch (type) {
      case SoupPacketType.UNSEQUENCED_DATA:
        this.unsequencedReceived++;
        this.host.onUnsequenced(this, bytes, off, len);
        return 0;
      case SoupPacketType.CLIENT_HEARTBEAT:
        this.heartbeatsReceived++;
        if (len !== 0)
          this.host.anomalies.record(SoupAnomaly.BAD_PACKET_LENGTH, type, 'client heartbeat with payload');
        return 0;
      case SoupPacketType.LOGOUT_REQUEST:
        this.close('logout request', true);
        return -1;
      case SoupPacketType.LOGIN_REQUEST:
        this.host.anomalies.record(SoupAnomaly.DUPLICATE_LOGIN, this.id, 'second login request ignored');
        return 0;
      case SoupPacketType.DEBUG:
        this.host.logger.debug(
          { component: this.host.options.name, session: this.id, len },
          'client debug packet',
        );
        return 0;
      case SoupPacketType.LOGIN_ACCEPTED:
      case SoupPacketType.LOGIN_REJECTED:
      case SoupPacketType.SEQUENCED_DATA:
      case SoupPacketType.SERVER_HEARTBEAT:
      case SoupPacketType.END_OF_SESSION:
        this.host.anomalies.record(
          SoupAnomaly.WRONG_DIRECTION,
          type,
          'server-bound packet type received from client',
        );
        return 0;
      default:
        this.host.anomalies.record(SoupAnomaly.UNKNOWN_PACKET_TYPE, type, 'unknown packet type skipped');
        return 0;
    }
  }

  private onLoginRequest(bytes: Uint8Array, off: number, len: number): number {
    if (len !== LOGIN_REQUEST_PAYLOAD_BYTES && len !== LOGIN_REQUEST_EXTENDED_PAYLOAD_BYTES) {
      return this.protocolError(SoupAnomaly.BAD_PACKET_LENGTH, len, `login request payload of ${len} bytes`);
    }
    if (!isPrintableField(bytes, off, SEQ_AT)) {
      return this.protocolError(
        SoupAnomaly.BAD_LOGIN_FIELD,
        'alpha',
        'login request has non-printable characters',
      );
    }
    const requested = readSoupNumeric(bytes, off + SEQ_AT, SOUP_SEQUENCE_BYTES);
    if (requested < 0) {
      return this.protocolError(
        SoupAnomaly.BAD_LOGIN_FIELD,
        'sequence',
        'login request sequence number is not numeric',
      );
    }
    const username = readSoupAlpha(bytes, off + USER_AT, SOUP_USERNAME_BYTES);
    const password = readSoupAlpha(bytes, off + PASS_AT, SOUP_PASSWORD_BYTES);
    const session = readSoupAlpha(bytes, off + SESSION_AT, SOUP_SESSION_BYTES);
    const opts = this.host.options;
    if (!this.host.authenticate(username, password)) {
      this.host.anomalies.record(SoupAnomaly.NOT_AUTHORIZED, username, 'login rejected: not authorized');
      return this.reject(SoupRejectReason.NOT_AUTHORIZED, `not authorized (user '${username}')`);
    }
    if (session !== '' && session !== opts.session) {
      this.host.anomalies.record(
        SoupAnomaly.SESSION_NOT_AVAILABLE,
        session,
        'login rejected: session not available',
      );
      return this.reject(SoupRejectReason.SESSION_NOT_AVAILABLE, `session '${session}' not available`);
    }
    this.username = username;
    const stream = this.host.streamFor(username);
    const start = this.startSequence(stream.store, requested);
    const packet = new Uint8Array(LOGIN_ACCEPTED_PACKET_BYTES);
    writeSoupLoginAccepted(packet, 0, opts.session, start);
    this.write(packet);
    this.stream = stream;
    this.cursor = start;
    this.state = SoupSessionState.LOGGED_IN;
    stream.sessions.add(this);
    this.host.onLoggedIn(this, start);
    this.pump();
    return 0;
  }

  // 0 = "from the next message", beyond the end = clamp to the next message, evicted = the
  // oldest retained one (the client sees the gap in Login Accepted).
  private startSequence(store: SoupMessageStore, requested: number): number {
    if (requested === 0) return store.nextSequence;
    if (requested > store.nextSequence) {
      this.host.anomalies.record(
        SoupAnomaly.SEQUENCE_CLAMPED,
        requested,
        'requested sequence beyond the end',
      );
      return store.nextSequence;
    }
    if (requested < store.firstSequence) {
      this.host.anomalies.record(
        SoupAnomaly.REPLAY_TRUNCATED,
        requested,
        'requested messages no longer retained',
      );
      return store.firstSequence;
    }
    return requested;
  }

  private reject(reason: number, text: string): number {
    const packet = new Uint8Array(LOGIN_REJECTED_PACKET_BYTES);
    writeSoupLoginRejected(packet, 0, reason);
    this.write(packet);
    this.close(`login rejected: ${text}`, true);
    return -1;
  }

  /**
   * Sends retained messages from the cursor while the socket accepts them, then End of Session
   * once the stream has ended and this client has everything.
   */
  pump(): void {
    const stream = this.stream;
    if (stream === undefined || this.state !== SoupSessionState.LOGGED_IN || this.draining) return;
    const store = stream.store;
    const opts = this.host.options;
    const socket = this.socket;
    while (this.cursor < store.nextSequence) {
      if (this.cursor < store.firstSequence) {
        this.host.anomalies.record(
          SoupAnomaly.SLOW_CONSUMER_LAPPED,
          this.cursor,
          'client lapped by the retained store',
        );
        this.close(`slow consumer: message ${this.cursor} evicted before it was sent`, true);
        return;
      }
      const count = store.planRange(this.cursor, opts.sendChunkBytes);
      const chunk = Buffer.allocUnsafe(store.plannedBytes);
      store.copyRange(this.cursor, count, chunk, 0);
      this.cursor += count;
      this.messagesSent += count;
      this.lastTxAt = performance.now();
      // write() returning false guarantees a later 'drain'; below our own high-water mark we
      // keep queueing so one pump moves up to sendHighWaterBytes.
      if (!socket.write(chunk) && socket.writableLength >= opts.sendHighWaterBytes) {
        this.draining = true;
        return;
      }
    }
    if (stream.ended && !this.endSent) {
      this.endSent = true;
      this.write(END_OF_SESSION);
      this.close('end of session', true);
    }
  }

  /** Periodic check: login timeout, idle timeout, heartbeat. */
  tick(now: number): void {
    if (this.reads !== this.lastRxReads) {
      this.lastRxReads = this.reads;
      this.lastRxAt = now;
    }
    const opts = this.host.options;
    if (this.state === SoupSessionState.AWAITING_LOGIN) {
      if (now - this.connectedAt >= opts.loginTimeoutMs) {
        this.host.anomalies.record(
          SoupAnomaly.LOGIN_TIMEOUT,
          opts.loginTimeoutMs,
          'no login request in time',
        );
        this.close(`no login request within ${opts.loginTimeoutMs} ms`, false);
      }
      return;
    }
    if (this.state !== SoupSessionState.LOGGED_IN) return;
    if (now - this.lastRxAt >= opts.idleTimeoutMs) {
      this.host.anomalies.record(SoupAnomaly.IDLE_TIMEOUT, opts.idleTimeoutMs, 'client silent too long');
      this.close(
        `client silent for ${Math.round(now - this.lastRxAt)} ms (limit ${opts.idleTimeoutMs})`,
        false,
      );
      return;
    }
    if (now - this.lastTxAt >= opts.heartbeatIntervalMs) {
      this.heartbeatsSent++;
      this.write(SERVER_HEARTBEAT);
    }
  }

  /** Sends a Debug packet (printable ASCII text) to this client. */
  sendDebug(text: string): void {
    const payload = new TextEncoder().encode(text);
    const packet = new Uint8Array(3 + payload.length);
    if (writeSoupDataPacket(packet, 0, SoupPacketType.DEBUG, payload, 0, payload.length) > 0)
      this.write(packet);
  }

  /** Closes this connection; graceful flushes what was written (a final Debug or 'Z'). */
  close(reason: string, graceful: boolean): void {
    if (this.state === SoupSessionState.CLOSING || this.state === SoupSessionState.CLOSED) return;
    this.state = SoupSessionState.CLOSING;
    if (this.closeReason === '') this.closeReason = reason;
    const socket = this.socket;
    if (!graceful || socket.destroyed) {
      socket.destroy();
      return;
    }
    socket.end();
    // A peer that never reads must not keep the socket (and its queued bytes) forever.
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  private protocolError(kind: SoupAnomaly, detail: string | number, message: string): number {
    this.host.anomalies.record(kind, detail, message);
    if (this.state === SoupSessionState.CLOSING || this.state === SoupSessionState.CLOSED) return -1;
    this.sendDebug(`protocol error: ${message}`);
    this.close(`protocol error: ${message}`, true);
    return -1;
  }

  private write(packet: Uint8Array): void {
    if (this.socket.destroyed || this.socket.writableEnded) return;
    this.lastTxAt = performance.now();
    this.socket.write(packet);
  }

  private onClosed(): void {
    if (this.decoder.pendingBytes() > 0) {
      this.host.anomalies.record(
        SoupAnomaly.TRUNCATED_FRAME,
        this.decoder.pendingBytes(),
        'connection closed mid-packet',
      );
    }
    if (this.closeReason === '') this.closeReason = 'connection closed by client';
    this.state = SoupSessionState.CLOSED;
    this.stream?.sessions.delete(this);
    this.host.onSessionClosed(this);
  }
}
