// Shared by the encoders: room check and the 11-byte common header.
import { writeU16, writeU48 } from './itch-bytes.ts';
import type { ItchHeaderFields } from './itch-fields.ts';
import { HEADER } from './itch-descriptor.ts';

/** `length` bytes fit in `b` at offset `o`. */
export function hasRoom(b: Uint8Array, o: number, length: number): boolean {
  return o >= 0 && o + length <= b.length;
}

export function writeHeader(b: Uint8Array, o: number, type: number, f: ItchHeaderFields): void {
  b[o + HEADER.TYPE] = type;
  writeU16(b, o + HEADER.LOCATE, f.stockLocate);
  writeU16(b, o + HEADER.TRACKING, f.trackingNumber);
  writeU48(b, o + HEADER.TIMESTAMP, f.timestamp);
}
