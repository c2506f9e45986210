// Reader of the NASDAQ binary file framing used for ITCH replay files: each message is preceded
// by its length as a 2-byte big-endian integer.
//
//   +--------+----------------+--------+----------------+----
//   | len u16| message (len)  | len u16| message (len)  | ...
//   +--------+----------------+--------+----------------+----
//
// The reader walks a Uint8Array (a Node Buffer is one) in place: `next()` returns the length of
// the next message and leaves its offset in `messageOffset`; no bytes are copied, nothing is
// allocated. On damaged framing it returns a negative FramingStatus (counted when given
// counters) and stays where it is, so a streaming caller can keep the partial frame and retry
// once more bytes arrive; a file reader simply stops at the first negative.
import type { ItchErrorCounters } from '../itch/itch-error-counters.ts';
import { FramingStatus } from './framing-status.ts';

const EMPTY = new Uint8Array(0);

/** Bytes of the length prefix. */
export const FRAME_HEADER_LENGTH = 2;

export class NasdaqFrameReader {
  buffer: Uint8Array = EMPTY;
  /** Offset of the next frame's length prefix. */
  position = 0;
  /** End (exclusive) of the readable range. */
  end = 0;
  /** Offset and length of the message returned by the last successful `next()`. */
  messageOffset = 0;
  messageLength = 0;
  private readonly errors: ItchErrorCounters | undefined;

  constructor(errors?: ItchErrorCounters) {
    this.errors = errors;
  }

  /** Starts reading `buffer[offset .. end)` (clamped to the buffer). Returns this. */
  reset(buffer: Uint8Array, offset = 0, end = buffer.length): this {
    this.buffer = buffer;
    this.end = Math.max(0, Math.min(end, buffer.length));
    this.position = Math.max(0, Math.min(offset, this.end));
    this.messageOffset = this.position;
    this.messageLength = 0;
    return this;
  }

  /** Length of the next message (its bytes at `messageOffset`), or a negative FramingStatus. */
  next(): number {
    const p = this.position;
    const remaining = this.end - p;
    if (remaining <= 0) return FramingStatus.END_OF_DATA;
    if (remaining < FRAME_HEADER_LENGTH) return this.fail(FramingStatus.TRUNCATED_HEADER, p);
    const b = this.buffer;
    const len = (b[p]! << 8) | b[p + 1]!;
    if (len > remaining - FRAME_HEADER_LENGTH) return this.fail(FramingStatus.LENGTH_BEYOND_BUFFER, p);
    this.messageOffset = p + FRAME_HEADER_LENGTH;
    this.messageLength = len;
    this.position = p + FRAME_HEADER_LENGTH + len;
    return len;
  }

  /** Bytes not yet consumed (a partial frame, after a negative status). */
  remaining(): number {
    return this.end - this.position;
  }

  private fail(status: number, at: number): number {
    return this.errors === undefined ? status : this.errors.record(status, at);
  }
}
