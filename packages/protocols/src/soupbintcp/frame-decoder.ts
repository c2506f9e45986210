// Turns a TCP byte stream into SoupBinTCP packets without allocating. Whole packets inside a
// read are handed to the handler straight from the read buffer (zero copy); only a packet that
// straddles reads is copied, into one preallocated reassembly buffer sized for the largest
// packet the sanity limit allows. A length field of 0 or above the limit is fatal: on a stream
// protocol the next boundary cannot be found again, so the session must close.
import {
  SOUP_DEFAULT_MAX_PACKET_LENGTH,
  SOUP_LENGTH_FIELD_BYTES,
  SOUP_MAX_LENGTH_FIELD,
  SOUP_PAYLOAD_OFFSET,
  SOUP_TYPE_OFFSET,
} from './soupbintcp-descriptor.ts';
import { SoupBinTcpError, SoupErrorCode, SoupStatus } from './soupbintcp-status.ts';

export interface SoupPacketHandler {
  /**
   * One complete packet. `bytes[payloadOffset, payloadOffset + payloadLength)` is valid only
   * during the call (it may be the socket's static read buffer). Return a negative number to
   * stop decoding (the session is closing); the rest of the read is discarded.
   */
  onPacket(type: number, bytes: Uint8Array, payloadOffset: number, payloadLength: number): number;
}

export class SoupFrameDecoder {
  /** Largest accepted length field (type byte + payload). */
  readonly maxPacketLength: number;
  /** Length field of the packet that failed the sanity check (for the error report). */
  badLengthField = 0;
  private readonly handler: SoupPacketHandler;
  private readonly partial: Uint8Array;
  private pending = 0;
  private status: number = SoupStatus.OK;

  constructor(handler: SoupPacketHandler, maxPacketLength: number = SOUP_DEFAULT_MAX_PACKET_LENGTH) {
    if (
      !Number.isInteger(maxPacketLength) ||
      maxPacketLength < 1 ||
      maxPacketLength > SOUP_MAX_LENGTH_FIELD
    ) {
      throw new SoupBinTcpError(
        SoupErrorCode.BAD_CONFIG,
        `maxPacketLength must be an integer in 1..${SOUP_MAX_LENGTH_FIELD}, got ${maxPacketLength}`,
      );
    }
    this.handler = handler;
    this.maxPacketLength = maxPacketLength;
    this.partial = new Uint8Array(SOUP_LENGTH_FIELD_BYTES + maxPacketLength);
  }

  /** Bytes of an incomplete packet held back; non-zero at close means a truncated frame. */
  pendingBytes(): number {
    return this.pending;
  }

  /** SoupStatus.OK, or the fatal status that stopped this decoder. */
  failure(): number {
    return this.status;
  }

  /** Forget any partial packet and failure (new connection). */
  reset(): void {
    this.pending = 0;
    this.status = SoupStatus.OK;
    this.badLengthField = 0;
  }

  /**
   * Feed `src[offset, offset + length)`. Returns the number of packets delivered, or a
   * negative SoupStatus: FRAME_TOO_LONG / EMPTY_FRAME (fatal), STOPPED (handler asked),
   * DECODER_FAILED (called again after a fatal status without reset()).
   */
  push(src: Uint8Array, offset: number, length: number): number {
    if (this.status !== SoupStatus.OK) return SoupStatus.DECODER_FAILED;
    const end = offset + length;
    let pos = offset;
    let packets = 0;
    if (this.pending > 0) {
      const r = this.completePartial(src, pos, end);
      if (r < 0) return r;
      pos = r;
      if (this.pending > 0) return 0; // still incomplete: the whole read was consumed
      packets = 1;
    }
    const handler = this.handler;
    while (end - pos >= SOUP_LENGTH_FIELD_BYTES) {
      const lengthField = (src[pos]! << 8) | src[pos + 1]!;
      const bad = this.checkLength(lengthField);
      if (bad < 0) return bad;
      const total = SOUP_LENGTH_FIELD_BYTES + lengthField;
      if (end - pos < total) break;
      const r = handler.onPacket(
        src[pos + SOUP_TYPE_OFFSET]!,
        src,
        pos + SOUP_PAYLOAD_OFFSET,
        lengthField - 1,
      );
      pos += total;
      packets++;
      if (r < 0) return this.fail(SoupStatus.STOPPED);
    }
    const partial = this.partial;
    let n = 0;
    while (pos < end) partial[n++] = src[pos++]!;
    this.pending = n;
    return packets;
  }

  // Copies bytes into the reassembly buffer until the held packet is complete, then delivers
  // it. Returns the new read position, or a negative status.
  private completePartial(src: Uint8Array, start: number, end: number): number {
    const partial = this.partial;
    let pos = start;
    let pending = this.pending;
    while (pending < SOUP_LENGTH_FIELD_BYTES && pos < end) partial[pending++] = src[pos++]!;
    this.pending = pending;
    if (pending < SOUP_LENGTH_FIELD_BYTES) return pos;
    const lengthField = (partial[0]! << 8) | partial[1]!;
    const bad = this.checkLength(lengthField);
    if (bad < 0) return bad;
    const total = SOUP_LENGTH_FIELD_BYTES + lengthField;
    while (pending < total && pos < end) partial[pending++] = src[pos++]!;
    if (pending < total) {
      this.pending = pending;
      return pos;
    }
    this.pending = 0;
    const r = this.handler.onPacket(
      partial[SOUP_TYPE_OFFSET]!,
      partial,
      SOUP_PAYLOAD_OFFSET,
      lengthField - 1,
    );
    if (r < 0) return this.fail(SoupStatus.STOPPED);
    return pos;
  }

  private checkLength(lengthField: number): number {
    if (lengthField === 0) {
      this.badLengthField = 0;
      return this.fail(SoupStatus.EMPTY_FRAME);
    }
    if (lengthField > this.maxPacketLength) {
      this.badLengthField = lengthField;
      return this.fail(SoupStatus.FRAME_TOO_LONG);
    }
    return SoupStatus.OK;
  }

  private fail(status: number): number {
    this.status = status;
    this.pending = 0;
    return status;
  }
}
