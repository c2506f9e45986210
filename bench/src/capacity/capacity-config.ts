// Sizes and knobs of `ringside bench capacity`. The machine has 2 cores: the feed thread sleeps
// between paced batches, the main thread (sink gateway, windows, shed controller) sleeps
// between ticks, decision workers park when idle — only the decision workers spin, and only
// while they have work, which is the point of the bench.
export type CapacityBenchMode = 'tiny' | 'quick' | 'full';
export type CapacityStrategyName = 'latency-probe' | 'top-of-book';

export interface CapacitySizes {
  /** First offered rate of the ramp (events/s) and the factor between steps. */
  readonly startRate: number;
  readonly rampFactor: number;
  readonly maxSteps: number;
  /** Unmeasured run at the first rate before the ramp (JIT warm-up). */
  readonly initialWarmUpMs: number;
  /** Per ramp step: not measured, then measured. */
  readonly stepWarmUpMs: number;
  readonly stepMeasureMs: number;
  /** Overload run at 2 × saturation: the first part is the controller's reaction (reported, not in the p99). */
  readonly overloadSettleMs: number;
  readonly overloadMeasureMs: number;
}

export const CAPACITY_SIZES: Record<CapacityBenchMode, CapacitySizes> = {
  tiny: {
    startRate: 10_000,
    rampFactor: 2,
    maxSteps: 6,
    initialWarmUpMs: 1000,
    stepWarmUpMs: 250,
    stepMeasureMs: 500,
    overloadSettleMs: 800,
    overloadMeasureMs: 1500,
  },
  quick: {
    startRate: 10_000,
    rampFactor: 1.4,
    maxSteps: 10,
    initialWarmUpMs: 1500,
    stepWarmUpMs: 400,
    stepMeasureMs: 1200,
    overloadSettleMs: 1500,
    overloadMeasureMs: 5000,
  },
  full: {
    startRate: 10_000,
    rampFactor: 1.2,
    maxSteps: 18,
    initialWarmUpMs: 3000,
    stepWarmUpMs: 800,
    stepMeasureMs: 3000,
    overloadSettleMs: 2000,
    overloadMeasureMs: 15_000,
  },
};

export interface CapacityOptions {
  readonly mode: CapacityBenchMode;
  /** Decision worker threads (each sees every event: broadcast). */
  readonly workers: number;
  readonly strategy: CapacityStrategyName;
  /** Busy work added to every strategy callback (ns, calibrated in each worker). */
  readonly costNs: number;
  /** Decision-latency budget: processed-event p99 (ingest stamp → batch applied). */
  readonly budgetP99Ns: number;
  /** Synthetic instruments (locates 1..n); the upper half is low priority. */
  readonly instruments: number;
  readonly conflateLagEvents: number;
  /** ShedController p99 window (the host's conductor.windowMs). */
  readonly windowMs: number;
  /** ShedController load tick: lag / conflation readings (the host's conductor.tickMs). */
  readonly loadTickMs: number;
  readonly log: (line: string) => void;
}

export const CAPACITY_DEFAULTS = {
  workers: 1,
  strategy: 'latency-probe' as CapacityStrategyName,
  costNs: 10_000,
  /** 5 ms: on this shared 2-core box a 1–2 ms p99 breaks from neighbours' load alone. */
  budgetP99Ns: 5_000_000,
  instruments: 8,
  /** One full batch (64) waiting behind the one being drained. */
  conflateLagEvents: 64,
  /** The host's defaults: 250 ms p99 windows, a 25 ms conductor tick for the leading indicators. */
  windowMs: 250,
  loadTickMs: 25,
} as const;

/** The probe's order period (market events, per worker). */
export const PROBE_EVERY_EVENTS = 200;
/** Ring: 2^16 slots of 64 bytes (the ingest worker's layout). */
export const RING_CAPACITY = 1 << 16;
/** Decision workers' idle strategy: park on the ring, woken by the producer. */
export const DECISION_IDLE = 'park:200';
/** Most messages the feed normalizes per publish (one ingest stamp each batch). */
export const FEED_MAX_BATCH = 64;
/** The feed's sleep between paced batches (ms, Atomics.wait timeout). */
export const FEED_SLEEP_MS = 0.05;
