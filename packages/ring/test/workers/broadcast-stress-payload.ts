/**
 * The stress test's event format, shared by its producer and consumer workers. A 64-byte slot:
 *   word 0      SEQUENCE (written by the ring)
 *   word 1      TYPE = event count & 0xffff
 *   word 2      event count (0, 1, 2, ... in publish order)
 *   words 3-14  mix(count, word): each word depends on the count, so a slot mixing two events fails
 *   word 15     checksum of words 0-14
 * A consumer checks every word, the checksum, and that SEQUENCE = start + count (mod 2^32).
 */
export const SLOT_BYTES = 64;
export const SLOT_WORDS = SLOT_BYTES >> 2;
const CHECKSUM_WORD = SLOT_WORDS - 1;

export function mix(count: number, word: number): number {
  let h = Math.imul(count ^ Math.imul(word, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}

export function checksum(words: Int32Array, base: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < CHECKSUM_WORD; i++) {
    h = Math.imul(h ^ words[base + i], 0x01000193);
    h ^= h >>> 15;
  }
  return h;
}

/** Fills the slot at word index `base` (its SEQUENCE already written by claim). */
export function writeEvent(words: Int32Array, base: number, count: number): void {
  words[base + 1] = count & 0xffff;
  words[base + 2] = count;
  for (let i = 3; i < CHECKSUM_WORD; i++) {
    words[base + i] = mix(count, i);
  }
  words[base + CHECKSUM_WORD] = checksum(words, base);
}

/** 0 if the event at word index `base` is intact and belongs to its sequence, else a reason code. */
export function checkEvent(words: Int32Array, base: number, start: number): number {
  const count = words[base + 2];
  if (words[base + CHECKSUM_WORD] !== checksum(words, base)) {
    return 1;
  }
  if (words[base] !== ((start + count) | 0) || words[base + 1] !== (count & 0xffff)) {
    return 2;
  }
  for (let i = 3; i < CHECKSUM_WORD; i++) {
    if (words[base + i] !== mix(count, i)) {
      return 3;
    }
  }
  return 0;
}
