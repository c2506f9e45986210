/**
 * `bench ring`: BroadcastRing 1P→1C and 1P→3C, SpscQueue, ringbuf.js and MessagePort, in one
 * run, same 64-byte events, same machine. Throughput mode (events/s, flow-controlled so nothing
 * is lost) and fixed-rate latency mode (one-way, nowNs() stamps, HdrHistogram), plus the
 * producer's publish cost with a stalled consumer attached versus none.
 */
import { availableParallelism } from 'node:os';
import { RING_BENCH_SIZES } from './bench-config.ts';
import type { RingBenchMode, RingBenchSizes } from './bench-config.ts';
import type { LatencySamples, Mode, WorkerReport } from './bench-worker-data.ts';
import { CONTENDERS, stallWorkers, workersFor } from './contender-setups.ts';
import type { ContenderSetup } from './contender-setups.ts';
import { summarizeLatency } from './latency-summary.ts';
import { loadSnapshot, machineLoadSince } from './machine-load.ts';
import type { MachineLoad } from './machine-load.ts';
import type { LatencySummary } from './latency-summary.ts';
import { runScenario } from './scenario-runner.ts';

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
  /** CPU used by this run and by everything else on the machine meanwhile. */
  readonly load: MachineLoad;
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

/**
 * One throughput run of one contender: its share (1/rounds) of the measured events, split into
 * segments. Rounds go round-robin over the contenders, so a slow minute of the shared machine
 * lands on all of them rather than on whichever ran then.
 */
async function measureThroughput(
  setup: ContenderSetup,
  sizes: RingBenchSizes,
  round: number,
  log: (line: string) => void,
): Promise<RunOutcome> {
  const messagePort = setup.contender === 'message-port';
  const total = messagePort
    ? sizes.messagePortEvents
    : setup.consumers > 1
      ? sizes.fanOutEvents
      : sizes.throughputEvents;
  const events = Math.floor(total / sizes.throughputRounds);
  const trials = messagePort ? 1 : sizes.throughputTrials;
  log(`bench ring: ${setup.name}: throughput round ${round + 1}/${sizes.throughputRounds}, ${events} events`);
  const specs = workersFor(
    setup,
    'throughput',
    warmupFor(setup, sizes, 'throughput', events),
    events,
    0,
    trials,
  );
  return outcome(await runScenario(specs, sizes.scenarioBudgetMs), events, trials);
}

function mergeRuns(runs: readonly RunOutcome[]): RunOutcome {
  return {
    segmentRates: runs.flatMap((r) => r.segmentRates),
    latency: runs.flatMap((r) => r.latency),
    lost: runs.reduce((sum, r) => sum + r.lost, 0),
    gcEvents: runs.reduce((sum, r) => sum + r.gcEvents, 0),
    timedOut: runs.some((r) => r.timedOut),
  };
}

async function measureLatency(
  setup: ContenderSetup,
  sizes: RingBenchSizes,
  rate: number,
  log: (line: string) => void,
): Promise<{ run: RunOutcome; summary: LatencySummary }> {
  const wanted = Math.max(2000, Math.round(rate * sizes.latencySeconds));
  const events = setup.contender === 'message-port' ? Math.min(wanted, sizes.messagePortEvents) : wanted;
  log(`bench ring: ${setup.name}: latency at ${rate} events/s, ${events} events`);
  const specs = workersFor(setup, 'latency', warmupFor(setup, sizes, 'latency', events), events, rate, 1);
  const run = outcome(await runScenario(specs, sizes.scenarioBudgetMs), events, 1);
  return { run, summary: summarizeLatency(run.latency) };
}

function warmupFor(setup: ContenderSetup, sizes: RingBenchSizes, mode: Mode, events: number): number {
  const share = Math.max(1000, Math.round(events * sizes.warmupFraction));
  // MessagePort is too slow for a long warm-up, and latency mode paces itself: 10% suffices.
  return setup.contender === 'message-port' || mode === 'latency'
    ? share
    : Math.max(share, sizes.minWarmupEvents);
}

async function measureRow(
  setup: ContenderSetup,
  tp: RunOutcome,
  sizes: RingBenchSizes,
  earlier: readonly RingBenchRow[],
  log: (line: string) => void,
): Promise<RingBenchRow> {
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
  const load0 = loadSnapshot();
  const throughput: RunOutcome[][] = CONTENDERS.map(() => []);
  for (let round = 0; round < sizes.throughputRounds; round++) {
    for (let c = 0; c < CONTENDERS.length; c++) {
      throughput[c].push(await measureThroughput(CONTENDERS[c], sizes, round, log));
    }
  }
  const rows: RingBenchRow[] = [];
  for (let c = 0; c < CONTENDERS.length; c++) {
    rows.push(await measureRow(CONTENDERS[c], mergeRuns(throughput[c]), sizes, rows, log));
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
    load: machineLoadSince(load0),
  };
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? Number.NaN : a / b;
}
