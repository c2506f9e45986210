// Fixed-width ASCII fields of SoupBinTCP login packets (formats documented in
// soupbintcp-descriptor.ts). Numeric fields are parsed without strings or BigInt.
import { SOUP_MAX_SEQUENCE } from './soupbintcp-descriptor.ts';
import { SoupStatus } from './soupbintcp-status.ts';

const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;

/** True when every character is printable ASCII (0x20..0x7e). */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Text fits an alpha field of `width` bytes (printable ASCII, no longer than the field). */
export function isValidAlpha(text: string, width: number): boolean {
  return text.length <= width && isPrintableAscii(text);
}

/**
 * Writes `text` left-justified, padded on the right with spaces (username, password).
 * Returns BAD_FIELD when the text does not fit; the caller validated at configuration time.
 */
export function writeSoupAlphaLeft(dst: Uint8Array, offset: number, width: number, text: string): number {
  if (!isValidAlpha(text, width)) return SoupStatus.BAD_FIELD;
  for (let i = 0; i < width; i++) dst[offset + i] = i < text.length ? text.charCodeAt(i) : SPACE;
  return width;
}

/** Writes `text` right-justified, padded on the left with spaces (session fields). */
export function writeSoupAlphaRight(dst: Uint8Array, offset: number, width: number, text: string): number {
  if (!isValidAlpha(text, width)) return SoupStatus.BAD_FIELD;
  const pad = width - text.length;
  for (let i = 0; i < width; i++) dst[offset + i] = i < pad ? SPACE : text.charCodeAt(i - pad);
  return width;
}

/** Reads an alpha field with spaces trimmed on both sides (control plane: allocates a string). */
export function readSoupAlpha(src: Uint8Array, offset: number, width: number): string {
  let start = offset;
  let end = offset + width;
  while (start < end && src[start] === SPACE) start++;
  while (end > start && src[end - 1] === SPACE) end--;
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(src[i] ?? 0);
  return out;
}

/** True when every byte of the field is printable ASCII. */
export function isPrintableField(src: Uint8Array, offset: number, width: number): boolean {
  for (let i = offset; i < offset + width; i++) {
    const c = src[i] ?? 0;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Writes a non-negative integer right-justified, padded on the left with spaces. Zero is
 * written as a single '0'.
 */
export function writeSoupNumeric(dst: Uint8Array, offset: number, width: number, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) return SoupStatus.BAD_FIELD;
  let v = value;
  let pos = offset + width - 1;
  do {
    if (pos < offset) return SoupStatus.BAD_FIELD;
    dst[pos--] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  } while (v > 0);
  while (pos >= offset) dst[pos--] = SPACE;
  return width;
}

/**
 * Reads a numeric field: optional spaces, digits, optional spaces. All spaces reads as 0
 * (peers that leave the field blank mean "no particular sequence"). Returns the value, or
 * BAD_FIELD for any other byte, spaces between digits, or a value beyond 2^53 - 1.
 */
export function readSoupNumeric(src: Uint8Array, offset: number, width: number): number {
  const end = offset + width;
  let i = offset;
  while (i < end && src[i] === SPACE) i++;
  let value = 0;
  let digits = 0;
  while (i < end) {
    const c = src[i] ?? 0;
    if (c < ZERO || c > NINE) break;
    value = value * 10 + (c - ZERO);
    digits++;
    if (value > SOUP_MAX_SEQUENCE) return SoupStatus.BAD_FIELD;
    i++;
  }
  while (i < end && src[i] === SPACE) i++;
  if (i !== end) return SoupStatus.BAD_FIELD;
  return digits === 0 ? 0 : value;
}
