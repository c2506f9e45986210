// Small seeded PRNG (mulberry32): the same seed gives the same synthetic feed, run after run.
// Not for cryptography; 32 bits of state are plenty for a market simulation.
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform integer in [0, 2^32). */
  nextU32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Geometric count of extra ticks: P(k) = (1 - p) p^k, capped at `max`. */
  geometric(p: number, max: number): number {
    let k = 0;
    while (k < max && this.next() < p) k++;
    return k;
  }
}
