import type { IdleStrategy } from './idle-strategy.ts';
import type { Parkable } from './parkable.ts';

/**
 * Parks on `target` for up to `parkMicros` whenever idle. The target's producer ends the park
 * early when it publishes (SpscQueue.flush, BroadcastProducer.publish, ParkWord.wake,
 * AgentControl.requestStop); otherwise it times out. Costs no core while idle; wake-up latency is
 * a futex wake (tens of µs) or the timeout.
 */
export class ParkIdleStrategy implements IdleStrategy {
  readonly name: string;
  private readonly target: Parkable;
  private readonly parkMs: number;

  constructor(target: Parkable, parkMicros: number) {
    this.target = target;
    this.parkMs = parkMicros / 1000;
    this.name = `park:${parkMicros}us`;
  }

  idle(workCount: number): void {
    if (workCount <= 0) {
      this.target.park(this.parkMs);
    }
  }

  reset(): void {}
}
