// Shed levels enforced by real decision worker threads (two DecisionAgents on their own threads,
// parked when idle), fed by this thread through a BroadcastRing, their orders answered by a
// SinkGateway here, the level driven by a real ShedController (operator pin) writing the shared
// flags block. Each phase pins a level, waits until both workers report acting on it, then
// publishes a burst that the workers (slowed by a per-callback cost) cannot keep up with.
// Forbidden outcomes, checked at every level: a worker's book differing from an unshed
// reference book (high-priority instrument at every level, both before DROP); a low-priority
// event reaching the strategy under DROP_LOW_PRIORITY; an order accepted on a stale book; an
// order reaching the gateway under REFUSE_ORDERS. Counters must show the shedding explicitly.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { CountersManager, CountersReader } from '@ringside/counters';
import { AgentControl, BroadcastRing, nowNs } from '@ringside/ring';
import {
  CompletionReason,
  DecisionFlagsDescriptor,
  DecisionTally,
  ShedController,
  ShedLevel,
  SinkGateway,
  allocateDecisionCounters,
  createCompletionQueue,
  createOrderQueue,
  parseShedConfig,
} from '@ringside/hotpath';
import type { DecisionCounterIds } from '@ringside/hotpath';
import { ShedFeed, bookImage } from './workers/shed-feed.ts';
import { ShedRecord } from './workers/shed-record.ts';
import type { ShedWorkerData, ShedWorkerResult } from './workers/shed-record.ts';

const HIGH = 1;
const LOW = 2;
const LOCATES = [HIGH, LOW];
const WORKERS = 2;
const BURST = 6000;
const CONFLATE_LAG = 128;
const SPIN = 2000;
const ORDER_EVERY = 4;
const DEADLINE_MS = 40_000;

interface Rig {
  readonly feed: ShedFeed;
  readonly shed: ShedController;
  readonly sink: SinkGateway;
  readonly reader: CountersReader;
  readonly ids: DecisionCounterIds[];
  readonly records: Float64Array[];
  readonly deadlineNs: number;
}

function tally(rig: Rig, w: number, index: number): number {
  return rig.reader.getCounterValue(rig.ids[w]!.scalars[index]!);
}

function rejects(rig: Rig, w: number, reason: number): number {
  return rig.reader.getCounterValue(rig.ids[w]!.byReason[reason]!);
}

/** Runs the sink and yields until `done` holds; fails at the deadline. */
async function until(rig: Rig, what: string, done: () => boolean): Promise<void> {
  while (!done()) {
    if (nowNs() > rig.deadlineNs) throw new Error(`deadline passed waiting for ${what}`);
    rig.sink.doWork();
    await sleep(1); // Not a third spinning thread next to the two workers.
  }
  while (rig.sink.doWork() > 0);
}

/** Pins `level`, then feeds small batches until both workers report acting on it. */
async function enterLevel(rig: Rig, level: number): Promise<void> {
  rig.shed.pin(level, `test phase ${level}`, nowNs());
  await until(rig, `level ${level} seen`, () => {
    if (
      Array.from({ length: WORKERS }, (_, w) => tally(rig, w, DecisionTally.SHED_LEVEL)).every(
        (l) => l === level,
      )
    )
      return true;
    rig.feed.publish(2, 2);
    return false;
  });
  await drained(rig);
}

async function drained(rig: Rig): Promise<void> {
  await until(rig, 'workers drained', () =>
    Array.from({ length: WORKERS }, (_, w) => tally(rig, w, DecisionTally.EVENTS)).every(
      (n) => n === rig.feed.total,
    ),
  );
}

interface PhaseDelta {
  readonly events: number[];
  readonly conflated: number[];
  readonly dropped: number[];
  readonly callbacks: number[][];
  readonly sinkOrders: number;
  readonly lowPublished: number;
}

/** One burst at the current level; per-worker deltas of the counters and recorded callbacks. */
async function burst(rig: Rig): Promise<PhaseDelta> {
  const w = [...Array(WORKERS).keys()];
  const snap = (): number[][] => [
    w.map((k) => tally(rig, k, DecisionTally.EVENTS)),
    w.map((k) => tally(rig, k, DecisionTally.CONFLATED)),
    w.map((k) => tally(rig, k, DecisionTally.SHED_DROPPED)),
    ...LOCATES.map((_, s) => w.map((k) => rig.records[k]![s * ShedRecord.STRIDE + ShedRecord.CALLBACKS]!)),
  ];
  const before = snap();
  const sinkBefore = rig.sink.stats[0]!;
  const lowBefore = rig.feed.published.get(LOW)!;
  rig.feed.publish(BURST);
  await drained(rig);
  const after = snap();
  const d = after.map((row, i) => row.map((v, k) => v - before[i]![k]!));
  return {
    events: d[0]!,
    conflated: d[1]!,
    dropped: d[2]!,
    callbacks: [d[3]!, d[4]!],
    sinkOrders: rig.sink.stats[0]! - sinkBefore,
    lowPublished: rig.feed.published.get(LOW)! - lowBefore,
  };
}

