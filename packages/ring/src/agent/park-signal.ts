import type { Parkable } from './parkable.ts';

/**
 * The "parked" flag protocol that keeps Atomics.notify off the hot path, for any shared word.
 *
 * V8's Atomics.notify takes a process-wide mutex, so a producer must not call it per event. The
 * sleeper announces itself instead: it stores 1 in its flag word, waits on that word while it
 * still reads 1, then stores 0. A waker loads the flag (one plain shared read when nobody
 * sleeps) and only if it reads 1 does it clear it and notify.
 *
 * Clearing before notifying closes the "notify before wait" race: if the waker gets there first,
 * the sleeper's Atomics.wait sees 0 instead of 1 and returns at once. One window remains: the
 * waker published and read 0 just before the sleeper stored 1, after the sleeper's last look for
 * work. It costs at most one park timeout of latency, never a lost event; that is why every park
 * has a timeout. Queues that can wait on their own cursor (SpscQueue.park, BroadcastConsumer.park)
 * close that window too and should be preferred when the agent has one main input.
 */

/** Sleeper side: park on `flags[index]` for at most `timeoutMs` (fractions allowed). */
export function parkOn(flags: Int32Array, index: number, timeoutMs: number): void {
  Atomics.store(flags, index, 1);
  Atomics.wait(flags, index, 1, timeoutMs);
  Atomics.store(flags, index, 0);
}

/** Waker side: returns true when a sleeper had announced itself and was notified. */
export function wakeParked(flags: Int32Array, index: number): boolean {
  if (Atomics.load(flags, index) === 0) {
    return false;
  }
  Atomics.store(flags, index, 0);
  Atomics.notify(flags, index);
  return true;
}

/** A Parkable over one shared Int32 word; wake it with `wake()` or wakeParked(flags, index). */
export class ParkWord implements Parkable {
  readonly flags: Int32Array;
  readonly index: number;

  constructor(flags: Int32Array, index: number) {
    this.flags = flags;
    this.index = index;
  }

  park(timeoutMs: number): void {
    parkOn(this.flags, this.index, timeoutMs);
  }

  wake(): boolean {
    return wakeParked(this.flags, this.index);
  }
}
