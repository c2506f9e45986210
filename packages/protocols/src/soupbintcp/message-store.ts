// The server's retained sequenced messages: a bounded byte ring holding ready-to-send
// Sequenced Data packets ('S' header included), so replay and live sending are the same
// operation: copy a run of whole packets from a client's cursor to the socket.
//
// Bounded by bytes AND by message count (both configurable); appending evicts the oldest
// messages. A client asking for an evicted sequence number starts at the oldest retained one and
// learns the gap from the Login Accepted sequence number (loss is counted, never silent).
//
// Layout: packets are contiguous in the ring. A packet that would straddle the physical end is
// written at offset 0 instead (the tail bytes are left unused). Positions are "virtual" (ever
// increasing doubles, exact to 2^53): physical = virtual % capacityBytes, and a skipped tail
// shows as a jump of the virtual position to the next multiple of capacityBytes.
//
//   bytes:  [ pkt n+2 | pkt n+3 | ... free ... | pkt n | pkt n+1 | unused tail ]
//   starts: virtual start of packet seq, at index seq % capacityMessages
import { SOUP_HEADER_BYTES, SOUP_MAX_LENGTH_FIELD, SoupPacketType } from './soupbintcp-descriptor.ts';
import { writeSoupPacketHeader } from './packet-writer.ts';
import { SoupBinTcpError, SoupErrorCode, SoupStatus } from './soupbintcp-status.ts';

export interface SoupMessageStoreOptions {
  /** Ring size in bytes (each message costs its payload + 3 header bytes). */
  capacityBytes: number;
  /** Most messages retained (index memory: 8 bytes each). */
  capacityMessages: number;
}

/** 64 MiB and 2^21 messages (16 MiB of index): about 1.7 M ITCH messages of ~36 bytes. */
export const SOUP_DEFAULT_STORE_OPTIONS: SoupMessageStoreOptions = {
  capacityBytes: 64 * 1024 * 1024,
  capacityMessages: 2 * 1024 * 1024,
};

export class SoupMessageStore {
  readonly capacityBytes: number;
  readonly capacityMessages: number;
  readonly bytes: Uint8Array;
  /** Oldest retained sequence number (== nextSequence when empty). */
  firstSequence = 1;
  /** Sequence number the next appended message gets. */
  nextSequence = 1;
  /** Messages evicted so far. */
  evicted = 0;
  /** Bytes of the last planRange() result. */
  plannedBytes = 0;
  private readonly starts: Float64Array;
  private tailVirtual = 0;

  constructor(options: SoupMessageStoreOptions = SOUP_DEFAULT_STORE_OPTIONS) {
    const { capacityBytes, capacityMessages } = options;
    if (!Number.isInteger(capacityBytes) || capacityBytes < SOUP_HEADER_BYTES + SOUP_MAX_LENGTH_FIELD) {
      throw new SoupBinTcpError(
        SoupErrorCode.BAD_CONFIG,
        `store capacityBytes must be an integer >= ${SOUP_HEADER_BYTES + SOUP_MAX_LENGTH_FIELD}, got ${capacityBytes}`,
      );
    }
    if (!Number.isInteger(capacityMessages) || capacityMessages < 1) {
      throw new SoupBinTcpError(
        SoupErrorCode.BAD_CONFIG,
        `store capacityMessages must be a positive integer, got ${capacityMessages}`,
      );
    }
    this.capacityBytes = capacityBytes;
    this.capacityMessages = capacityMessages;
    this.bytes = new Uint8Array(capacityBytes);
    this.starts = new Float64Array(capacityMessages);
  }

  /** Retained message count. */
  size(): number {
    return this.nextSequence - this.firstSequence;
  }

  /** Bytes occupied by retained packets (unused wrap tails included). */
  usedBytes(): number {
    if (this.size() === 0) return 0;
    return this.tailVirtual - this.startOf(this.firstSequence);
  }

