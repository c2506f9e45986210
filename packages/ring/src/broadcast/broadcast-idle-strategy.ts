import type { IdleStrategy } from '../agent/idle-strategy.ts';
import { spinPause } from '../agent/spin-pause.ts';
import type { BroadcastConsumer } from './broadcast-consumer.ts';

/**
 * Idle strategy for a BroadcastRing consumer: spin `maxSpins` idle cycles, then park on the ring
 * itself (BroadcastConsumer.park: parked bit + Atomics.wait on TAIL) for up to `parkMicros`.
 *
 * Why not the generic ParkIdleStrategy: the ring has up to 16 sleepers and one producer that
 * must stay cheap. The producer checks one parked mask per publish and wakes every sleeper with
 * one notify on TAIL, and the wait compares TAIL with the consumer's cursor atomically, so no
 * publish is slept through (the generic flag protocol leaves a window covered by the timeout).
 */
export class BroadcastParkIdleStrategy implements IdleStrategy {
  readonly name: string;
  private readonly consumer: BroadcastConsumer;
  private readonly maxSpins: number;
  private readonly parkMs: number;
  private spins = 0;

  constructor(consumer: BroadcastConsumer, maxSpins = 100, parkMicros = 1000) {
    this.consumer = consumer;
    this.maxSpins = maxSpins;
    this.parkMs = parkMicros / 1000;
    this.name = `broadcast-park:${maxSpins},${parkMicros}us`;
  }

  idle(workCount: number): void {
    if (workCount > 0) {
      this.spins = 0;
      return;
    }
    if (this.spins < this.maxSpins) {
      this.spins++;
      spinPause();
      return;
    }
    this.consumer.park(this.parkMs);
  }

  reset(): void {
    this.spins = 0;
  }
}
