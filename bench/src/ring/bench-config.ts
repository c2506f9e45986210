/**
 * Sizes of `bench ring` per mode. `full` is the reference run; `quick` must finish in under 40 s
 * on the 2-core machine; `tiny` only proves the machinery works (tests).
 */
export type RingBenchMode = 'full' | 'quick' | 'tiny';

export interface RingBenchSizes {
  /** Measured events per throughput run of an in-memory ring (after `warmupFraction` of it). */
  readonly throughputEvents: number;
  /** Measured events for BroadcastRing 1P→3C (4 threads on 2 cores run slower). */
  readonly fanOutEvents: number;
  /** Measured events for MessagePort throughput (~1 µs per message), and the cap on its latency
   * runs: at 1 M/s it queues, and each queued message costs memory. */
  readonly messagePortEvents: number;
  /**
   * Throughput: `throughputRounds` runs per contender, round-robin over the contenders, each
   * split into `throughputTrials` measured segments; the median segment is reported.
   */
  readonly throughputRounds: number;
  readonly throughputTrials: number;
  /**
   * Warm-up before measuring: this fraction of the measured count, but at least
   * `minWarmupEvents` for the in-memory rings (measured: below ~3 M events, V8 on a busy
   * 2-core machine has not yet installed the optimised code, and segments run at half speed).
   */
  readonly warmupFraction: number;
  readonly minWarmupEvents: number;
  /** Fixed-rate latency mode: events per second, and measured seconds per contender. */
  readonly latencyRate: number;
  readonly latencySeconds: number;
  /** MessagePort once more at a rate it can sustain, so its latency is not just queueing. */
  readonly messagePortLowRate: number;
  /**
   * Stalled-consumer publish cost: rounds × batches per ring per round. Short rounds interleave
   * the two rings finely, so a burst of machine noise lands on both alike.
   */
  readonly stallRounds: number;
  readonly stallBatchesPerRound: number;
  /** Hard limit per scenario; a scenario that hits it reports what it measured and says so. */
  readonly scenarioBudgetMs: number;
}

export const RING_BENCH_SIZES: Readonly<Record<RingBenchMode, RingBenchSizes>> = {
  full: {
    throughputEvents: 42_000_000,
    fanOutEvents: 14_000_000,
    messagePortEvents: 1_000_000,
    throughputRounds: 3,
    throughputTrials: 3,
    warmupFraction: 0.1,
    minWarmupEvents: 4_000_000,
    latencyRate: 1_000_000,
    latencySeconds: 4,
    messagePortLowRate: 20_000,
    stallRounds: 2_000,
    stallBatchesPerRound: 200,
    scenarioBudgetMs: 30_000,
  },
  quick: {
    throughputEvents: 12_000_000,
    fanOutEvents: 4_000_000,
    messagePortEvents: 200_000,
    throughputRounds: 2,
    throughputTrials: 3,
    warmupFraction: 0.1,
    minWarmupEvents: 3_000_000,
    latencyRate: 1_000_000,
    latencySeconds: 1.5,
    messagePortLowRate: 20_000,
    stallRounds: 1_000,
    stallBatchesPerRound: 100,
    scenarioBudgetMs: 8_000,
  },
  tiny: {
    throughputEvents: 200_000,
    fanOutEvents: 100_000,
    messagePortEvents: 20_000,
    throughputRounds: 1,
    throughputTrials: 2,
    warmupFraction: 0.2,
    minWarmupEvents: 1_000,
    latencyRate: 200_000,
    latencySeconds: 0.05,
    messagePortLowRate: 20_000,
    stallRounds: 40,
    stallBatchesPerRound: 50,
    scenarioBudgetMs: 8_000,
  },
};

/** Ring geometry shared by every in-memory contender: 64-byte events, 16384 of them. */
export const EVENT_BYTES = 64;
export const RING_CAPACITY = 16_384;
/** Events per publish (producer) in throughput mode; latency mode publishes every event. */
export const PUBLISH_BATCH = 16;
/** Most events a consumer takes per receive/poll/pop. */
export const CONSUMER_BATCH = 256;
/** Most events a consumer takes per receive/poll/pop in latency mode (they arrive one by one). */
export const LATENCY_CONSUMER_BATCH = 64;
/** MessagePort flow control: unacknowledged messages in flight, consumer acks every ACK_EVERY. */
export const MESSAGE_PORT_WINDOW = 8_192;
export const MESSAGE_PORT_ACK_EVERY = 1_024;

/** Idle strategies, printed with the results (2 cores: at most 2 threads may spin). */
export const IDLE = {
  /** 1 producer + 1 consumer: both spin (2 threads, 2 cores). */
  pairConsumer: 'busy-spin (Atomics.pause)',
  pairProducer: 'busy-spin; when the ring is full: Atomics.pause',
  /** 1 producer + 3 consumers: nobody can own a core. */
  fanOutConsumer:
    'throughput: broadcast-park (200 spins, then park on the ring ≤ 100 µs, woken by publish); ' +
    'latency: park:50us on a private word (sleep 50 µs, drain, no notify)',
  fanOutProducer: 'busy while it can publish; when the slowest consumer lags: 64 pauses, then 20 µs sleeps',
  latencyProducer: 'busy-wait on nowNs() for each send time (one event per publish)',
} as const;
