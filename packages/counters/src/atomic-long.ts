// Single-writer store and lock-free load of the "atomic long" cell declared in
// atomic-long-descriptor.ts. Both are hot-path safe: no allocation, no throw.
//
// The cell is accessed through an Int32Array, never a Uint32Array: V8 boxes a Uint32 value
// above 2^31 into a heap number when it passes through Atomics.load/store (measured: GC events
// in a loop storing such values), while Int32 values stay unboxed. LO is therefore stored as
// the int32 bit pattern of the low 32 bits (`value | 0`) and read back with `>>> 0`.
import { ATOMIC_LONG } from './atomic-long-descriptor.ts';

const LO = ATOMIC_LONG.LO_INDEX;
const HI = ATOMIC_LONG.HI_INDEX;
const VERSION = ATOMIC_LONG.VERSION_INDEX;
const HI_WEIGHT = ATOMIC_LONG.HI_WEIGHT;

/** loadLong() gave up: the writer was changing HI during every attempt (it was preempted). */
export const LONG_READ_CONTENDED = -1;

/**
 * Attempts before loadLong() returns LONG_READ_CONTENDED. A HI change takes four stores, so a
 * reader only fails that often when the writer is descheduled in the middle of one; metrics are
 * best-effort, so the reader reports "no value now" instead of spinning for a time slice.
 */
export const MAX_LONG_READ_ATTEMPTS = 1024;

/**
 * Store `value` (an integer in [0, 2^53)) into the cell at word index `at`. Only the cell's one
 * writer may call this; the caller has validated `value`.
 */
export function storeLong(words: Int32Array, at: number, value: number): void {
  // ToInt32 keeps the low 32 bits of any integer up to 2^53 exactly; HI < 2^21 fits an int32.
  const hi = (value / HI_WEIGHT) | 0;
  const lo = value | 0;
  if (hi === words[at + HI]) {
    Atomics.store(words, at + LO, lo);
    return;
  }
  const version = words[at + VERSION];
  Atomics.store(words, at + VERSION, (version + 1) | 0);
  Atomics.store(words, at + LO, lo);
  Atomics.store(words, at + HI, hi);
  Atomics.store(words, at + VERSION, (version + 2) | 0);
}

/** The writer reading back its own cell: plain loads, it is the only one that changes it. */
export function peekLong(words: Int32Array, at: number): number {
  return words[at + HI] * HI_WEIGHT + (words[at + LO] >>> 0);
}

/** Read the cell from any thread: the value, or LONG_READ_CONTENDED. */
export function loadLong(words: Int32Array, at: number): number {
  for (let attempt = 0; attempt < MAX_LONG_READ_ATTEMPTS; attempt++) {
    const before = Atomics.load(words, at + VERSION);
    if ((before & 1) === 0) {
      const hi = Atomics.load(words, at + HI);
      const lo = Atomics.load(words, at + LO);
      if (Atomics.load(words, at + VERSION) === before) return hi * HI_WEIGHT + (lo >>> 0);
    }
  }
  return LONG_READ_CONTENDED;
}
