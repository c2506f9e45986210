// A source of NASDAQ-framed ITCH bytes (2-byte big-endian length before each message) for the
// replay agent: an in-memory file replayed N times, or a generator refilling a chunk. Control
// side of the replay path: refill() runs once per chunk, never per message.

export interface FramedSource {
  /** Short name for configurations and summaries. */
  readonly kind: 'file' | 'generator';
  /**
   * Makes the next chunk available in `buffer[0 .. n)` and returns n, or 0 when the source is
   * exhausted. A chunk holds whole frames, except that a damaged file may end mid-frame.
   */
  refill(): number;
  /** The chunk refill() last made available. */
  readonly buffer: Uint8Array;
}

/** Replays one in-memory buffer `loops` times. */
export class BufferFramedSource implements FramedSource {
  readonly kind = 'file';
  readonly buffer: Uint8Array;
  private readonly loops: number;
  private done = 0;

  constructor(buffer: Uint8Array, loops: number) {
    this.buffer = buffer;
    this.loops = loops;
  }

  refill(): number {
    if (this.done >= this.loops) return 0;
    this.done++;
    return this.buffer.length;
  }
}
