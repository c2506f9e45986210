// Every snapshot message survives protobuf (and JSON) encode/decode with every field set, and
// the fixtures below are checked to really set every field, so a field added to the .proto
// without a value here fails the test instead of going untested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConsumerState,
  ConsumerStatus,
  Counter,
  Event,
  Histogram,
  LifecycleState,
  MetricsSnapshot,
  OrderStatus,
  OrderTrace,
  Stamp,
  StateSnapshot,
  WatchResponse,
} from '@ringside/contracts';
import type { MessageFns } from '@ringside/contracts';

const stamp: Stamp = {
  host: 'hot-1',
  monoNs: 2 ** 50 + 7, // ~13 days of uptime in ns: still exact in a double
  wallTime: { seconds: 1_795_000_000, nanos: 123_456_789 },
  sequence: 42,
  bootId: 'b00t-1',
};

const counter: Counter = { id: 3, typeId: 1001, label: 'ingest.events', value: -5 };

const histogram: Histogram = {
  name: 'decision',
  tag: 2,
  count: 1000,
  meanNs: 1234.5,
  minNs: 100,
  p50Ns: 900,
  p90Ns: 1500,
  p99Ns: 4000,
  p999Ns: 9000,
  maxNs: 12000,
  clampedHigh: 1,
  clampedLow: 2,
  invalid: 3,
  encodedHdr: 'HISTFAAAAB94nJNpmSzMwMDAyAABzFAaRjNBaFEAKxsCEQ==',
};

const metrics: MetricsSnapshot = {
  stamp,
  trusted: true,
  phase: LifecycleState.DEGRADED,
  intervalStartMonoNs: 2 ** 50 - 1_000_000_000,
  counters: [counter, { id: 4, typeId: 1002, label: 'ring.loss', value: 9 }],
  histograms: [histogram],
  droppedSnapshots: 17,
};

const consumer: ConsumerStatus = {
  id: 1,
  name: 'decision-1',
  state: ConsumerState.ISOLATED,
  lag: 65536,
  loss: 12,
  reason: 'lag above 50% of ring for 3 windows',
};

const state: StateSnapshot = {
  stamp,
  state: LifecycleState.WARM_UP,
  reason: 'warm-up traffic started',
  sinceMonoNs: 5_000_000,
  consumers: [consumer],
  shedLevel: 2,
  halted: true,
  trusted: true,
};

const event: Event = {
  stamp,
  kind: 'consumer.isolated',
  reason: 'slow consumer',
  numbers: { lag: 65536, consumer: 1, ratio: 0.5 },
  labels: { from: 'ACTIVE', to: 'ISOLATED' },
  trusted: true,
};

const trace: OrderTrace = {
  stamp,
  orderId: 9_007_199_254_740_991, // Number.MAX_SAFE_INTEGER: the largest id that survives
  worker: 2,
  strategy: 'mm-1',
  ingestNs: 1_000,
  ringPublishNs: 1_100,
  decisionReadNs: 1_250,
  enqueuedNs: 2_000,
  sentNs: 2_400,
  ackedNs: 130_000,
  status: OrderStatus.LOCAL_REJECT,
  reason: 'EXEC_BACKLOG',
  trusted: true,
  mdSequence: 77,
};

function assertEveryFieldSet<T extends object>(name: string, codec: MessageFns<T>, value: T): void {
  const defaults = codec.decode(new Uint8Array(0)) as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    assert.ok(key in value, `${name}.${key} missing from the fixture`);
    assert.notDeepEqual(
      (value as Record<string, unknown>)[key],
      defaults[key],
      `${name}.${key} left at default`,
    );
  }
}

function roundTrip<T>(codec: MessageFns<T>, value: T): T {
  return codec.decode(codec.encode(value).finish());
}

// ts-proto writes a Timestamp to JSON through Date.toISOString(): JSON (for people and CLIs)
// keeps wall time to the millisecond; the protobuf wire keeps every nanosecond.
function wallTimeToMillis(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wallTimeToMillis);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, wallTimeToMillis(v)]);
  const out = Object.fromEntries(entries) as Record<string, unknown>;
  if (
    Object.keys(out).length === 2 &&
    typeof out['seconds'] === 'number' &&
    typeof out['nanos'] === 'number'
  ) {
    out['nanos'] = Math.trunc(out['nanos'] / 1_000_000) * 1_000_000;
  }
  return out;
}

const cases: [string, MessageFns<never>, unknown][] = [
  ['Stamp', Stamp, stamp],
  ['Counter', Counter, counter],
  ['Histogram', Histogram, histogram],
  ['MetricsSnapshot', MetricsSnapshot, metrics],
  ['ConsumerStatus', ConsumerStatus, consumer],
  ['StateSnapshot', StateSnapshot, state],
  ['Event', Event, event],
  ['OrderTrace', OrderTrace, trace],
] as [string, MessageFns<never>, unknown][];

for (const [name, codec, value] of cases) {
  const fns = codec as unknown as MessageFns<object>;
  test(`${name}: fixture sets every field`, () => {
    assertEveryFieldSet(name, fns, value as object);
  });
  test(`${name}: protobuf round trip is lossless`, () => {
    assert.deepEqual(roundTrip(fns, value as object), value);
  });
  test(`${name}: JSON round trip is lossless (wall time to the millisecond)`, () => {
    const json = JSON.parse(JSON.stringify(fns.toJSON(value as object))) as unknown;
    assert.deepEqual(fns.fromJSON(json), wallTimeToMillis(value));
  });
}

test('enums travel as their proto names in JSON, numbers on the wire', () => {
  const json = StateSnapshot.toJSON(state) as Record<string, unknown>;
  assert.equal(json['state'], 'LIFECYCLE_STATE_WARM_UP');
  const bytes = StateSnapshot.encode({
    ...StateSnapshot.fromPartial({}),
    state: LifecycleState.READY,
  }).finish();
  assert.deepEqual([...bytes], [0x10, LifecycleState.READY]); // field 2, varint
});

test('an empty message encodes to zero bytes and decodes to defaults', () => {
  assert.equal(MetricsSnapshot.encode(MetricsSnapshot.fromPartial({})).finish().length, 0);
  const decoded = MetricsSnapshot.decode(new Uint8Array(0));
  assert.equal(decoded.trusted, false);
  assert.equal(decoded.phase, LifecycleState.UNSPECIFIED);
  assert.equal(decoded.stamp, undefined);
});

test('a 64-bit value beyond 2^53 is refused on decode, never silently rounded', () => {
  // forceLong=number: stamps are monotonic ns (exact for 104 days); wall time is a Timestamp.
  // field 4 (sequence), varint 2^56
  const bytes = Uint8Array.from([0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
  assert.throws(() => Stamp.decode(bytes), /MAX_SAFE_INTEGER/);
});

test('WatchResponse oneof carries exactly the member that was set', () => {
  const decoded = roundTrip(WatchResponse, WatchResponse.fromPartial({ event }));
  assert.deepEqual(decoded.event, event);
  assert.equal(decoded.state, undefined);
  assert.equal(decoded.metrics, undefined);
});

test('a newer peer’s unknown fields are skipped, known ones still read', () => {
  const known = Counter.encode(counter).finish();
  // field 15, length-delimited, 3 bytes: what a future Counter might carry.
  const withUnknown = Uint8Array.from([...known, (15 << 3) | 2, 3, 1, 2, 3]);
  assert.deepEqual(Counter.decode(withUnknown), counter);
});
