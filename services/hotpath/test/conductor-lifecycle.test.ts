// The conductor's lifecycle state machine: INIT → WARM_UP → READY ⇄ DEGRADED, every transition
// with a reason, monotonic and wall stamps, in the bounded history, the telemetry state block
// and the event queue; warm-up ends only after K stable windows; DEGRADED holds until every
// condition has been clear for the stable period; illegal steps throw typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LifecycleState } from '@ringside/contracts';
import {
  ConductorError,
  ConductorErrorCode,
  DegradedCondition,
  EventQueueReader,
  EventQueueWriter,
  Lifecycle,
  TelemetryStateReader,
  TelemetryStateWriter,
  createEventQueueBuffers,
  isLegalTransition,
  parseLifecycleConfig,
} from '@ringside/hotpath';
import type { LifecycleConfigInput, LifecycleInputs, LifecycleStateValue } from '@ringside/hotpath';

const { INIT, WARM_UP, READY, DEGRADED } = LifecycleState;
const BUDGET = 10_000;
const STABLE_NS = 1_000_000;

function setup(overrides: Partial<LifecycleConfigInput> = {}) {
  const config = parseLifecycleConfig({
    decisionP99BudgetNs: BUDGET,
    warmUpWindows: 3,
    maxSpreadRatio: 1.5,
    recoveryStableNs: STABLE_NS,
    ...overrides,
  });
  const stateWriter = TelemetryStateWriter.create();
  const buffers = createEventQueueBuffers();
  const lifecycle = new Lifecycle(config, { state: stateWriter, events: new EventQueueWriter(buffers) });
  return {
    lifecycle,
    state: TelemetryStateReader.attach(stateWriter.buffer),
    events: new EventQueueReader(buffers),
  };
}

/** Drives a fresh lifecycle to READY at t = 400 (windows at 200, 300, 400). */
function ready(overrides: Partial<LifecycleConfigInput> = {}) {
  const s = setup(overrides);
  s.lifecycle.startWarmUp(100);
  for (const t of [200, 300, 400]) s.lifecycle.observeWindow({ p99Ns: 5_000 }, t);
  assert.equal(s.lifecycle.state, READY);
  s.events.drain(1_000);
  return s;
}

function expectCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConductorError && e.code === code);
}

test('transition table: only INIT→WARM_UP→READY⇄DEGRADED is legal', () => {
  const all: LifecycleStateValue[] = [INIT, WARM_UP, READY, DEGRADED];
  const legal = new Set([
    `${INIT}>${WARM_UP}`,
    `${WARM_UP}>${READY}`,
    `${READY}>${DEGRADED}`,
    `${DEGRADED}>${READY}`,
  ]);
  for (const from of all) {
    for (const to of all)
      assert.equal(isLegalTransition(from, to), legal.has(`${from}>${to}`), `${from}→${to}`);
  }
});

