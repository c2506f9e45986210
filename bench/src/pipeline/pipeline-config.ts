// Run sizes of `ringside bench pipeline`, and the idle strategies chosen for a 2-core machine:
// ingest (event loop on its socket), 2 decision workers, the gateway (event loop driver) and the
// main thread (feed-sim + venue-sim) cannot all spin, so every hot thread parks when idle.
export type PipelineBenchMode = 'tiny' | 'quick' | 'full';

export interface PipelineBenchSizes {
  /** Offered feed rates (messages/s); the JSON reports `jsonRate`. */
  readonly rates: readonly number[];
  readonly jsonRate: number;
  /** Per pipeline and rate: warm-up (not measured), then the measured window. */
  readonly warmUpMs: number;
  readonly measureMs: number;
  /** The probe strategy's order period, in market events (per decision worker). */
  readonly everyEvents: number;
}

export const PIPELINE_BENCH_SIZES: Record<PipelineBenchMode, PipelineBenchSizes> = {
  tiny: { rates: [20_000], jsonRate: 20_000, warmUpMs: 1000, measureMs: 2000, everyEvents: 100 },
  quick: { rates: [100_000], jsonRate: 100_000, warmUpMs: 3000, measureMs: 8000, everyEvents: 100 },
  full: { rates: [50_000, 100_000], jsonRate: 100_000, warmUpMs: 5000, measureMs: 15_000, everyEvents: 100 },
};

/** Decision workers: spin 100, yield 10, then park (woken by the ring's producer) up to 200 µs. */
export const DECISION_IDLE = 'backoff:200';
/** Gateway EventLoopDriver: spin this many turns, then park up to maxParkMs. */
export const GATEWAY_SPIN_TURNS = 16;
export const GATEWAY_MAX_PARK_MS = 1;
export const DECISION_WORKERS = 2;
export const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
