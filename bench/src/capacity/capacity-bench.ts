// `ringside bench capacity`: finds the decision workers' saturation point — the highest paced
// offered rate whose processed-event p99 stays within the budget with NO shedding — then runs at
// twice that rate with the ShedController driving the shed levels, and reports whether the
// processed p99 held and how much was shed (counters, controller events, completions).
// The named baseline is the same pipeline unshed: the ramp's last step (over the budget).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  EventQueueReader,
  EventQueueWriter,
  ShedController,
  createEventQueueBuffers,
  parseShedConfig,
  shedLevelName,
} from '@ringside/hotpath';
import type { DecisionCountersSnapshot, ShedConfig } from '@ringside/hotpath';
import { nowNs } from '@ringside/ring';
import {
  CAPACITY_SIZES,
  DECISION_IDLE,
  FEED_MAX_BATCH,
  FEED_SLEEP_MS,
  PROBE_EVERY_EVENTS,
  RING_CAPACITY,
} from './capacity-config.ts';
import type { CapacityOptions } from './capacity-config.ts';
import { CapacityPipeline } from './capacity-pipeline.ts';
import type { CapacityWorkerDone } from './capacity-pipeline.ts';
import { measureStretch } from './capacity-window.ts';
import type { StretchResult } from './capacity-window.ts';

export interface CapacityStep {
  readonly offeredPerSec: number;
  readonly result: StretchResult;
  readonly ringLoss: number;
  readonly withinBudget: boolean;
}

export interface CapacityOverload {
  readonly targetPerSec: number;
  readonly settle: StretchResult;
  readonly measured: StretchResult;
  readonly conflated: number;
  readonly dropped: number;
  readonly shedRejects: number;
  readonly ordersSent: number;
  readonly ringLoss: number;
  readonly shedEvents: readonly string[];
  readonly finalLevel: number;
}

export interface CapacityReport {
  readonly configuration: readonly string[];
  readonly budgetP99Ns: number;
  readonly steps: readonly CapacityStep[];
  readonly saturationEventsPerSec: number;
  readonly saturationRate: number;
  readonly overload: CapacityOverload | undefined;
  readonly workersDone: readonly CapacityWorkerDone[];
}

export interface CapacityBenchJson {
  bench: 'capacity';
  budgetP99Ns: number;
  saturationEventsPerSec: number;
  overload: { offeredPerSec: number; processedP99Ns: number; shedEvents: number; shedLevelMax: number };
}

const sum = (xs: readonly DecisionCountersSnapshot[], key: string): number =>
  xs.reduce((a, s) => a + (s.scalars[key] ?? 0), 0);

export function shedConfigFor(o: CapacityOptions): ShedConfig {
  // The host's defaults: the leading indicators (lag, conflation) both raise early and hold the
  // level while it absorbs the load, so no long quiet stretch is needed against oscillation.
  // Conflation gates lowering here: the bench's workers only conflate when really behind.
  return parseShedConfig({ decisionP99BudgetNs: o.budgetP99Ns, minProcessed: 50, calmConflatedPerSec: 2000 });
}

