// SoupBinTCP client. The receive path is allocation-free: the socket reads into one static
// buffer (`onread`), the frame decoder reassembles packets in place, and each sequenced message
// goes to a preallocated handler as (bytes, offset, length, sequenceNumber). The control parts
// (connect, login, heartbeats, reconnect with the next expected sequence number) may allocate.
// Liveness is tracked by counting reads, not by reading the clock per read: a timer compares
// the count with the previous tick.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  LOGIN_ACCEPTED_PAYLOAD_BYTES,
  LOGIN_REQUEST_PACKET_BYTES,
  SOUP_EMPTY_PACKET_BYTES,
  SOUP_SEQUENCE_BYTES,
  SOUP_SESSION_BYTES,
  SoupPacketType,
} from './soupbintcp-descriptor.ts';
import { readSoupAlpha, readSoupNumeric } from './ascii-fields.ts';
import { writeSoupDataPacket, writeSoupEmptyPacket, writeSoupLoginRequest } from './packet-writer.ts';
import { SoupFrameDecoder } from './frame-decoder.ts';
import type { SoupPacketHandler } from './frame-decoder.ts';
import { SoupAnomaly, SoupStatus } from './soupbintcp-status.ts';
import { SoupAnomalyCounters, silentSoupLogger } from './anomaly-counters.ts';
import type { SoupLogger } from './anomaly-counters.ts';
import { resolveSoupClientOptions } from './client-options.ts';
import type {
  ResolvedSoupClientOptions,
  SoupClientListener,
  SoupClientOptions,
  SoupSequencedHandler,
} from './client-options.ts';
import { heartbeatTickMs } from './heartbeat.ts';
import { SoupClientState } from './client-state.ts';
import { ReconnectBackoff } from './reconnect-backoff.ts';

const SEQ_OFFSET_IN_ACCEPTED = SOUP_SESSION_BYTES;
const CLIENT_HEARTBEAT = new Uint8Array(SOUP_EMPTY_PACKET_BYTES);
writeSoupEmptyPacket(CLIENT_HEARTBEAT, 0, SoupPacketType.CLIENT_HEARTBEAT);
const LOGOUT_REQUEST = new Uint8Array(SOUP_EMPTY_PACKET_BYTES);
writeSoupEmptyPacket(LOGOUT_REQUEST, 0, SoupPacketType.LOGOUT_REQUEST);

export class SoupBinTcpClient implements SoupPacketHandler {
  readonly options: ResolvedSoupClientOptions;
  readonly anomalies: SoupAnomalyCounters;
  /** Sequenced messages delivered to the handler. */
  messagesReceived = 0;
  /** Socket reads (liveness is checked against this). */
  reads = 0;
  /** Messages the server told us it no longer had when we resumed (counted loss). */
  gapMessages = 0;
  reconnects = 0;
  heartbeatsSent = 0;
  heartbeatsReceived = 0;
  private stateValue: SoupClientState = SoupClientState.IDLE;
  private nextSeq: number;
  private sessionName: string;
  private readonly handler: SoupSequencedHandler;
  private readonly listener: SoupClientListener;
  private readonly logger: SoupLogger;
  private readonly decoder: SoupFrameDecoder;
  private readonly readBuffer: Uint8Array;
  private readonly loginPacket = new Uint8Array(LOGIN_REQUEST_PACKET_BYTES);
  private socket: net.Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: ReconnectBackoff;
  private lastRxAt = 0;
  private lastRxReads = -1;
  private lastTxAt = 0;
  private closeReason = '';
  private requestedSeq = 0;
  private closeWaiters: (() => void)[] = [];

  constructor(options: SoupClientOptions) {
    this.options = resolveSoupClientOptions(options);
    this.handler = options.handler;
    this.listener = options.listener ?? {};
    this.logger = options.logger ?? silentSoupLogger;
    this.anomalies = new SoupAnomalyCounters(this.logger, this.options.name);
    this.decoder = new SoupFrameDecoder(this, this.options.maxPacketLength);
    this.readBuffer = new Uint8Array(this.options.readBufferBytes);
    this.nextSeq = this.options.sequenceNumber;
    this.sessionName = this.options.session;
    this.backoff = new ReconnectBackoff(this.options.reconnectDelayMs, this.options.maxReconnectDelayMs);
  }

  get state(): SoupClientState {
    return this.stateValue;
  }

  /** The sequence number of the next message we expect (what a reconnect asks for). */
  get nextSequenceNumber(): number {
    return this.nextSeq;
  }