/** The top each worker's strategy last saw must be the reference's (after a drained burst). */
function assertTop(rig: Rig, slot: number, locate: number, label: string): void {
  const ref = rig.feed.reference.book(locate)!;
  const want = [
    ref.bestBidPrice(),
    ref.bestBidSize(),
    ref.bestAskPrice(),
    ref.bestAskSize(),
    ref.orderCount(),
  ];
  for (let k = 0; k < WORKERS; k++) {
    const r = rig.records[k]!;
    const base = slot * ShedRecord.STRIDE;
    const got = [
      ShedRecord.BID,
      ShedRecord.BID_SIZE,
      ShedRecord.ASK,
      ShedRecord.ASK_SIZE,
      ShedRecord.ORDERS,
    ].map((i) => r[base + i]!);
    assert.deepEqual(got, want, `${label}: worker ${k} locate ${locate} top vs the unshed reference`);
  }
}

test(
  'every shed level is enforced by real decision worker threads',
  { timeout: 55_000 },
  async (t: TestContext) => {
    const ring = BroadcastRing.create({ capacity: 1 << 15, slotBytes: 64 });
    const producer = ring.attachProducer();
    const counters = CountersManager.create({ capacity: 256 });
    const flagsBuffer = new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES);
    const flags = new Int32Array(flagsBuffer);
    const shed = new ShedController(parseShedConfig({ decisionP99BudgetNs: 1e6, minDwellNs: 0 }), { flags });
    const controls: AgentControl[] = [];
    const links: { orders: SharedArrayBuffer; completions: SharedArrayBuffer }[] = [];
    const ids: DecisionCounterIds[] = [];
    const records: Float64Array[] = [];
    const workers: Worker[] = [];
    const results: Promise<ShedWorkerResult>[] = [];
    console.log(
      `config: ${WORKERS} worker threads (park:200), locates high ${HIGH} / low ${LOW}, burst ${BURST} events per phase`,
      `(64 per publish), conflate above lag ${CONFLATE_LAG}, strategy spin ${SPIN} iterations per callback,`,
      `probe order every ${ORDER_EVERY} callbacks of locate ${HIGH}, ring 2^15 x 64 B, sink 'expire' in this thread`,
    );
    for (let k = 0; k < WORKERS; k++) {
      const control = AgentControl.create();
      const orders = createOrderQueue(1024).buffer;
      const completions = createCompletionQueue(2048).buffer;
      const record = new SharedArrayBuffer(LOCATES.length * ShedRecord.STRIDE * 8);
      const counterIds = allocateDecisionCounters(counters, k);
      const data: ShedWorkerData = {
        workerId: k + 1,
        ring: ring.buffer,
        orders,
        completions,
        flags: flagsBuffer,
        control: control.buffer,
        record,
        counters: counters.buffers,
        counterIds,
        locates: LOCATES,
        lowPriority: [LOW],
        conflateLagEvents: CONFLATE_LAG,
        spin: SPIN,
        orderEvery: ORDER_EVERY,
      };
      const worker = new Worker(new URL('./workers/shed-worker.ts', import.meta.url), { workerData: data });
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      results.push(
        ready.then(
          () =>
            new Promise<ShedWorkerResult>((resolve, reject) => {
              worker.once('message', resolve);
              worker.once('error', reject);
              worker.once('exit', (code) =>
                reject(new Error(`shed worker exited (${code}) without a result`)),
              );
            }),
        ),
      );
      await ready;
      controls.push(control);
      links.push({ orders, completions });
      ids.push(counterIds);
      records.push(new Float64Array(record));
      workers.push(worker);
    }
    t.after(async () => {
      for (const w of workers) await w.terminate();
    });
    const rig: Rig = {
      feed: new ShedFeed(producer, LOCATES),
      shed,
      sink: new SinkGateway(links, 'expire'),
      reader: CountersReader.attach(counters.buffers),
      ids,
      records,
      deadlineNs: nowNs() + DEADLINE_MS * 1e6,
    };

    // NONE: every event reaches the strategy, orders flow.
    await enterLevel(rig, ShedLevel.NONE);
    const none = await burst(rig);
    console.log(`NONE: ${JSON.stringify(none)}`);
    assert.deepEqual(none.conflated, [0, 0]);
    assert.deepEqual(none.dropped, [0, 0]);
    for (let k = 0; k < WORKERS; k++) {
      assert.equal(none.callbacks[0]![k]! + none.callbacks[1]![k]!, none.events[k], 'every event delivered');
    }
    assert.ok(none.sinkOrders > 0, 'orders go out at NONE');
    assertTop(rig, 0, HIGH, 'NONE');
    assertTop(rig, 1, LOW, 'NONE');

    // CONFLATE: behind the burst, callbacks are conflated; books stay exact.
    await enterLevel(rig, ShedLevel.CONFLATE);
    const conflate = await burst(rig);
    console.log(`CONFLATE: ${JSON.stringify(conflate)}`);
    for (let k = 0; k < WORKERS; k++) {
      assert.ok(conflate.conflated[k]! > 0, `worker ${k} conflated`);
      assert.equal(
        conflate.callbacks[0]![k]! + conflate.callbacks[1]![k]! + conflate.conflated[k]!,
        conflate.events[k],
        'callbacks + conflated = events',
      );
      assert.ok(conflate.callbacks[0]![k]! > 0 && conflate.callbacks[1]![k]! > 0);
    }
    assert.deepEqual(conflate.dropped, [0, 0]);
    assert.ok(conflate.sinkOrders > 0, 'orders still go out at CONFLATE');
    assertTop(rig, 0, HIGH, 'CONFLATE');
    assertTop(rig, 1, LOW, 'CONFLATE');
    for (let k = 0; k < WORKERS; k++)
      assert.equal(tally(rig, k, DecisionTally.BOOK_ERRORS), 0, 'no book error before DROP');

    // DROP_LOW_PRIORITY: not one low-priority event reaches the strategy; every one is counted.
    await enterLevel(rig, ShedLevel.DROP_LOW_PRIORITY);
    const drop = await burst(rig);
    console.log(`DROP_LOW_PRIORITY: ${JSON.stringify(drop)}`);
    for (let k = 0; k < WORKERS; k++) {
      assert.equal(drop.callbacks[1]![k], 0, `worker ${k}: no low-priority event reached the strategy`);
      assert.equal(
        drop.dropped[k],
        drop.lowPublished,
        `worker ${k}: every low-priority event counted dropped`,
      );
      const r = rig.records[k]!;
      assert.equal(r[ShedRecord.STRIDE + ShedRecord.STALE_ACCEPTED], 0, 'no order on a stale book');
      assert.ok(r[ShedRecord.STRIDE + ShedRecord.STALE_REFUSED]! > 0, 'the strategy tried, and was refused');
      assert.ok(rejects(rig, k, CompletionReason.SHED) > 0, 'refusals counted LOCAL_REJECT SHED');
    }
    assertTop(rig, 0, HIGH, 'DROP_LOW_PRIORITY');

    // REFUSE_ORDERS: no order reaches the gateway; refusals counted.
    await enterLevel(rig, ShedLevel.REFUSE_ORDERS);
    const shedBefore = [0, 1].map((k) => rejects(rig, k, CompletionReason.SHED));
    const refuse = await burst(rig);
    console.log(`REFUSE_ORDERS: ${JSON.stringify(refuse)}`);
    assert.equal(refuse.sinkOrders, 0, 'no order went out under REFUSE_ORDERS');
    for (let k = 0; k < WORKERS; k++) {
      assert.ok(rejects(rig, k, CompletionReason.SHED) > shedBefore[k]!, `worker ${k}: SHED refusals`);
      assert.equal(refuse.callbacks[1]![k], 0);
    }
    assertTop(rig, 0, HIGH, 'REFUSE_ORDERS');

    // Back to NONE: orders flow again; the low-priority book stays stale (and refused).
    rig.shed.unpin('test over', nowNs());
    await enterLevel(rig, ShedLevel.NONE);
    const after = await burst(rig);
    assert.ok(after.sinkOrders > 0, 'orders flow again');
    assert.deepEqual(after.conflated, [0, 0]);

    for (const c of controls) c.requestStop();
    const finals = await Promise.all(results);
    const reference = bookImage(rig.feed.reference.book(HIGH)!);
    for (let k = 0; k < WORKERS; k++) {
      const f = finals[k]!;
      assert.deepEqual(
        f.images[HIGH],
        reference,
        `worker ${k}: high-priority book equals the unshed reference`,
      );
      assert.equal(f.stale[HIGH], false);
      assert.equal(f.stale[LOW], true, 'the low-priority book missed events: stale');
      assert.equal(tally(rig, k, DecisionTally.RING_LOSS), 0, 'no ring loss (the comparison is exact)');
    }
    console.log(
      `final: reference high book ${reference[0]} orders; conflated ${[0, 1].map((k) => tally(rig, k, DecisionTally.CONFLATED))},`,
      `dropped ${[0, 1].map((k) => tally(rig, k, DecisionTally.SHED_DROPPED))},`,
      `SHED rejects ${[0, 1].map((k) => rejects(rig, k, CompletionReason.SHED))}, sink orders ${rig.sink.stats[0]}`,
    );
  },
);
