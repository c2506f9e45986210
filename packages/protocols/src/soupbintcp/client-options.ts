// Configuration of SoupBinTcpClient, validated once at construction (control plane: throws).
import {
  SOUP_DEFAULT_MAX_PACKET_LENGTH,
  SOUP_LENGTH_FIELD_BYTES,
  SOUP_MAX_LENGTH_FIELD,
  SOUP_PASSWORD_BYTES,
  SOUP_SESSION_BYTES,
  SOUP_USERNAME_BYTES,
} from './soupbintcp-descriptor.ts';
import { isValidAlpha } from './ascii-fields.ts';
import { SoupBinTcpError, SoupErrorCode } from './soupbintcp-status.ts';
import type { SoupLogger } from './anomaly-counters.ts';

/** Receives every sequenced message, in order, with no allocation per call. */
export interface SoupSequencedHandler {
  /** `bytes[offset, offset + length)` is valid only during the call. */
  onMessage(bytes: Uint8Array, offset: number, length: number, sequenceNumber: number): void;
  /**
   * One socket read (`bytesRead` bytes) has been fully delivered: every message it completed
   * went to onMessage before this call. Lets a handler batch per read (publish once, stamp once).
   */
  onReadComplete?(bytesRead: number): void;
}

/** Session events (control plane; may allocate). */
export interface SoupClientListener {
  onLoginAccepted?(session: string, nextSequenceNumber: number): void;
  /** reason: 'A' not authorized, 'S' session not available (or the raw character). */
  onLoginRejected?(reason: string): void;
  onEndOfSession?(): void;
  onDisconnected?(reason: string, willReconnect: boolean): void;
  onDebug?(text: string): void;
}

export interface SoupClientOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Session to join; '' (default) = the currently active one. */
  session?: string;
  /** First requested sequence number: 1 (default) = from the start, 0 = only new messages. */
  sequenceNumber?: number;
  /** Send a client heartbeat after this much send silence (default 1000 ms). */
  heartbeatIntervalMs?: number;
  /** Drop the connection after this much receive silence (default 15000 ms). */
  idleTimeoutMs?: number;
  /** Reconnect (and resume) after a lost connection (default true). */
  reconnect?: boolean;
  /** First reconnect delay, doubled per failed attempt (default 100 ms). */
  reconnectDelayMs?: number;
  /** Cap of the reconnect delay (default 5000 ms). */
  maxReconnectDelayMs?: number;
  /** Sanity limit on a packet's length field (default 4096). */
  maxPacketLength?: number;
  /** Size of the static socket read buffer (default 64 KiB). */
  readBufferBytes?: number;
  /** Refuse sendUnsequenced() above this many queued socket bytes (default 1 MiB). */
  sendHighWaterBytes?: number;
  handler: SoupSequencedHandler;
  listener?: SoupClientListener;
  logger?: SoupLogger;
  /** Name in log records. */
  name?: string;
}

export interface ResolvedSoupClientOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  session: string;
  sequenceNumber: number;
  heartbeatIntervalMs: number;
  idleTimeoutMs: number;
  reconnect: boolean;
  reconnectDelayMs: number;
  maxReconnectDelayMs: number;
  maxPacketLength: number;
  readBufferBytes: number;
  sendHighWaterBytes: number;
  name: string;
}

function bad(message: string): never {
  throw new SoupBinTcpError(SoupErrorCode.BAD_CONFIG, message);
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) bad(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function resolveSoupClientOptions(o: SoupClientOptions): ResolvedSoupClientOptions {
  if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65535) bad(`port must be 1..65535, got ${o.port}`);
  if (!isValidAlpha(o.username, SOUP_USERNAME_BYTES))
    bad(`username must be <= ${SOUP_USERNAME_BYTES} printable ASCII`);
  if (!isValidAlpha(o.password, SOUP_PASSWORD_BYTES))
    bad(`password must be <= ${SOUP_PASSWORD_BYTES} printable ASCII`);
  const session = o.session ?? '';
  if (!isValidAlpha(session, SOUP_SESSION_BYTES))
    bad(`session must be <= ${SOUP_SESSION_BYTES} printable ASCII`);
  const sequenceNumber = o.sequenceNumber ?? 1;
  if (!Number.isSafeInteger(sequenceNumber) || sequenceNumber < 0) bad(`sequenceNumber must be >= 0`);
  const maxPacketLength = o.maxPacketLength ?? SOUP_DEFAULT_MAX_PACKET_LENGTH;
  if (!Number.isInteger(maxPacketLength) || maxPacketLength < 1 || maxPacketLength > SOUP_MAX_LENGTH_FIELD) {
    bad(`maxPacketLength must be 1..${SOUP_MAX_LENGTH_FIELD}, got ${maxPacketLength}`);
  }
  const readBufferBytes = positiveInt('readBufferBytes', o.readBufferBytes ?? 64 * 1024);
  if (readBufferBytes < SOUP_LENGTH_FIELD_BYTES) bad('readBufferBytes too small');
  const reconnectDelayMs = positiveInt('reconnectDelayMs', o.reconnectDelayMs ?? 100);
  const maxReconnectDelayMs = positiveInt('maxReconnectDelayMs', o.maxReconnectDelayMs ?? 5000);
  return {
    host: o.host,
    port: o.port,
    username: o.username,
    password: o.password,
    session: session.trim(),
    sequenceNumber,
    heartbeatIntervalMs: positiveInt('heartbeatIntervalMs', o.heartbeatIntervalMs ?? 1000),
    idleTimeoutMs: positiveInt('idleTimeoutMs', o.idleTimeoutMs ?? 15000),
    reconnect: o.reconnect ?? true,
    reconnectDelayMs,
    maxReconnectDelayMs: Math.max(reconnectDelayMs, maxReconnectDelayMs),
    maxPacketLength,
    readBufferBytes,
    sendHighWaterBytes: positiveInt('sendHighWaterBytes', o.sendHighWaterBytes ?? 1024 * 1024),
    name: o.name ?? `soup-client ${o.host}:${o.port}`,
  };
}
