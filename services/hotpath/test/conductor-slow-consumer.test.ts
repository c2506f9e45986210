// The slow-consumer policy over a real BroadcastRing: a producer publishes, a consumer in the
// same thread stops reading. Isolated only once its lag has stayed above the high-water mark for
// the grace time; dropped when lapped while isolated; readmitted by command or after the rest;
// every step is an event with the numbers that caused it, and feeds the lifecycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LifecycleState, ConsumerState as WireState } from '@ringside/contracts';
import { BroadcastRing, BroadcastStatus, ConsumerState, nowNs } from '@ringside/ring';
import type { BroadcastConsumer, BroadcastProducer } from '@ringside/ring';
import {
  ConductorError,
  ConductorErrorCode,
  EventQueueReader,
  EventQueueWriter,
  Lifecycle,
  SlowConsumerPolicy,
  TelemetryStateReader,
  TelemetryStateWriter,
  createEventQueueBuffers,
  parseLifecycleConfig,
  parseSlowConsumerConfig,
} from '@ringside/hotpath';
import type { SlowConsumerConfigInput } from '@ringside/hotpath';

const CAPACITY = 1_024;
const HIGH_WATER = 100;
const GRACE = 1_000_000;
const REST = 5_000_000;

interface Rig {
  ring: BroadcastRing;
  producer: BroadcastProducer;
  consumer: BroadcastConsumer;
  policy: SlowConsumerPolicy;
  events: EventQueueReader;
  state: TelemetryStateReader;
  publish: (n: number) => void;
}

function rig(overrides: Partial<SlowConsumerConfigInput> = {}): Rig {
  const ring = BroadcastRing.create({ capacity: CAPACITY, slotBytes: 64 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer({ maxBatch: CAPACITY });
  const buffers = createEventQueueBuffers();
  const stateWriter = TelemetryStateWriter.create();
  const config = parseSlowConsumerConfig({
    lagHighWater: HIGH_WATER,
    graceNs: GRACE,
    restNs: REST,
    ...overrides,
  });
  const policy = new SlowConsumerPolicy(ring, config, {
    events: new EventQueueWriter(buffers),
    state: stateWriter,
  });
  policy.watch(consumer.index, 'decision-0');
  const payload = new Uint8Array(ring.payloadBytes);
  const publish = (n: number): void => {
    for (let i = 0; i < n; i++) assert.ok(producer.offer(payload, 0) >= 0);
  };
  return {
    ring,
    producer,
    consumer,
    policy,
    events: new EventQueueReader(buffers),
    state: TelemetryStateReader.attach(stateWriter.buffer),
    publish,
  };
}

function expectCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConductorError && e.code === code);
}

/** Lag above the mark from t=1000: isolated at 1000 + GRACE exactly. */
function isolate(r: Rig): void {
  r.publish(250);
  assert.deepEqual(r.policy.tick(1_000), []);
  assert.equal(r.policy.tick(1_000 + GRACE)[0]?.kind, 'isolated');
}

test('a consumer that keeps up is left alone; lag back under the mark restarts the grace time', () => {
  const r = rig();
  for (let t = 0; t < 10 * GRACE; t += GRACE / 4) {
    r.publish(HIGH_WATER); // at, not above, the mark
    assert.deepEqual(r.policy.tick(t), []);
    assert.equal(r.consumer.receive(CAPACITY), HIGH_WATER);
  }
  const t0 = 10 * GRACE;
  r.publish(HIGH_WATER + 1);
  assert.deepEqual(r.policy.tick(t0), []);
  assert.deepEqual(r.policy.tick(t0 + GRACE - 1), []);
  r.consumer.receive(CAPACITY); // caught up just before the grace ran out
  assert.deepEqual(r.policy.tick(t0 + GRACE), []);
  r.publish(HIGH_WATER + 1);
  assert.deepEqual(r.policy.tick(t0 + GRACE + 10), [], 'the grace time starts again');
  assert.deepEqual(r.policy.tick(t0 + 2 * GRACE + 9), []);
  assert.equal(r.policy.tick(t0 + 2 * GRACE + 10)[0]?.kind, 'isolated');
});

