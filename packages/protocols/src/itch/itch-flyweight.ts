// Base of the ITCH decoders. A flyweight is a reusable view: `wrap(buffer, offset, length)`
// validates one message in place and, only when it is valid, points the view at it; each getter
// then reads its field straight from the bytes. Nothing is copied or allocated per message.
// A flyweight whose wrap failed keeps pointing at the last valid message (or at nothing).
import {
  isPrintableStock,
  readStockKey,
  readU16,
  readU48,
  readU8,
  STOCK_LENGTH,
  stockKeyToString,
} from './itch-bytes.ts';
import { HEADER, ITCH_LENGTH_BY_TYPE } from './itch-descriptor.ts';
import { ItchStatus } from './itch-status.ts';

const EMPTY = new Uint8Array(0);

/** Nanoseconds in a day: an ITCH timestamp (ns since midnight) is always below it. */
export const NS_PER_DAY = 86_400_000_000_000;

/**
 * Checks what every message shares: bounds, type byte, the official length, a timestamp within
 * the day. Returns ItchStatus.OK or the kind of damage. Reads nothing outside [o, o + len).
 */
export function checkFrame(b: Uint8Array, o: number, len: number, type: number, length: number): number {
  if (o < 0 || len < 1 || o + len > b.length) return ItchStatus.TRUNCATED;
  const t = b[o]!;
  if (t !== type) return ITCH_LENGTH_BY_TYPE[t] === 0 ? ItchStatus.UNKNOWN_TYPE : ItchStatus.TYPE_MISMATCH;
  if (len !== length) return ItchStatus.WRONG_LENGTH;
  if (readU48(b, o + HEADER.TIMESTAMP) >= NS_PER_DAY) return ItchStatus.BAD_FIELD_VALUE;
  return ItchStatus.OK;
}

export class ItchFlyweight {
  /** The wrapped buffer (an empty array before the first successful wrap). */
  buffer: Uint8Array = EMPTY;
  /** Offset of the message's type byte in `buffer`. */
  offset = 0;

  protected attach(b: Uint8Array, o: number): number {
    this.buffer = b;
    this.offset = o;
    return ItchStatus.OK;
  }

  get type(): number {
    return readU8(this.buffer, this.offset);
  }

  get stockLocate(): number {
    return readU16(this.buffer, this.offset + HEADER.LOCATE);
  }

  get trackingNumber(): number {
    return readU16(this.buffer, this.offset + HEADER.TRACKING);
  }

  /** Nanoseconds since midnight (48 bits: exact as a double). */
  get timestamp(): number {
    return readU48(this.buffer, this.offset + HEADER.TIMESTAMP);
  }
}

/** A flyweight over a message with an 8-byte stock symbol at a fixed offset. */
export class ItchStockFlyweight extends ItchFlyweight {
  protected readonly stockAt: number;

  constructor(stockAt: number) {
    super();
    this.stockAt = stockAt;
  }

  /** The symbol as a stock key (exact integer, see itch-bytes.ts). */
  get stock(): number {
    return readStockKey(this.buffer, this.offset + this.stockAt);
  }

  /** Copies the 8 space-padded symbol bytes into `dst` at `at`; returns 8. */
  copyStock(dst: Uint8Array, at: number): number {
    const from = this.offset + this.stockAt;
    for (let i = 0; i < STOCK_LENGTH; i++) dst[at + i] = this.buffer[from + i]!;
    return STOCK_LENGTH;
  }

  /** Control plane / tests only: the symbol as a trimmed string (allocates). */
  stockString(): string {
    return stockKeyToString(this.stock);
  }
}

/** Stock bytes are printable ASCII (otherwise the stock key would be meaningless). */
export function checkStock(b: Uint8Array, at: number): number {
  return isPrintableStock(b, at) ? ItchStatus.OK : ItchStatus.BAD_FIELD_VALUE;
}
