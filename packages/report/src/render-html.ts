// report.html: the demo run on one self-contained page — headline figures, latency percentile
// curves, per-segment attribution, the lifecycle timeline and the shed / isolation events.
import type { DemoReport, LatencyDistribution, LatencyHeadline, PercentilePoint } from './demo-report.ts';
import { renderAttributionPlot, segmentLabel } from './attribution-plot.ts';
import { htmlPage, htmlTable } from './html-page.ts';
import { escapeHtml, formatCount, formatMs, formatNs, slug } from './html-text.ts';
import { renderLatencyPlot } from './latency-plot.ts';
import { resolveDistributionPoints } from './percentile-points.ts';
import { colorAt } from './svg-frame.ts';
import { renderTimelinePlot } from './timeline-plot.ts';

/** Plot ids every demo page has, whatever data it holds (`svg.plot[data-plot="..."]`). */
export const DEMO_PLOT_IDS = ['decision-latency', 'execution-latency', 'attribution', 'timeline'] as const;

interface PlotSpec {
  plotId: string;
  title: string;
  distribution: LatencyDistribution;
}

/** Decision and execution always get a plot (from their headline p50/p99 if no curve was sent). */
function latencyPlotSpecs(report: DemoReport): PlotSpec[] {
  const given = report.distributions ?? [];
  const fromHeadline = (segment: string, h: LatencyHeadline): LatencyDistribution => ({
    segment,
    points: [
      { percentile: 50, valueNs: h.p50Ns },
      { percentile: 99, valueNs: h.p99Ns },
    ],
  });
  const specs: PlotSpec[] = [];
  const used = new Set<string>();
  const add = (distribution: LatencyDistribution, title: string): void => {
    let id = `${slug(distribution.segment)}-latency`;
    for (let n = 2; used.has(id); n++) id = `${slug(distribution.segment)}-${n}-latency`;
    used.add(id);
    specs.push({ plotId: id, title, distribution });
  };
  const decision =
    given.find((d) => slug(d.segment) === 'decision') ?? fromHeadline('decision', report.decision);
  const execution =
    given.find((d) => slug(d.segment) === 'execution') ?? fromHeadline('execution', report.execution);
  add(decision, decision.label ?? 'Decision latency (what we control)');
  add(execution, execution.label ?? 'Execution latency (venue round trip)');
  for (const d of given) {
    if (d === decision || d === execution) continue;
    add(d, d.label ?? `${d.segment} latency`);
  }
  return specs;
}

function card(key: string, value: string, tone = ''): string {
  return `<div class="card${tone === '' ? '' : ` ${tone}`}"><div class="k">${escapeHtml(key)}</div><div class="v">${escapeHtml(value)}</div></div>`;
}

function headline(report: DemoReport): string {
  const finalState = report.states.at(-1)?.state ?? 'unknown';
  return (
    '<section id="headline"><h2>Headline</h2><div class="cards">' +
    card(
      'final state',
      finalState,
      finalState === 'READY' ? 'good' : finalState === 'DEGRADED' ? 'bad' : '',
    ) +
    card('events in', formatCount(report.eventsIn)) +
    card('orders sent', formatCount(report.ordersSent)) +
    card('completions', formatCount(report.completions)) +
    card('lost orders', formatCount(report.lostOrders), report.lostOrders > 0 ? 'bad' : 'good') +
    card('decision p50 / p99', `${formatNs(report.decision.p50Ns)} / ${formatNs(report.decision.p99Ns)}`) +
    card('execution p50 / p99', `${formatNs(report.execution.p50Ns)} / ${formatNs(report.execution.p99Ns)}`) +
    card(
      'NATS',
      report.telemetry.natsConnected ? 'connected' : 'disconnected',
      report.telemetry.natsConnected ? 'good' : 'bad',
    ) +
    card('snapshots published', formatCount(report.telemetry.snapshotsPublished)) +
    card(
      'snapshots dropped',
      formatCount(report.telemetry.snapshotsDropped),
      report.telemetry.snapshotsDropped > 0 ? 'bad' : '',
    ) +
    card('Prometheus series', formatCount(report.observer.prometheusSeries)) +
    card('spans exported', formatCount(report.observer.spansExported)) +
    card('automation actions', formatCount(report.automation.actions)) +
    card(
      'approvals requested / approved',
      `${formatCount(report.approvals.requested)} / ${formatCount(report.approvals.approved)}`,
    ) +
    '</div></section>'
  );
}

function latencySection(report: DemoReport): string {
  const figures = latencyPlotSpecs(report).map((spec, i) => {
    const { points, problem } = resolveDistributionPoints(spec.distribution);
    const count = spec.distribution.count;
    const untrusted = spec.distribution.trusted === false ? ' (untrusted: warm-up)' : '';
    const caption =
      problem ?? (count === undefined ? undefined : `${formatCount(count)} samples${untrusted}`);
    const svg = renderLatencyPlot({
      plotId: spec.plotId,
      title: spec.title,
      points,
      color: colorAt(i),
      ...(caption === undefined ? {} : { caption }),
    });
    return `<figure>${svg}<figcaption>${escapeHtml(spec.title)}${escapeHtml(untrusted)}: ${escapeHtml(pointSummary(points))}</figcaption></figure>`;
  });
  return `<section id="latency"><h2>Latency distributions</h2><div class="plots">${figures.join('')}</div></section>`;
}

