// Deterministic slot payloads for SPSC tests: every word of an event is a function of its
// sequence number, so a consumer can detect a torn slot (words from two different events) and
// both sides can compute the same order-sensitive checksum.

/** Word k (k >= 1) of event `seq`. */
export function payloadWord(seq: number, k: number): number {
  let h = Math.imul(seq ^ (k * 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) | 0;
}

/** Folds one event into a running checksum (order-sensitive). */
export function foldChecksum(checksum: number, seq: number): number {
  return (Math.imul(checksum ^ seq, 0x01000193) + payloadWord(seq, 1)) | 0;
}

/** Writes event `seq` into `words` Int32 words at `i32[index...]`. */
export function writePayload(i32: Int32Array, index: number, words: number, seq: number): void {
  i32[index] = seq;
  for (let k = 1; k < words; k++) {
    i32[index + k] = payloadWord(seq, k);
  }
}

/** Returns true when the event at `i32[index...]` is exactly event `seq`, untorn. */
export function checkPayload(i32: Int32Array, index: number, words: number, seq: number): boolean {
  if (i32[index] !== seq) {
    return false;
  }
  for (let k = 1; k < words; k++) {
    if (i32[index + k] !== payloadWord(seq, k)) {
      return false;
    }
  }
  return true;
}
