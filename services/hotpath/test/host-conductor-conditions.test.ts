// The conductor's conditions, stepped by hand (Conductor.tick with explicit monotonic times) over
// real shared memory: the decision worker's sample ring, the gateway's counters and route block,
// a real Lifecycle, ShedController and SlowConsumerPolicy. No threads: the test writes what the
// workers would. Proves: (1) after READY a window whose decision p99 breaks the budget makes the
// host DEGRADED (latency-budget) and it returns to READY only after the stable period; (2) a
// venue that stops answering while connected is an execution backlog with its numbers, not a
// session down, and a real disconnect is still venue-session; EXEC_BACKLOG rejects count too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CountersManager,
  CountersReader,
  CountersWriterView,
  SampleRing,
  createSampleRingBuffer,
} from '@ringside/counters';
import { LifecycleState } from '@ringside/contracts';
import { BroadcastRing } from '@ringside/ring';
import { pino } from 'pino';
import { Lifecycle } from '../src/conductor/lifecycle.ts';
import { ShedController } from '../src/conductor/shed-controller.ts';
import { SlowConsumerPolicy } from '../src/conductor/slow-consumer-policy.ts';
import type { DecisionWorkersHandle } from '../src/decision/decision-controller.ts';
import { allocateDecisionCounters } from '../src/decision/decision-counters.ts';
import { DecisionLatencyTag } from '../src/decision/decision-latency.ts';
import { MarketEventDescriptor } from '../src/events/market-event-descriptor.ts';
import {
  GatewayRoute,
  GatewayRouteDescriptor as RD,
  createGatewayRouteBuffer,
} from '../src/gateway/gateway-config.ts';
import type { GatewayHandle } from '../src/gateway/gateway-controller.ts';
import { GatewayTallies, GatewayTally, allocateGatewayCounters } from '../src/gateway/gateway-counters.ts';
import type { IngestHandle } from '../src/ingest/ingest-controller.ts';
import { allocateIngestCounters } from '../src/ingest/ingest-counters.ts';
import { Conductor } from '../src/host/conductor.ts';
import { parseHotpathConfig } from '../src/host/host-config.ts';
import { FeedHealth } from '../src/host/session-health.ts';
import { hostConfigInput } from './workers/host-fixture.ts';

const MS = 1e6;
const BUDGET = 50_000_000; // host-fixture's decisionP99BudgetNs
const STABLE = 300 * MS; // host-fixture's recoveryStableNs
const TALLY = {
  ack_accepted: GatewayTally.ACK_ACCEPTED,
  exec_backlog: GatewayTally.EXEC_BACKLOG,
  in_flight: GatewayTally.IN_FLIGHT,
} as const;

function rig() {
  const config = parseHotpathConfig(hostConfigInput({ feedPort: 1, venuePort: 2 }));
  const counters = CountersManager.create({ capacity: 256 });
  const samples = createSampleRingBuffer(4096);
  const decision = {
    workers: [{ workerId: 0, samples, counterIds: allocateDecisionCounters(counters, 0) }],
  } as unknown as DecisionWorkersHandle;
  const route = createGatewayRouteBuffer(GatewayRoute.SINK);
  const gatewayIds = allocateGatewayCounters(counters);
  const gateway = { route, counterIds: gatewayIds } as unknown as GatewayHandle;
  const ingest = { counterIds: allocateIngestCounters(counters) } as unknown as IngestHandle;
  const ring = BroadcastRing.create({ capacity: 1024, slotBytes: MarketEventDescriptor.SLOT_BYTES });
  const lifecycle = new Lifecycle(config.lifecycle, {}, 0);
  const conductor = new Conductor(
    {
      config,
      counters: CountersReader.attach(counters.buffers),
      decision,
      gateway,
      ingest,
      lifecycle,
      shed: new ShedController(config.shed),
      consumers: new SlowConsumerPolicy(ring, config.slowConsumer),
      feed: new FeedHealth('generator', 1000),
      events: undefined,
      log: pino({ level: 'silent' }),
    },
    0,
  );
  const tallies = new GatewayTallies(CountersWriterView.attach(counters.buffers), gatewayIds);
  const writer = SampleRing.attach(samples);
  const routeWords = new Int32Array(route);
  const windowNs = config.conductor.windowMs * MS;
  let now = 0;
  return {
    config,
    lifecycle,
    conductor,
    gw: tallies.values,
    flushGateway: () => tallies.flush(),
    setSession: (up: boolean) => Atomics.store(routeWords, RD.SESSION_UP_INDEX, up ? 1 : 0),
    /** One full window of `n` decision samples of `p99Ns`, then the tick that closes it. */
    window(latencyNs: number, n = 20): void {
      for (let i = 0; i < n; i++) writer.record(latencyNs, DecisionLatencyTag.INGEST_TO_ENQUEUED);
      now += windowNs;
      conductor.tick(now);
    },
    tickAfter(ms: number): void {
      now += ms * MS;
      conductor.tick(now);
    },
    get now() {
      return now;
    },
  };
}