function pointSummary(points: readonly PercentilePoint[]): string {
  if (points.length === 0) return 'no samples';
  return points
    .filter((p) => [50, 99, 99.9, 100].includes(p.percentile))
    .map((p) => `p${p.percentile === 100 ? 'max' : p.percentile} ${formatNs(p.valueNs)}`)
    .join(', ');
}

function attributionSection(report: DemoReport): string {
  const segments = report.attribution ?? [];
  const rows = segments.map((s) => [
    escapeHtml(segmentLabel(s)),
    escapeHtml(formatNs(s.p50Ns)),
    escapeHtml(formatNs(s.p99Ns)),
    escapeHtml(s.meanNs === undefined ? '–' : formatNs(s.meanNs)),
    escapeHtml(s.count === undefined ? '–' : formatCount(s.count)),
  ]);
  return (
    '<section id="attribution"><h2>Where the time goes</h2>' +
    `<figure>${renderAttributionPlot(segments)}<figcaption>Stacked per-segment percentiles; sums of percentiles approximate, they are not end-to-end percentiles.</figcaption></figure>` +
    (rows.length > 0 ? htmlTable(['segment', 'p50', 'p99', 'mean', 'samples'], rows) : '') +
    '</section>'
  );
}

function stamp(
  item: { monoNs?: number | undefined; wallMs?: number | undefined },
  t0Ns: number | undefined,
): string {
  const parts: string[] = [];
  if (item.monoNs !== undefined)
    parts.push(
      t0Ns === undefined ? `${formatCount(item.monoNs)} ns` : `+${formatMs((item.monoNs - t0Ns) / 1e6)}`,
    );
  if (item.wallMs !== undefined) {
    const d = new Date(item.wallMs);
    parts.push(Number.isNaN(d.getTime()) ? String(item.wallMs) : d.toISOString());
  }
  return parts.length === 0 ? '–' : parts.join(' · ');
}

function numbers(record: Readonly<Record<string, number>> | undefined): string {
  if (record === undefined) return '';
  return Object.entries(record)
    .map(([k, v]) => `${escapeHtml(k)}=<code>${escapeHtml(formatCount(v))}</code>`)
    .join(' ');
}

function lifecycleSection(report: DemoReport): string {
  const events = report.events ?? [];
  const t0 = report.states.find((s) => s.monoNs !== undefined)?.monoNs;
  const stateRows = report.states.map((s) => [
    escapeHtml(stamp(s, t0)),
    `<span class="badge">${escapeHtml(s.state)}</span>`,
    escapeHtml(s.reason),
  ]);
  const eventRows = events.map((e) => [
    escapeHtml(stamp(e, t0)),
    escapeHtml(e.kind),
    escapeHtml(e.subject ?? ''),
    escapeHtml(e.reason),
    numbers(e.numbers),
  ]);
  return (
    '<section id="lifecycle"><h2>Lifecycle</h2>' +
    `<figure>${renderTimelinePlot(report.states, events)}</figure>` +
    htmlTable(['when', 'state', 'reason'], stateRows) +
    '</section><section id="events"><h2>Shed and isolation events</h2>' +
    (eventRows.length === 0
      ? '<p class="meta">No shed changes or isolations during the run.</p>'
      : htmlTable(['when', 'kind', 'subject', 'reason', 'figures'], eventRows)) +
    '</section>'
  );
}

function configSection(report: DemoReport): string {
  const entries = Object.entries(report.config ?? {});
  const notes = report.notes ?? [];
  let html = '';
  if (entries.length > 0) {
    html +=
      '<section id="config"><h2>Run configuration</h2>' +
      htmlTable(
        ['setting', 'value'],
        entries.map(([k, v]) => [escapeHtml(k), `<code>${escapeHtml(String(v))}</code>`]),
      ) +
      '</section>';
  }
  if (notes.length > 0) {
    html += `<section id="notes"><h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`;
  }
  return html;
}

/** The whole page as one string: no external resources, every report string escaped. */
export function renderReportHtml(report: DemoReport): string {
  const title = report.title ?? 'Ringside demo run';
  const meta = [
    report.generatedAt === undefined ? '' : `generated ${report.generatedAt}`,
    report.durationMs === undefined ? '' : `run lasted ${formatMs(report.durationMs)}`,
  ].filter((s) => s !== '');
  const body =
    `<header><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(meta.join(' · '))}</p></header>\n` +
    headline(report) +
    latencySection(report) +
    attributionSection(report) +
    lifecycleSection(report) +
    configSection(report);
  return htmlPage(title, body);
}