  /**
   * Appends one message (payload `src[offset, offset + length)`) and returns its sequence
   * number, or PAYLOAD_TOO_LONG.
   */
  append(src: Uint8Array, offset: number, length: number): number {
    const packetBytes = SOUP_HEADER_BYTES + length;
    if (length + 1 > SOUP_MAX_LENGTH_FIELD) return SoupStatus.PAYLOAD_TOO_LONG;
    const cap = this.capacityBytes;
    let start = this.tailVirtual;
    const phys = start % cap;
    if (phys + packetBytes > cap) start += cap - phys; // keep the packet contiguous
    while (
      this.nextSequence > this.firstSequence &&
      (this.nextSequence - this.firstSequence >= this.capacityMessages ||
        start + packetBytes - this.startOf(this.firstSequence) > cap)
    ) {
      this.firstSequence++;
      this.evicted++;
    }
    const p = start % cap;
    writeSoupPacketHeader(this.bytes, p, SoupPacketType.SEQUENCED_DATA, length);
    const bytes = this.bytes;
    const base = p + SOUP_HEADER_BYTES;
    for (let i = 0; i < length; i++) bytes[base + i] = src[offset + i]!;
    const seq = this.nextSequence;
    this.starts[seq % this.capacityMessages] = start;
    this.tailVirtual = start + packetBytes;
    this.nextSequence = seq + 1;
    return seq;
  }

  /** Sequence number `seq` is retained. */
  has(seq: number): boolean {
    return seq >= this.firstSequence && seq < this.nextSequence;
  }

  /**
   * How many whole packets from `fromSeq` fit in `maxBytes` (at least one if any is retained,
   * so a packet larger than maxBytes still moves). Sets plannedBytes.
   */
  planRange(fromSeq: number, maxBytes: number): number {
    this.plannedBytes = 0;
    if (!this.has(fromSeq)) return 0;
    let seq = fromSeq;
    let bytes = 0;
    while (seq < this.nextSequence) {
      const n = this.packetBytes(seq);
      if (bytes + n > maxBytes && bytes > 0) break;
      bytes += n;
      seq++;
    }
    this.plannedBytes = bytes;
    return seq - fromSeq;
  }

  /**
   * Copies `count` packets from `fromSeq` into `out` at `outOffset` (the caller sized it with
   * planRange). Returns bytes copied, or BUFFER_TOO_SMALL / BAD_FIELD for a range not retained.
   */
  copyRange(fromSeq: number, count: number, out: Uint8Array, outOffset: number): number {
    if (count <= 0) return 0;
    if (!this.has(fromSeq) || !this.has(fromSeq + count - 1)) return SoupStatus.BAD_FIELD;
    const cap = this.capacityBytes;
    const end = fromSeq + count;
    let written = 0;
    let seq = fromSeq;
    while (seq < end) {
      // One contiguous run: packets whose virtual starts follow each other without a skip.
      const runStart = this.startOf(seq);
      let runEnd = runStart + this.packetBytes(seq);
      seq++;
      while (seq < end && this.startOf(seq) === runEnd) {
        runEnd += this.packetBytes(seq);
        seq++;
      }
      const len = runEnd - runStart;
      if (outOffset + written + len > out.length) return SoupStatus.BUFFER_TOO_SMALL;
      const p = runStart % cap;
      out.set(this.bytes.subarray(p, p + len), outOffset + written);
      written += len;
    }
    return written;
  }

  /** Drops everything (a new session). Sequence numbers restart at 1. */
  clear(): void {
    this.firstSequence = 1;
    this.nextSequence = 1;
    this.tailVirtual = 0;
    this.evicted = 0;
  }

  private startOf(seq: number): number {
    return this.starts[seq % this.capacityMessages]!;
  }

  private packetBytes(seq: number): number {
    const p = this.startOf(seq) % this.capacityBytes;
    return 2 + ((this.bytes[p]! << 8) | this.bytes[p + 1]!);
  }
}