  /** Session name the server accepted us into ('' before the first login). */
  get session(): string {
    return this.sessionName;
  }

  /** Start connecting; keeps reconnecting (if configured) until close(), end or reject. */
  connect(): void {
    if (this.stateValue !== SoupClientState.IDLE) return;
    this.openSocket();
  }

  /**
   * Sends one Unsequenced Data packet. Not on the receive hot path: allocates the packet (the
   * socket may hold it after write returns). Returns bytes queued or a negative SoupStatus.
   */
  sendUnsequenced(bytes: Uint8Array, offset: number, length: number): number {
    const socket = this.socket;
    if (this.stateValue !== SoupClientState.LOGGED_IN || socket === undefined)
      return SoupStatus.NOT_CONNECTED;
    if (length + 1 > this.options.maxPacketLength) return SoupStatus.PAYLOAD_TOO_LONG;
    if (socket.writableLength > this.options.sendHighWaterBytes) return SoupStatus.BACK_PRESSURED;
    const packet = new Uint8Array(3 + length);
    const n = writeSoupDataPacket(packet, 0, SoupPacketType.UNSEQUENCED_DATA, bytes, offset, length);
    if (n < 0) return n;
    this.write(packet);
    return n;
  }

  /** Sends a Debug packet (free text, printable ASCII). */
  sendDebug(text: string): number {
    if (this.socket === undefined || this.stateValue !== SoupClientState.LOGGED_IN)
      return SoupStatus.NOT_CONNECTED;
    const payload = new TextEncoder().encode(text);
    const packet = new Uint8Array(3 + payload.length);
    const n = writeSoupDataPacket(packet, 0, SoupPacketType.DEBUG, payload, 0, payload.length);
    if (n >= 0) this.write(packet);
    return n;
  }

