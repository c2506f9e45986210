// Two real decision worker threads (startDecisionWorkers), parked on the ring when idle, fed by
// the real ReplayIngestAgent replaying the AMZN ITCH file in this thread (paced, one ingest stamp
// and one publish per 64-message batch), their probe orders answered by a SinkGateway in this
// thread. Checks: every event reached both workers (loss counted, and none), every probe order
// got its completions with monotonic stamps (read back from the completion queues' slots),
// counters agree with the workers' own summaries, the controller's kill switch refuses the next
// order in both workers, stop() ends both cleanly. Reports decision latency (ingest → enqueued).
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import {
  CountersManager,
  CountersReader,
  CountersWriterView,
  SampleRing,
  SampleRingReader,
} from '@ringside/counters';
import { BroadcastRing, SpscQueue, nowNs, spscSlotOffset } from '@ringside/ring';
import { requireSharedData } from '@ringside/testkit';
import {
  BufferFramedSource,
  CompletionReader,
  CompletionStatus,
  DecisionLatencyTag,
  DecisionTally,
  IngestCountersPublisher,
  IngestTally,
  ItchNormalizer,
  ReplayIngestAgent,
  SinkGateway,
  allocateIngestCounters,
  readDecisionCounters,
  startDecisionWorkers,
} from '@ringside/hotpath';
import type { DecisionCountersSnapshot, DecisionWorkersHandle } from '@ringside/hotpath';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';
const BATCH = 64;
/** Producer pace: one 64-message batch per this many ns (400 k messages/s). */
const BATCH_EVERY_NS = 160_000;
const WARM_UP_MESSAGES = 20_000;
const PHASE_A_MESSAGES = 70_000;
const EVERY_EVENTS = 200;
const DEADLINE_MS = 30_000;

interface Stamped {
  readonly completions: number;
  readonly violations: number;
  readonly foreign: number;
}

/** Per order: the worker's own segment, decision read → enqueued (ns), for orders ingested after `since`. */
function readToEnqueued(buffer: SharedArrayBuffer, since: number): number[] {
  const q = SpscQueue.attach(buffer);
  const c = new CompletionReader();
  const out: number[] = [];
  for (let i = 0; i < q.capacity; i++) {
    c.wrap(q.i32, q.f64, spscSlotOffset(i, q.capacity - 1, q.slotBytes));
    if (c.status === CompletionStatus.ACCEPTED && c.ingestNs > since)
      out.push(c.enqueuedNs - c.decisionReadNs);
  }
  return out;
}

/** Every completion still in a completion queue's slots (none was overwritten: capacity > count). */
function scanCompletions(buffer: SharedArrayBuffer, workerId: number): Stamped {
  const q = SpscQueue.attach(buffer);
  const c = new CompletionReader();
  let completions = 0;
  let violations = 0;
  let foreign = 0;
  for (let i = 0; i < q.capacity; i++) {
    c.wrap(q.i32, q.f64, spscSlotOffset(i, q.capacity - 1, q.slotBytes));
    if (c.status === 0) continue;
    completions++;
    if (c.workerId !== workerId) foreign++;
    const s = [c.ingestNs, c.publishNs, c.decisionReadNs, c.enqueuedNs, c.sentNs, c.ackedNs];
    if (!(s[0]! > 0) || s.some((v, k) => k > 0 && s[k - 1]! > v)) violations++;
  }
  return { completions, violations, foreign };
}

function percentiles(values: number[]): string {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number): number => v[Math.min(v.length - 1, Math.floor(q * v.length))] ?? NaN;
  return `p50 ${(at(0.5) / 1000).toFixed(1)} us, p99 ${(at(0.99) / 1000).toFixed(1)} us, max ${(at(1) / 1000).toFixed(1)} us (n=${v.length})`;
}

