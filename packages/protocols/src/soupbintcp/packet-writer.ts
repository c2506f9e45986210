// Encodes SoupBinTCP packets into caller-owned buffers. Each function returns the number of
// bytes written, or a negative SoupStatus; none allocates.
import {
  LOGIN_ACCEPTED_PACKET_BYTES,
  LOGIN_ACCEPTED_PAYLOAD_BYTES,
  LOGIN_ACCEPTED_SEQUENCE_OFFSET,
  LOGIN_ACCEPTED_SESSION_OFFSET,
  LOGIN_REJECTED_PACKET_BYTES,
  LOGIN_REJECTED_REASON_OFFSET,
  LOGIN_REQUEST_PACKET_BYTES,
  LOGIN_REQUEST_PASSWORD_OFFSET,
  LOGIN_REQUEST_PAYLOAD_BYTES,
  LOGIN_REQUEST_SEQUENCE_OFFSET,
  LOGIN_REQUEST_SESSION_OFFSET,
  LOGIN_REQUEST_USERNAME_OFFSET,
  SOUP_EMPTY_PACKET_BYTES,
  SOUP_HEADER_BYTES,
  SOUP_MAX_LENGTH_FIELD,
  SOUP_PASSWORD_BYTES,
  SOUP_PAYLOAD_OFFSET,
  SOUP_SEQUENCE_BYTES,
  SOUP_SESSION_BYTES,
  SOUP_TYPE_OFFSET,
  SOUP_USERNAME_BYTES,
  SoupPacketType,
} from './soupbintcp-descriptor.ts';
import { SoupStatus } from './soupbintcp-status.ts';
import { writeSoupAlphaLeft, writeSoupAlphaRight, writeSoupNumeric } from './ascii-fields.ts';

/**
 * Writes the 3-byte header (length + type) of a packet whose payload is `payloadLength` bytes.
 * The payload itself is the caller's to place at `offset + SOUP_PAYLOAD_OFFSET`.
 */
export function writeSoupPacketHeader(
  dst: Uint8Array,
  offset: number,
  type: number,
  payloadLength: number,
): number {
  const length = payloadLength + 1;
  if (payloadLength < 0 || length > SOUP_MAX_LENGTH_FIELD) return SoupStatus.PAYLOAD_TOO_LONG;
  if (offset < 0 || offset + SOUP_HEADER_BYTES > dst.length) return SoupStatus.BUFFER_TOO_SMALL;
  dst[offset] = length >>> 8;
  dst[offset + 1] = length & 0xff;
  dst[offset + SOUP_TYPE_OFFSET] = type;
  return SOUP_HEADER_BYTES;
}

/** Writes a packet with payload copied from `src[srcOffset, srcOffset + length)`. */
export function writeSoupDataPacket(
  dst: Uint8Array,
  offset: number,
  type: number,
  src: Uint8Array,
  srcOffset: number,
  length: number,
): number {
  const total = SOUP_HEADER_BYTES + length;
  if (offset + total > dst.length) return SoupStatus.BUFFER_TOO_SMALL;
  const h = writeSoupPacketHeader(dst, offset, type, length);
  if (h < 0) return h;
  const base = offset + SOUP_PAYLOAD_OFFSET;
  for (let i = 0; i < length; i++) dst[base + i] = src[srcOffset + i] ?? 0;
  return total;
}

/** Writes a packet without payload (heartbeats, end of session, logout request). */
export function writeSoupEmptyPacket(dst: Uint8Array, offset: number, type: number): number {
  const h = writeSoupPacketHeader(dst, offset, type, 0);
  return h < 0 ? h : SOUP_EMPTY_PACKET_BYTES;
}

export interface SoupLoginRequestFields {
  username: string;
  password: string;
  /** '' (all spaces on the wire) = the currently active session. */
  session: string;
  /** Next sequence number wanted: 1 = from the start, 0 = only new messages. */
  sequenceNumber: number;
}

export function writeSoupLoginRequest(
  dst: Uint8Array,
  offset: number,
  fields: SoupLoginRequestFields,
): number {
  if (offset + LOGIN_REQUEST_PACKET_BYTES > dst.length) return SoupStatus.BUFFER_TOO_SMALL;
  const h = writeSoupPacketHeader(dst, offset, SoupPacketType.LOGIN_REQUEST, LOGIN_REQUEST_PAYLOAD_BYTES);
  if (h < 0) return h;
  if (
    writeSoupAlphaLeft(dst, offset + LOGIN_REQUEST_USERNAME_OFFSET, SOUP_USERNAME_BYTES, fields.username) <
      0 ||
    writeSoupAlphaLeft(dst, offset + LOGIN_REQUEST_PASSWORD_OFFSET, SOUP_PASSWORD_BYTES, fields.password) <
      0 ||
    writeSoupAlphaRight(dst, offset + LOGIN_REQUEST_SESSION_OFFSET, SOUP_SESSION_BYTES, fields.session) < 0 ||
    writeSoupNumeric(
      dst,
      offset + LOGIN_REQUEST_SEQUENCE_OFFSET,
      SOUP_SEQUENCE_BYTES,
      fields.sequenceNumber,
    ) < 0
  ) {
    return SoupStatus.BAD_FIELD;
  }
  return LOGIN_REQUEST_PACKET_BYTES;
}

export function writeSoupLoginAccepted(
  dst: Uint8Array,
  offset: number,
  session: string,
  sequenceNumber: number,
): number {
  if (offset + LOGIN_ACCEPTED_PACKET_BYTES > dst.length) return SoupStatus.BUFFER_TOO_SMALL;
  const h = writeSoupPacketHeader(dst, offset, SoupPacketType.LOGIN_ACCEPTED, LOGIN_ACCEPTED_PAYLOAD_BYTES);
  if (h < 0) return h;
  if (
    writeSoupAlphaRight(dst, offset + LOGIN_ACCEPTED_SESSION_OFFSET, SOUP_SESSION_BYTES, session) < 0 ||
    writeSoupNumeric(dst, offset + LOGIN_ACCEPTED_SEQUENCE_OFFSET, SOUP_SEQUENCE_BYTES, sequenceNumber) < 0
  ) {
    return SoupStatus.BAD_FIELD;
  }
  return LOGIN_ACCEPTED_PACKET_BYTES;
}

export function writeSoupLoginRejected(dst: Uint8Array, offset: number, reason: number): number {
  if (offset + LOGIN_REJECTED_PACKET_BYTES > dst.length) return SoupStatus.BUFFER_TOO_SMALL;
  const h = writeSoupPacketHeader(dst, offset, SoupPacketType.LOGIN_REJECTED, 1);
  if (h < 0) return h;
  dst[offset + LOGIN_REJECTED_REASON_OFFSET] = reason;
  return LOGIN_REJECTED_PACKET_BYTES;
}
