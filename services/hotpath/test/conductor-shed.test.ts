// The shed controller: table-driven latency windows → level sequences (raise on a breach, no
// flapping under oscillating load thanks to hysteresis and dwell, fall back after quiet windows),
// pin/unpin, events and the state block carry the numbers, and end to end with a real decision
// agent: at REFUSE_ORDERS the probe's next order is refused LOCAL_REJECT SHED, and orders flow
// again once the level falls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionReason,
  ConductorError,
  ConductorErrorCode,
  DecisionFlagsDescriptor,
  DecisionTally,
  EventQueueReader,
  EventQueueWriter,
  LatencyProbeStrategy,
  ShedController,
  ShedLevel,
  TelemetryStateReader,
  TelemetryStateWriter,
  createEventQueueBuffers,
  parseShedConfig,
} from '@ringside/hotpath';
import type { ShedConfigInput } from '@ringside/hotpath';
import { LOCATE, Pipeline } from './workers/decision-harness.ts';

const BUDGET = 100_000;
const MS = 1_000_000;
/** p99s relative to the budget: above raise (×1.0), inside the band, quiet (under ×0.7). */
const HOT = 150_000;
const BAND = 85_000;
const COOL = 40_000;

function rig(overrides: Partial<ShedConfigInput> = {}) {
  const buffers = createEventQueueBuffers();
  const stateWriter = TelemetryStateWriter.create();
  const flags = new Int32Array(new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES));
  const config = parseShedConfig({
    decisionP99BudgetNs: BUDGET,
    raiseRatio: 1,
    lowerRatio: 0.7,
    lowerAfterWindows: 3,
    minDwellNs: 0,
    ...overrides,
  });
  const shed = new ShedController(config, {
    events: new EventQueueWriter(buffers),
    state: stateWriter,
    flags,
  });
  return {
    shed,
    flags,
    events: new EventQueueReader(buffers),
    state: TelemetryStateReader.attach(stateWriter.buffer),
  };
}

/** Feeds p99s one window per `stepNs`; returns the level in force after each window. */
function run(shed: ShedController, p99s: readonly number[], stepNs = MS, startNs = 0): number[] {
  return p99s.map((p99Ns, i) => {
    shed.observeWindow({ p99Ns, processed: 1_000 }, startNs + i * stepNs);
    return shed.level;
  });
}

function expectCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConductorError && e.code === code);
}

const cases: {
  name: string;
  config?: Partial<ShedConfigInput>;
  p99s: number[];
  levels: number[];
}[] = [
  {
    name: 'under budget: nothing shed',
    p99s: [COOL, BAND, COOL, BAND, BUDGET],
    levels: [0, 0, 0, 0, 0],
  },
  {
    name: 'each breach raises one level, saturating at REFUSE_ORDERS',
    p99s: [HOT, HOT, HOT, HOT, HOT],
    levels: [1, 2, 3, 3, 3],
  },
  {
    name: 'falls back one level per lowerAfterWindows quiet windows',
    p99s: [HOT, HOT, COOL, COOL, COOL, COOL, COOL, COOL, COOL],
    levels: [1, 2, 2, 2, 1, 1, 1, 0, 0],
  },
  {
    name: 'a p99 inside the hysteresis band holds the level and restarts the quiet count',
    p99s: [HOT, COOL, COOL, BAND, COOL, COOL, COOL],
    levels: [1, 1, 1, 1, 1, 1, 0],
  },
  {
    name: 'oscillating load without dwell: rises, never falls while breaches recur',
    p99s: [HOT, COOL, HOT, COOL, HOT, COOL, HOT, COOL, COOL, COOL],
    levels: [1, 1, 2, 2, 3, 3, 3, 3, 3, 2],
  },
  {
    name: 'dwell (2.5 windows) spaces raises out and holds a lowering until the level is old enough',
    config: { minDwellNs: 2.5 * MS },
    p99s: [HOT, HOT, HOT, HOT, COOL, COOL, COOL, COOL, COOL, COOL],
    // The first window starts the dwell clock, so the first raise waits until t=3ms; three quiet
    // windows end at t=6ms, 3ms after that raise (≥ 2.5): lowered there, and NONE stays.
    levels: [0, 0, 0, 1, 1, 1, 0, 0, 0, 0],
  },
  {
    name: 'windows with too few events are ignored',
    config: { minProcessed: 2_000 },
    p99s: [HOT, HOT],
    levels: [0, 0],
  },
];

