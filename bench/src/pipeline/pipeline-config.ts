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

/**
 * Decision workers park on the ring at once (the producer's publish wakes them) for up to 1 ms.
 * feed-sim paces with ≥ 1 ms timers, so the feed arrives as one socket read every ~1.4 ms: no
 * spin window short enough to be affordable on 2 cores bridges that gap, and backoff:200's
 * yields (timed 1 µs waits the producer cannot end, ~50 µs each with timer slack) and 200 µs
 * timeouts only add wake-ups. Measured (2 runs each, quick): p50 88–89 µs vs 105–137 µs for
 * backoff:200 / park:200, decision-thread CPU 5 % vs 15 %, voluntary switches 1.5 k/s vs 8.5 k/s.
 */
export const DECISION_IDLE = 'park:1000';
/**
 * Gateway EventLoopDriver: spin this many turns, then park up to maxParkMs. Every idle turn is a
 * setImmediate (an Immediate object): 4 instead of 16 halves the gateway's GCs in the window
 * (1 vs 2) and its CPU (11–12 % vs 14–15 %), with no change in decision latency.
 */
export const GATEWAY_SPIN_TURNS = 4;
export const GATEWAY_MAX_PARK_MS = 1;
export const DECISION_WORKERS = 2;
export const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
