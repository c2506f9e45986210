// Base of the OUCH decoders. A flyweight is a reusable view: `wrap(buffer, offset, length)`
// validates one message in place and, only when it is valid, points the view at it; getters
// then read fields straight from the bytes. Nothing is copied or allocated per message. A
// flyweight whose wrap failed keeps pointing at the last valid message (or at nothing), and
// records in `badField` which field failed, so a venue can answer with the matching reject reason.
import { isSafeU64, readU64, STOCK_LENGTH } from '../itch/itch-bytes.ts';
import { NS_PER_DAY } from '../itch/itch-flyweight.ts';
import { OUT_HEADER } from './ouch-descriptor.ts';
import { OuchStatus } from './ouch-status.ts';
import { copyToken, readTokenBase36, tokenToString } from './ouch-token.ts';

const EMPTY = new Uint8Array(0);

/** Where a decoder learns which field a flyweight rejected. */
export interface OuchBadFieldSink {
  badField: number;
}

/**
 * Checks what every message of one direction shares: bounds, type byte, the official length.
 * `lengths` is that direction's type → length table. Reads nothing outside [o, o + len).
 */
export function checkOuchFrame(
  b: Uint8Array,
  o: number,
  len: number,
  type: number,
  length: number,
  lengths: Uint8Array,
): number {
  if (o < 0 || len < 1 || o + len > b.length) return OuchStatus.TRUNCATED;
  const t = b[o]!;
  if (t !== type) return lengths[t] === 0 ? OuchStatus.UNKNOWN_TYPE : OuchStatus.TYPE_MISMATCH;
  if (len !== length) return OuchStatus.WRONG_LENGTH;
  return OuchStatus.OK;
}

/** `n` bytes at `at` are printable ASCII (0x20..0x7E). */
export function isPrintable(b: Uint8Array, at: number, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ch = b[at + i]!;
    if (ch < 0x20 || ch > 0x7e) return false;
  }
  return true;
}

export class OuchFlyweight {
  /** The wrapped buffer (an empty array before the first successful wrap). */
  buffer: Uint8Array = EMPTY;
  /** Offset of the message's type byte in `buffer`. */
  offset = 0;
  /** Offset within the message of the field the last failed wrap rejected; -1 for none. */
  badField = -1;
  /** Set by a decoder: learns `badField` too. */
  sink: OuchBadFieldSink | undefined = undefined;
  /** Offset within the message of its (first) order token. */
  protected readonly tokenField: number;

  constructor(tokenField: number) {
    this.tokenField = tokenField;
  }

  protected attach(b: Uint8Array, o: number): number {
    this.buffer = b;
    this.offset = o;
    this.badField = -1;
    return OuchStatus.OK;
  }

  /** Records the failing field (-1: not a field, e.g. a wrong length) and returns `status`. */
  protected fail(field: number, status: number): number {
    this.badField = field;
    if (this.sink !== undefined) this.sink.badField = field;
    return status;
  }

  get type(): number {
    return this.buffer[this.offset]!;
  }

  /** Absolute offset of the order token in `buffer` (to copy, compare or hash it in place). */
  get tokenAt(): number {
    return this.offset + this.tokenField;
  }

  /** The token read as a base-36 id (see ouch-token.ts), or OuchStatus.BAD_TOKEN. */
  get tokenId(): number {
    return readTokenBase36(this.buffer, this.offset + this.tokenField);
  }

  /** Copies the 14 token bytes into `dst` at `at`; returns 14. */
  copyToken(dst: Uint8Array, at: number): number {
    return copyToken(this.buffer, this.offset + this.tokenField, dst, at);
  }

  /** Control plane / tests: the token as a string, padding kept (allocates). */
  tokenString(): string {
    return tokenToString(this.buffer, this.offset + this.tokenField);
  }
}

/** Outbound messages: a u64 timestamp after the type byte. */
export class OuchOutboundFlyweight extends OuchFlyweight {
  /** Nanoseconds since midnight (validated below one day, so exact as a double). */
  get timestamp(): number {
    return readU64(this.buffer, this.offset + OUT_HEADER.TIMESTAMP);
  }
}

/** The outbound timestamp is a safe integer below one day. */
export function checkTimestamp(b: Uint8Array, o: number): boolean {
  const at = o + OUT_HEADER.TIMESTAMP;
  return isSafeU64(b, at) && readU64(b, at) < NS_PER_DAY;
}

/** Copies 8 stock bytes; returns 8. */
export function copyStockBytes(src: Uint8Array, srcAt: number, dst: Uint8Array, dstAt: number): number {
  for (let i = 0; i < STOCK_LENGTH; i++) dst[dstAt + i] = src[srcAt + i]!;
  return STOCK_LENGTH;
}
