// The slow-consumer knobs of the shipped strategies (workNs, stallMs), set through the decision
// workers' real command queue (DecisionCommand.STRATEGY_PARAM, what SetStrategyParam sends).
// Unit: busy work lasts at least workNs per event and is bounded; a stall blocks the calling
// thread for its time; unknown ids are ignored; the name → id tables are what the admin maps.
// Real threads: two decision workers (latency-probe, parked when idle) fed at 20 k events/s by
// the synthetic ITCH generator in this thread, the SlowConsumerPolicy ticked here. Worker 1 with
// workNs lags and is isolated (and rested, never dropped) while worker 0 stays ACTIVE with no
// loss and unchanged decision latency; stallMs gets worker 1 lapped → DROPPED with the loss
// counted; with the knob back at 0 it is readmitted and keeps up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import {
  CountersManager,
  CountersReader,
  CountersWriterView,
  SampleRing,
  SampleRingReader,
} from '@ringside/counters';
import { BroadcastRing, ConsumerState, nowNs } from '@ringside/ring';
import {
  DecisionCommand,
  DecisionLatencyTag,
  GeneratorFramedSource,
  IngestCountersPublisher,
  ItchNormalizer,
  ReplayIngestAgent,
  SinkGateway,
  SlowConsumerPolicy,
  allocateIngestCounters,
  parseSlowConsumerConfig,
  readDecisionCounters,
  startDecisionWorkers,
} from '../src/index.ts';
import type { SlowConsumerAction } from '../src/index.ts';
import { MAX_WORK_NS, SlowConsumerKnobs, SlowConsumerParam } from '../src/strategies/slow-consumer-knobs.ts';
import { LatencyProbeStrategy } from '../src/strategies/latency-probe-strategy.ts';
import { strategyParamId, strategyParamNames } from '../src/strategies/strategy-registry.ts';
import type { DecisionContext } from '../src/decision/decision-context.ts';

test('knobs: busy work per event is at least workNs and bounded; a stall blocks; unknown ids ignored', () => {
  const k = new SlowConsumerKnobs();
  assert.equal(k.apply(SlowConsumerParam.WORK_NS, 200_000), true);
  assert.equal(k.workNs, 200_000);
  const t0 = nowNs();
  for (let i = 0; i < 20; i++) k.onMarketEvent();
  const spent = nowNs() - t0;
  console.log(`20 events × 200 µs of work took ${(spent / 1e6).toFixed(2)} ms`);
  assert.ok(spent >= 20 * 200_000, `busy work too short: ${spent} ns`);
  assert.ok(spent < 2e9, 'busy work bounded');
  k.apply(SlowConsumerParam.WORK_NS, 1e15);
  assert.equal(k.workNs, MAX_WORK_NS, 'capped');
  k.apply(SlowConsumerParam.WORK_NS, -5);
  assert.equal(k.workNs, 0, 'negative means off');
  const s0 = nowNs();
  assert.equal(k.apply(SlowConsumerParam.STALL_MS, 60), true);
  const stalled = nowNs() - s0;
  assert.ok(stalled >= 55e6 && stalled < 2e9, `stall took ${stalled} ns`);
  assert.equal(k.stats[0], 1);
  assert.equal(k.apply(1, 5), false, "a strategy's own id is not a knob");

  assert.equal(strategyParamId('latency-probe', 'workNs'), SlowConsumerParam.WORK_NS);
  assert.equal(strategyParamId('top-of-book', 'stallMs'), SlowConsumerParam.STALL_MS);
  assert.equal(strategyParamId('latency-probe', 'nope'), undefined);
  assert.equal(strategyParamId('nope', 'workNs'), undefined);
  assert.deepEqual(strategyParamNames('latency-probe'), ['everyEvents', 'workNs', 'stallMs']);
  assert.deepEqual(strategyParamNames('top-of-book'), ['minSpread', 'maxPosition', 'workNs', 'stallMs']);

  const probe = new LatencyProbeStrategy({ everyEvents: 10 }, { workerId: 0, strategyId: 0, locates: [1] });
  const ctx = {} as DecisionContext;
  probe.onCommand(strategyParamId('latency-probe', 'everyEvents')!, 7, ctx);
  assert.equal(probe.everyEvents, 7);
  probe.onCommand(strategyParamId('latency-probe', 'everyEvents')!, 0.5, ctx);
  assert.equal(probe.everyEvents, 7, 'a non-integer is ignored');
  probe.onCommand(SlowConsumerParam.WORK_NS, 1000, ctx);
  assert.equal(probe.knobs.workNs, 1000);
});