// Parked, not spinning: two workers plus this producer thread on a 2-core machine.
async function twoWorkers(t: TestContext, idleStrategy: string): Promise<void> {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  const bytes = readFileSync(file);
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 256 });
  const config = {
    workers: 2,
    strategy: { name: 'latency-probe', params: { everyEvents: EVERY_EVENTS } },
    instruments: [{ locate: 1, symbol: 'AMZN' }],
    book: { maxOrders: 1 << 16, maxLevels: 4096 },
    idleStrategy,
    sampleCapacity: 1 << 14,
    // This test is about flow, not risk: the sink shares this thread with the producer and can
    // lag on a loaded 2-core box, so the open-order limit must not refuse probe orders here.
    risk: { maxOpenOrders: 1024 },
  };
  console.log(
    `config: ${JSON.stringify(config)}; ring 2^17 x 64 B; AMZN file replayed in this thread,`,
    `batch ${BATCH}, one batch per ${BATCH_EVERY_NS / 1000} us; sink 'expire' in this thread`,
  );
  const deadline = nowNs() + DEADLINE_MS * 1e6;
  const handle: DecisionWorkersHandle = startDecisionWorkers(config, ring.buffer, counters);
  let stopped = false;
  t.after(async () => {
    if (!stopped) await handle.stop().catch(() => undefined);
  });
  for (const d of await Promise.all(handle.workers.map((w) => w.ready))) console.log(`ready: ${d}`);

  // The producer (ingest replay) and the sink gateway, both driven from this thread.
  const normalizer = new ItchNormalizer(ring.attachProducer());
  const ingestTallies = normalizer.tallies.scalars;
  const publisher = new IngestCountersPublisher(
    normalizer.tallies,
    CountersWriterView.attach(counters.buffers),
    allocateIngestCounters(counters),
  );
  const ingest = new ReplayIngestAgent(
    new BufferFramedSource(bytes, 1),
    normalizer,
    publisher,
    SampleRing.allocate(4096),
    BATCH,
  );
  const sink = new SinkGateway(
    handle.workers.map((w) => ({ orders: w.orders, completions: w.completions })),
    'expire',
  );
  const reader = CountersReader.attach(counters.buffers);
  const snapshot = (i: number): DecisionCountersSnapshot =>
    readDecisionCounters(reader, handle.workers[i]!.counterIds);
  const nap = new Int32Array(new SharedArrayBuffer(4));

  /** Replays up to `messages` more messages at the set pace, answering orders meanwhile. */
  async function produce(messages: number): Promise<void> {
    const target = ingestTallies[IngestTally.MESSAGES_IN]! + messages;
    let due = nowNs();
    for (let i = 0; ingestTallies[IngestTally.MESSAGES_IN]! < target && !ingest.finished; i++) {
      assert.ok(nowNs() < deadline, 'producer deadline');
      if (nowNs() >= due) {
        ingest.doWork();
        due += BATCH_EVERY_NS;
      }
      if (sink.doWork() === 0) Atomics.wait(nap, 0, 0, 0.05);
      if ((i & 63) === 0) await turn();
    }
  }

  /** Answers orders until both workers handled every published event and finished their orders. */
  async function settle(): Promise<DecisionCountersSnapshot[]> {
    const published = ingestTallies[IngestTally.EVENTS_PUBLISHED]!;
    for (;;) {
      assert.ok(nowNs() < deadline, 'settle deadline');
      sink.doWork();
      const s = [snapshot(0), snapshot(1)];
      const done = s.every(
        (x) =>
          x.scalars['events']! + x.scalars['ring_loss']! === published &&
          x.scalars['completions'] === 2 * x.scalars['orders']!,
      );
      if (done) return s;
      Atomics.wait(nap, 0, 0, 0.2);
      await turn();
    }
  }

  // WARM-UP: the first messages get the workers' code optimized; latency is read from here on.
  await produce(WARM_UP_MESSAGES);
  await settle();
  const latencyReaders = handle.workers.map((w) => SampleRingReader.attach(w.samples, { fromTail: true }));
  const ordersWarm = [0, 1].map((i) => snapshot(i).scalars['orders']!);
  const warmEndNs = nowNs();

  // Phase A: most of the file, probe orders flowing.
  await produce(PHASE_A_MESSAGES - WARM_UP_MESSAGES);
  const a = await settle();
  const publishedA = ingestTallies[IngestTally.EVENTS_PUBLISHED]!;
  assert.ok(publishedA >= PHASE_A_MESSAGES, `published ${publishedA}`);
  let ordersA = 0;
  for (const [i, s] of a.entries()) {
    const x = s.scalars;
    console.log(`worker ${i} after phase A: ${JSON.stringify(s)}`);
    assert.equal(x['ring_loss'], 0, 'the ring holds the whole file: nothing lost');
    assert.equal(x['events'], publishedA, 'every published event reached this worker');
    assert.ok(x['orders']! >= Math.floor(publishedA / EVERY_EVENTS) - 2, `orders ${x['orders']}`);
    assert.equal(x['local_rejects'], 0);
    assert.equal(x['stamp_violations'], 0);
    assert.equal(x['strategy_errors'], 0);
    assert.equal(s.completions['ACCEPTED'], x['orders']);
    assert.equal(s.completions['CANCELED'], x['orders']);
    const slots = scanCompletions(handle.workers[i]!.completions, i);
    assert.deepEqual(slots, { completions: 2 * x['orders']!, violations: 0, foreign: 0 });
    ordersA += x['orders']!;
  }
  assert.equal(sink.stats[0], ordersA, 'the sink answered every order of both workers');

  // Phase B: kill switch through the controller, then the rest of the file.
  handle.halt();
  await produce(Number.POSITIVE_INFINITY);
  assert.ok(ingest.finished, 'the whole file was replayed');
  const b = await settle();
  const published = ingestTallies[IngestTally.EVENTS_PUBLISHED]!;
  assert.equal(ingestTallies[IngestTally.MESSAGES_IN], 80_660);
  for (const [i, s] of b.entries()) {
    const x = s.scalars;
    console.log(`worker ${i} after halt: ${JSON.stringify(s)}`);
    assert.equal(x['events'], published);
    assert.equal(x['orders'], a[i]!.scalars['orders'], 'no order left a halted worker');
    assert.ok(s.localRejects['HALTED']! >= Math.floor((published - publishedA) / EVERY_EVENTS) - 2);
    assert.equal(x['local_rejects'], s.localRejects['HALTED']);
  }
  assert.equal(sink.stats[0], ordersA, 'nothing reached the sink while halted');
  handle.resume();

  // Stop: both workers end their runs and report tallies equal to their counters.
  const summaries = await handle.stop();
  stopped = true;
  const final = [snapshot(0), snapshot(1)];
  for (const sum of summaries) {
    assert.equal(sum.reason, 'stopped');
    const x = final[sum.workerId]!.scalars;
    assert.equal(sum.tallies[DecisionTally.EVENTS], x['events']);
    assert.equal(sum.tallies[DecisionTally.ORDERS], x['orders']);
    assert.equal(sum.tallies[DecisionTally.COMPLETIONS], x['completions']);
    assert.equal(sum.tallies[DecisionTally.LOCAL_REJECTS], final[sum.workerId]!.localRejects['HALTED']);
  }

  // Latency, per worker, from the workers' sample rings.
  for (const w of handle.workers) {
    const decision: number[] = [];
    const transit: number[] = [];
    const execution: number[] = [];
    latencyReaders[w.workerId]!.poll((ns, tag) => {
      if (tag === DecisionLatencyTag.INGEST_TO_ENQUEUED) decision.push(ns);
      else if (tag === DecisionLatencyTag.INGEST_TO_READ) transit.push(ns);
      else if (tag === DecisionLatencyTag.ENQUEUED_TO_ACKED) execution.push(ns);
    });
    const orders = final[w.workerId]!.scalars['orders']! - ordersWarm[w.workerId]!;
    assert.equal(decision.length, orders, 'one decision latency sample per order after warm-up');
    assert.equal(execution.length, orders, 'one execution latency sample per order after warm-up');
    assert.ok(decision.every((ns) => ns > 0));
    console.log(
      `${idleStrategy} worker ${w.workerId} (gc entries during run, warm-up included: ${summaries[w.workerId]!.gcEvents}):`,
      `decision latency ingest->enqueued ${percentiles(decision)}; ingest->read ${percentiles(transit)};`,
      `read->enqueued (in the worker) ${percentiles(readToEnqueued(w.completions, warmEndNs))};`,
      `enqueued->acked (sink in main thread) ${percentiles(execution)}`,
    );
  }
}

test('two decision worker threads parked on the ring: every event, every completion, kill switch, clean stop', (t) =>
  twoWorkers(t, 'park:1000'));
