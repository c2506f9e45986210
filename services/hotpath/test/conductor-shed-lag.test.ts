// The shed controller's leading indicators (observeLoad: consumer lag, its growth, conflation),
// deterministically: a small queue model stands in for the decision workers (service capacity per
// level, conflation while behind, window p99 ≈ base cost + the worst queueing delay in the
// window). Proves: a burst raises the level from the lag within two ticks, before any window p99
// breaks (the p99-only controller on the same plant breaks first); a sustained 2× load holds a
// level with no oscillation (the p99-only controller flaps); the level is released once the lag
// drained and conflation stopped; one stall tick does not raise; a draining lag does not
// escalate; events carry the numbers; config and readings are validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConductorError,
  ConductorErrorCode,
  EventQueueReader,
  EventQueueWriter,
  ShedController,
  ShedLevel,
  createEventQueueBuffers,
  parseShedConfig,
} from '@ringside/hotpath';
import type { ShedConfigInput } from '@ringside/hotpath';

const TICK_NS = 25e6;
const TICKS_PER_WINDOW = 10; // 250 ms windows, as the host's defaults.
const BUDGET_NS = 20e6;
const BASE_NS = 0.5e6;
/** Strategy callbacks per drained batch shrink ~8× when conflating (64 events, 8 instruments). */
const CONFLATE_SPEEDUP = 8;
const CONFLATE_LAG = 64;
const SUBSTEPS = 25;

function controller(useLoad: boolean, overrides: Partial<ShedConfigInput> = {}) {
  const buffers = createEventQueueBuffers();
  const config = parseShedConfig({
    decisionP99BudgetNs: BUDGET_NS,
    raiseRatio: 0.5,
    lowerRatio: 0.3,
    lowerAfterWindows: 4,
    minDwellNs: 1e9,
    // The plant's workers conflate only when behind (as the capacity bench's): conflation gates.
    calmConflatedPerSec: 2000,
    ...overrides,
  });
  return {
    shed: new ShedController(config, { events: new EventQueueWriter(buffers) }),
    events: new EventQueueReader(buffers),
    useLoad,
  };
}

interface Trace {
  /** Level in force after each tick. */
  levels: number[];
  /** Ticks at which a window closed with its p99 over the budget. */
  brokeAt: number[];
  /** Ticks of each change, with its kind. */
  changes: { tick: number; kind: string }[];
  /** Last tick with a conflated callback. */
  lastConflatedTick: number;
}

/**
 * Runs the plant for `arrivals.length` ticks (events/s offered at each tick). Capacity (events/s)
 * at level 0, or when not behind: `capacity`; at level ≥ CONFLATE while lag > CONFLATE_LAG:
 * capacity × CONFLATE_SPEEDUP.
 */
function simulate(c: ReturnType<typeof controller>, capacity: number, arrivals: number[]): Trace {
  const { shed } = c;
  const dt = TICK_NS / SUBSTEPS / 1e9;
  let lag = 0;
  let conflated = 0;
  let worstDelayNs = 0;
  const trace: Trace = { levels: [], brokeAt: [], changes: [], lastConflatedTick: -1 };
  arrivals.forEach((rate, i) => {
    const now = (i + 1) * TICK_NS;
    // A worker decides to conflate per drained batch, far finer than a tick: 1 ms sub-steps.
    for (let k = 0; k < SUBSTEPS; k++) {
      const conflating = shed.level >= ShedLevel.CONFLATE && lag > CONFLATE_LAG;
      const cap = conflating ? capacity * CONFLATE_SPEEDUP : capacity;
      const served = Math.min(lag + rate * dt, cap * dt);
      lag = lag + rate * dt - served;
      if (conflating) {
        conflated += Math.round(served * (1 - 1 / CONFLATE_SPEEDUP));
        trace.lastConflatedTick = i;
      }
      // The newest event waits for the lag ahead of it at the rate the worker drains now.
      worstDelayNs = Math.max(worstDelayNs, (lag / cap) * 1e9);
    }
    const note = (kind: string | undefined): void => {
      if (kind !== undefined) trace.changes.push({ tick: i, kind });
    };
    if (c.useLoad) note(shed.observeLoad({ lagEvents: Math.round(lag), conflated, dropped: 0 }, now)?.kind);
    if ((i + 1) % TICKS_PER_WINDOW === 0) {
      const p99Ns = BASE_NS + worstDelayNs;
      if (p99Ns > BUDGET_NS) trace.brokeAt.push(i);
      note(shed.observeWindow({ p99Ns, processed: 10_000 }, now)?.kind);
      worstDelayNs = 0;
    }
    trace.levels.push(shed.level);
  });
  return trace;
}

const repeat = (rate: number, ticks: number): number[] => Array.from({ length: ticks }, () => rate);

