// Writer of the NASDAQ file framing (2-byte big-endian length, then the message) into a
// caller's buffer. Encode straight into place, then commit the length:
//
//   const n = encodeAddOrder(w.buffer, w.messageOffset, fields);
//   if (n < 0 || w.commit(n) < 0) ...  // buffer full: flush and reset
//
// Nothing is allocated; a full buffer is reported with a negative FramingStatus, never thrown.
import { FRAME_HEADER_LENGTH } from './nasdaq-frame-reader.ts';
import { FramingStatus } from './framing-status.ts';

const MAX_FRAME_LENGTH = 0xffff;

export class NasdaqFrameWriter {
  readonly buffer: Uint8Array;
  /** Offset of the next frame's length prefix (= bytes written so far, from the start offset). */
  position: number;
  private readonly start: number;

  constructor(buffer: Uint8Array, offset = 0) {
    this.buffer = buffer;
    this.start = offset;
    this.position = offset;
  }

  /** Where the next message's bytes go (after its length prefix). */
  get messageOffset(): number {
    return this.position + FRAME_HEADER_LENGTH;
  }

  /** Room left for the next message's bytes. */
  remaining(): number {
    return Math.max(0, this.buffer.length - this.position - FRAME_HEADER_LENGTH);
  }

  /**
   * Frames the `length` bytes already written at `messageOffset`. Returns the new position, or
   * FramingStatus.LENGTH_BEYOND_BUFFER when they do not fit (or exceed 65535).
   */
  commit(length: number): number {
    if (length < 0 || length > MAX_FRAME_LENGTH || length > this.remaining()) {
      return FramingStatus.LENGTH_BEYOND_BUFFER;
    }
    const p = this.position;
    this.buffer[p] = length >>> 8;
    this.buffer[p + 1] = length;
    this.position = p + FRAME_HEADER_LENGTH + length;
    return this.position;
  }

  /** Copies one message `src[from .. from+length)` into a new frame. Same result as `commit`. */
  append(src: Uint8Array, from: number, length: number): number {
    if (from < 0 || length < 0 || from + length > src.length) return FramingStatus.LENGTH_BEYOND_BUFFER;
    if (length > MAX_FRAME_LENGTH || length > this.remaining()) return FramingStatus.LENGTH_BEYOND_BUFFER;
    const dst = this.buffer;
    const at = this.position + FRAME_HEADER_LENGTH;
    for (let i = 0; i < length; i++) dst[at + i] = src[from + i]!;
    return this.commit(length);
  }

  /** Bytes framed since construction or the last `reset`. */
  get written(): number {
    return this.position - this.start;
  }

  /** Starts over at the start offset (after the caller flushed `buffer`). */
  reset(): void {
    this.position = this.start;
  }
}