  /** Logs out (if logged in), closes, stops reconnecting. Resolves when the socket is gone. */
  async close(): Promise<void> {
    const socket = this.socket;
    const wasLoggedIn = this.stateValue === SoupClientState.LOGGED_IN;
    this.stateValue = SoupClientState.CLOSED;
    this.clearTimers();
    if (socket === undefined || socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    if (wasLoggedIn) socket.end(LOGOUT_REQUEST);
    else socket.destroy();
    const t = setTimeout(() => socket.destroy(), 1000);
    await closed;
    clearTimeout(t);
  }

  /** Drops the TCP connection without logging out (tests: simulate a lost link). */
  dropConnection(reason = 'dropped by caller'): void {
    if (this.socket === undefined) return;
    this.closeReason = reason;
    this.socket.destroy();
  }

  // --- receive path (hot) ---------------------------------------------------------------

  private readonly onRead = (nread: number, buf: Uint8Array): boolean => {
    this.reads++;
    const r = this.decoder.push(buf, 0, nread);
    this.handler.onReadComplete?.(nread);
    if (r < 0) this.onDecoderStopped(r);
    return true;
  };

  onPacket(type: number, bytes: Uint8Array, payloadOffset: number, payloadLength: number): number {
    if (type === SoupPacketType.SEQUENCED_DATA) {
      if (this.stateValue !== SoupClientState.LOGGED_IN) {
        return this.protocolError(
          SoupAnomaly.PACKET_BEFORE_LOGIN,
          type,
          'sequenced data before login accepted',
        );
      }
      const seq = this.nextSeq;
      this.nextSeq = seq + 1;
      this.messagesReceived++;
      this.handler.onMessage(bytes, payloadOffset, payloadLength, seq);
      return 0;
    }
    if (type === SoupPacketType.SERVER_HEARTBEAT) {
      this.heartbeatsReceived++;
      if (payloadLength !== 0)
        this.anomalies.record(SoupAnomaly.BAD_PACKET_LENGTH, type, 'heartbeat with payload');
      return 0;
    }
    return this.onControlPacket(type, bytes, payloadOffset, payloadLength);
  }

  // --- control packets (rare; may allocate) ---------------------------------------------

  private onControlPacket(type: number, bytes: Uint8Array, off: number, len: number): number {
    switch (type) {
      case SoupPacketType.LOGIN_ACCEPTED:
        return this.onLoginAccepted(bytes, off, len);
      case SoupPacketType.LOGIN_REJECTED: {
        const reason = len >= 1 ? String.fromCharCode(bytes[off]!) : '?';
        this.stateValue = SoupClientState.REJECTED;
        this.anomalies.record(
          reason === 'S' ? SoupAnomaly.SESSION_NOT_AVAILABLE : SoupAnomaly.NOT_AUTHORIZED,
          reason,
          'login rejected by server',
        );
        this.closeReason = `login rejected (${reason === 'A' ? 'not authorized' : reason === 'S' ? 'session not available' : reason})`;
        this.listener.onLoginRejected?.(reason);
        return -1;
      }
      case SoupPacketType.END_OF_SESSION:
        this.stateValue = SoupClientState.ENDED;
        this.closeReason = 'end of session';
        this.logger.info({ component: this.options.name, nextSequence: this.nextSeq }, 'end of session');
        this.listener.onEndOfSession?.();
        return -1;
      case SoupPacketType.DEBUG:
        this.listener.onDebug?.(readSoupAlpha(bytes, off, len));
        return 0;
      case SoupPacketType.LOGIN_REQUEST:
      case SoupPacketType.UNSEQUENCED_DATA:
      case SoupPacketType.CLIENT_HEARTBEAT:
      case SoupPacketType.LOGOUT_REQUEST:
        this.anomalies.record(
          SoupAnomaly.WRONG_DIRECTION,
          type,
          'client-bound packet type received from server',
        );
        return 0;
      default:
        this.anomalies.record(SoupAnomaly.UNKNOWN_PACKET_TYPE, type, 'unknown packet type skipped');
        return 0;
    }
  }

  private onLoginAccepted(bytes: Uint8Array, off: number, len: number): number {
    if (this.stateValue !== SoupClientState.LOGGING_IN) {
      this.anomalies.record(
        SoupAnomaly.DUPLICATE_LOGIN,
        'accepted',
        'login accepted while not logging in; ignored',
      );
      return 0;
    }
    if (len !== LOGIN_ACCEPTED_PAYLOAD_BYTES) {
      return this.protocolError(SoupAnomaly.BAD_PACKET_LENGTH, len, 'login accepted of wrong length');
    }
    const session = readSoupAlpha(bytes, off, SOUP_SESSION_BYTES);
    const seq = readSoupNumeric(bytes, off + SEQ_OFFSET_IN_ACCEPTED, SOUP_SEQUENCE_BYTES);
    if (seq < 0)
      return this.protocolError(SoupAnomaly.BAD_LOGIN_FIELD, 'sequence', 'bad sequence in login accepted');
    const sameSession = this.sessionName === '' || this.sessionName === session;
    if (!sameSession) {
      this.logger.warn(
        { component: this.options.name, was: this.sessionName, now: session },
        'server session changed: sequence numbers restart with the new session',
      );
    }
    const requested = this.requestedSeq;
    if (sameSession && requested > 0 && seq > requested) {
      this.gapMessages += seq - requested;
      this.anomalies.record(
        SoupAnomaly.SEQUENCE_GAP,
        seq - requested,
        'server no longer retains requested messages',
      );
    } else if (sameSession && seq < requested) {
      // Not skipped: dropping data silently is worse; the handler sees the numbers go back.
      this.anomalies.record(
        SoupAnomaly.SEQUENCE_REWIND,
        requested - seq,
        'server is below the requested sequence',
      );
    }
    this.sessionName = session;
    this.nextSeq = seq;
    this.stateValue = SoupClientState.LOGGED_IN;
    this.backoff.reset();
    this.logger.info(
      { component: this.options.name, session, nextSequence: seq, requested },
      'login accepted',
    );
    this.listener.onLoginAccepted?.(session, seq);
    return 0;
  }

  private protocolError(kind: SoupAnomaly, detail: string | number, message: string): number {
    this.anomalies.record(kind, detail, message);
    this.closeReason = message;
    return -1;
  }

  private onDecoderStopped(status: number): void {
    if (status === SoupStatus.FRAME_TOO_LONG) {
      this.anomalies.record(
        SoupAnomaly.FRAME_TOO_LONG,
        this.decoder.badLengthField,
        'packet length beyond limit',
      );
      this.closeReason = `packet length ${this.decoder.badLengthField} beyond limit ${this.decoder.maxPacketLength}`;
    } else if (status === SoupStatus.EMPTY_FRAME) {
      this.anomalies.record(SoupAnomaly.EMPTY_FRAME, 0, 'packet length 0');
      this.closeReason = 'packet length 0';
    }
    this.socket?.destroy();
  }

  // --- connection management ------------------------------------------------------------

  private openSocket(): void {
    this.stateValue = SoupClientState.CONNECTING;
    this.decoder.reset();
    this.closeReason = '';
    // The idle limit also bounds the TCP connect and the wait for Login Accepted.
    this.lastRxAt = performance.now();
    this.lastRxReads = this.reads;
    const socket = net.connect({
      host: this.options.host,
      port: this.options.port,
      noDelay: true,
      onread: { buffer: this.readBuffer, callback: this.onRead },
    });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => this.onConnected(socket));
    socket.on('error', (err: Error) => {
      this.anomalies.record(SoupAnomaly.SOCKET_ERROR, err.message, 'socket error');
      if (this.closeReason === '') this.closeReason = `socket error: ${err.message}`;
    });
    socket.on('close', () => this.onSocketClosed(socket));
    this.startTimer();
  }

