/**
 * Client order ids: doubles, unique per host (per hot-path process run), built without
 * coordination between decision workers:
 *
 *   id = workerId × 2^40 + counter        workerId in [0, 8191], counter in [1, 2^40 - 1]
 *
 * 13 + 40 = 53 bits, so every id is an exact integer double; 0 is never an id ("none").
 * Each worker counts from 1 on its own; 2^40 orders per worker outlasts any session.
 * The gateway routes a completion back with `workerIdOfClientOrderId` (the command also carries
 * WORKER_ID). Ids repeat across process restarts: a gateway that needs day-unique wire ids
 * (FIX ClOrdID, OUCH order token) prefixes its own session epoch when it encodes them.
 */

export const ClientOrderId = {
  /** 2^40: the weight of the worker id. */
  WORKER_UNIT: 1099511627776,
  MAX_WORKER_ID: 8191,
  MAX_COUNTER: 1099511627775,
} as const;

/** The id of a worker's `counter`-th order (counter >= 1). */
export function clientOrderIdOf(workerId: number, counter: number): number {
  return workerId * ClientOrderId.WORKER_UNIT + counter;
}

/** The worker that issued `id`. */
export function workerIdOfClientOrderId(id: number): number {
  return Math.floor(id / ClientOrderId.WORKER_UNIT);
}

/** The per-worker counter of `id`. */
export function counterOfClientOrderId(id: number): number {
  return id - Math.floor(id / ClientOrderId.WORKER_UNIT) * ClientOrderId.WORKER_UNIT;
}
