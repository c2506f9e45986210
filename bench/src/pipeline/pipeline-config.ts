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
 * Re-checked with sub-millisecond feed pacing (250 µs, one run, loaded machine): backoff:1000
 * p50 56 µs at 16 % CPU per decision thread vs park:1000 34-60 µs at 5 %: the reads still come
 * ~300 µs apart, longer than any affordable spin.
 */
export const DECISION_IDLE = 'park:1000';
/**
 * Gateway EventLoopDriver: spin this many turns, then park up to maxParkMs. Every idle turn is a
 * setImmediate (an Immediate object): 4 instead of 16 halves the gateway's GCs in the window
 * (1 vs 2) and its CPU (11–12 % vs 14–15 %), with no change in decision latency.
 */
export const GATEWAY_SPIN_TURNS = 4;
export const GATEWAY_MAX_PARK_MS = 1;
/**
 * feed-sim's shortest wait between paced batches (µs). At 100 k msg/s, 100 µs gives ~25-35
 * messages per ingest socket read (timer slack and load stretch each sleep) instead of ~120
 * with 1 ms timers, and decision latency p50 ~40 µs instead of ~75-95 µs. Both halves count:
 * with ingest's per-message stamps but 1 ms batches, p50 was 74 µs. Costs main-thread CPU
 * (feed-sim + venue-sim: ~20-30 % of a core vs ~15 %) and more socket reads, and Node's socket
 * read path allocates ~70 B per read (ingest GC), outside our code. 250 µs measured the same p50 within this machine's noise at ~20 % main-thread CPU.
 */
export const FEED_PACE_QUANTUM_US = 100;
export const DECISION_WORKERS = 2;
export const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
