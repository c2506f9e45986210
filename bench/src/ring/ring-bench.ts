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
  readonly eventsPerSec: number;
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
  readonly idle: string;
  readonly countsTowardGc: boolean;
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
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: true,
    make: () => ({ rings: [SpscQueue.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer] }),
  },
  {
    name: 'ringbuf.js SPSC',
    contender: 'ringbuf',
    consumers: 1,
    park: false,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: false,
    make: () => ({
      rings: [RingBuffer.getStorageForCapacity(RING_CAPACITY * RINGBUF_EVENT_ELEMENTS, Float64Array)],
    }),
  },
  {
    name: 'MessagePort',
    contender: 'message-port',
    consumers: 1,
    park: false,
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
): ScenarioWorker[] {
  const { rings, ports } = setup.make();
  const common = {
    contender: setup.contender,
    mode,
    rings,
    consumers: setup.consumers,
    warmup,
    events,
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
  readonly eventsPerSec: number;
  readonly latency: LatencySamples[];
  readonly lost: number;
  readonly gcEvents: number;
  readonly timedOut: boolean;
}

function outcome(reports: readonly WorkerReport[], events: number): RunOutcome {
  const producer = reports.find((r) => r.role === 'producer');
  const consumers = reports.filter((r) => r.role === 'consumer');
  const endNs = Math.max(...consumers.map((r) => r.endNs));
  const startNs = producer?.startNs ?? Number.NaN;
  const taken = Math.min(...consumers.map((r) => r.events + r.lost));
  return {
    eventsPerSec: (Math.min(events, taken) / (endNs - startNs)) * 1e9,
    latency: consumers.flatMap((r) => (r.latency ? [r.latency] : [])),
    lost: consumers.reduce((sum, r) => sum + r.lost, 0),
    gcEvents: reports.reduce((sum, r) => sum + r.gcEvents, 0),
    timedOut: reports.some((r) => r.timedOut) || taken < events,
  };
}

export async function runRingBench(options: RingBenchOptions): Promise<RingBenchReport> {
  const sizes = RING_BENCH_SIZES[options.mode];
  const log = options.log ?? ((): void => {});
  const t0 = performance.now();
  const warm = (n: number): number => Math.max(1000, Math.round(n * sizes.warmupFraction));
  const rows: RingBenchRow[] = [];
  for (const setup of CONTENDERS) {
    const events =
      setup.contender === 'message-port'
        ? sizes.messagePortEvents
        : setup.consumers > 1
          ? sizes.fanOutEvents
          : sizes.throughputEvents;
    log(`bench ring: ${setup.name}: throughput, ${events} events`);
    const tp = outcome(
      await runScenario(workersFor(setup, 'throughput', warm(events), events, 0), sizes.scenarioBudgetMs),
      events,
    );
    const latencyEvents = Math.round(sizes.latencyRate * sizes.latencySeconds);
    log(`bench ring: ${setup.name}: latency at ${sizes.latencyRate} events/s, ${latencyEvents} events`);
    const lat = outcome(
      await runScenario(
        workersFor(setup, 'latency', warm(latencyEvents), latencyEvents, sizes.latencyRate),
        sizes.scenarioBudgetMs,
      ),
      latencyEvents,
    );
    const summary = summarizeLatency(lat.latency);
    rows.push({
      name: setup.name,
      eventsPerSec: tp.eventsPerSec,
      p50Ns: summary.p50Ns,
      p99Ns: summary.p99Ns,
      p999Ns: summary.p999Ns,
      maxNs: summary.maxNs,
      latencySamples: summary.count,
      latencyRate: sizes.latencyRate,
      lost: tp.lost + lat.lost,
      gcEvents: tp.gcEvents + lat.gcEvents,
      countsTowardGc: setup.countsTowardGc,
      timedOut: tp.timedOut || lat.timedOut,
      idle: setup.idle,
    });
  }

  const mp = CONTENDERS.find((c) => c.contender === 'message-port');
  const lowEvents = Math.max(2000, Math.round(sizes.messagePortLowRate * sizes.latencySeconds));
  log(`bench ring: MessagePort: latency at ${sizes.messagePortLowRate} events/s, ${lowEvents} events`);
  const low = mp
    ? outcome(
        await runScenario(
          workersFor(mp, 'latency', warm(lowEvents), lowEvents, sizes.messagePortLowRate),
          sizes.scenarioBudgetMs,
        ),
        lowEvents,
      )
    : undefined;
  const messagePortLowRate = summarizeLatency(low?.latency ?? []);

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
    messagePortLowRate,
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
      `${s.warmupFraction * 100}% warm-up; producer publishes ${PUBLISH_BATCH} events per publish/flush/push, ` +
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
