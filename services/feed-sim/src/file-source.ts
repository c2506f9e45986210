// Replays a NASDAQ-framed ITCH 5.0 file (2-byte big-endian length before each message), read
// whole into memory at start (the shared samples are a few MB; a full-day TotalView file would
// want a streaming reader). Damaged framing ends the replay at the last whole message and is
// reported, never thrown mid-stream.
import { readFileSync } from 'node:fs';
import { NasdaqFrameReader, FramingStatus } from '@ringside/protocols';
import type { FeedSource } from '@ringside/marketgen';
import { FeedSimError, FeedSimErrorCode } from './config.ts';
import { itchTimestamp } from './feed-source.ts';

export class FileFeedSource implements FeedSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  offset = 0;
  timestampNs = 0;
  /** Non-zero FramingStatus when the file ended on damaged framing. */
  framingError = 0;
  /** Byte offset of that damage. */
  framingErrorAt = -1;
  private readonly reader = new NasdaqFrameReader();
  private finished = false;

  constructor(path: string) {
    try {
      this.bytes = readFileSync(path);
    } catch (err) {
      throw new FeedSimError(FeedSimErrorCode.SOURCE, `cannot read ITCH file ${path}: ${String(err)}`, {
        cause: err,
      });
    }
    this.name = `file ${path}`;
    this.reader.reset(this.bytes);
  }

  next(_nowNs: number): number {
    if (this.finished) return 0;
    let len = this.reader.next();
    while (len === 0) len = this.reader.next(); // an empty frame carries no message: skip it
    if (len < 0) {
      if (len !== FramingStatus.END_OF_DATA) {
        this.framingError = len;
        this.framingErrorAt = this.reader.position;
      }
      return 0;
    }
    this.offset = this.reader.messageOffset;
    this.timestampNs = len >= 11 ? itchTimestamp(this.bytes, this.offset) : this.timestampNs;
    return len;
  }

  /** Stops the replay here (a message or time bound was reached). */
  finish(): void {
    this.finished = true;
  }
}
