// Property: any valid report renders, without throwing, with every plot, no unescaped
// `<script` and no NaN/Infinity in SVG geometry. Bounded in runs and in time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEMO_PLOT_IDS, parseDemoReport, renderReportHtml } from '@ringside/report';
import type { DemoReport } from '@ringside/report';
import { HOSTILE, badGeometry, plotIds } from './html-checks.ts';

const RUNS = 1000;
const TIME_LIMIT_MS = 20_000;

const text = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const count = fc.nat();
// Finite, >= 0, from 0 through sub-ns fractions to astronomically large.
const ns = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
);
const stamps = fc.record(
  { monoNs: ns, wallMs: fc.double({ min: 0, max: 1e13, noNaN: true }) },
  { requiredKeys: [] },
);
const state = fc
  .record({ state: fc.oneof(fc.constantFrom('INIT', 'WARM-UP', 'READY', 'DEGRADED'), text), reason: text })
  .chain((s) => stamps.map((t) => ({ ...s, ...t })));
const point = fc.record({ percentile: fc.double({ min: 0, max: 100, noNaN: true }), valueNs: ns });
const distribution = fc.record(
  {
    segment: fc.oneof(
      fc.constantFrom('decision', 'execution'),
      text.filter((s) => s.length > 0),
    ),
    label: text,
    count,
    points: fc.array(point, { maxLength: 20 }),
    encodedHistogram: text,
    trusted: fc.boolean(),
  },
  { requiredKeys: ['segment'] },
);
const attribution = fc.record(
  { segment: text.filter((s) => s.length > 0), label: text, p50Ns: ns, p99Ns: ns, meanNs: ns, count },
  { requiredKeys: ['segment', 'p50Ns', 'p99Ns'] },
);
const runEvent = fc
  .record(
    {
      kind: fc.oneof(fc.constantFrom('shed', 'isolation'), text),
      reason: text,
      subject: text,
      numbers: fc.dictionary(text, fc.double({ noNaN: true, noDefaultInfinity: true })),
    },
    { requiredKeys: ['kind', 'reason'] },
  )
  .chain((e) => stamps.map((t) => ({ ...e, ...t })));
const latency = fc.record({ p50Ns: ns, p99Ns: ns });

const report: fc.Arbitrary<DemoReport> = fc.record(
  {
    title: text,
    generatedAt: text,
    durationMs: ns,
    states: fc.array(state, { maxLength: 8 }),
    eventsIn: count,
    ordersSent: count,
    completions: count,
    lostOrders: count,
    decision: latency,
    execution: latency,
    telemetry: fc.record({ natsConnected: fc.boolean(), snapshotsPublished: count, snapshotsDropped: count }),
    observer: fc.record({ prometheusSeries: count, spansExported: count }),
    automation: fc.record({ actions: count }),
    approvals: fc.record({ requested: count, approved: count }),
    distributions: fc.array(distribution, { maxLength: 4 }),
    attribution: fc.array(attribution, { maxLength: 6 }),
    events: fc.array(runEvent, { maxLength: 6 }),
    config: fc.dictionary(
      text,
      fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
    ),
    notes: fc.array(text, { maxLength: 3 }),
  },
  {
    requiredKeys: [
      'states',
      'eventsIn',
      'ordersSent',
      'completions',
      'lostOrders',
      'decision',
      'execution',
      'telemetry',
      'observer',
      'automation',
      'approvals',
    ],
  },
);

test('any valid report renders safely', () => {
  console.log(`property: up to ${RUNS} runs, ${TIME_LIMIT_MS} ms limit`);
  let runs = 0;
  fc.assert(
    fc.property(report, (r) => {
      runs++;
      const valid = parseDemoReport(r); // the arbitrary only makes valid reports
      const html = renderReportHtml(valid);
      assert.ok(!/<script/i.test(html), 'no unescaped <script');
      assert.deepEqual(badGeometry(html), []);
      const ids = plotIds(html);
      for (const id of DEMO_PLOT_IDS) assert.ok(ids.includes(id), `plot ${id}`);
      assert.equal(new Set(ids).size, ids.length, 'plot ids are unique');
    }),
    { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
  );
  console.log(`property: ${runs} reports rendered`);
  assert.ok(runs >= 20, 'enough runs within the time limit');
});
