// THE stall test: a slow venue never backpressures ingest. The whole path runs for real:
// ReplayIngestAgent (the AMZN ITCH file, looped) in this thread at a FIXED paced rate → ring →
// 2 decision worker threads (latency-probe strategy, parked when idle) → gateway worker
// (OUCH 4.2 over SoupBinTCP) → venue-sim (in this thread). Phases: warm-up, baseline, venue
// stalled (setStall), recovery; then the venue drains and every order settles.
// Asserts: the ingest rate during the stall stays at baseline; decision latency (ingest →
// enqueued, from completion stamps) during the stall is not materially worse than baseline;
// the backlog is visible (gateway in-flight / TIMEOUT / EXEC_BACKLOG rise during the stall);
// afterwards 0 lost, 0 duplicated (venue orders received == gateway orders sent, each client
// order id has exactly one terminal completion).
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import { CountersManager, CountersReader, CountersWriterView, SampleRing } from '@ringside/counters';
import { BroadcastRing, SpscQueue, nowNs, spscSlotOffset } from '@ringside/ring';
import { requireSharedData } from '@ringside/testkit';
import { startVenueSim } from '@ringside/venue-sim';
import type { VenueSimHandle } from '@ringside/venue-sim';
import {
  BufferFramedSource,
  CompletionReader,
  CompletionReason,
  CompletionStatus,
  IngestCountersPublisher,
  IngestTally,
  ItchNormalizer,
  ReplayIngestAgent,
  allocateIngestCounters,
  isTerminalCompletion,
  readDecisionCounters,
  startDecisionWorkers,
} from '@ringside/hotpath';
import type { DecisionCountersSnapshot, DecisionWorkersHandle } from '@ringside/hotpath';
import { startGateway } from '../src/gateway/gateway-controller.ts';
import type { GatewayHandle } from '../src/gateway/gateway-controller.ts';
import { readGatewayCounters } from '../src/gateway/gateway-counters.ts';
import type { GatewayCountersSnapshot } from '../src/gateway/gateway-counters.ts';
import { OrderKind } from '../src/orders/order-command-descriptor.ts';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';
const BATCH = 64;
/** One 64-message batch per 400 µs: 160 k messages/s, paced (the thread naps in between). */
const BATCH_EVERY_NS = 400_000;
const WARM_UP_MS = 1500;
const PHASE_MS = 2000;
const EVERY_EVENTS = 400;
const TIMEOUT_MS = 250;
const MAX_IN_FLIGHT = 256;
const COMPLETION_QUEUE = 1 << 15;
const DEADLINE_MS = 35_000;
const PHASES = ['baseline', 'stall', 'recovery'] as const;

interface Phase {
  name: string;
  startNs: number;
  endNs: number;
  messages: number;
  /** Gateway counters at the phase's start and end, and the highest in-flight gauge seen. */
  before: GatewayCountersSnapshot;
  after: GatewayCountersSnapshot;
  maxInFlight: number;
  /** Decision latency (ingest → enqueued, ns) of orders ingested in the phase. */
  latency: number[];
  /** Execution latency (enqueued → acked, ns) of the phase's orders answered on time. */
  execution: number[];
}

interface OrderRecord {
  decisionNs: number;
  /** Enqueued → venue's first answer (ns), from an on-time ACCEPTED; -1 when none. */
  executionNs: number;
  ingestNs: number;
  terminal: number;
  statuses: number[];
}

function pct(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))] ?? Number.NaN;
}

function us(ns: number): string {
  return `${(ns / 1000).toFixed(1)} µs`;
}