export async function runCapacityBench(o: CapacityOptions): Promise<CapacityReport> {
  const sizes = CAPACITY_SIZES[o.mode];
  const shedConfig = shedConfigFor(o);
  const p = await CapacityPipeline.start(o);
  const configuration = [
    `mode ${o.mode}: in-process pipeline — paced feed thread (feed-sim synthetic ITCH generator, ${o.instruments} instruments, ` +
      `ItchNormalizer, ≤ ${FEED_MAX_BATCH} messages per publish, sleeps ${FEED_SLEEP_MS} ms when not behind) → BroadcastRing ` +
      `${RING_CAPACITY} × 64 B → ${o.workers} decision worker thread(s) (DecisionAgent, ${o.strategy}` +
      `${o.strategy === 'latency-probe' ? ` every ${PROBE_EVERY_EVENTS} events` : ' on locate 1'} + ${o.costNs} ns busy work per callback ` +
      `[calibrated ${p.iterationsPerNs.map((x) => x.toFixed(2)).join(', ')} iterations/ns], idle ${DECISION_IDLE}) → SinkGateway ` +
      `('expire') in the main thread`,
    `latency: processed-event decision latency = ingest stamp → end of the batch that applied the event ` +
      `(INGEST_TO_PROCESSED, every event, all workers), HdrHistogram 3 digits; budget p99 ${o.budgetP99Ns} ns`,
    `ramp (no shedding, level NONE): ${sizes.initialWarmUpMs} ms warm-up, then from ${sizes.startRate} msg/s × ${sizes.rampFactor} per step, ≤ ${sizes.maxSteps} steps, ` +
      `${sizes.stepWarmUpMs} ms unmeasured + ${sizes.stepMeasureMs} ms measured; a step passes if p99 ≤ budget and no ring loss, in one of two attempts`,
    `overload: 2 × the saturation rate with the ShedController (window ${o.windowMs} ms, raise above ${shedConfig.decisionP99BudgetNs * shedConfig.raiseRatio} ns, ` +
      `quiet below ${shedConfig.decisionP99BudgetNs * shedConfig.lowerRatio} ns × ${shedConfig.lowerAfterWindows} windows, dwell ${shedConfig.minDwellNs / 1e6} ms; ` +
      `every ${o.loadTickMs} ms: raise on lag ≥ ${shedConfig.raiseLagEvents} or growing ≥ ${shedConfig.raiseLagGrowthPerSec}/s above ${shedConfig.growthMinLagEvents} ` +
      `for ${shedConfig.lagRaiseTicks} ticks, lower only after lag ≤ ${shedConfig.drainedLagEvents} and conflation ≤ ${shedConfig.calmConflatedPerSec ?? '∞'}/s for ${shedConfig.lowerCalmNs / 1e6} ms); ` +
      `${sizes.overloadSettleMs} ms controller reaction (reported) + ${sizes.overloadMeasureMs} ms measured; conflate above lag ${o.conflateLagEvents}, ` +
      `low-priority locates [${p.lowPriority.join(',')}]`,
  ];
  for (const line of configuration) o.log(line);
  const steps: CapacityStep[] = [];
  let saturation = 0;
  let saturationRate = 0;
  let overload: CapacityOverload | undefined;
  let workersDone: CapacityWorkerDone[] = [];
  try {
    let rate = sizes.startRate;
    // Warm the workers' code at the first rate (JIT tiers compile on the same 2 cores).
    p.setRate(rate);
    await measureStretch(p, sizes.initialWarmUpMs, o.windowMs, o.budgetP99Ns);
    for (let i = 0; i < sizes.maxSteps; i++) {
      // The machine is shared: a step is over budget only if two attempts in a row are (both
      // are reported), so one stall of a neighbour does not set the saturation point.
      let step: CapacityStep | undefined;
      for (let attempt = 0; attempt < 2 && step?.withinBudget !== true; attempt++) {
        if (attempt > 0) {
          p.setRate(0);
          await drain(p, o.log);
        }
        step = await rampStep(p, o, rate);
        steps.push(step);
      }
      const { result, withinBudget } = step!;
      if (!withinBudget) break;
      saturation = result.eventsPerSec;
      saturationRate = rate;
      rate = Math.round(rate * sizes.rampFactor);
    }
    p.setRate(0);
    await drain(p, o.log);
    if (saturation > 0) overload = await runOverload(p, o, shedConfig, saturationRate);
    else o.log('no ramp step within budget: no saturation point, overload skipped');
  } finally {
    p.setRate(0);
    workersDone = await p.stop().catch(async (err: unknown) => {
      o.log(`stop failed: ${String(err)}`);
      await p.kill();
      return [];
    });
  }
  return {
    configuration,
    budgetP99Ns: o.budgetP99Ns,
    steps,
    saturationEventsPerSec: saturation,
    saturationRate,
    overload,
    workersDone,
  };
}

async function rampStep(p: CapacityPipeline, o: CapacityOptions, rate: number): Promise<CapacityStep> {
  const sizes = CAPACITY_SIZES[o.mode];
  p.setRate(rate);
  await measureStretch(p, sizes.stepWarmUpMs, o.windowMs, o.budgetP99Ns);
  const lossBefore = sum(p.counters(), 'ring_loss');
  const result = await measureStretch(p, sizes.stepMeasureMs, o.windowMs, o.budgetP99Ns);
  const ringLoss = sum(p.counters(), 'ring_loss') - lossBefore;
  const withinBudget = result.p99Ns <= o.budgetP99Ns && ringLoss === 0 && result.processed > 0;
  o.log(
    `ramp ${rate.toFixed(0)} msg/s: ${describeStretch(result)}, ring loss ${ringLoss} → ${withinBudget ? 'within budget' : 'OVER'}`,
  );
  return { offeredPerSec: rate, result, ringLoss, withinBudget };
}