function toReady(r: ReturnType<typeof rig>): void {
  r.setSession(true);
  r.lifecycle.startWarmUp(0, 'test');
  for (let i = 0; i < 10 && r.lifecycle.stateName !== 'READY'; i++) r.window(1_000_000);
  assert.equal(r.lifecycle.stateName, 'READY');
}

test('after READY a window over the decision budget degrades; READY again only after the stable period', () => {
  const r = rig();
  console.log(
    'config: conductor',
    JSON.stringify(r.config.conductor),
    'lifecycle',
    JSON.stringify(r.config.lifecycle),
  );
  toReady(r);
  const windowMs = r.config.conductor.windowMs;
  r.window(BUDGET * 2);
  assert.equal(r.lifecycle.stateName, 'DEGRADED', 'a broken window degrades at once');
  const degraded = r.conductor.transitions.at(-1)!;
  assert.match(degraded.reason, /latency-budget: decision p99 100000000 ns broke the 50000000 ns budget/);
  // Under budget again: the condition clears, but READY waits for the stable period.
  r.window(1_000_000);
  assert.equal(r.lifecycle.stateName, 'DEGRADED');
  const clearedAt = r.now;
  // A breach inside the stable period restarts it.
  r.window(BUDGET);
  r.window(1_000_000);
  const restartedAt = r.now;
  for (let i = 0; i < 20 && r.lifecycle.stateName === 'DEGRADED'; i++) r.window(1_000_000);
  assert.equal(r.lifecycle.stateName, 'READY');
  const back = r.conductor.transitions.at(-1)!;
  assert.match(back.reason, /all conditions clear/);
  assert.ok(back.monoNs - restartedAt >= STABLE, 'stable period counted from the last clear');
  assert.ok(back.monoNs - clearedAt >= STABLE + 2 * windowMs * MS);
  assert.deepEqual(
    r.conductor.transitions.map((t) => t.to),
    [LifecycleState.WARM_UP, LifecycleState.READY, LifecycleState.DEGRADED, LifecycleState.READY],
  );
  // A window with too few samples is no evidence either way: nothing changes.
  r.window(BUDGET * 10, 1);
  assert.equal(r.lifecycle.stateName, 'READY');
});

test('a venue that stops answering is an execution backlog (with numbers), a disconnect is venue-session', () => {
  const r = rig();
  toReady(r);
  const stallMs = r.config.conductor.venueStallMs;
  r.gw[TALLY.in_flight] = 12;
  r.gw[TALLY.ack_accepted] = 100;
  r.flushGateway();
  r.tickAfter(10);
  assert.equal(r.lifecycle.stateName, 'READY', 'answers were flowing until now');
  r.tickAfter(stallMs + 5);
  assert.equal(r.lifecycle.stateName, 'DEGRADED');
  const reason = r.conductor.transitions.at(-1)!.reason;
  assert.match(
    reason,
    /^exec-backlog: execution backlog: 12 orders in flight, oldest unanswered for \d+ ms, 0 local EXEC_BACKLOG rejects$/,
  );
  assert.doesNotMatch(reason, /venue-session/);
  const age = Number(/for (\d+) ms/.exec(reason)![1]);
  assert.ok(age >= stallMs && age <= stallMs + 20, `oldest age ${age} ms`);
  // Answers again: the backlog clears, READY after the stable period.
  r.gw[TALLY.ack_accepted] = 112;
  r.gw[TALLY.in_flight] = 0;
  r.flushGateway();
  r.tickAfter(10);
  assert.equal(r.lifecycle.activeConditions().length, 0);
  r.tickAfter(STABLE / MS + 1);
  assert.equal(r.lifecycle.stateName, 'READY');

  // The gateway refusing orders EXEC_BACKLOG (table full) is a backlog too, while answers flow.
  r.gw[TALLY.exec_backlog] = 7;
  r.gw[TALLY.in_flight] = 8192;
  r.gw[TALLY.ack_accepted] = 200;
  r.flushGateway();
  r.tickAfter(10);
  assert.equal(r.lifecycle.stateName, 'DEGRADED');
  assert.match(
    r.conductor.transitions.at(-1)!.reason,
    /8192 orders in flight, .*7 local EXEC_BACKLOG rejects/,
  );
  r.gw[TALLY.in_flight] = 0;
  r.flushGateway();
  r.tickAfter(stallMs + 1);
  assert.equal(r.lifecycle.activeConditions().length, 0, 'no new rejects for the stall time: cleared');
  r.tickAfter(STABLE / MS + 1);
  assert.equal(r.lifecycle.stateName, 'READY');

  // A real disconnect: venue-session, not exec-backlog.
  r.setSession(false);
  r.tickAfter(10);
  assert.equal(r.lifecycle.stateName, 'DEGRADED');
  assert.equal(r.conductor.transitions.at(-1)!.reason, 'venue-session: venue session down');
  assert.deepEqual(
    r.lifecycle.activeConditions().map((c) => c.name),
    ['venue-session'],
  );
});
