// OUCH order tokens: 14 ASCII bytes, day-unique per firm. Ringside writes a numeric client order
// id as a token right-aligned and zero-padded, in base 36 (digits 0-9 then A-Z), so every safe
// integer fits (36^14 ≈ 6.1e21 > 2^53) and every byte is alphanumeric; a decimal variant is
// there for venues or tests that want readable tokens (up to 10^14 - 1). Parsing also accepts
// the left-justified, space-padded form other clients send. No allocation, no throwing: bad
// input returns OuchStatus.BAD_TOKEN (or NO_ROOM when the destination is too short).
import { OUCH_TOKEN_LENGTH } from './ouch-descriptor.ts';
import { OuchStatus } from './ouch-status.ts';

const ZERO = 0x30;
const NINE = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const SPACE = 0x20;
const TILDE = 0x7e;
const LEN = OUCH_TOKEN_LENGTH;

/** Largest id a decimal token holds (14 digits). */
export const MAX_DECIMAL_TOKEN_ID = 99_999_999_999_999;

function writeRadix(b: Uint8Array, at: number, id: number, radix: number, max: number): number {
  if (at < 0 || at + LEN > b.length) return OuchStatus.NO_ROOM;
  if (!Number.isSafeInteger(id) || id < 0 || id > max) return OuchStatus.BAD_TOKEN;
  let v = id;
  for (let i = LEN - 1; i >= 0; i--) {
    const q = Math.floor(v / radix);
    const d = v - q * radix;
    b[at + i] = d < 10 ? ZERO + d : UPPER_A + d - 10;
    v = q;
  }
  return LEN;
}

/** Writes `id` (0 ≤ id ≤ 2^53 - 1) as a 14-byte base-36 token at `at`; returns 14 or a status. */
export function writeTokenBase36(b: Uint8Array, at: number, id: number): number {
  return writeRadix(b, at, id, 36, Number.MAX_SAFE_INTEGER);
}

/** Writes `id` (0 ≤ id ≤ 10^14 - 1) as a 14-digit decimal token at `at`; returns 14 or a status. */
export function writeTokenDecimal(b: Uint8Array, at: number, id: number): number {
  return writeRadix(b, at, id, 10, MAX_DECIMAL_TOKEN_ID);
}

function digit(ch: number, radix: number): number {
  let d = 99;
  if (ch >= ZERO && ch <= NINE) d = ch - ZERO;
  else if (ch >= UPPER_A && ch <= UPPER_Z) d = ch - UPPER_A + 10;
  else if (ch >= LOWER_A && ch <= LOWER_Z) d = ch - LOWER_A + 10;
  return d < radix ? d : -1;
}

// Spaces may pad either side (right-aligned or left-justified), never sit between digits.
function readRadix(b: Uint8Array, at: number, radix: number): number {
  if (at < 0 || at + LEN > b.length) return OuchStatus.BAD_TOKEN;
  let i = 0;
  while (i < LEN && b[at + i] === SPACE) i++;
  let end = LEN;
  while (end > i && b[at + end - 1] === SPACE) end--;
  if (i === end) return OuchStatus.BAD_TOKEN;
  let v = 0;
  for (; i < end; i++) {
    const d = digit(b[at + i]!, radix);
    if (d < 0) return OuchStatus.BAD_TOKEN;
    if (v > (Number.MAX_SAFE_INTEGER - d) / radix) return OuchStatus.BAD_TOKEN;
    v = v * radix + d;
  }
  return v;
}

/** The id of a base-36 token (either case), or OuchStatus.BAD_TOKEN. */
export function readTokenBase36(b: Uint8Array, at: number): number {
  return readRadix(b, at, 36);
}

/** The id of a decimal token, or OuchStatus.BAD_TOKEN. */
export function readTokenDecimal(b: Uint8Array, at: number): number {
  return readRadix(b, at, 10);
}

/** 14 printable ASCII bytes, not all spaces: what a venue accepts as a token. */
export function isValidToken(b: Uint8Array, at: number): boolean {
  if (at < 0 || at + LEN > b.length) return false;
  let blank = true;
  for (let i = 0; i < LEN; i++) {
    const ch = b[at + i]!;
    if (ch < SPACE || ch > TILDE) return false;
    if (ch !== SPACE) blank = false;
  }
  return !blank;
}

/** Copies a 14-byte token; returns 14 (the caller guarantees both ranges). */
export function copyToken(src: Uint8Array, srcAt: number, dst: Uint8Array, dstAt: number): number {
  for (let i = 0; i < LEN; i++) dst[dstAt + i] = src[srcAt + i]!;
  return LEN;
}

/** The two 14-byte tokens are byte-equal. */
export function tokenEquals(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): boolean {
  for (let i = 0; i < LEN; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}

/** Control plane / tests: a token as a string, padding kept (allocates). */
export function tokenToString(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < LEN; i++) s += String.fromCharCode(b[at + i]!);
  return s;
}

/** Control plane / tests: writes `text` (≤ 14 printable ASCII) left-justified, space padded. */
export function writeTokenString(b: Uint8Array, at: number, text: string): void {
  if (text.length > LEN || !/^[\x20-\x7e]*$/.test(text)) throw new RangeError(`bad OUCH token '${text}'`);
  for (let i = 0; i < LEN; i++) b[at + i] = i < text.length ? text.charCodeAt(i) : SPACE;
}