test('a full run: every transition has its reason, stamps, trust flag, state block and event', () => {
  const { lifecycle, state, events } = setup();
  assert.equal(lifecycle.state, INIT);
  assert.equal(state.read()?.state, INIT);
  const wallBefore = Date.now();
  type Step = { at: number; act: (t: number) => unknown; state: number; reason: RegExp; trusted: boolean };
  const steps: Step[] = [
    {
      at: 100,
      act: (t) => lifecycle.startWarmUp(t, 'replaying recorded session'),
      state: WARM_UP,
      reason: /replaying/,
      trusted: false,
    },
    {
      at: 200,
      act: (t) => lifecycle.observeWindow({ p99Ns: 5_000 }, t),
      state: WARM_UP,
      reason: /replaying/,
      trusted: false,
    },
    {
      at: 300,
      act: (t) => lifecycle.observeWindow({ p99Ns: 6_000 }, t),
      state: WARM_UP,
      reason: /replaying/,
      trusted: false,
    },
    {
      at: 400,
      act: (t) => lifecycle.observeWindow({ p99Ns: 5_500 }, t),
      state: READY,
      reason: /under 10000 ns for 3 windows/,
      trusted: true,
    },
    {
      at: 500,
      act: (t) => lifecycle.tick(t, { venueSessionUp: false }),
      state: DEGRADED,
      reason: /venue-session: venue session down/,
      trusted: true,
    },
    {
      at: 600,
      act: (t) => lifecycle.tick(t, { venueSessionUp: true }),
      state: DEGRADED,
      reason: /venue-session/,
      trusted: true,
    },
    {
      at: 600 + STABLE_NS,
      act: (t) => lifecycle.tick(t),
      state: READY,
      reason: /all conditions clear for 1000000 ns/,
      trusted: true,
    },
  ];
  for (const step of steps) {
    step.act(step.at);
    assert.equal(lifecycle.state, step.state, `state after t=${step.at}`);
    const snap = state.read();
    assert.ok(snap !== undefined);
    assert.equal(snap.state, step.state);
    assert.match(snap.reason, step.reason);
    assert.equal(snap.trusted, step.trusted);
  }
  const wallAfter = Date.now();
  const history = lifecycle.history();
  assert.deepEqual(
    history.map((h) => [h.from, h.to, h.monoNs, h.trusted]),
    [
      [INIT, WARM_UP, 100, false],
      [WARM_UP, READY, 400, true],
      [READY, DEGRADED, 500, true],
      [DEGRADED, READY, 600 + STABLE_NS, true],
    ],
  );
  for (const h of history) {
    assert.ok(h.wallMs >= wallBefore && h.wallMs <= wallAfter, 'wall stamp from Date.now()');
    assert.ok(h.reason.length > 0);
  }
  // The state block marks when trust began: the READY transition's monotonic stamp.
  assert.equal(state.read()?.trustedSinceNs, 400);
  const transitions = events.drain(1_000).filter((e) => e.event.kind === 'lifecycle.transition');
  assert.deepEqual(
    transitions.map((e) => [e.event.labels.from, e.event.labels.to, e.monoNs, e.event.trusted]),
    [
      ['INIT', 'WARM_UP', 100, false],
      ['WARM_UP', 'READY', 400, true],
      ['READY', 'DEGRADED', 500, true],
      ['DEGRADED', 'READY', 600 + STABLE_NS, true],
    ],
  );
  assert.equal(transitions[2]?.event.numbers.wallMs, history[2]?.wallMs);
});

test('warm-up needs K consecutive stable windows; spread and budget breaches reset the count', () => {
  const { lifecycle, events } = setup({ warmUpWindows: 3, maxSpreadRatio: 1.5 });
  lifecycle.startWarmUp(0);
  events.drain(10);
  const feed: [number, number, string][] = [
    // p99, stable windows after it, outcome
    [5_000, 1, 'stable'],
    [6_000, 2, 'stable'],
    [9_000, 1, 'spread'], // 9000/5000 = 1.8 ≥ 1.5: the run restarts from this window
    [8_000, 2, 'stable'],
    [12_000, 0, 'over-budget'],
    [7_000, 1, 'stable'],
    [7_500, 2, 'stable'],
  ];
  let t = 0;
  for (const [p99, expected, outcome] of feed) {
    t += 100;
    assert.equal(lifecycle.observeWindow({ p99Ns: p99 }, t), undefined);
    assert.equal(lifecycle.stableWindows, expected, `after p99 ${p99}`);
    assert.equal(lifecycle.state, WARM_UP);
    assert.equal(lifecycle.trusted, false);
    const [e] = events.drain(10);
    assert.equal(e?.event.kind, 'lifecycle.warmup_window');
    assert.equal(e.event.reason, `warm-up window: ${outcome}`);
    assert.equal(e.event.numbers.p99Ns, p99);
    assert.equal(e.event.numbers.stableWindows, expected);
    assert.equal(e.event.trusted, false);
  }
  const done = lifecycle.observeWindow({ p99Ns: 7_200 }, t + 100);
  assert.equal(done?.to, READY);
  assert.equal(lifecycle.trusted, true);
});