test('a consumer that stops reading is isolated after the grace time, not before, with the numbers', () => {
  const r = rig();
  r.publish(50);
  assert.equal(r.consumer.receive(CAPACITY), 50);
  r.publish(250); // and the consumer stops reading
  assert.deepEqual(r.policy.tick(1_000), [], 'lag above the mark starts the grace time');
  assert.deepEqual(r.policy.tick(1_000 + GRACE - 1), [], 'not before the grace time');
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ACTIVE);
  const [action] = r.policy.tick(1_000 + GRACE);
  assert.equal(action?.kind, 'isolated');
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ISOLATED);
  assert.deepEqual(action.numbers, {
    consumer: r.consumer.index,
    lag: 250,
    lagHighWater: HIGH_WATER,
    durationNs: GRACE,
    graceNs: GRACE,
    loss: 0,
  });
  const [event] = r.events.drain(10);
  assert.equal(event?.event.kind, 'consumer.isolated');
  assert.equal(event.monoNs, 1_000 + GRACE);
  assert.equal(event.event.labels.consumer, 'decision-0');
  assert.equal(event.event.numbers.lag, 250);
  assert.equal(event.event.numbers.lagHighWater, HIGH_WATER);
  assert.equal(event.event.numbers.durationNs, GRACE);
  assert.match(event.event.reason, /lag 250 above 100 for 1000000 ns/);
  // The sidecar sees the consumer isolated, with its lag (proto numbering).
  const record = r.state.read()?.consumers[0];
  assert.deepEqual(
    [record?.id, record?.name, record?.state, record?.lag],
    [r.consumer.index, 'decision-0', WireState.ISOLATED, 250],
  );
  assert.deepEqual(r.policy.consumerCondition(), { isolated: [r.consumer.index], dropped: [] });
  // The producer was never held back, and the isolated consumer's skip is counted as loss.
  r.publish(10);
  assert.equal(r.consumer.receive(CAPACITY), BroadcastStatus.ISOLATED);
  assert.equal(r.consumer.lastLoss, 260);
});

test('readmission by command; refused for an active or unknown consumer', () => {
  const r = rig();
  isolate(r);
  r.events.drain(10);
  const action = r.policy.readmit(r.consumer.index, 2_000_000, 'operator: consumer fixed');
  assert.equal(action.kind, 'readmitted');
  assert.equal(action.reason, 'operator: consumer fixed');
  assert.equal(action.numbers.restedNs, 2_000_000 - (1_000 + GRACE));
  assert.equal(action.numbers.lag, 250);
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ACTIVE);
  assert.equal(r.events.drain(10)[0]?.event.kind, 'consumer.readmitted');
  assert.deepEqual(r.policy.consumerCondition(), { isolated: [], dropped: [] });
  assert.equal(r.consumer.receive(CAPACITY), 250, 'it resumes where it stopped (nothing was lapped)');
  expectCode(() => r.policy.readmit(r.consumer.index, 2_000_001), ConductorErrorCode.INVALID_TRANSITION);
  expectCode(() => r.policy.readmit(7, 2_000_001), ConductorErrorCode.UNKNOWN_CONSUMER);
  expectCode(() => r.policy.watch(r.consumer.index), ConductorErrorCode.INVALID_ARGUMENT);
  expectCode(
    () => parseSlowConsumerConfig({ lagHighWater: 0, graceNs: 1, restNs: 1 }),
    ConductorErrorCode.INVALID_CONFIG,
  );
});

test('automatic readmission after the rest; still slow → isolated again after a new grace time', () => {
  const r = rig();
  isolate(r);
  const isolatedAt = 1_000 + GRACE;
  assert.deepEqual(r.policy.tick(isolatedAt + REST - 1), [], 'still resting');
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ISOLATED);
  const [back] = r.policy.tick(isolatedAt + REST);
  assert.equal(back?.kind, 'readmitted');
  assert.deepEqual(back.numbers, {
    consumer: r.consumer.index,
    lag: 250,
    loss: 0,
    restedNs: REST,
    restNs: REST,
    fromState: ConsumerState.ISOLATED,
  });
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ACTIVE);
  // It never read: the lag is still above the mark, so it is ejected again after the grace.
  const t = isolatedAt + REST;
  assert.deepEqual(r.policy.tick(t + 1), []);
  assert.deepEqual(r.policy.tick(t + GRACE), []);
  assert.equal(r.policy.tick(t + 1 + GRACE)[0]?.kind, 'isolated');
  assert.deepEqual(
    r.events.drain(10).map((e) => e.event.kind),
    ['consumer.isolated', 'consumer.readmitted', 'consumer.isolated'],
  );
});

test('no automatic readmission when autoReadmit is off', () => {
  const r = rig({ autoReadmit: false });
  isolate(r);
  assert.deepEqual(r.policy.tick(1_000 + GRACE + 100 * REST), []);
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.ISOLATED);
});

