/**
 * Client order ids: doubles, unique across hot-path process runs, built without coordination
 * between decision workers:
 *
 *   id = epoch × 2^36 + workerId × 2^32 + counter
 *
 *    52            36 35      32 31                              0
 *   ┌────────────────┬──────────┬─────────────────────────────────┐
 *   │ session epoch  │ workerId │ counter (per worker, from 1)    │
 *   │ 17 bits        │ 4 bits   │ 32 bits                         │
 *   └────────────────┴──────────┴─────────────────────────────────┘
 *
 * 17 + 4 + 32 = 53 bits, so every id is an exact integer double; 0 is never an id ("none").
 * The session epoch is claimed once at process start (session-epoch.ts): two runs of a host
 * have different epochs, so their ids (and every wire id built from them: OUCH tokens, FIX
 * ClOrdIDs) are disjoint even when the second run starts right after the first one crashed with
 * orders still live at the venue. 17 bits of one-second session numbers wrap after ~36 hours,
 * longer than a trading day (OUCH tokens are day-unique).
 * 4 worker bits hold 16 workers (the ring has 16 consumer lines). 2^32 - 1 orders per worker
 * per run: ~12 hours at 100k orders/s from one worker, far beyond any risk limit.
 * The counter is the low 32 bits, so `id mod WORKER_UNIT` is still the per-worker order number
 * (CompletionReader.orderNumber relies on it).
 * The gateway routes a completion back with the command's WORKER_ID (workerIdOfClientOrderId
 * gives the same value).
 */

export const ClientOrderId = {
  /** 2^32: the weight of the worker id (the counter is id mod WORKER_UNIT). */
  WORKER_UNIT: 4294967296,
  /** 2^36: the weight of the session epoch. */
  EPOCH_UNIT: 68719476736,
  WORKER_BITS: 4,
  EPOCH_BITS: 17,
  MAX_WORKER_ID: 15,
  MAX_COUNTER: 4294967295,
  MAX_EPOCH: 131071,
} as const;

/**
 * The id of a worker's `counter`-th order (counter >= 1) in session `epoch`. With counter 0 it
 * is the worker's base: base + counter is the id (what DecisionContext adds per order).
 */
export function clientOrderIdOf(workerId: number, counter: number, epoch = 0): number {
  return epoch * ClientOrderId.EPOCH_UNIT + workerId * ClientOrderId.WORKER_UNIT + counter;
}

const WORKERS = 2 ** ClientOrderId.WORKER_BITS;

/** The worker that issued `id`. */
export function workerIdOfClientOrderId(id: number): number {
  const high = Math.floor(id / ClientOrderId.WORKER_UNIT);
  return high - Math.floor(high / WORKERS) * WORKERS;
}

/** The per-worker counter of `id`. */
export function counterOfClientOrderId(id: number): number {
  return id - Math.floor(id / ClientOrderId.WORKER_UNIT) * ClientOrderId.WORKER_UNIT;
}

/** The session epoch of `id`. */
export function epochOfClientOrderId(id: number): number {
  return Math.floor(id / ClientOrderId.EPOCH_UNIT);
}

/** Control plane: throws RangeError unless `epoch` fits the id's epoch bits. */
export function checkSessionEpoch(epoch: number): number {
  if (!(Number.isInteger(epoch) && epoch >= 0 && epoch <= ClientOrderId.MAX_EPOCH))
    throw new RangeError(`session epoch must be an integer in [0, ${ClientOrderId.MAX_EPOCH}], got ${epoch}`);
  return epoch;
}
