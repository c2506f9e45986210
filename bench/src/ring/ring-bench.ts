/**
 * `bench ring`: BroadcastRing 1P→1C and 1P→3C, SpscQueue, ringbuf.js and MessagePort, in one
 * run, same 64-byte events, same machine. Throughput mode (events/s, flow-controlled so nothing
 * is lost) and fixed-rate latency mode (one-way, nowNs() stamps, HdrHistogram), plus the
 * producer's publish cost with a stalled consumer attached versus none.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { RingBuffer } from 'ringbuf.js';
import { BroadcastRing, SpscQueue } from '@ringside/ring';
import {
  CONSUMER_BATCH,
  EVENT_BYTES,
  IDLE,
  LATENCY_CONSUMER_BATCH,
  MESSAGE_PORT_ACK_EVERY,
  MESSAGE_PORT_WINDOW,
  PUBLISH_BATCH,
  RING_BENCH_SIZES,
  RING_CAPACITY,
} from './bench-config.ts';
import type { RingBenchMode, RingBenchSizes } from './bench-config.ts';
import type { Contender, LatencySamples, Mode, WorkerReport } from './bench-worker-data.ts';
import { summarizeLatency } from './latency-summary.ts';
import type { LatencySummary } from './latency-summary.ts';
import { RINGBUF_EVENT_ELEMENTS } from './ringbuf-contender.ts';
import { runScenario } from './scenario-runner.ts';
import type { ScenarioWorker } from './scenario-runner.ts';

export interface RingBenchOptions {
  readonly mode: RingBenchMode;
  /** Progress lines (the CLI sends them to stderr). */
  readonly log?: (line: string) => void;
}

/** One contender's row: the JSON fields, plus what the table prints beside them. */
export interface RingBenchRow {
  readonly name: string;
  /** Median over the measured segments, and the slowest / fastest segment. */
  readonly eventsPerSec: number;
  readonly eventsPerSecMin: number;
  readonly eventsPerSecMax: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  readonly latencySamples: number;
  readonly latencyRate: number;
  readonly lost: number;
  readonly gcEvents: number;
  readonly countsTowardGc: boolean;
  readonly timedOut: boolean;
  readonly idle: string;
}

export interface RingBenchReport {
  readonly mode: RingBenchMode;
  readonly cores: number;
  readonly node: string;
  readonly sizes: RingBenchSizes;
  readonly rows: readonly RingBenchRow[];
  /** MessagePort again at a rate it sustains (its 1 M/s latency is mostly queueing). */
  readonly messagePortLowRate: LatencySummary;
  readonly stalled: LatencySummary;
  readonly unstalled: LatencySummary;
  readonly ratios: {
    readonly throughputVsMessagePort: number;
    readonly throughputVsRingbufJs: number;
    readonly p99VsMessagePort: number;
    readonly stalledConsumerPublishP99Ratio: number;
  };
  readonly gcEventsInHotLoops: number;
  readonly seconds: number;
}

interface ContenderSetup {
  readonly name: string;
  readonly contender: Contender;
  readonly consumers: number;
  readonly park: boolean;
  readonly publishBatch: number;
  readonly idle: string;
  readonly countsTowardGc: boolean;
  /** Latency mode is identical to this row's (it publishes every event anyway): reuse it. */
  readonly latencyOf?: string;
  /** Fresh shared memory (or channel) per run. */
  readonly make: () => { rings: SharedArrayBuffer[]; ports?: [ScenarioWorkerPort, ScenarioWorkerPort] };
}
type ScenarioWorkerPort = NonNullable<ScenarioWorker['port']>;