test('dropped when lapped while isolated: the producer overwrote what it had not read', () => {
  const r = rig();
  isolate(r);
  r.publish(CAPACITY); // lag 250 + 1024 > capacity
  const [action] = r.policy.tick(1_000 + GRACE + 10);
  assert.equal(action?.kind, 'dropped');
  assert.equal(action.numbers.lag, 250 + CAPACITY);
  assert.equal(action.numbers.capacity, CAPACITY);
  assert.match(action.reason, /lapped while isolated: lag 1274 > capacity 1024/);
  assert.equal(r.ring.consumerState(r.consumer.index), ConsumerState.DROPPED);
  assert.equal(r.consumer.receive(CAPACITY), BroadcastStatus.DROPPED);
  assert.deepEqual(r.policy.consumerCondition(), { isolated: [], dropped: [r.consumer.index] });
  assert.deepEqual(r.policy.tick(1_000 + GRACE + 100 * REST), [], 'a dropped consumer waits for a command');
  // Readmitted by command, it learns its loss exactly.
  r.policy.readmit(r.consumer.index, 1e9);
  assert.equal(r.consumer.receive(CAPACITY), BroadcastStatus.LAPPED);
  assert.ok(r.consumer.lastLoss > 0);
});

test('dropped when its loss while isolated reaches the threshold; a drop from elsewhere is reported', () => {
  const r = rig({ dropLossThreshold: 300 });
  isolate(r);
  r.publish(40);
  assert.equal(r.consumer.receive(CAPACITY), BroadcastStatus.ISOLATED); // skips 290
  assert.deepEqual(r.policy.tick(1_000 + GRACE + 1), [], '290 < 300');
  r.publish(10);
  assert.equal(r.consumer.receive(CAPACITY), BroadcastStatus.ISOLATED); // 300 lost in all
  const [action] = r.policy.tick(1_000 + GRACE + 2);
  assert.equal(action?.kind, 'dropped');
  assert.equal(action.numbers.lossWhileIsolated, 300);
  assert.equal(action.numbers.dropLossThreshold, 300);
  assert.equal(action.numbers.isolatedForNs, 2);

  const other = rig();
  assert.ok(other.ring.drop(other.consumer.index));
  const [seen] = other.policy.tick(5);
  assert.equal(seen?.kind, 'dropped');
  assert.equal(seen.reason, 'dropped outside the policy');
  assert.deepEqual(other.policy.tick(6), [], 'reported once');
});

test('the policy feeds the lifecycle: isolation degrades it, readmission plus the stable period restores it', () => {
  const r = rig();
  const lifecycle = new Lifecycle(
    parseLifecycleConfig({ decisionP99BudgetNs: 1e6, warmUpWindows: 1, recoveryStableNs: GRACE }),
  );
  lifecycle.startWarmUp(0);
  lifecycle.observeWindow({ p99Ns: 1_000 }, 500);
  isolate(r);
  lifecycle.tick(1_000 + GRACE, { consumers: r.policy.consumerCondition() });
  assert.equal(lifecycle.state, LifecycleState.DEGRADED);
  assert.match(lifecycle.history().at(-1)?.reason ?? '', /consumer: consumer isolated 0/);
  r.consumer.receive(CAPACITY); // it reads again (skipping as isolated), then is readmitted
  r.policy.readmit(r.consumer.index, 3_000_000);
  lifecycle.tick(3_000_000, { consumers: r.policy.consumerCondition() });
  assert.equal(lifecycle.state, LifecycleState.DEGRADED);
  assert.equal(
    lifecycle.tick(3_000_000 + GRACE, { consumers: r.policy.consumerCondition() })?.to,
    LifecycleState.READY,
  );
});

test('real clock: isolated no sooner than the grace time after the lag crossed the mark', async () => {
  const graceNs = 30e6;
  console.log(
    `config: capacity ${CAPACITY}, highWater ${HIGH_WATER}, grace ${graceNs / 1e6} ms, 1 ms ticks, deadline 3 s`,
  );
  const r = rig({ graceNs, restNs: 1e12 });
  const deadline = performance.now() + 3_000;
  let firstAboveNs = Number.NaN;
  let isolatedNs = Number.NaN;
  for (let i = 0; i < 3_000 && performance.now() < deadline && Number.isNaN(isolatedNs); i++) {
    if (r.ring.lag(r.consumer.index) < 2 * HIGH_WATER) r.publish(20);
    const now = nowNs();
    if (Number.isNaN(firstAboveNs) && r.ring.lag(r.consumer.index) > HIGH_WATER) firstAboveNs = now;
    if (r.policy.tick(now).some((a) => a.kind === 'isolated')) isolatedNs = now;
    await sleep(1);
  }
  assert.ok(!Number.isNaN(isolatedNs), 'isolated before the deadline');
  const waited = isolatedNs - firstAboveNs;
  console.log(`isolated ${(waited / 1e6).toFixed(2)} ms after the lag crossed the mark`);
  assert.ok(waited >= graceNs, `waited ${waited} ns >= grace ${graceNs} ns`);
});