test('burst: the lag raises the level within two ticks, before any window p99 breaks', () => {
  // 800 k/s capacity, 100 k/s then a 10× burst (1 M/s) for 1 s (40 ticks), then calm.
  const arrivals = [...repeat(100_000, 80), ...repeat(1_000_000, 40), ...repeat(100_000, 400)];
  const withLag = simulate(controller(true), 800_000, arrivals);
  const p99Only = simulate(controller(false), 800_000, arrivals);
  const firstRaise = (t: Trace): number => t.changes.find((ch) => ch.kind === 'raised')?.tick ?? -1;
  console.log(
    `burst plant: lag-driven raise at tick ${firstRaise(withLag)} (burst at 80), windows over budget ${JSON.stringify(withLag.brokeAt)}; ` +
      `p99-only raise at tick ${firstRaise(p99Only)}, windows over budget ${JSON.stringify(p99Only.brokeAt)}`,
  );
  assert.ok(firstRaise(withLag) >= 80 && firstRaise(withLag) <= 81, `raised at ${firstRaise(withLag)}`);
  assert.deepEqual(withLag.brokeAt, [], 'no window over budget with the leading indicator');
  // The same plant without it: a window breaks, and the raise only comes at (or after) it.
  assert.ok(p99Only.brokeAt.length > 0, 'the p99-only controller lets a window break');
  assert.ok(firstRaise(p99Only) >= p99Only.brokeAt[0]!, 'and raises only from that window');
  // Released once the burst has drained and conflation stopped for lowerCalmNs.
  assert.equal(withLag.levels.at(-1), ShedLevel.NONE, 'back to NONE after the burst');
  const lowered = withLag.changes.filter((ch) => ch.kind === 'lowered');
  assert.ok(lowered.length > 0);
  assert.ok(lowered[0]!.tick >= withLag.lastConflatedTick + 40, 'not before 1 s without conflation');
});

test('sustained 2× load: one level held, no oscillation (the p99-only controller flaps)', () => {
  // 100 k/s capacity, 180 k/s offered for 30 s: level 0 cannot keep up, CONFLATE can.
  const arrivals = repeat(180_000, 1200);
  const withLag = simulate(controller(true), 100_000, arrivals);
  const p99Only = simulate(controller(false), 100_000, arrivals);
  const count = (t: Trace, kind: string): number => t.changes.filter((ch) => ch.kind === kind).length;
  console.log(
    `2× plant, 30 s: with lag ${count(withLag, 'raised')} raises / ${count(withLag, 'lowered')} lowers, ` +
      `windows over budget ${withLag.brokeAt.length}; p99-only ${count(p99Only, 'raised')} / ${count(p99Only, 'lowered')}, ` +
      `over budget ${p99Only.brokeAt.length}`,
  );
  assert.equal(count(withLag, 'lowered'), 0, 'never lowered while the level absorbs the load');
  assert.equal(count(withLag, 'raised'), 1, 'raised once, to CONFLATE, and held');
  assert.equal(withLag.levels.at(-1), ShedLevel.CONFLATE);
  // From a cold start at 2× the lag passes raiseLagEvents at the third tick: raised at the fourth,
  // inside the first window (which the backlog built up to then may break); none after it.
  assert.ok(withLag.changes[0]!.tick <= 4, `raised at tick ${withLag.changes[0]!.tick}`);
  assert.ok(
    withLag.brokeAt.every((t) => t < TICKS_PER_WINDOW),
    JSON.stringify(withLag.brokeAt),
  );
  assert.ok(count(p99Only, 'lowered') >= 3, 'p99-only lowers into the load again and again');
  assert.ok(p99Only.brokeAt.length >= 3, 'and each time a window breaks the budget');
});

test('release after drain: the load ends → lowered once lag and conflation have been calm lowerCalmNs', () => {
  const arrivals = [...repeat(180_000, 400), ...repeat(50_000, 400)];
  const t = simulate(controller(true), 100_000, arrivals);
  const lowered = t.changes.filter((ch) => ch.kind === 'lowered');
  console.log(
    `release: last conflation at tick ${t.lastConflatedTick}, lowered at ${JSON.stringify(lowered)}`,
  );
  assert.equal(lowered.length, 1);
  assert.ok(lowered[0]!.tick >= t.lastConflatedTick + 40, 'not before 1 s without conflation');
  assert.ok(lowered[0]!.tick <= t.lastConflatedTick + 40 + 2 * TICKS_PER_WINDOW, 'nor much later');
  assert.equal(t.levels.at(-1), ShedLevel.NONE);
});

