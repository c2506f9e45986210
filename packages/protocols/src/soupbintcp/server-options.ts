// Configuration of SoupBinTcpServer, validated once (control plane: throws).
import {
  SOUP_DEFAULT_MAX_PACKET_LENGTH,
  SOUP_MAX_LENGTH_FIELD,
  SOUP_SESSION_BYTES,
} from './soupbintcp-descriptor.ts';
import { isValidAlpha } from './ascii-fields.ts';
import { SoupBinTcpError, SoupErrorCode } from './soupbintcp-status.ts';
import { SOUP_DEFAULT_STORE_OPTIONS } from './message-store.ts';
import type { SoupMessageStoreOptions } from './message-store.ts';

/** Who a server session is, for handlers (control plane). */
export interface SoupSessionInfo {
  readonly id: number;
  readonly remote: string;
  readonly username: string;
}

export interface SoupServerOptions {
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Listen port (default 0: a free port, see listen()'s result). */
  port?: number;
  /** Session name sent in Login Accepted (1..10 printable ASCII, default 'SESSION1'). */
  session?: string;
  /**
   * 'shared' (default): one sequenced stream for every client (a market-data feed).
   * 'per-user': one stream per username (order entry: each firm has its own sequence).
   */
  streams?: 'shared' | 'per-user';
  /** Credential check (username and password trimmed); default accepts everyone. */
  authenticate?: (username: string, password: string) => boolean;
  heartbeatIntervalMs?: number;
  idleTimeoutMs?: number;
  /** Close a connection that has not logged in after this long (default idleTimeoutMs). */
  loginTimeoutMs?: number;
  /** Sanity limit on the length field of client packets (default 4096). */
  maxPacketLength?: number;
  /** Retained messages per stream (default 64 MiB / 2^21 messages). */
  store?: SoupMessageStoreOptions;
  /** Connections beyond this are closed at once (default 1024). */
  maxSessions?: number;
  /** Bytes copied per socket write while replaying / streaming (default 64 KiB). */
  sendChunkBytes?: number;
  /** Stop writing to a socket above this many queued bytes until it drains (default 1 MiB). */
  sendHighWaterBytes?: number;
  /** Unsequenced Data from a logged-in client; the bytes are valid only during the call. */
  onUnsequenced?: (session: SoupSessionInfo, bytes: Uint8Array, offset: number, length: number) => void;
  /** A client logged in; `nextSequence` is the first sequence number it will be sent. */
  onLogin?: (session: SoupSessionInfo, nextSequence: number) => void;
  /** Name in log records. */
  name?: string;
}

export interface ResolvedSoupServerOptions {
  host: string;
  port: number;
  session: string;
  streams: 'shared' | 'per-user';
  heartbeatIntervalMs: number;
  idleTimeoutMs: number;
  loginTimeoutMs: number;
  maxPacketLength: number;
  store: SoupMessageStoreOptions;
  maxSessions: number;
  sendChunkBytes: number;
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

export function resolveSoupServerOptions(o: SoupServerOptions): ResolvedSoupServerOptions {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad(`port must be 0..65535, got ${port}`);
  const session = (o.session ?? 'SESSION1').trim();
  if (session === '' || !isValidAlpha(session, SOUP_SESSION_BYTES)) {
    bad(`session must be 1..${SOUP_SESSION_BYTES} printable ASCII characters, got '${session}'`);
  }
  const maxPacketLength = o.maxPacketLength ?? SOUP_DEFAULT_MAX_PACKET_LENGTH;
  if (!Number.isInteger(maxPacketLength) || maxPacketLength < 1 || maxPacketLength > SOUP_MAX_LENGTH_FIELD) {
    bad(`maxPacketLength must be 1..${SOUP_MAX_LENGTH_FIELD}, got ${maxPacketLength}`);
  }
  const idleTimeoutMs = positiveInt('idleTimeoutMs', o.idleTimeoutMs ?? 15000);
  return {
    host: o.host ?? '127.0.0.1',
    port,
    session,
    streams: o.streams ?? 'shared',
    heartbeatIntervalMs: positiveInt('heartbeatIntervalMs', o.heartbeatIntervalMs ?? 1000),
    idleTimeoutMs,
    loginTimeoutMs: positiveInt('loginTimeoutMs', o.loginTimeoutMs ?? idleTimeoutMs),
    maxPacketLength,
    store: o.store ?? SOUP_DEFAULT_STORE_OPTIONS,
    maxSessions: positiveInt('maxSessions', o.maxSessions ?? 1024),
    sendChunkBytes: positiveInt('sendChunkBytes', o.sendChunkBytes ?? 64 * 1024),
    sendHighWaterBytes: positiveInt('sendHighWaterBytes', o.sendHighWaterBytes ?? 1024 * 1024),
    name: o.name ?? 'soup-server',
  };
}
