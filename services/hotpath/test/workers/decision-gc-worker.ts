// Zero-GC check of the decision path, in its own thread (started with a small young generation,
// so a few hundred kilobytes of garbage already force a scavenge): the in-thread pipeline
// (producer → ring → DecisionAgent with the latency probe → SinkGateway) runs millions of market
// events while a 'gc' PerformanceObserver watches this thread. Two controls prove the observer
// and the sizing: an allocating loop, and the SAME measured loop with a probe that allocates one
// small object per completion (it must show GC, or the zero above proves nothing).
//
// Why the loop is a function run once for warm-up and again for the measurement: a loop written
// at module top level starts in the interpreter, where nowNs() allocates a BigInt and boxes its
// result, until on-stack replacement kicks in — that, not the agent, was the "1–2 GCs per 2 M
// events" first seen here. Hot code is measured warm, as WARM-UP does for the real workers.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SampleRingReader, warmUpWriters } from '@ringside/counters';
import { nowNs } from '@ringside/ring';
import {
  DecisionFlagsDescriptor,
  DecisionLatencyTag,
  DecisionTally,
  LatencyProbeStrategy,
  ShedLevel,
  shedFlagFor,
} from '@ringside/hotpath';
import type { CompletionReader, DecisionContext } from '@ringside/hotpath';
import { LOCATE, Pipeline } from './decision-harness.ts';

export interface DecisionGcWorkerData {
  readonly events: number;
  /** Events measured at each shed level 1..3 (after a warm-up of warmupEvents / 2). */
  readonly shedEvents: number;
  readonly warmupEvents: number;
  readonly everyEvents: number;
  readonly deadlineMs: number;
}

export interface DecisionGcResult {
  readonly hotEvents: number;
  readonly hotOrders: number;
  readonly hotMs: number;
  readonly hotGc: number;
  readonly controlGc: number;
  readonly leakyEvents: number;
  readonly leakyOrders: number;
  readonly leakyGc: number;
  readonly violations: number;
  readonly strategyErrors: number;
  readonly refused: number;
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Per shed level 1..3: GC entries, events, and the shedding counter that proves the level acted. */
  readonly shed: {
    level: number;
    /** Scavenges: what a hot-path allocation causes. */
    gc: number;
    /** Other collections (incremental marking finishing, started by setup garbage). */
    majorGc: number;
    events: number;
    shedCount: number;
    orders: number;
  }[];
}

/** The control: the probe, plus one small object kept per completion (what a leak looks like). */
class LeakyProbeStrategy extends LatencyProbeStrategy {
  last: { status: number } | null = null;

  override onCompletion(completion: CompletionReader, ctx: DecisionContext): void {
    super.onCompletion(completion, ctx);
    this.last = { status: completion.status };
  }
}

const data = workerData as DecisionGcWorkerData;
const ROUND = 64;
const setup = { workerId: 3, strategyId: 9, locates: [LOCATE] };

/** Producer rounds of 64 events (one ingest stamp and publish each), agent and sink pumped after. */
function run(p: Pipeline, events: number, deadlineNs: number): void {
  for (let done = 0, i = 0; done < events; done += ROUND, i++) {
    p.churn(ROUND, ROUND);
    p.pump();
    if ((i & 1023) === 0 && nowNs() > deadlineNs) return;
  }
}

/** Allocates well past the young generation's size, so a scavenge empties it. */
function flushYoungGeneration(): void {
  let keep: { i: number }[] = [];
  for (let i = 0; i < 400_000; i++) {
    keep.push({ i });
    if (keep.length > 1000) keep = [];
  }
  if (keep.length < 0) throw new Error('unreachable');
}

function pipeline(strategy: LatencyProbeStrategy): Pipeline {
  const p = new Pipeline({ strategy, sink: 'expire', sampleCapacity: 1 << 18 });
  p.open();
  return p;
}

let gc = 0;
let minorGc = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc++;
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minorGc++;
  }
});
const deadline = nowNs() + data.deadlineMs * 1e6;
warmUpWriters();

// Shed levels 1..3: built and warmed up first, so that their setup garbage is long collected
// when they are measured (after the level-0 loop). Conflation engages (lag 64 per round > 32);
// level 2's only instrument is low priority, so every event takes the drop path;
// processed-latency sampling is on throughout.
const shedRigs = [ShedLevel.CONFLATE, ShedLevel.DROP_LOW_PRIORITY, ShedLevel.REFUSE_ORDERS].map((level) => {
  const strategy = new LatencyProbeStrategy({ everyEvents: data.everyEvents }, setup);
  const sp = new Pipeline({
    strategy,
    sink: 'expire',
    sampleCapacity: 1 << 16,
    conflateLagEvents: 32,
    sampleProcessedLatency: true,
    ...(level === ShedLevel.DROP_LOW_PRIORITY ? { lowPriorityLocates: [LOCATE] } : {}),
  });
  sp.open();
  sp.pump();
  Atomics.store(sp.flags, DecisionFlagsDescriptor.LEVEL_INDEX, level);
  Atomics.store(sp.flags, DecisionFlagsDescriptor.SHED_INDEX, shedFlagFor(level));
  run(sp, data.warmupEvents >> 1, deadline);
  return { level, sp, strategy };
});

