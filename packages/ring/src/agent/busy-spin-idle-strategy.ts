import type { IdleStrategy } from './idle-strategy.ts';
import { spinPause } from './spin-pause.ts';

/** Never gives the core away: lowest wake-up latency, burns a full core. Needs a dedicated core. */
export class BusySpinIdleStrategy implements IdleStrategy {
  readonly name = 'busy-spin';

  idle(workCount: number): void {
    if (workCount <= 0) {
      spinPause();
    }
  }

  reset(): void {}
}
