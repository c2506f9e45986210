// A small seeded generator (mulberry32) and the ack-delay distributions drawn from it. One
// generator per engine, so a seeded run makes the same choices in the same order.
import type { AckDelayConfig } from './config.ts';

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Returns a sampler of ack delays in milliseconds. */
export function ackDelaySampler(cfg: AckDelayConfig, rng: SeededRandom): () => number {
  switch (cfg.kind) {
    case 'fixed':
      return () => cfg.ms;
    case 'uniform':
      return () => cfg.minMs + rng.next() * (cfg.maxMs - cfg.minMs);
    case 'lognormal': {
      const mu = Math.log(cfg.medianMs);
      return () => Math.min(cfg.maxMs, Math.exp(mu + cfg.sigma * rng.normal()));
    }
  }
}