const conditionCases: {
  name: string;
  condition: string;
  set: (l: Lifecycle, t: number) => unknown;
  clear: (l: Lifecycle, t: number) => unknown;
  reason: RegExp;
}[] = [
  ...(
    [
      [
        'consumer isolated',
        DegradedCondition.CONSUMER,
        { consumers: { isolated: [2], dropped: [] } },
        { consumers: { isolated: [], dropped: [] } },
        /consumer isolated 2/,
      ],
      [
        'consumer dropped',
        DegradedCondition.CONSUMER,
        { consumers: { isolated: [], dropped: [5] } },
        { consumers: { isolated: [], dropped: [] } },
        /consumer dropped 5/,
      ],
      ['shedding', DegradedCondition.SHEDDING, { shedLevel: 2 }, { shedLevel: 0 }, /shedding at level 2/],
      [
        'feed session',
        DegradedCondition.FEED_SESSION,
        { feedSessionUp: false },
        { feedSessionUp: true },
        /feed session down/,
      ],
      [
        'venue session',
        DegradedCondition.VENUE_SESSION,
        { venueSessionUp: false },
        { venueSessionUp: true },
        /venue session down/,
      ],
      [
        'feed gap',
        DegradedCondition.FEED_GAP,
        { feedGapOpen: true },
        { feedGapOpen: false },
        /feed gap open/,
      ],
    ] as [string, string, LifecycleInputs, LifecycleInputs, RegExp][]
  ).map(([name, condition, on, off, reason]) => ({
    name,
    condition,
    set: (l: Lifecycle, t: number) => l.tick(t, on),
    clear: (l: Lifecycle, t: number) => l.tick(t, off),
    reason,
  })),
  {
    name: 'latency budget',
    condition: DegradedCondition.LATENCY_BUDGET,
    set: (l, t) => l.observeWindow({ p99Ns: 15_000 }, t),
    clear: (l, t) => l.observeWindow({ p99Ns: 4_000 }, t),
    reason: /decision p99 15000 ns broke the 10000 ns budget/,
  },
];

for (const c of conditionCases) {
  test(`DEGRADED on ${c.name}; READY again only after the stable period`, () => {
    const { lifecycle, state, events } = ready();
    c.set(lifecycle, 1_000);
    assert.equal(lifecycle.state, DEGRADED);
    const degraded = lifecycle.history().at(-1);
    assert.equal(degraded?.monoNs, 1_000);
    assert.match(degraded.reason, new RegExp(`^${c.condition}: `));
    assert.match(degraded.reason, c.reason);
    assert.deepEqual(
      lifecycle.activeConditions().map((a) => [a.name, a.sinceNs]),
      [[c.condition, 1_000]],
    );
    // Nothing recovers while the condition holds, however long.
    assert.equal(lifecycle.tick(1_000 + 10 * STABLE_NS), undefined);
    c.clear(lifecycle, 2_000_000);
    assert.equal(lifecycle.state, DEGRADED);
    assert.equal(lifecycle.tick(2_000_000 + STABLE_NS - 1), undefined);
    assert.equal(lifecycle.state, DEGRADED);
    const back = lifecycle.tick(2_000_000 + STABLE_NS);
    assert.equal(back?.to, READY);
    assert.equal(state.read()?.state, READY);
    const conditionEvents = events.drain(100).filter((e) => e.event.kind === 'lifecycle.condition');
    assert.deepEqual(
      conditionEvents.map((e) => [e.event.labels.condition, e.event.numbers.active, e.monoNs]),
      [
        [c.condition, 1, 1_000],
        [c.condition, 0, 2_000_000],
      ],
    );
    assert.equal(conditionEvents[1]?.event.numbers.activeForNs, 2_000_000 - 1_000);
  });
}