/** Every NEW order's completions, from the completion queue's slots (capacity > completions). */
function scanOrders(buffer: SharedArrayBuffer, into: Map<number, OrderRecord>): number {
  const q = SpscQueue.attach(buffer);
  const c = new CompletionReader();
  let n = 0;
  for (let i = 0; i < q.capacity; i++) {
    c.wrap(q.i32, q.f64, spscSlotOffset(i, q.capacity - 1, q.slotBytes));
    if (c.status === 0) continue;
    n++;
    if (c.commandKind !== OrderKind.NEW) continue;
    let r = into.get(c.clientOrderId);
    if (r === undefined) {
      r = {
        decisionNs: c.enqueuedNs - c.ingestNs,
        executionNs: -1,
        ingestNs: c.ingestNs,
        terminal: 0,
        statuses: [],
      };
      into.set(c.clientOrderId, r);
    }
    if (c.status === CompletionStatus.ACCEPTED && c.reason === CompletionReason.NONE)
      r.executionNs = c.ackedNs - c.enqueuedNs;
    r.statuses.push(c.status);
    if (isTerminalCompletion(c.status, c.commandKind)) r.terminal++;
  }
  return n;
}

async function stallRun(t: TestContext): Promise<void> {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  const bytes = readFileSync(file);
  const deadline = nowNs() + DEADLINE_MS * 1e6;

  const venue: VenueSimHandle = await startVenueSim({ heartbeatIntervalMs: 100, session: 'STALL' });
  t.after(() => venue.close());
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 256 });
  const decisionConfig = {
    workers: 2,
    strategy: { name: 'latency-probe', params: { everyEvents: EVERY_EVENTS } },
    instruments: [{ locate: 1, symbol: 'AMZN' }],
    book: { maxOrders: 1 << 16, maxLevels: 4096 },
    risk: { maxOpenOrders: 1024 },
    idleStrategy: 'park:1000',
    completionQueueCapacity: COMPLETION_QUEUE,
    sampleCapacity: 1 << 14,
  };
  const decision: DecisionWorkersHandle = startDecisionWorkers(decisionConfig, ring.buffer, counters);
  let decisionStopped = false;
  t.after(async () => {
    if (!decisionStopped) await decision.stop().catch(() => undefined);
  });
  for (const d of await Promise.all(decision.workers.map((w) => w.ready))) console.log(`ready: ${d}`);
  const gateway: GatewayHandle = startGateway(
    {
      venue: {
        kind: 'ouch',
        port: venue.port,
        username: 'STALL',
        tokenPrefix: 'S01',
        heartbeatIntervalMs: 100,
      },
      timeoutMs: TIMEOUT_MS,
      maxInFlight: MAX_IN_FLIGHT,
    },
    decision.workers.map((w) => ({ workerId: w.workerId, orders: w.orders, completions: w.completions })),
    counters,
  );
  let gatewayStopped = false;
  t.after(async () => {
    if (!gatewayStopped) await gateway.stop().catch(() => undefined);
  });
  console.log(`gateway ready: ${await gateway.ready}`);
  const reader = CountersReader.attach(counters.buffers);
  const gw = (): GatewayCountersSnapshot => readGatewayCounters(reader, gateway.counterIds);
  const dec = (i: number): DecisionCountersSnapshot =>
    readDecisionCounters(reader, decision.workers[i]!.counterIds);
  for (let i = 0; i < 500 && venue.stats().ouch.sessionsLoggedIn < 1; i++) await turn();
  for (let i = 0; i < 200 && venue.stats().ouch.sessionsLoggedIn < 1; i++)
    await new Promise((r) => setTimeout(r, 10));
  assert.equal(venue.stats().ouch.sessionsLoggedIn, 1, 'the gateway logged in to venue-sim');

  // The producer: ingest replay in this thread, paced; the venue-sim shares this event loop.
  const normalizer = new ItchNormalizer(ring.attachProducer());
  const ingestTallies = normalizer.tallies.scalars;
  const ingest = new ReplayIngestAgent(
    new BufferFramedSource(bytes, 40),
    normalizer,
    new IngestCountersPublisher(
      normalizer.tallies,
      CountersWriterView.attach(counters.buffers),
      allocateIngestCounters(counters),
    ),
    SampleRing.allocate(4096),
    BATCH,
  );
  const nap = new Int32Array(new SharedArrayBuffer(4));
  let due = nowNs();
  let maxInFlightSeen = 0;

  /** Replays at the fixed pace for `ms`; returns the messages ingested meanwhile. */
  async function produce(ms: number): Promise<number> {
    const start = ingestTallies[IngestTally.MESSAGES_IN]!;
    const end = nowNs() + ms * 1e6;
    let nextSample = 0;
    for (let i = 0; i < 10_000_000 && nowNs() < end; i++) {
      assert.ok(nowNs() < deadline, 'producer deadline');
      assert.ok(!ingest.finished, 'the looped file outlasts the run');
      const now = nowNs();
      if (now >= due) {
        ingest.doWork();
        due += BATCH_EVERY_NS;
      } else {
        Atomics.wait(nap, 0, 0, Math.min(0.1, (due - now) / 1e6));
      }
      if (now >= nextSample) {
        const inFlight = gw()['in_flight']!;
        if (inFlight > maxInFlightSeen) maxInFlightSeen = inFlight;
        nextSample = now + 5e6;
      }
      // Let the venue-sim (same event loop) read and answer.
      if ((i & 3) === 0) await turn();
    }
    return ingestTallies[IngestTally.MESSAGES_IN]! - start;
  }

  console.log(
    `config: AMZN file looped, batch ${BATCH} msgs every ${BATCH_EVERY_NS / 1000} µs ` +
      `(${((BATCH * 1e9) / BATCH_EVERY_NS / 1000).toFixed(0)} k msg/s target) in the main thread with venue-sim; ` +
      `decision ${JSON.stringify(decisionConfig)}; gateway timeout ${TIMEOUT_MS} ms, maxInFlight ${MAX_IN_FLIGHT}; ` +
      `phases: warm-up ${WARM_UP_MS} ms, then ${PHASES.join(' / ')} ${PHASE_MS} ms each, venue stalled ${PHASE_MS} ms`,
  );
  await produce(WARM_UP_MS);
  const phases: Phase[] = [];
  for (const name of PHASES) {
    maxInFlightSeen = 0;
    const before = gw();
    if (name === 'stall') venue.setStall(PHASE_MS);
    const startNs = nowNs();
    const messages = await produce(PHASE_MS);
    phases.push({
      name,
      startNs,
      endNs: nowNs(),
      messages,
      before,
      after: gw(),
      maxInFlight: maxInFlightSeen,
      latency: [],
      execution: [],
    });
  }

  // Settle: nothing more ingested; wait until every event was decided on, the venue drained and
  // no order is left in flight.
  const published = ingestTallies[IngestTally.EVENTS_PUBLISHED]!;
  let settled = false;
  for (let i = 0; i < 100_000 && nowNs() < deadline; i++) {
    const s = [dec(0), dec(1)];
    const g = gw();
    const v = venue.stats();
    if (
      s.every((x) => x.scalars['events']! + x.scalars['ring_loss']! === published) &&
      g['in_flight'] === 0 &&
      g['backlog'] === 0 &&
      v.pending === 0 &&
      // The workers read every completion the gateway wrote (their own refusals come on top).
      s[0]!.scalars['completions']! + s[1]!.scalars['completions']! ===
        g['completions_written']! + s[0]!.scalars['local_rejects']! + s[1]!.scalars['local_rejects']!
    ) {
      settled = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const decisionFinal = [dec(0), dec(1)];
  const g = gw();
  const v = venue.stats();
  console.log('gateway counters after settle:', JSON.stringify(g));
  console.log('venue-sim:', JSON.stringify({ ...v, ouch: undefined }));
  for (const [i, s] of decisionFinal.entries()) console.log(`decision worker ${i}:`, JSON.stringify(s));
  assert.ok(settled, 'every order settled after the stall');

  // Every order's completions, from the completion queues.
  const orders = new Map<number, OrderRecord>();
  let completions = 0;
  for (const w of decision.workers) completions += scanOrders(w.completions, orders);
  const decided = decisionFinal.reduce((n, s) => n + s.scalars['completions']!, 0);
  assert.ok(decided <= COMPLETION_QUEUE, 'no completion slot was reused: the scan sees every completion');
  assert.equal(completions, decided, 'the scan found every completion the workers read');
  const submitted = decisionFinal.reduce((n, s) => n + s.scalars['orders']!, 0);
  assert.equal(orders.size, submitted, 'every submitted order has completions');
  let badTerminal = 0;
  for (const r of orders.values()) if (r.terminal !== 1) badTerminal++;
  assert.equal(badTerminal, 0, 'each client order id has exactly one terminal completion');
  assert.equal(g['completions_lost'], 0);
  assert.equal(v.ordersReceived, g['orders_sent'], 'venue orders received == orders sent');
  assert.equal(v.duplicates, 0, 'no order reached the venue twice');
  assert.equal(v.accepted, g['ack_accepted']);
  assert.equal(g['unknown_order_events'], 0);

  // Per-phase figures.
  for (const r of orders.values())
    for (const p of phases)
      if (r.ingestNs >= p.startNs && r.ingestNs < p.endNs) {
        p.latency.push(r.decisionNs);
        if (r.executionNs >= 0) p.execution.push(r.executionNs);
      }
  const rate = (p: Phase): number => p.messages / ((p.endNs - p.startNs) / 1e9);
  const delta = (p: Phase, k: string): number => p.after[k]! - p.before[k]!;
  for (const p of phases) {
    console.log(
      `${p.name.padEnd(8)}: ingest ${(rate(p) / 1000).toFixed(1)} k msg/s (${p.messages} msgs); decision latency ` +
        `ingest→enqueued p50 ${us(pct(p.latency, 0.5))} p99 ${us(pct(p.latency, 0.99))} max ${us(pct(p.latency, 1))} ` +
        `(n=${p.latency.length}); execution enqueued→acked on time p50 ${us(pct(p.execution, 0.5))} ` +
        `p99 ${us(pct(p.execution, 0.99))} (n=${p.execution.length}); gateway: orders sent +${delta(p, 'orders_sent')}, timeouts +${delta(p, 'timeouts')}, ` +
        `exec_backlog +${delta(p, 'exec_backlog')}, late answers +${delta(p, 'late_answers')}, ` +
        `max in-flight ${p.maxInFlight}`,
    );
  }
  const [base, stall, recovery] = phases as [Phase, Phase, Phase];
  assert.ok(rate(stall) >= 0.9 * rate(base), 'ingest during the stall ≥ 90 % of baseline');
  assert.ok(rate(recovery) >= 0.9 * rate(base), 'ingest during recovery ≥ 90 % of baseline');
  assert.ok(base.latency.length >= 50 && stall.latency.length >= 50, 'enough orders per phase');
  const baseP99 = pct(base.latency, 0.99);
  const stallP99 = pct(stall.latency, 0.99);
  assert.ok(
    stallP99 <= 3 * baseP99 + 1e6,
    `decision p99 during the stall ${us(stallP99)} ≤ 3 × baseline ${us(baseP99)} + 1 ms`,
  );
  // The backlog shows where it belongs: at the gateway, not upstream.
  assert.ok(delta(stall, 'timeouts') > 0, 'TIMEOUT completions during the stall');
  assert.ok(delta(stall, 'exec_backlog') > 0, 'LOCAL_REJECT EXEC_BACKLOG during the stall');
  assert.ok(stall.maxInFlight > base.maxInFlight, 'in-flight orders pile up during the stall');
  assert.equal(delta(base, 'timeouts'), 0, 'no TIMEOUT at baseline');
  const ringLoss = decisionFinal.reduce((n, s) => n + s.scalars['ring_loss']!, 0);
  assert.equal(ringLoss, 0, 'the decision workers kept up with the ring throughout');

  gatewayStopped = true;
  const report = await gateway.stop();
  decisionStopped = true;
  const summaries = await decision.stop();
  console.log(
    `gateway driver (turns, parks, notified wakes, doWork): ${report.driver.join(', ')}; ` +
      `decision gc entries: ${summaries.map((s) => s.gcEvents).join(', ')}`,
  );
}

test('a stalled venue never backpressures ingest or decision; every order settles after it', (t) =>
  stallRun(t));