const CAPACITY = 4096;
const BATCH = 16;
/** One 16-message batch per 800 µs: 20 k messages/s. */
const BATCH_EVERY_NS = 800_000;
const WORK_NS = 150_000;
const STALL_MS = 1_500;
const HIGH_WATER = 512;
const GRACE_NS = 100e6;
const REST_NS = 300e6;
const DEADLINE_MS = 40_000;

function p99(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(0.99 * v.length))] ?? Number.NaN;
}

test('workNs: isolated and rested, bystander untouched; stallMs: lapped → dropped; readmitted', async (t) => {
  const ring = BroadcastRing.create({ capacity: CAPACITY, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 256 });
  const config = {
    workers: 2,
    strategy: { name: 'latency-probe', params: { everyEvents: 100 } },
    instruments: [{ locate: 1, symbol: 'SYM1' }],
    idleStrategy: 'park:1',
    sampleCapacity: 1 << 14,
    risk: { maxOpenOrders: 1024 },
  };
  const slowConfig = {
    lagHighWater: HIGH_WATER,
    graceNs: GRACE_NS,
    restNs: REST_NS,
    autoReadmit: true,
    // Loss-based dropping off: only a lap drops here, so "slow" and "stalled" are told apart.
    dropLossThreshold: 1 << 30,
  };
  console.log(
    `config: ${JSON.stringify(config)}; ring ${CAPACITY} × 64 B; ${BATCH}-message batch per ` +
      `${BATCH_EVERY_NS / 1e3} µs; policy ${JSON.stringify(slowConfig)}; workNs ${WORK_NS}, stallMs ${STALL_MS}`,
  );
  const deadline = nowNs() + DEADLINE_MS * 1e6;
  const handle = startDecisionWorkers(config, ring.buffer, counters);
  t.after(async () => {
    await handle.stop().catch(() => undefined);
  });
  const lines = (await Promise.all(handle.workers.map((w) => w.ready))).map((d) => {
    const m = /consumer (\d+)/.exec(d);
    assert.ok(m !== null, d);
    return Number(m[1]);
  });
  const [byLine, slowLine] = lines as [number, number];
  const policy = new SlowConsumerPolicy(ring, parseSlowConsumerConfig(slowConfig));
  policy.watch(byLine, 'decision-0');
  policy.watch(slowLine, 'decision-1');

  const normalizer = new ItchNormalizer(ring.attachProducer());
  const ingest = new ReplayIngestAgent(
    new GeneratorFramedSource({ seed: 7, messages: 10_000_000, instruments: 1 }),
    normalizer,
    new IngestCountersPublisher(
      normalizer.tallies,
      CountersWriterView.attach(counters.buffers),
      allocateIngestCounters(counters),
    ),
    SampleRing.allocate(4096),
    BATCH,
  );
  const sink = new SinkGateway(
    handle.workers.map((w) => ({ orders: w.orders, completions: w.completions })),
    'expire',
  );
  const reader = CountersReader.attach(counters.buffers);
  const events = (i: number): number =>
    readDecisionCounters(reader, handle.workers[i]!.counterIds).scalars['events']!;
  const latency = SampleRingReader.attach(handle.workers[0]!.samples, { fromTail: true });
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const actions: SlowConsumerAction[] = [];
  let bystanderOut = 0;

  /** Feeds at the set pace for `ms`, ticking the policy; returns the bystander's decision samples. */
  async function run(ms: number, stopWhen?: () => boolean): Promise<number[]> {
    const samples: number[] = [];
    latency.poll(() => {});
    const end = nowNs() + ms * 1e6;
    let due = nowNs();
    let nextTick = due;
    for (let i = 0; nowNs() < end; i++) {
      assert.ok(nowNs() < deadline, 'test deadline');
      const now = nowNs();
      if (now >= due) {
        ingest.doWork();
        due += BATCH_EVERY_NS;
      }
      if (now >= nextTick) {
        actions.push(...policy.tick(now));
        if (ring.consumerState(byLine) !== ConsumerState.ACTIVE) bystanderOut++;
        nextTick = now + 5e6;
        if (stopWhen?.() === true) break;
      }
      if (sink.doWork() === 0) Atomics.wait(nap, 0, 0, 0.05);
      if ((i & 63) === 0) await turn();
    }
    latency.poll((ns, tag) => {
      if (tag === DecisionLatencyTag.INGEST_TO_ENQUEUED) samples.push(ns);
    });
    return samples;
  }
  const of = (line: number, kind: string): SlowConsumerAction[] =>
    actions.filter((a) => a.consumer === line && a.kind === kind);

  // Warm-up, then the baseline: both keep up, nobody is isolated.
  await run(2_000);
  const baseline = await run(2_000);
  assert.equal(actions.length, 0, `no action at 20 k/s unslowed: ${JSON.stringify(actions)}`);
  const base = p99(baseline);

  // Slow: worker 1 does 150 µs of work per event (a third of the feed rate).
  assert.equal(handle.command(1, DecisionCommand.STRATEGY_PARAM, SlowConsumerParam.WORK_NS, WORK_NS), 0);
  const slowAt = nowNs();
  const during = await run(2_500);
  const isolated = of(slowLine, 'isolated');
  console.log(`slow phase: ${actions.map((a) => `${a.kind}: ${a.reason}`).join('; ')}`);
  assert.ok(isolated.length > 0, 'the slow worker was isolated');
  assert.ok(
    isolated[0]!.monoNs - slowAt < 1.5e9,
    `isolated after ${(isolated[0]!.monoNs - slowAt) / 1e6} ms`,
  );
  assert.ok(of(slowLine, 'readmitted').length > 0, 'isolated, not lapped: rested and readmitted');
  assert.equal(of(slowLine, 'dropped').length, 0, 'slow but never lapped: not dropped');
  assert.ok(ring.loss(slowLine) > 0, 'skips while isolated are counted as loss');

  // Stall: one 1.5 s blocking call; the ring (4096 slots ≈ 205 ms of feed) laps it.
  assert.equal(handle.command(1, DecisionCommand.STRATEGY_PARAM, SlowConsumerParam.STALL_MS, STALL_MS), 0);
  const stallAt = nowNs();
  const stalled = await run(STALL_MS + 500, () => of(slowLine, 'dropped').length > 0);
  const dropped = of(slowLine, 'dropped');
  assert.equal(dropped.length, 1, `dropped once: ${JSON.stringify(actions.slice(-3))}`);
  assert.match(dropped[0]!.reason, /lapped/);
  console.log(
    `dropped ${((dropped[0]!.monoNs - stallAt) / 1e6).toFixed(0)} ms into the stall: ${dropped[0]!.reason}`,
  );
  assert.ok(ring.loss(slowLine) > CAPACITY, `loss counted: ${ring.loss(slowLine)}`);

  // The bystander: ACTIVE throughout, nothing lost, decision p99 unchanged.
  assert.equal(bystanderOut, 0, 'worker 0 never left ACTIVE');
  assert.equal(ring.loss(byLine), 0, 'worker 0 lost nothing');
  const slowP99 = p99([...during, ...stalled]);
  console.log(
    `worker 0 decision p99: baseline ${(base / 1e3).toFixed(0)} µs (n=${baseline.length}), ` +
      `while worker 1 slow/stalled ${(slowP99 / 1e3).toFixed(0)} µs (n=${during.length + stalled.length}); ` +
      `worker 1 loss ${ring.loss(slowLine)}`,
  );
  assert.ok(baseline.length >= 50 && during.length + stalled.length >= 50, 'enough samples');
  assert.ok(slowP99 <= Math.max(2 * base, base + 1e6), 'worker 0 latency unchanged');

  // Recovery: knob back to 0 (applied once the stall is over), readmit by command, keeps up.
  assert.equal(handle.command(1, DecisionCommand.STRATEGY_PARAM, SlowConsumerParam.WORK_NS, 0), 0);
  await run(Math.max(0, STALL_MS + 200 - (nowNs() - stallAt) / 1e6));
  policy.readmit(slowLine, nowNs(), 'test: readmit');
  const before = events(1);
  await run(1_500);
  assert.equal(ring.consumerState(slowLine), ConsumerState.ACTIVE, 'readmitted and stays ACTIVE');
  assert.ok(events(1) - before > 10_000, `worker 1 keeps up again: ${events(1) - before} events in 1.5 s`);
  assert.ok(ring.lag(slowLine) < HIGH_WATER, `lag ${ring.lag(slowLine)}`);
});