const probe = new LatencyProbeStrategy({ everyEvents: data.everyEvents }, setup);
const p = pipeline(probe);
run(p, data.warmupEvents, deadline);
const reader = SampleRingReader.attach(p.samples.buffer, { fromTail: true });
const before = p.agent.tallies.scalars[DecisionTally.EVENTS]!;
const ordersBefore = probe.stats[0]!;
observer.observe({ entryTypes: ['gc'] });
// Setup garbage (the rigs above) must not be collected inside the measured loop, nor reported
// late into it: empty the young generation and let the observer catch up first.
flushYoungGeneration();
await sleep(100);
const gcBefore = gc;
const t0 = nowNs();
run(p, data.events, deadline);
const hotMs = (nowNs() - t0) / 1e6;
await sleep(50); // the observer delivers asynchronously
const hotGc = gc - gcBefore;
const hotEvents = p.agent.tallies.scalars[DecisionTally.EVENTS]! - before;
const hotOrders = probe.stats[0]! - ordersBefore;

// Shed levels 1..3 (rigs built and warmed up above), each measured like the level-0 loop.
const shedResults: DecisionGcResult['shed'] = [];
for (const { level, sp, strategy } of shedRigs) {
  // Start with an empty young generation, and let every earlier GC be delivered (the observer
  // reports asynchronously) before the count is taken.
  flushYoungGeneration();
  await sleep(100);
  const gcAt = gc;
  const minorAt = minorGc;
  const t = sp.agent.tallies;
  const eventsAt = t.scalars[DecisionTally.EVENTS]!;
  const shedIndex =
    level === ShedLevel.DROP_LOW_PRIORITY ? DecisionTally.SHED_DROPPED : DecisionTally.CONFLATED;
  const shedAt = t.scalars[shedIndex]!;
  const ordersAt = strategy.stats[0]!;
  run(sp, data.shedEvents, deadline);
  await sleep(50);
  shedResults.push({
    level,
    gc: minorGc - minorAt,
    majorGc: gc - gcAt - (minorGc - minorAt),
    events: t.scalars[DecisionTally.EVENTS]! - eventsAt,
    shedCount: t.scalars[shedIndex]! - shedAt,
    orders: strategy.stats[0]! - ordersAt,
  });
}

// Control 1: the same loop with one allocation per completion must be seen.
const leaky = new LeakyProbeStrategy({ everyEvents: data.everyEvents }, setup);
const lp = pipeline(leaky);
run(lp, data.warmupEvents, deadline);
await sleep(20);
const leakyBefore = gc;
const leakyEventsBefore = lp.agent.tallies.scalars[DecisionTally.EVENTS]!;
const leakyOrdersBefore = leaky.stats[0]!;
run(lp, data.events, deadline);
await sleep(50);
const leakyGc = gc - leakyBefore;

// Control 2: plain garbage.
const controlBefore = gc;
let keep: { i: number; s: string }[] = [];
for (let i = 0; i < 1_000_000; i++) {
  keep.push({ i, s: `e${i}` });
  if (keep.length > 10_000) keep = [];
}
await sleep(50);
const controlGc = gc - controlBefore;
observer.disconnect();

const decision: number[] = [];
reader.poll((v, tag) => {
  if (tag === DecisionLatencyTag.INGEST_TO_ENQUEUED) decision.push(v);
});
decision.sort((a, b) => a - b);
const pct = (q: number): number =>
  decision[Math.min(decision.length - 1, Math.floor(q * decision.length))] ?? -1;
const result: DecisionGcResult = {
  hotEvents,
  hotOrders,
  hotMs,
  hotGc,
  controlGc: keep.length >= 0 ? controlGc : -1,
  leakyEvents: lp.agent.tallies.scalars[DecisionTally.EVENTS]! - leakyEventsBefore,
  leakyOrders: leaky.stats[0]! - leakyOrdersBefore,
  leakyGc,
  violations: p.agent.tallies.scalars[DecisionTally.STAMP_VIOLATIONS]!,
  strategyErrors: p.agent.tallies.scalars[DecisionTally.STRATEGY_ERRORS]!,
  refused: probe.stats[1]!,
  samples: decision.length,
  p50: pct(0.5),
  p99: pct(0.99),
  max: decision.at(-1) ?? -1,
  shed: shedResults,
};
parentPort?.postMessage(result);
