// Zero GC through a decision agent: >= 2 M market events with the latency probe sending orders
// to the SinkGateway, then 1 M more at each shed level 1..3 (conflating, dropping, refusing),
// all in one worker thread watched by a 'gc' PerformanceObserver. The thread's young generation
// is kept small so that even ~16 bytes per order would force scavenges; the same loop with a
// probe that allocates per completion must show GC (the test can fail), and so must a plain
// allocating loop (the observer works in that thread).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import type { DecisionGcResult, DecisionGcWorkerData } from './workers/decision-gc-worker.ts';

const YOUNG_GENERATION_MB = 3;

test('decision agent: zero GC over >= 2 M market events with probe orders', async () => {
  const data: DecisionGcWorkerData = {
    events: 2_100_000,
    shedEvents: 1_000_000,
    warmupEvents: 500_000,
    everyEvents: 20,
    deadlineMs: 40_000,
  };
  console.log(
    `config: ${JSON.stringify(data)}, young generation ${YOUNG_GENERATION_MB} MB,`,
    `ring 2^14 x 64 B, batch 64 events, sink 'expire'`,
  );
  const worker = new Worker(new URL('./workers/decision-gc-worker.ts', import.meta.url), {
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const timer = setTimeout(() => void worker.terminate(), 50_000);
  const r = await new Promise<DecisionGcResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`gc worker exited (${code})`)));
  });
  clearTimeout(timer);
  await worker.terminate();
  console.log(
    `hot: ${r.hotEvents} events, ${r.hotOrders} orders in ${r.hotMs.toFixed(0)} ms, gc ${r.hotGc};`,
    `leaky control: ${r.leakyEvents} events, ${r.leakyOrders} orders, gc ${r.leakyGc}; allocating loop gc ${r.controlGc};`,
    `decision latency (ingest -> enqueued, same thread) p50 ${r.p50.toFixed(0)} ns, p99 ${r.p99.toFixed(0)} ns,`,
    `max ${r.max.toFixed(0)} ns over ${r.samples} orders`,
  );
  assert.ok(r.hotEvents >= 2_000_000, `events ${r.hotEvents}`);
  assert.ok(r.hotOrders >= 100_000, `orders ${r.hotOrders}`);
  assert.equal(r.refused, 0, 'no probe order refused');
  assert.equal(r.samples, r.hotOrders, 'one decision latency sample per order');
  assert.equal(r.violations, 0);
  assert.equal(r.strategyErrors, 0);
  assert.ok(r.controlGc > 0, 'the observer sees GCs in this thread');
  assert.equal(r.leakyOrders, r.hotOrders, 'the leaky control ran the same loop');
  assert.ok(r.leakyGc > 0, 'one small object per completion is detected at this heap size');
  assert.equal(r.hotGc, 0, 'no GC while deciding');
  for (const s of r.shed) {
    console.log(
      `shed level ${s.level}: ${s.events} events, shed count ${s.shedCount}, ${s.orders} orders,`,
      `scavenges ${s.gc}, other collections ${s.majorGc}`,
    );
    assert.ok(s.events >= 1_000_000, `level ${s.level}: events ${s.events}`);
    assert.ok(s.shedCount > s.events / 2, `level ${s.level}: the level acted (${s.shedCount})`);
    // Scavenges are what per-event garbage causes; a marking cycle started by setup garbage may
    // finish inside the loop (reported, not counted against the hot path).
    assert.equal(s.gc, 0, `level ${s.level}: no scavenge while shedding`);
  }
  assert.deepEqual(
    r.shed.map((s) => s.level),
    [1, 2, 3],
  );
  assert.equal(r.shed[2]!.orders, 0, 'REFUSE_ORDERS: no order went out');
});
