// Status codes returned by SoupBinTCP hot calls (never thrown), the kinds of bad input we count,
// and the typed error thrown by control-plane calls (bad configuration, misuse).

/** Hot-call results: 0 or a positive count means success, negatives are stable codes. */
export const SoupStatus = {
  OK: 0,
  /** Length field beyond the configured sanity limit: framing cannot be trusted any more. */
  FRAME_TOO_LONG: -1,
  /** Length field 0: not even a type byte. Framing is broken. */
  EMPTY_FRAME: -2,
  /** A frame handler asked the decoder to stop (the session is closing). */
  STOPPED: -3,
  /** Destination buffer too small for the packet. */
  BUFFER_TOO_SMALL: -4,
  /** Payload longer than the protocol or the configured limit allows. */
  PAYLOAD_TOO_LONG: -5,
  /** A field does not match its format (non-digit in a numeric field, wrong width...). */
  BAD_FIELD: -6,
  /** Not connected / not logged in: nothing was sent. */
  NOT_CONNECTED: -7,
  /** The decoder is in a failed state after a fatal framing error; reset it first. */
  DECODER_FAILED: -8,
  /** The socket's send buffer is over its high-water mark: the call was refused, not queued. */
  BACK_PRESSURED: -9,
} as const;
export type SoupStatus = (typeof SoupStatus)[keyof typeof SoupStatus];

/**
 * Kinds of bad or unexpected input, counted per session/client in a Float64Array indexed by
 * these values and logged once per kind.
 */
export const SoupAnomaly = {
  FRAME_TOO_LONG: 0,
  EMPTY_FRAME: 1,
  TRUNCATED_FRAME: 2,
  UNKNOWN_PACKET_TYPE: 3,
  WRONG_DIRECTION: 4,
  BAD_PACKET_LENGTH: 5,
  BAD_LOGIN_FIELD: 6,
  PACKET_BEFORE_LOGIN: 7,
  DUPLICATE_LOGIN: 8,
  LOGIN_TIMEOUT: 9,
  IDLE_TIMEOUT: 10,
  NOT_AUTHORIZED: 11,
  SESSION_NOT_AVAILABLE: 12,
  REPLAY_TRUNCATED: 13,
  SEQUENCE_CLAMPED: 14,
  SLOW_CONSUMER_LAPPED: 15,
  SEQUENCE_GAP: 16,
  SOCKET_ERROR: 17,
  /** Login Accepted below the sequence we asked for in the same session (server lost data). */
  SEQUENCE_REWIND: 18,
} as const;
export type SoupAnomaly = (typeof SoupAnomaly)[keyof typeof SoupAnomaly];
export const SOUP_ANOMALY_KINDS = 19;

const ANOMALY_NAMES: readonly string[] = [
  'frameTooLong',
  'emptyFrame',
  'truncatedFrame',
  'unknownPacketType',
  'wrongDirection',
  'badPacketLength',
  'badLoginField',
  'packetBeforeLogin',
  'duplicateLogin',
  'loginTimeout',
  'idleTimeout',
  'notAuthorized',
  'sessionNotAvailable',
  'replayTruncated',
  'sequenceClamped',
  'slowConsumerLapped',
  'sequenceGap',
  'socketError',
  'sequenceRewind',
];

/** Stable camelCase name of an anomaly kind (for logs and stats objects). */
export function soupAnomalyName(kind: number): string {
  return ANOMALY_NAMES[kind] ?? `anomaly${kind}`;
}

/** Control-plane error codes (thrown, with `code`). */
export const SoupErrorCode = {
  BAD_CONFIG: 'SOUP_BAD_CONFIG',
  BAD_FIELD: 'SOUP_BAD_FIELD',
  NOT_LISTENING: 'SOUP_NOT_LISTENING',
  CLOSED: 'SOUP_CLOSED',
} as const;
export type SoupErrorCode = (typeof SoupErrorCode)[keyof typeof SoupErrorCode];

export class SoupBinTcpError extends Error {
  readonly code: SoupErrorCode;
  constructor(code: SoupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SoupBinTcpError';
    this.code = code;
  }
}
