import type { IdleStrategy } from './idle-strategy.ts';
import { spinPause } from './spin-pause.ts';
import { yieldThread } from './thread-yield.ts';

/** Spins `maxSpins` idle cycles, then yields the core for `yieldMicros` per idle cycle. */
export class SpinThenYieldIdleStrategy implements IdleStrategy {
  readonly name: string;
  private readonly maxSpins: number;
  private readonly yieldMicros: number;
  private spins = 0;

  constructor(maxSpins = 100, yieldMicros = 1) {
    this.maxSpins = maxSpins;
    this.yieldMicros = yieldMicros;
    this.name = `spin-yield:${maxSpins},${yieldMicros}us`;
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
    yieldThread(this.yieldMicros);
  }

  reset(): void {
    this.spins = 0;
  }
}
