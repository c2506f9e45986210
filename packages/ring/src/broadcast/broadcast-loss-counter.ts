/**
 * The per-consumer loss count: a 53-bit integer in two Int32 words behind a seqlock version.
 *
 * Only the consumer that owns the line writes it (single writer), and only when it is lapped or
 * isolated, so the three seq-cst stores are off the per-event path. Readers (conductor, sidecar,
 * tests) retry while the version is odd or changed under them; after a bounded number of tries
 * they return the last value read, which is the "approximate under stress" the architecture
 * allows for metrics — it never blocks the writer.
 */
import { BroadcastRingDescriptor as D } from './broadcast-descriptor.ts';

const TWO_POW_32 = 4294967296;
const MAX_READ_TRIES = 64;

/** Writer side: stores `total` (a non-negative integer below 2^53) into the line at `line`. */
export function writeLoss(i32: Int32Array, line: number, total: number): void {
  const versionIndex = line + D.LOSS_VERSION_WORD;
  const version = Atomics.load(i32, versionIndex);
  const hi = Math.floor(total / TWO_POW_32);
  Atomics.store(i32, versionIndex, (version + 1) | 0);
  Atomics.store(i32, line + D.LOSS_LO_WORD, total | 0);
  Atomics.store(i32, line + D.LOSS_HI_WORD, hi | 0);
  Atomics.store(i32, versionIndex, (version + 2) | 0);
}

/** Reader side, any thread: the loss count of the line at `line`. */
export function readLoss(i32: Int32Array, line: number): number {
  const versionIndex = line + D.LOSS_VERSION_WORD;
  let value = 0;
  for (let i = 0; i < MAX_READ_TRIES; i++) {
    const before = Atomics.load(i32, versionIndex);
    const lo = Atomics.load(i32, line + D.LOSS_LO_WORD);
    const hi = Atomics.load(i32, line + D.LOSS_HI_WORD);
    value = hi * TWO_POW_32 + (lo >>> 0);
    if ((before & 1) === 0 && Atomics.load(i32, versionIndex) === before) {
      return value;
    }
  }
  return value;
}