async function runOverload(
  p: CapacityPipeline,
  o: CapacityOptions,
  config: ShedConfig,
  saturationRate: number,
): Promise<CapacityOverload> {
  const sizes = CAPACITY_SIZES[o.mode];
  const buffers = createEventQueueBuffers();
  const events = new EventQueueReader(buffers);
  const shed = new ShedController(config, { events: new EventQueueWriter(buffers), flags: p.flags });
  const before = p.counters();
  const target = saturationRate * 2;
  p.setRate(target);
  const settle = await measureStretch(
    p,
    sizes.overloadSettleMs,
    o.windowMs,
    o.budgetP99Ns,
    shed,
    o.loadTickMs,
  );
  o.log(`overload ${target} msg/s, controller reaction: ${describeStretch(settle)}`);
  const measured = await measureStretch(
    p,
    sizes.overloadMeasureMs,
    o.windowMs,
    o.budgetP99Ns,
    shed,
    o.loadTickMs,
  );
  o.log(`overload ${target} msg/s, measured: ${describeStretch(measured)}`);
  p.setRate(0);
  await drain(p, o.log);
  while (p.sink.doWork() > 0);
  const after = p.counters();
  const delta = (key: string): number => sum(after, key) - sum(before, key);
  const shedRejects =
    after.reduce((a, s) => a + (s.localRejects['SHED'] ?? 0), 0) -
    before.reduce((a, s) => a + (s.localRejects['SHED'] ?? 0), 0);
  const shedEvents = events
    .drain(1000)
    .map((e) => `${e.event.kind} → ${e.event.labels?.['level'] ?? '?'}: ${e.event.reason}`);
  return {
    targetPerSec: target,
    settle,
    measured,
    conflated: delta('conflated'),
    dropped: delta('shed_dropped'),
    shedRejects,
    ordersSent: delta('orders'),
    ringLoss: delta('ring_loss'),
    shedEvents,
    finalLevel: shed.level,
  };
}

/** Waits (bounded) until every worker has received or lost everything the feed published. */
async function drain(p: CapacityPipeline, log: (line: string) => void): Promise<void> {
  const deadline = nowNs() + 15_000 * 1e6;
  for (;;) {
    while (p.sink.doWork() > 0);
    const c = p.counters();
    const events = p.published().events;
    if (c.every((s) => (s.scalars['events'] ?? 0) + (s.scalars['ring_loss'] ?? 0) >= events)) return;
    if (nowNs() > deadline) {
      log('drain: workers still behind after 15 s');
      return;
    }
    await sleep(5);
  }
}

function us(ns: number): string {
  return `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 0)} µs`;
}

function describeStretch(r: StretchResult): string {
  return (
    `offered ${r.eventsPerSec.toFixed(0)} events/s (${r.messages} msgs in ${r.ms.toFixed(0)} ms), processed p50 ${us(r.p50Ns)} ` +
    `p99 ${us(r.p99Ns)} p99.9 ${us(r.p999Ns)} max ${us(r.maxNs)} (n=${r.processed}, missed ${r.missedSamples}), ` +
    `windows over budget ${r.windowsOverBudget}/${r.windows}, level max ${shedLevelName(r.maxLevel)}`
  );
}

export function formatCapacityBench(r: CapacityReport): string[] {
  const lines = [...r.configuration];
  for (const s of r.steps) {
    lines.push(
      `ramp ${s.offeredPerSec} msg/s: ${describeStretch(s.result)}, ring loss ${s.ringLoss} → ${s.withinBudget ? 'within budget' : 'OVER BUDGET (baseline: unshed)'}`,
    );
  }
  lines.push(
    `saturation (no shedding): ${r.saturationEventsPerSec.toFixed(0)} events/s (offered ${r.saturationRate} msg/s); budget p99 ${us(r.budgetP99Ns)}`,
  );
  const o = r.overload;
  if (o !== undefined) {
    lines.push(
      `overload at 2× (${o.targetPerSec} msg/s) with shedding — controller reaction: ${describeStretch(o.settle)}`,
      `overload measured: ${describeStretch(o.measured)} → p99 ${o.measured.p99Ns <= r.budgetP99Ns ? 'WITHIN' : 'OVER'} budget`,
      `shed counters (all workers, whole overload): conflated callbacks ${o.conflated}, dropped low-priority events ${o.dropped}, ` +
        `LOCAL_REJECT SHED ${o.shedRejects}, orders sent ${o.ordersSent}, ring loss ${o.ringLoss}; level at the end ${shedLevelName(o.finalLevel)}`,
      `shed controller events (${o.shedEvents.length}):`,
      ...o.shedEvents.map((e) => `  ${e}`),
    );
  }
  lines.push(
    `decision workers: ${r.workersDone.map((d, k) => `#${k + 1} ${d.reason}, gc ${d.gcEvents} (whole run)`).join('; ')}`,
  );
  return lines;
}

export function capacityBenchJson(r: CapacityReport): CapacityBenchJson {
  const o = r.overload;
  return {
    bench: 'capacity',
    budgetP99Ns: r.budgetP99Ns,
    saturationEventsPerSec: Math.round(r.saturationEventsPerSec),
    overload: {
      offeredPerSec: o === undefined ? 0 : Math.round(o.measured.eventsPerSec),
      processedP99Ns: o === undefined ? 0 : o.measured.p99Ns,
      shedEvents: o === undefined ? 0 : o.conflated + o.dropped,
      shedLevelMax: o === undefined ? 0 : Math.max(o.settle.maxLevel, o.measured.maxLevel),
    },
  };
}
