// Big-endian field access over a Uint8Array, byte by byte: no DataView (one per buffer would be
// an allocation whenever the buffer changes) and no BigInt. Every reader returns a plain number:
// 1/2/4-byte integers exactly, 6-byte timestamps exactly (< 2^48), 8-byte integers exactly only
// below 2^53 (Number.MAX_SAFE_INTEGER) — the decoder rejects larger ones as UNSAFE_INTEGER so a
// rounded order ref can never alias another order.
//
// Stock symbols (8 ASCII bytes, space padded) become a "stock key": the 8 bytes read as a base-95
// number over the printable range 0x20..0x7E. 95^8 ≈ 6.6e15 < 2^53, so the key is an exact safe
// integer, unique per symbol and ordered like the symbols themselves. The hot path compares keys,
// never strings.

const TWO_32 = 4294967296;
const TWO_21 = 2097152; // high word limit of a safe 64-bit integer: 2^53 / 2^32
const STOCK_BASE = 95;
const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;

/** Width in bytes of the stock symbol field. */
export const STOCK_LENGTH = 8;

export function readU8(b: Uint8Array, o: number): number {
  return b[o]!;
}

export function readU16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

export function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** 6-byte unsigned integer (ITCH timestamps: nanoseconds since midnight). */
export function readU48(b: Uint8Array, o: number): number {
  return readU16(b, o) * TWO_32 + readU32(b, o + 2);
}

/** 8-byte unsigned integer, exact below 2^53 (check with `isSafeU64` first). */
export function readU64(b: Uint8Array, o: number): number {
  return readU32(b, o) * TWO_32 + readU32(b, o + 4);
}

/** High 32 bits of an 8-byte integer are below 2^21, i.e. the value is below 2^53. */
export function isSafeU64(b: Uint8Array, o: number): boolean {
  return readU32(b, o) < TWO_21;
}

export function writeU8(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
}

export function writeU16(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 8;
  b[o + 1] = v;
}

export function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = v >>> 16;
  b[o + 2] = v >>> 8;
  b[o + 3] = v;
}

export function writeU48(b: Uint8Array, o: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  writeU16(b, o, hi);
  writeU32(b, o + 2, v - hi * TWO_32);
}

export function writeU64(b: Uint8Array, o: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  writeU32(b, o, hi);
  writeU32(b, o + 4, v - hi * TWO_32);
}

/** All 8 stock bytes are printable ASCII, so `readStockKey` is exact and unique. */
export function isPrintableStock(b: Uint8Array, o: number): boolean {
  for (let i = 0; i < STOCK_LENGTH; i++) {
    const c = b[o + i]!;
    if (c < PRINTABLE_FIRST || c > PRINTABLE_LAST) return false;
  }
  return true;
}

/** The 8 symbol bytes at `o` as a stock key (base-95 digits, first byte most significant). */
export function readStockKey(b: Uint8Array, o: number): number {
  let k = 0;
  for (let i = 0; i < STOCK_LENGTH; i++) k = k * STOCK_BASE + (b[o + i]! - PRINTABLE_FIRST);
  return k;
}

/** Writes the 8 symbol bytes of a stock key at `o` (inverse of `readStockKey`). */
export function writeStockKey(b: Uint8Array, o: number, key: number): void {
  let k = key;
  for (let i = STOCK_LENGTH - 1; i >= 0; i--) {
    const q = Math.floor(k / STOCK_BASE);
    b[o + i] = k - q * STOCK_BASE + PRINTABLE_FIRST;
    k = q;
  }
}

/** Largest valid stock key plus one (95^8). */
export const STOCK_KEY_LIMIT = STOCK_BASE ** STOCK_LENGTH;

// ---- control plane helpers (allocate: setup, tests, logs; never per event) ----

/** Stock key of a symbol of at most 8 printable ASCII characters, padded on the right with spaces. */
export function stockKey(symbol: string): number {
  if (symbol.length > STOCK_LENGTH) throw new RangeError(`stock symbol longer than 8: ${symbol}`);
  const bytes = new Uint8Array(STOCK_LENGTH).fill(0x20);
  for (let i = 0; i < symbol.length; i++) {
    const c = symbol.charCodeAt(i);
    if (c < PRINTABLE_FIRST || c > PRINTABLE_LAST)
      throw new RangeError(`non-printable stock symbol: ${symbol}`);
    bytes[i] = c;
  }
  return readStockKey(bytes, 0);
}

/** The symbol of a stock key with its padding spaces removed. */
export function stockKeyToString(key: number): string {
  const bytes = new Uint8Array(STOCK_LENGTH);
  writeStockKey(bytes, 0, key);
  return String.fromCharCode(...bytes).trimEnd();
}

/** A 4-character alpha field (MPID, attribution, trading-action reason) as its 32-bit integer. */
export function alpha4(text: string): number {
  if (text.length > 4) throw new RangeError(`alpha field longer than 4: ${text}`);
  const s = text.padEnd(4, ' ');
  return ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
}

/** Inverse of `alpha4`, padding kept. */
export function alpha4ToString(v: number): string {
  return String.fromCharCode(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** A 2-character alpha field (issue sub-type) as its 16-bit integer. */
export function alpha2(text: string): number {
  if (text.length > 2) throw new RangeError(`alpha field longer than 2: ${text}`);
  const s = text.padEnd(2, ' ');
  return (s.charCodeAt(0) << 8) | s.charCodeAt(1);
}

/** Inverse of `alpha2`, padding kept. */
export function alpha2ToString(v: number): string {
  return String.fromCharCode(v >>> 8, v & 0xff);
}

/** A single character as its byte code (control plane: `charCode('B') === 0x42`). */
export function charCode(c: string): number {
  return c.charCodeAt(0);
}