  private onConnected(socket: net.Socket): void {
    if (socket !== this.socket || this.stateValue !== SoupClientState.CONNECTING) return;
    this.requestedSeq = this.nextSeq;
    const n = writeSoupLoginRequest(this.loginPacket, 0, {
      username: this.options.username,
      password: this.options.password,
      session: this.sessionName,
      sequenceNumber: this.requestedSeq,
    });
    if (n < 0) {
      this.closeReason = 'cannot encode login request';
      socket.destroy();
      return;
    }
    this.stateValue = SoupClientState.LOGGING_IN;
    this.lastRxAt = performance.now();
    this.write(this.loginPacket.slice());
  }

  private write(packet: Uint8Array): void {
    this.lastTxAt = performance.now();
    this.socket?.write(packet);
  }

  private onSocketClosed(socket: net.Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    if (this.decoder.pendingBytes() > 0) {
      this.anomalies.record(
        SoupAnomaly.TRUNCATED_FRAME,
        this.decoder.pendingBytes(),
        'connection closed mid-packet',
      );
    }
    const state = this.stateValue;
    const terminal =
      state === SoupClientState.CLOSED ||
      state === SoupClientState.ENDED ||
      state === SoupClientState.REJECTED;
    const willReconnect = !terminal && this.options.reconnect;
    const reason = this.closeReason === '' ? 'connection closed by peer' : this.closeReason;
    this.logger.info(
      { component: this.options.name, reason, willReconnect, nextSequence: this.nextSeq },
      'disconnected',
    );
    if (!terminal)
      this.stateValue = willReconnect ? SoupClientState.WAITING_TO_RECONNECT : SoupClientState.CLOSED;
    if (!willReconnect) this.clearTimers();
    else this.scheduleReconnect();
    this.listener.onDisconnected?.(reason, willReconnect);
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const w of waiters) w();
  }

  private scheduleReconnect(): void {
    this.backoff.schedule(() => {
      if (this.stateValue !== SoupClientState.WAITING_TO_RECONNECT) return;
      this.reconnects++;
      this.openSocket();
    });
  }

  private startTimer(): void {
    if (this.timer !== undefined) return;
    const tick = heartbeatTickMs(this.options.heartbeatIntervalMs, this.options.idleTimeoutMs);
    this.timer = setInterval(() => this.onTick(), tick);
  }

  private onTick(): void {
    const now = performance.now();
    const socket = this.socket;
    if (socket === undefined) return;
    if (this.reads !== this.lastRxReads) {
      this.lastRxReads = this.reads;
      this.lastRxAt = now;
    }
    const state = this.stateValue;
    if (
      state !== SoupClientState.CONNECTING &&
      state !== SoupClientState.LOGGING_IN &&
      state !== SoupClientState.LOGGED_IN
    ) {
      return;
    }
    if (now - this.lastRxAt >= this.options.idleTimeoutMs) {
      const silentMs = Math.round(now - this.lastRxAt);
      const limit = this.options.idleTimeoutMs;
      this.anomalies.record(SoupAnomaly.IDLE_TIMEOUT, limit, 'server silent too long');
      this.closeReason =
        state === SoupClientState.CONNECTING
          ? `connect not completed in ${silentMs} ms (limit ${limit})`
          : `server silent for ${silentMs} ms (limit ${limit})`;
      socket.destroy();
      return;
    }
    if (state === SoupClientState.LOGGED_IN && now - this.lastTxAt >= this.options.heartbeatIntervalMs) {
      this.heartbeatsSent++;
      this.write(CLIENT_HEARTBEAT);
    }
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.backoff.cancel();
    this.timer = undefined;
  }
}