for (const c of cases) {
  test(`windows → levels: ${c.name}`, () => {
    const { shed } = rig(c.config);
    assert.deepEqual(run(shed, c.p99s), c.levels);
  });
}

test('no flapping: alternating breach / band windows only ever step up, once per level', () => {
  const { shed, events } = rig({ minDwellNs: 5 * MS, lowerAfterWindows: 4 });
  const p99s = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? BUDGET + 1 : BUDGET * 0.9));
  const levels = run(shed, p99s);
  const changes = levels.filter((l, i) => i > 0 && l !== levels[i - 1]).length;
  console.log(`oscillating open loop: 200 windows, ${changes} changes, final level ${shed.level}`);
  assert.equal(shed.level, ShedLevel.REFUSE_ORDERS);
  assert.ok(
    levels.every((l, i) => i === 0 || l >= levels[i - 1]!),
    'never back down',
  );
  const kinds = events.drain(100).map((e) => e.event.kind);
  assert.deepEqual(kinds, ['shed.raised', 'shed.raised', 'shed.raised']);
});

test('no flapping in closed loop: shedding relieves the load, hysteresis + dwell bound the changes', () => {
  // The plant: above budget while the level is under DROP_LOW_PRIORITY, quiet from it up.
  const changesWith = (config: Partial<ShedConfigInput>): number[] => {
    const { shed } = rig(config);
    const at: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = shed.level;
      const p99Ns = before < ShedLevel.DROP_LOW_PRIORITY ? HOT : COOL;
      shed.observeWindow({ p99Ns, processed: 1_000 }, i * MS);
      if (shed.level !== before) at.push(i);
    }
    return at;
  };
  const bare = changesWith({ lowerRatio: 0.99, lowerAfterWindows: 1, minDwellNs: 0 });
  const damped = changesWith({ lowerAfterWindows: 4, minDwellNs: 10 * MS });
  console.log(
    `closed loop, 200 windows: ${bare.length} changes bare, ${damped.length} with hysteresis + dwell`,
  );
  assert.ok(bare.length >= 150, `without hysteresis it flaps every window (${bare.length})`);
  assert.ok(damped.length <= 200 / 10 + 1, `dwell bounds the rate (${damped.length})`);
  for (let k = 1; k < damped.length; k++)
    assert.ok(damped[k]! - damped[k - 1]! >= 10, 'changes ≥ dwell apart');
});

test('events, state block and SHED flag carry the change and its numbers', () => {
  const { shed, flags, events, state } = rig();
  assert.equal(state.read()?.shedLevel, 0);
  const change = shed.observeWindow({ p99Ns: HOT, processed: 777 }, 5 * MS);
  assert.equal(change?.kind, 'raised');
  assert.deepEqual([change.previous, change.level, change.automaticLevel, change.pinned], [0, 1, 1, false]);
  const [e] = events.drain(10);
  assert.equal(e?.event.kind, 'shed.raised');
  assert.equal(e.monoNs, 5 * MS);
  assert.equal(e.event.numbers.p99Ns, HOT);
  assert.equal(e.event.numbers.processed, 777);
  assert.equal(e.event.numbers.budgetNs, BUDGET);
  assert.equal(e.event.numbers.raiseAboveNs, BUDGET);
  assert.equal(e.event.numbers.previous, 0);
  assert.equal(e.event.numbers.level, 1);
  assert.equal(e.event.numbers.pinnedLevel, -1);
  assert.equal(e.event.labels.level, 'CONFLATE');
  assert.match(e.event.reason, /p99 150000 ns above 100000 ns/);
  assert.equal(state.read()?.shedLevel, 1);
  assert.equal(Atomics.load(flags, DecisionFlagsDescriptor.SHED_INDEX), 0, 'CONFLATE does not refuse orders');
  run(shed, [HOT, HOT], MS, 6 * MS);
  assert.equal(state.read()?.shedLevel, ShedLevel.REFUSE_ORDERS);
  assert.equal(Atomics.load(flags, DecisionFlagsDescriptor.SHED_INDEX), 1);
  events.drain(10);
  run(shed, [COOL, COOL, COOL], MS, 8 * MS);
  const [down] = events.drain(10);
  assert.equal(down?.event.kind, 'shed.lowered');
  assert.equal(down.event.numbers.quietWindows, 3);
  assert.equal(down.event.numbers.p99Ns, COOL);
  assert.equal(down.event.numbers.quietBelowNs, 70_000);
  assert.equal(Atomics.load(flags, DecisionFlagsDescriptor.SHED_INDEX), 0);
  assert.equal(state.read()?.shedLevel, 2);
});

