import type { IdleStrategy } from './idle-strategy.ts';
import type { Parkable } from './parkable.ts';
import { spinPause } from './spin-pause.ts';
import { yieldThread } from './thread-yield.ts';

export interface BackoffOptions {
  readonly maxSpins: number;
  readonly maxYields: number;
  readonly minParkMicros: number;
  readonly maxParkMicros: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  maxSpins: 100,
  maxYields: 10,
  minParkMicros: 1,
  maxParkMicros: 1000,
};

/**
 * Agrona's BackoffIdleStrategy: spin, then yield, then park with a period that doubles from
 * minParkMicros up to maxParkMicros. Parks on `target`, so its producer ends a park early.
 * Any work resets it to spinning.
 */
export class BackoffIdleStrategy implements IdleStrategy {
  readonly name: string;
  private readonly options: BackoffOptions;
  private readonly target: Parkable;
  private spins = 0;
  private yields = 0;
  private parkMicros: number;

  constructor(target: Parkable, options: BackoffOptions = DEFAULT_BACKOFF) {
    this.target = target;
    this.options = options;
    this.parkMicros = options.minParkMicros;
    this.name =
      `backoff:${options.maxSpins},${options.maxYields},` +
      `${options.minParkMicros}-${options.maxParkMicros}us`;
  }

  idle(workCount: number): void {
    if (workCount > 0) {
      this.reset();
      return;
    }
    const o = this.options;
    if (this.spins < o.maxSpins) {
      this.spins++;
      spinPause();
    } else if (this.yields < o.maxYields) {
      this.yields++;
      yieldThread(1);
    } else {
      this.target.park(this.parkMicros / 1000);
      const next = this.parkMicros * 2;
      this.parkMicros = next < o.maxParkMicros ? next : o.maxParkMicros;
    }
  }

  reset(): void {
    this.spins = 0;
    this.yields = 0;
    this.parkMicros = this.options.minParkMicros;
  }
}