test('one stall tick does not raise; a lag above the mark that is draining does not escalate', () => {
  const { shed } = controller(true, { lagRaiseDwellNs: 0 });
  let now = 0;
  const feed = (lagEvents: number): number => {
    shed.observeLoad({ lagEvents, conflated: 0, dropped: 0 }, (now += TICK_NS));
    return shed.level;
  };
  // A scheduling stall: one tick far behind, caught up at the next.
  assert.deepEqual([0, 10_000, 0, 0].map(feed), [0, 0, 0, 0]);
  // Two ticks of evidence: raised at the second.
  assert.deepEqual([5_000, 6_000].map(feed), [0, 1]);
  // Still above raiseLagEvents but shrinking: the new level is working, no further raise.
  assert.deepEqual([5_500, 5_000, 4_500, 4_200].map(feed), [1, 1, 1, 1]);
  // Stops shrinking while still above the mark: fresh evidence, the next level.
  assert.deepEqual([4_200, 4_300].map(feed), [1, 2]);
  const s = shed.status();
  assert.equal(s.lagEvents, 4_300);
  assert.equal(s.loadSamples, 12);
});

test('events carry the numbers behind a lag raise and a calm lowering', () => {
  const c = controller(true, { minDwellNs: 0, lagRaiseDwellNs: 0, lowerAfterWindows: 1, lowerCalmNs: 100e6 });
  const { shed, events } = c;
  shed.observeLoad({ lagEvents: 4_500, conflated: 0, dropped: 0 }, 25e6);
  const raised = shed.observeLoad({ lagEvents: 6_000, conflated: 0, dropped: 0 }, 50e6);
  assert.equal(raised?.kind, 'raised');
  // Conflation at 75 ms: a quiet window at 125 ms is too soon (calm 50 ms < 100 ms).
  shed.observeLoad({ lagEvents: 100, conflated: 500, dropped: 7 }, 75e6);
  assert.equal(shed.observeWindow({ p99Ns: 1e6, processed: 100 }, 125e6), undefined);
  shed.observeLoad({ lagEvents: 0, conflated: 500, dropped: 7 }, 150e6);
  const lowered = shed.observeWindow({ p99Ns: 1e6, processed: 100 }, 180e6);
  assert.equal(lowered?.kind, 'lowered');
  const got = events.drain(10).map((e) => e.event);
  assert.deepEqual(
    got.map((e) => e.kind),
    ['shed.raised', 'shed.lowered'],
    'both events fit the event queue slot',
  );
  const [r, l] = got;
  assert.equal(r!.numbers['lagEvents'], 6_000);
  assert.equal(r!.numbers['lagGrowthPerSec'], 60_000);
  assert.equal(r!.numbers['evidenceTicks'], 2);
  assert.match(r!.reason, /consumer lag 6000 events ≥ 4096 and not shrinking for 2 tick/);
  assert.equal(l!.numbers['lagEvents'], 0);
  assert.equal(l!.numbers['calmForNs'], 105e6);
  assert.match(l!.reason, /calm for ≥ 100 ms/);
});

test('config defaults and validation; malformed readings throw INVALID_ARGUMENT', () => {
  const d = parseShedConfig({ decisionP99BudgetNs: 1e6 });
  assert.deepEqual(
    [d.raiseLagEvents, d.raiseLagGrowthPerSec, d.growthMinLagEvents, d.lagRaiseTicks, d.drainedLagEvents],
    [4096, 100_000, 1024, 2, 1024],
  );
  assert.deepEqual([d.lagRaiseDwellNs, d.lowerCalmNs, d.calmConflatedPerSec], [250e6, 1e9, undefined]);
  const invalid = (input: object): void =>
    assert.throws(
      () => parseShedConfig({ decisionP99BudgetNs: 1e6, ...input }),
      (e: unknown) => e instanceof ConductorError && e.code === ConductorErrorCode.INVALID_CONFIG,
    );
  invalid({ drainedLagEvents: 5000 });
  invalid({ raiseLagEvents: 0 });
  invalid({ lagRaiseTicks: 0 });
  invalid({ raiseLagGrowthPerSec: -1 });
  invalid({ lowerCalmNs: Number.POSITIVE_INFINITY });
  const { shed } = controller(true);
  for (const load of [
    { lagEvents: -1, conflated: 0, dropped: 0 },
    { lagEvents: 1.5, conflated: 0, dropped: 0 },
    { lagEvents: 0, conflated: Number.NaN, dropped: 0 },
  ]) {
    assert.throws(
      () => shed.observeLoad(load, 1),
      (e: unknown) => e instanceof ConductorError && e.code === ConductorErrorCode.INVALID_ARGUMENT,
    );
  }
  shed.observeLoad({ lagEvents: 0, conflated: 0, dropped: 0 }, 10);
  assert.throws(() => shed.observeLoad({ lagEvents: 0, conflated: 0, dropped: 0 }, 5));
});