const CONTENDERS: readonly ContenderSetup[] = [
  {
    name: 'BroadcastRing 1P→1C',
    contender: 'broadcast',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: true,
    make: () => ({
      rings: [BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer],
    }),
  },
  {
    name: 'BroadcastRing 1P→3C',
    contender: 'broadcast',
    consumers: 3,
    park: true,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.fanOutProducer}; consumers ${IDLE.fanOutConsumer}`,
    countsTowardGc: true,
    make: () => ({
      rings: [BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer],
    }),
  },
  {
    name: 'SpscQueue',
    contender: 'spsc',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: true,
    make: () => ({ rings: [SpscQueue.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer] }),
  },
  {
    name: 'ringbuf.js SPSC',
    contender: 'ringbuf',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: false,
    make: () => ({
      rings: [RingBuffer.getStorageForCapacity(RING_CAPACITY * RINGBUF_EVENT_ELEMENTS, Float64Array)],
    }),
  },
  {
    name: 'ringbuf.js SPSC, push per event',
    contender: 'ringbuf',
    consumers: 1,
    park: false,
    publishBatch: 1,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: false,
    latencyOf: 'ringbuf.js SPSC',
    make: () => ({
      rings: [RingBuffer.getStorageForCapacity(RING_CAPACITY * RINGBUF_EVENT_ELEMENTS, Float64Array)],
    }),
  },
  {
    name: 'MessagePort',
    contender: 'message-port',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: 'event loop (message events); producer posts from a busy loop in latency mode',
    countsTowardGc: false,
    make: () => {
      const { port1, port2 } = new MessageChannel();
      return { rings: [], ports: [port1, port2] };
    },
  },
];

function workersFor(
  setup: ContenderSetup,
  mode: Mode,
  warmup: number,
  events: number,
  rate: number,
  trials: number,
): ScenarioWorker[] {
  const { rings, ports } = setup.make();
  const common = {
    contender: setup.contender,
    mode,
    rings,
    consumers: setup.consumers,
    publishBatch: setup.publishBatch,
    warmup,
    events,
    trials,
    rate,
    park: setup.park,
    rounds: 0,
    batchesPerRound: 0,
  };
  const specs: ScenarioWorker[] = [
    ports
      ? { ...common, role: 'producer', index: 0, port: ports[0], transferList: [ports[0]] }
      : { ...common, role: 'producer', index: 0 },
  ];
  for (let k = 0; k < setup.consumers; k++) {
    specs.push(
      ports
        ? { ...common, role: 'consumer', index: k, port: ports[1], transferList: [ports[1]] }
        : { ...common, role: 'consumer', index: k },
    );
  }
  return specs;
}

interface RunOutcome {
  /** Events per second of each measured segment, in order. */
  readonly segmentRates: number[];
  readonly latency: LatencySamples[];
  readonly lost: number;
  readonly gcEvents: number;
  readonly timedOut: boolean;
}

function outcome(reports: readonly WorkerReport[], events: number, trials: number): RunOutcome {
  const producer = reports.find((r) => r.role === 'producer');
  const consumers = reports.filter((r) => r.role === 'consumer');
  const perTrial = Math.floor(events / trials);
  const segmentRates: number[] = [];
  const starts = producer?.stampsNs ?? [];
  for (let t = 0; t < starts.length; t++) {
    const end = Math.max(...consumers.map((r) => r.stampsNs[t] ?? Number.NaN));
    segmentRates.push((perTrial / (end - starts[t])) * 1e9);
  }
  const taken = Math.min(...consumers.map((r) => r.events));
  return {
    segmentRates: segmentRates.filter((x) => Number.isFinite(x)),
    latency: consumers.flatMap((r) => (r.latency ? [r.latency] : [])),
    lost: consumers.reduce((sum, r) => sum + r.lost, 0),
    gcEvents: reports.reduce((sum, r) => sum + r.gcEvents, 0),
    timedOut: reports.some((r) => r.timedOut) || taken < perTrial * trials,
  };
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measureThroughput(
  setup: ContenderSetup,
  sizes: RingBenchSizes,
  log: (line: string) => void,
): Promise<RunOutcome> {
  const events =
    setup.contender === 'message-port'
      ? sizes.messagePortEvents
      : setup.consumers > 1
        ? sizes.fanOutEvents
        : sizes.throughputEvents;
  const trials = setup.contender === 'message-port' ? 1 : sizes.throughputTrials;
  log(`bench ring: ${setup.name}: throughput, ${events} events in ${trials} segments`);
  const specs = workersFor(setup, 'throughput', warmupFor(sizes, events), events, 0, trials);
  return outcome(await runScenario(specs, sizes.scenarioBudgetMs), events, trials);
}

async function measureLatency(
  setup: ContenderSetup,
  sizes: RingBenchSizes,
  rate: number,
  log: (line: string) => void,
): Promise<{ run: RunOutcome; summary: LatencySummary }> {
  const events = Math.max(2000, Math.round(rate * sizes.latencySeconds));
  log(`bench ring: ${setup.name}: latency at ${rate} events/s, ${events} events`);
  const specs = workersFor(setup, 'latency', warmupFor(sizes, events), events, rate, 1);
  const run = outcome(await runScenario(specs, sizes.scenarioBudgetMs), events, 1);
  return { run, summary: summarizeLatency(run.latency) };
}

function warmupFor(sizes: RingBenchSizes, events: number): number {
  return Math.max(1000, Math.round(events * sizes.warmupFraction));
}

async function measureRow(
  setup: ContenderSetup,
  sizes: RingBenchSizes,
  earlier: readonly RingBenchRow[],
  log: (line: string) => void,
): Promise<RingBenchRow> {
  const tp = await measureThroughput(setup, sizes, log);
  const reused = earlier.find((r) => r.name === setup.latencyOf);
  const lat = reused ? undefined : await measureLatency(setup, sizes, sizes.latencyRate, log);
  const summary: LatencySummary = lat
    ? lat.summary
    : { p50Ns: Number.NaN, p99Ns: Number.NaN, p999Ns: Number.NaN, maxNs: Number.NaN, count: 0, ...reused };
  return {
    name: setup.name,
    eventsPerSec: median(tp.segmentRates),
    eventsPerSecMin: Math.min(...tp.segmentRates),
    eventsPerSecMax: Math.max(...tp.segmentRates),
    p50Ns: summary.p50Ns,
    p99Ns: summary.p99Ns,
    p999Ns: summary.p999Ns,
    maxNs: summary.maxNs,
    latencySamples: reused ? reused.latencySamples : summary.count,
    latencyRate: sizes.latencyRate,
    lost: tp.lost + (lat?.run.lost ?? 0),
    gcEvents: tp.gcEvents + (lat?.run.gcEvents ?? 0),
    countsTowardGc: setup.countsTowardGc,
    timedOut: tp.timedOut || (lat?.run.timedOut ?? false),
    idle: reused ? `${setup.idle} (latency: the row above, same per-event publishing)` : setup.idle,
  };
}

export async function runRingBench(options: RingBenchOptions): Promise<RingBenchReport> {
  const sizes = RING_BENCH_SIZES[options.mode];
  const log = options.log ?? ((): void => {});
  const t0 = performance.now();
  const rows: RingBenchRow[] = [];
  for (const setup of CONTENDERS) {
    rows.push(await measureRow(setup, sizes, rows, log));
  }
  const mp = CONTENDERS.find((c) => c.contender === 'message-port');
  const low = mp ? await measureLatency(mp, sizes, sizes.messagePortLowRate, log) : undefined;

  log(`bench ring: publish cost with a stalled consumer vs none, ${sizes.stallRounds} rounds`);
  const stallReports = await runScenario(stallWorkers(sizes), sizes.scenarioBudgetMs);
  const stallProducer = stallReports.find((r) => r.role === 'producer');
  const stalled = summarizeLatency(stallProducer?.stalled ? [stallProducer.stalled] : []);
  const unstalled = summarizeLatency(stallProducer?.unstalled ? [stallProducer.unstalled] : []);
  const stallGc = stallReports.reduce((sum, r) => sum + r.gcEvents, 0);

  const byName = (name: string): RingBenchRow | undefined => rows.find((r) => r.name === name);
  const ours = byName('BroadcastRing 1P→1C');
  const port = byName('MessagePort');
  const ringbuf = byName('ringbuf.js SPSC');
  return {
    mode: options.mode,
    cores: availableParallelism(),
    node: process.version,
    sizes,
    rows,
    messagePortLowRate: low?.summary ?? summarizeLatency([]),
    stalled,
    unstalled,
    ratios: {
      throughputVsMessagePort: ratio(ours?.eventsPerSec, port?.eventsPerSec),
      throughputVsRingbufJs: ratio(ours?.eventsPerSec, ringbuf?.eventsPerSec),
      p99VsMessagePort: ratio(port?.p99Ns, ours?.p99Ns),
      stalledConsumerPublishP99Ratio: ratio(stalled.p99Ns, unstalled.p99Ns),
    },
    gcEventsInHotLoops: rows.filter((r) => r.countsTowardGc).reduce((sum, r) => sum + r.gcEvents, stallGc),
    seconds: (performance.now() - t0) / 1000,
  };
}

function stallWorkers(sizes: RingBenchSizes): ScenarioWorker[] {
  const rings = [0, 1].map(
    () => BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer,
  );
  const common = {
    contender: 'stall' as const,
    mode: 'throughput' as const,
    rings,
    consumers: 1,
    index: 0,
    warmup: 0,
    events: 0,
    trials: 1,
    publishBatch: PUBLISH_BATCH,
    rate: 0,
    park: false,
    rounds: sizes.stallRounds,
    batchesPerRound: sizes.stallBatchesPerRound,
  };
  return [
    { ...common, role: 'producer' },
    { ...common, role: 'consumer' },
  ];
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? Number.NaN : a / b;
}

/** The settings the table prints under "configuration". */
export function describeConfiguration(report: RingBenchReport): string[] {
  const s = report.sizes;
  return [
    `mode ${report.mode}, ${report.cores} cores, Node ${report.node}, ${report.seconds.toFixed(1)} s`,
    `events: ${EVENT_BYTES} bytes each (BroadcastRing: 8-byte slot header + 56-byte payload; ringbuf.js: ` +
      `8 Float64; MessagePort: a Float64Array(8)); rings of ${RING_CAPACITY} events`,
    `throughput: ${s.throughputEvents} events (1P→3C ${s.fanOutEvents}, MessagePort ${s.messagePortEvents}) after ` +
      `${s.warmupFraction * 100}% warm-up, in ${s.throughputTrials} back-to-back segments (MessagePort: 1), ` +
      `median reported; producer publishes ${PUBLISH_BATCH} events per publish/flush/push, ` +
      `consumers take ≤ ${CONSUMER_BATCH} per receive/poll/pop; BroadcastRing producer is flow-controlled on ` +
      `the slowest consumer's lag (benchmark-side: the ring itself never waits); MessagePort window ` +
      `${MESSAGE_PORT_WINDOW}, ack every ${MESSAGE_PORT_ACK_EVERY}`,
    `latency: ${s.latencyRate} events/s for ${s.latencySeconds} s per contender, one event per publish, ` +
      `consumers take ≤ ${LATENCY_CONSUMER_BATCH} per call; one-way = consumer nowNs() after receive − ` +
      `producer stampNs() before publish (CLOCK_MONOTONIC in both threads); hdr-histogram-js, 3 digits; ` +
      `stamps are taken when sent, so a producer running late is not corrected for (no coordinated-omission fix)`,
    `stalled consumer: ${s.stallRounds} rounds × ${s.stallBatchesPerRound} timed publishes of ${PUBLISH_BATCH} ` +
      `events on two rings, alternating — one with an attached consumer that never reads, one with none`,
    `GC: PerformanceObserver('gc') in every worker over its measured loop, after a forced collection; ` +
      `gcEventsInHotLoops sums the ringside workers (BroadcastRing, SpscQueue, stall producer)`,
    ...report.rows.map((r) => `idle, ${r.name}: ${r.idle}`),
  ];
}
