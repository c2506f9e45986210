import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHistogram, encodeHistogram, resolveHistogramOptions } from '@ringside/counters';
import {
  DEFAULT_PERCENTILES,
  DEMO_PLOT_IDS,
  ReportError,
  escapeHtml,
  parseDemoReport,
  percentilePointsFromEncoded,
  percentilePointsFromHistogram,
  renderReportHtml,
  writeReport,
} from '@ringside/report';
import type { DemoReport } from '@ringside/report';
import { HOSTILE, badGeometry, pathsOf, plotIds } from './html-checks.ts';
import { sampleReport } from './sample-report.ts';

function emptyReport(): DemoReport {
  return {
    states: [],
    eventsIn: 0,
    ordersSent: 0,
    completions: 0,
    lostOrders: 0,
    decision: { p50Ns: 0, p99Ns: 0 },
    execution: { p50Ns: 0, p99Ns: 0 },
    telemetry: { natsConnected: false, snapshotsPublished: 0, snapshotsDropped: 0 },
    observer: { prometheusSeries: 0, spansExported: 0 },
    automation: { actions: 0 },
    approvals: { requested: 0, approved: 0 },
  };
}

test('escapeHtml escapes the five HTML metacharacters', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('the full sample renders every plot with drawn paths and sane geometry', () => {
  const html = renderReportHtml(sampleReport());
  const ids = plotIds(html);
  for (const id of DEMO_PLOT_IDS) {
    assert.ok(ids.includes(id), `plot ${id} present`);
    assert.ok(
      pathsOf(html, id).some((d) => d.length > 2),
      `plot ${id} has a path`,
    );
  }
  assert.ok(ids.includes('warm-up-decision-latency'), 'extra distributions get their own plot');
  assert.deepEqual(badGeometry(html), []);
  assert.ok(
    !/<script/i.test(html) && !/https?:\/\//.test(html.replaceAll('http://www.w3.org/2000/svg', '')),
    'no scripts, no URLs',
  );
  assert.match(html, /untrusted: warm-up/);
});

test('an encoded histogram is decoded into the plotted curve', () => {
  const h = createHistogram(resolveHistogramOptions());
  for (let v = 1_000; v <= 100_000; v += 7) h.recordValue(v);
  const report = sampleReport();
  report.distributions = [{ segment: 'execution', encodedHistogram: encodeHistogram(h) }];
  const points = percentilePointsFromEncoded(encodeHistogram(h));
  assert.deepEqual(points, percentilePointsFromHistogram(h));
  assert.equal(points.length, DEFAULT_PERCENTILES.length);
  const html = renderReportHtml(report);
  const svg = html.slice(
    html.indexOf('data-plot="execution-latency"'),
    html.indexOf('</svg>', html.indexOf('data-plot="execution-latency"')),
  );
  assert.equal([...svg.matchAll(/<circle class="point"/g)].length, DEFAULT_PERCENTILES.length);
});

test('hostile strings in every text field come out escaped', () => {
  for (const evil of HOSTILE) {
    const r = sampleReport();
    r.title = evil;
    r.generatedAt = evil;
    r.states = r.states.map((s) => ({ ...s, state: evil, reason: evil }));
    r.events = (r.events ?? []).map((e) => ({
      ...e,
      kind: evil,
      reason: evil,
      subject: evil,
      numbers: { [evil]: 1 },
    }));
    r.attribution = (r.attribution ?? []).map((a) => ({ ...a, label: evil }));
    r.distributions = [{ segment: evil, label: evil, encodedHistogram: evil }];
    r.config = { [evil]: evil };
    r.notes = [evil];
    const html = renderReportHtml(parseDemoReport(r));
    assert.ok(!/<script/i.test(html), `no <script for ${evil}`);
    assert.ok(
      !/<img/i.test(html) &&
        !/<svg onload/i.test(html) &&
        !/onerror=/.test(html.replace(/&quot;&gt;&lt;img src=x onerror=/g, '')),
    );
    assert.ok(html.includes(escapeHtml(evil)), 'the text is still shown, escaped');
    assert.deepEqual(badGeometry(html), []);
    // The damaged histogram is reported on the page instead of failing the render.
    assert.match(html, /encoded histogram could not be decoded/);
  }
});

test('empty and degenerate data render without NaN or Infinity', () => {
  const variants: DemoReport[] = [];
  variants.push(emptyReport());
  const single = emptyReport();
  single.states = [{ state: 'INIT', reason: 'only state', monoNs: 0 }];
  single.distributions = [
    { segment: 'decision', points: [{ percentile: 100, valueNs: 0 }] },
    { segment: 'execution', points: [] },
    {
      segment: 'flat',
      points: [
        { percentile: 0, valueNs: 5 },
        { percentile: 0, valueNs: 5 },
      ],
    },
  ];
  single.attribution = [{ segment: 'ingest-publish', p50Ns: 0, p99Ns: 0 }];
  single.events = [
    { kind: 'shed', reason: 'no stamp' },
    { kind: 'isolation', reason: 'same time', monoNs: 0 },
  ];
  variants.push(single);
  const sameStamps = emptyReport();
  sameStamps.states = ['INIT', 'WARM-UP', 'READY'].map((state) => ({ state, reason: 'x', wallMs: 1 }));
  sameStamps.attribution = [];
  variants.push(sameStamps);
  const huge = emptyReport();
  huge.decision = { p50Ns: Number.MAX_VALUE, p99Ns: Number.MAX_VALUE };
  huge.states = [
    { state: 'READY', reason: 'x', monoNs: Number.MAX_VALUE },
    { state: 'DEGRADED', reason: 'y', monoNs: 0 },
  ];
  variants.push(huge);
  for (const report of variants) {
    const html = renderReportHtml(parseDemoReport(report));
    assert.deepEqual(badGeometry(html), []);
    for (const id of DEMO_PLOT_IDS) assert.ok(plotIds(html).includes(id), `plot ${id} present`);
  }
  assert.match(renderReportHtml(emptyReport()), /no lifecycle states recorded/);
});

test('writeReport writes report.json that parses back to the report, and report.html', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringside-report-'));
  try {
    const report = sampleReport();
    const { jsonPath, htmlPath } = await writeReport(join(dir, 'run'), report);
    assert.deepEqual(parseDemoReport(await readFile(jsonPath, 'utf8')), report);
    assert.equal(await readFile(htmlPath, 'utf8'), renderReportHtml(report));
    const bad = { ...report, lostOrders: -1 };
    await assert.rejects(
      writeReport(dir, bad),
      (err: unknown) => err instanceof ReportError && err.issues[0]?.startsWith('lostOrders:') === true,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
