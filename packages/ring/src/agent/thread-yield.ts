/**
 * A short sleep that gives the core away, for idle strategies. JS has no sched_yield; the closest
 * is Atomics.wait with a tiny timeout on a private word nobody notifies (legal in workers and in
 * Node's main thread). The kernel rounds the timeout up to its timer slack (~50 µs by default).
 */
const privateWord = new Int32Array(new SharedArrayBuffer(4));

export function yieldThread(timeoutMicros: number): void {
  Atomics.wait(privateWord, 0, 0, timeoutMicros / 1000);
}