test('pin wins over the automatic level, which is still computed; unpin returns to it', () => {
  const { shed, flags, events, state } = rig();
  const pinned = shed.pin(ShedLevel.REFUSE_ORDERS, 'operator drill', 1);
  assert.deepEqual([pinned.kind, pinned.previous, pinned.level, pinned.pinned], ['pinned', 0, 3, true]);
  assert.equal(Atomics.load(flags, DecisionFlagsDescriptor.SHED_INDEX), 1);
  assert.equal(state.read()?.shedLevel, 3);
  // Load rises: the automatic level follows, the level in force stays pinned.
  run(shed, [HOT, HOT], MS, 2);
  assert.deepEqual([shed.level, shed.automaticLevel], [3, 2]);
  const st = shed.status();
  assert.deepEqual([st.pinnedLevel, st.reason], [3, 'operator drill']);
  const kinds = events
    .drain(10)
    .map((e) => [e.event.kind, e.event.numbers.level, e.event.numbers.automaticLevel]);
  assert.deepEqual(kinds, [
    ['shed.pinned', 3, 0],
    ['shed.raised', 3, 1],
    ['shed.raised', 3, 2],
  ]);
  // Pin below what the load asks for; then unpin: straight to the automatic level.
  shed.pin(ShedLevel.NONE, 'operator override', 3 * MS);
  assert.equal(Atomics.load(flags, DecisionFlagsDescriptor.SHED_INDEX), 0);
  const unpinned = shed.unpin('drill over', 4 * MS);
  assert.deepEqual(
    [unpinned.kind, unpinned.previous, unpinned.level, unpinned.pinned],
    ['unpinned', 0, 2, false],
  );
  assert.equal(state.read()?.shedLevel, 2);
  expectCode(() => shed.unpin('again', 5 * MS), ConductorErrorCode.INVALID_TRANSITION);
  expectCode(() => shed.pin(4, 'too high', 5 * MS), ConductorErrorCode.INVALID_ARGUMENT);
  expectCode(() => shed.pin(1.5, 'fraction', 5 * MS), ConductorErrorCode.INVALID_ARGUMENT);
});

test('bad config, windows and clocks are refused with typed errors', () => {
  expectCode(
    () => parseShedConfig({ decisionP99BudgetNs: BUDGET, raiseRatio: 1, lowerRatio: 1 }),
    ConductorErrorCode.INVALID_CONFIG,
  );
  expectCode(() => parseShedConfig({ decisionP99BudgetNs: 0 }), ConductorErrorCode.INVALID_CONFIG);
  expectCode(() => parseShedConfig({ decisionP99BudgetNs: 1, extra: 1 }), ConductorErrorCode.INVALID_CONFIG);
  const defaults = parseShedConfig({ decisionP99BudgetNs: BUDGET });
  assert.ok(defaults.lowerRatio < defaults.raiseRatio);
  const { shed } = rig();
  expectCode(
    () => shed.observeWindow({ p99Ns: Number.NaN, processed: 1 }, 0),
    ConductorErrorCode.INVALID_ARGUMENT,
  );
  expectCode(() => shed.observeWindow({ p99Ns: 1, processed: -1 }, 0), ConductorErrorCode.INVALID_ARGUMENT);
  shed.observeWindow({ p99Ns: 1, processed: 1 }, 10);
  expectCode(() => shed.observeWindow({ p99Ns: 1, processed: 1 }, 9), ConductorErrorCode.INVALID_ARGUMENT);
  expectCode(
    () => new ShedController(defaults, { flags: new Int32Array(1) }),
    ConductorErrorCode.INVALID_ARGUMENT,
  );
});