test('several conditions: all must clear; one coming back restarts the stable period', () => {
  const { lifecycle, state } = ready();
  lifecycle.tick(1_000, { shedLevel: 1 });
  lifecycle.tick(2_000, { feedGapOpen: true });
  assert.equal(lifecycle.history().filter((h) => h.to === DEGRADED).length, 1, 'one DEGRADED transition');
  assert.match(state.read()?.reason ?? '', /shedding: shedding at level 1; feed-gap: feed gap open/);
  lifecycle.tick(3_000, { shedLevel: 0 });
  assert.match(state.read()?.reason ?? '', /^feed-gap: feed gap open$/);
  assert.equal(lifecycle.tick(3_000 + 2 * STABLE_NS), undefined, 'feed gap still open');
  lifecycle.tick(10_000_000, { feedGapOpen: false });
  lifecycle.tick(10_000_000 + STABLE_NS / 2, { shedLevel: 3 });
  lifecycle.tick(10_000_000 + STABLE_NS / 2 + 1, { shedLevel: 0 });
  assert.equal(
    lifecycle.tick(10_000_000 + STABLE_NS),
    undefined,
    'the period restarted when shedding came back',
  );
  assert.equal(lifecycle.state, DEGRADED);
  assert.equal(lifecycle.tick(10_000_000 + STABLE_NS / 2 + 1 + STABLE_NS)?.to, READY);
});

test('a condition raised during warm-up degrades right after READY; trust still begins there', () => {
  const { lifecycle, state } = setup();
  lifecycle.startWarmUp(0);
  lifecycle.tick(50, { feedSessionUp: false });
  assert.equal(lifecycle.state, WARM_UP, 'warm-up does not degrade');
  for (const t of [100, 200, 300]) lifecycle.observeWindow({ p99Ns: 5_000 }, t);
  assert.deepEqual(
    lifecycle.history().map((h) => [h.from, h.to, h.monoNs]),
    [
      [INIT, WARM_UP, 0],
      [WARM_UP, READY, 300],
      [READY, DEGRADED, 300],
    ],
  );
  assert.equal(state.read()?.trustedSinceNs, 300);
});

test('refused: illegal steps, bad inputs and bad config throw typed errors', () => {
  const { lifecycle } = setup();
  expectCode(() => lifecycle.observeWindow({ p99Ns: 1 }, 0), ConductorErrorCode.INVALID_TRANSITION);
  lifecycle.startWarmUp(0);
  expectCode(() => lifecycle.startWarmUp(1), ConductorErrorCode.INVALID_TRANSITION);
  expectCode(() => lifecycle.observeWindow({ p99Ns: Number.NaN }, 2), ConductorErrorCode.INVALID_ARGUMENT);
  expectCode(() => lifecycle.observeWindow({ p99Ns: -1 }, 2), ConductorErrorCode.INVALID_ARGUMENT);
  const r = ready();
  expectCode(() => r.lifecycle.startWarmUp(1_000), ConductorErrorCode.INVALID_TRANSITION);
  assert.equal(r.lifecycle.state, READY, 'a refused step changes nothing');
  expectCode(() => parseLifecycleConfig({}), ConductorErrorCode.INVALID_CONFIG);
  expectCode(
    () => parseLifecycleConfig({ decisionP99BudgetNs: 1, maxSpreadRatio: 0.5 }),
    ConductorErrorCode.INVALID_CONFIG,
  );
  expectCode(
    () => parseLifecycleConfig({ decisionP99BudgetNs: 1, extra: 1 }),
    ConductorErrorCode.INVALID_CONFIG,
  );
});

test('the history is bounded: the oldest transitions go first', () => {
  const { lifecycle } = ready({ historyLimit: 3 });
  const stamps: number[] = [];
  let t = 1_000;
  for (let i = 0; i < 5; i++) {
    lifecycle.tick((t += 10), { shedLevel: 1 });
    stamps.push(t);
    lifecycle.tick((t += 10), { shedLevel: 0 });
    lifecycle.tick((t += STABLE_NS));
    stamps.push(t);
  }
  const history = lifecycle.history();
  assert.deepEqual(
    history.map((h) => [h.to, h.monoNs]),
    [
      [READY, stamps[7]],
      [DEGRADED, stamps[8]],
      [READY, stamps[9]],
    ],
  );
});
