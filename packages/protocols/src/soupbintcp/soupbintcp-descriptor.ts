// SoupBinTCP 4.x packet layout, declared once. Every offset and length used by the encoder,
// the frame decoder, the client and the server comes from here.
//
// Logical packet (any direction), big-endian length first:
//
//    0       1       2       3 ...                       2 + length
//   +-------+-------+-------+-----------------------------+
//   |  packet length |  type | payload (length - 1 bytes) |
//   |  (u16 BE, counts type + payload, never itself)       |
//   +-------+-------+-------+-----------------------------+
//
// Login Request 'L' (client → server), payload 46 bytes, packet 49 bytes:
//
//   off  3         9                 19                29                               49
//        | username | password        | requested sess. | requested sequence number       |
//        | 6 alpha  | 10 alpha        | 10 alpha        | 20 numeric                      |
//
// Login Accepted 'A' (server → client), payload 30 bytes, packet 33 bytes:
//
//   off  3                 13                               33
//        | session         | sequence number (next to send)  |
//        | 10 alpha        | 20 numeric                      |
//
// Login Rejected 'J', payload 1 byte: reject reason code 'A' (not authorized) or
// 'S' (session not available).
//
// Field formats (SoupBinTCP 4.0, "Data Types" and the packet tables):
// - Alpha (username, password): left-justified, padded on the right with spaces.
// - Session (requested session, accepted session): the packet tables say "left padded with
//   spaces", i.e. right-justified; all spaces in a login request means "the currently active
//   session". We WRITE sessions right-justified (spec text) and READ them by trimming spaces on
//   both sides, so peers that pad on the right (Nasdaq's own nasdaq-protocols library does)
//   interoperate.
// - Numeric (sequence numbers): ASCII digits, right-justified, padded on the left with spaces.
//   We read leading and trailing spaces leniently; anything else but digits is a bad field.
// - Sequence numbers start at 1. Requested sequence number 0 means "from the next message
//   generated" (no replay); 1 means "from the start of the session".

/** Bytes of the big-endian length prefix. */
export const SOUP_LENGTH_FIELD_BYTES = 2;
/** Offset of the packet type byte within a packet. */
export const SOUP_TYPE_OFFSET = 2;
/** Offset of the payload within a packet. */
export const SOUP_PAYLOAD_OFFSET = 3;
/** Header bytes before the payload: length (2) + type (1). */
export const SOUP_HEADER_BYTES = SOUP_PAYLOAD_OFFSET;
/** Largest length the 2-byte field can carry (type + payload). */
export const SOUP_MAX_LENGTH_FIELD = 0xffff;
/** Default sanity limit on the length field; ITCH/OUCH messages are far below it. */
export const SOUP_DEFAULT_MAX_PACKET_LENGTH = 4096;

/** Packet type bytes (ASCII). */
export const SoupPacketType = {
  DEBUG: 0x2b, // '+' either direction
  LOGIN_ACCEPTED: 0x41, // 'A' server → client
  LOGIN_REJECTED: 0x4a, // 'J' server → client
  SEQUENCED_DATA: 0x53, // 'S' server → client
  SERVER_HEARTBEAT: 0x48, // 'H' server → client
  END_OF_SESSION: 0x5a, // 'Z' server → client
  LOGIN_REQUEST: 0x4c, // 'L' client → server
  UNSEQUENCED_DATA: 0x55, // 'U' client → server
  CLIENT_HEARTBEAT: 0x52, // 'R' client → server
  LOGOUT_REQUEST: 0x4f, // 'O' client → server
} as const;
export type SoupPacketType = (typeof SoupPacketType)[keyof typeof SoupPacketType];

/** Login Rejected reason codes. */
export const SoupRejectReason = {
  NOT_AUTHORIZED: 0x41, // 'A'
  SESSION_NOT_AVAILABLE: 0x53, // 'S'
} as const;
export type SoupRejectReason = (typeof SoupRejectReason)[keyof typeof SoupRejectReason];

// Field widths.
export const SOUP_USERNAME_BYTES = 6;
export const SOUP_PASSWORD_BYTES = 10;
export const SOUP_SESSION_BYTES = 10;
export const SOUP_SEQUENCE_BYTES = 20;

// Login Request: offsets are from the start of the packet (length prefix included).
export const LOGIN_REQUEST_USERNAME_OFFSET = SOUP_PAYLOAD_OFFSET;
export const LOGIN_REQUEST_PASSWORD_OFFSET = LOGIN_REQUEST_USERNAME_OFFSET + SOUP_USERNAME_BYTES;
export const LOGIN_REQUEST_SESSION_OFFSET = LOGIN_REQUEST_PASSWORD_OFFSET + SOUP_PASSWORD_BYTES;
export const LOGIN_REQUEST_SEQUENCE_OFFSET = LOGIN_REQUEST_SESSION_OFFSET + SOUP_SESSION_BYTES;
export const LOGIN_REQUEST_PAYLOAD_BYTES =
  SOUP_USERNAME_BYTES + SOUP_PASSWORD_BYTES + SOUP_SESSION_BYTES + SOUP_SEQUENCE_BYTES;
export const LOGIN_REQUEST_PACKET_BYTES = SOUP_HEADER_BYTES + LOGIN_REQUEST_PAYLOAD_BYTES;

// Login Accepted.
export const LOGIN_ACCEPTED_SESSION_OFFSET = SOUP_PAYLOAD_OFFSET;
export const LOGIN_ACCEPTED_SEQUENCE_OFFSET = LOGIN_ACCEPTED_SESSION_OFFSET + SOUP_SESSION_BYTES;
export const LOGIN_ACCEPTED_PAYLOAD_BYTES = SOUP_SESSION_BYTES + SOUP_SEQUENCE_BYTES;
export const LOGIN_ACCEPTED_PACKET_BYTES = SOUP_HEADER_BYTES + LOGIN_ACCEPTED_PAYLOAD_BYTES;

// Login Rejected.
export const LOGIN_REJECTED_REASON_OFFSET = SOUP_PAYLOAD_OFFSET;
export const LOGIN_REJECTED_PACKET_BYTES = SOUP_HEADER_BYTES + 1;

/** Packets without payload (heartbeats, end of session, logout) are 3 bytes on the wire. */
export const SOUP_EMPTY_PACKET_BYTES = SOUP_HEADER_BYTES;

/** Largest sequence number we accept: exact in a double, so no BigInt on the hot path. */
export const SOUP_MAX_SEQUENCE = Number.MAX_SAFE_INTEGER;

/** Human-readable name of a packet type byte (control plane / logs only). */
export function soupPacketTypeName(type: number): string {
  switch (type) {
    case SoupPacketType.DEBUG:
      return 'Debug';
    case SoupPacketType.LOGIN_ACCEPTED:
      return 'LoginAccepted';
    case SoupPacketType.LOGIN_REJECTED:
      return 'LoginRejected';
    case SoupPacketType.SEQUENCED_DATA:
      return 'SequencedData';
    case SoupPacketType.SERVER_HEARTBEAT:
      return 'ServerHeartbeat';
    case SoupPacketType.END_OF_SESSION:
      return 'EndOfSession';
    case SoupPacketType.LOGIN_REQUEST:
      return 'LoginRequest';
    case SoupPacketType.UNSEQUENCED_DATA:
      return 'UnsequencedData';
    case SoupPacketType.CLIENT_HEARTBEAT:
      return 'ClientHeartbeat';
    case SoupPacketType.LOGOUT_REQUEST:
      return 'LogoutRequest';
    default:
      return `Unknown(0x${type.toString(16).padStart(2, '0')})`;
  }
}