test('end to end: at REFUSE_ORDERS the probe is refused LOCAL_REJECT SHED; after the fall orders flow', () => {
  const probe = new LatencyProbeStrategy(
    { everyEvents: 10 },
    { workerId: 3, strategyId: 9, locates: [LOCATE] },
  );
  const p = new Pipeline({ strategy: probe, sink: 'expire' });
  const events = createEventQueueBuffers();
  const shed = new ShedController(
    parseShedConfig({ decisionP99BudgetNs: BUDGET, lowerAfterWindows: 2, minDwellNs: 0 }),
    { events: new EventQueueWriter(events), flags: p.flags },
  );
  p.open();
  p.pump();
  const burst = (): [number, number] => {
    const before: [number, number] = [probe.stats[0]!, probe.stats[1]!];
    p.churn(100);
    p.pump();
    return [probe.stats[0]! - before[0], probe.stats[1]! - before[1]];
  };
  const sheds = (): number => p.agent.tallies.byReason[CompletionReason.SHED]!;
  assert.deepEqual(burst(), [10, 0], 'level NONE: every probe order goes out');
  let t = 0;
  // CONFLATE and DROP_LOW_PRIORITY are not enforced by the workers: orders still flow.
  for (const level of [ShedLevel.CONFLATE, ShedLevel.DROP_LOW_PRIORITY]) {
    shed.observeWindow({ p99Ns: HOT, processed: 100 }, (t += MS));
    assert.equal(shed.level, level);
    assert.deepEqual(burst(), [10, 0], `level ${level}: orders flow`);
  }
  shed.observeWindow({ p99Ns: HOT, processed: 100 }, (t += MS));
  assert.equal(shed.level, ShedLevel.REFUSE_ORDERS);
  const refusedBefore = p.agent.tallies.scalars[DecisionTally.LOCAL_REJECTS]!;
  assert.deepEqual(burst(), [0, 10], 'REFUSE_ORDERS: every probe order refused');
  assert.equal(sheds(), 10, 'refused LOCAL_REJECT reason SHED');
  assert.equal(p.agent.tallies.scalars[DecisionTally.LOCAL_REJECTS]! - refusedBefore, 10);
  // Two quiet windows lower one level: orders flow again.
  shed.observeWindow({ p99Ns: COOL, processed: 100 }, (t += MS));
  assert.equal(shed.level, ShedLevel.REFUSE_ORDERS);
  shed.observeWindow({ p99Ns: COOL, processed: 100 }, (t += MS));
  assert.equal(shed.level, ShedLevel.DROP_LOW_PRIORITY);
  assert.deepEqual(burst(), [10, 0], 'after the fall: orders flow');
  assert.equal(sheds(), 10, 'no further SHED refusals');
  // An operator pin to REFUSE_ORDERS refuses the very next order, unpin lets it through.
  shed.pin(ShedLevel.REFUSE_ORDERS, 'drill', (t += MS));
  assert.deepEqual(burst(), [0, 10]);
  shed.unpin('drill over', (t += MS));
  assert.deepEqual(burst(), [10, 0]);
  assert.equal(sheds(), 20);
  console.log(
    `e2e: ${p.agent.tallies.scalars[DecisionTally.EVENTS]} events, ${probe.stats[0]} orders, ${probe.stats[1]} refused (SHED ${sheds()})`,
  );
  assert.deepEqual(
    new EventQueueReader(events).drain(20).map((e) => e.event.kind),
    ['shed.raised', 'shed.raised', 'shed.raised', 'shed.lowered', 'shed.pinned', 'shed.unpinned'],
  );
});
