// Percentile curve of one latency distribution, HdrHistogram style: the x axis is
// log10(1 / (1 - percentile)), so 90 %, 99 %, 99.9 % ... are evenly spaced and the tail is
// visible; the y axis is linear latency from 0.
import type { PercentilePoint } from './demo-report.ts';
import { escapeHtml, formatNs, formatPercentile, svgNum } from './html-text.ts';
import { MARGIN, PLOT_HEIGHT, PLOT_WIDTH, emptyNote, line, niceCeiling, svgPlot, text } from './svg-frame.ts';

/** The tail is drawn up to 99.9999 %; 100 % (the max) is pinned there too. */
const MAX_NINES = 6;

function nines(percentile: number): number {
  const q = Math.min(Math.max(percentile / 100, 0), 1 - 10 ** -MAX_NINES);
  return Math.log10(1 / (1 - q));
}

export interface LatencyPlotInput {
  plotId: string;
  title: string;
  points: readonly PercentilePoint[];
  color: string;
  /** Shown under the title, e.g. sample count or a decoding problem. */
  caption?: string;
}

export function renderLatencyPlot(input: LatencyPlotInput): string {
  const { points } = input;
  const plotW = PLOT_WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PLOT_HEIGHT - MARGIN.top - MARGIN.bottom;
  const parts: string[] = [];
  const maxNines = Math.max(
    2,
    Math.min(MAX_NINES, Math.ceil(Math.max(0, ...points.map((p) => nines(p.percentile))))),
  );
  const yMax = niceCeiling(Math.max(0, ...points.map((p) => p.valueNs)));
  const xOf = (percentile: number): number => MARGIN.left + (nines(percentile) / maxNines) * plotW;
  const yOf = (ns: number): number => MARGIN.top + plotH - (Math.min(ns, yMax) / yMax) * plotH;

  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = yOf(v);
    parts.push(line(MARGIN.left, y, MARGIN.left + plotW, y, 'grid'));
    parts.push(text(MARGIN.left - 6, y + 4, formatNs(v), 'class="tick" text-anchor="end"'));
  }
  for (let n = 0; n <= maxNines; n++) {
    const x = MARGIN.left + (n / maxNines) * plotW;
    parts.push(line(x, MARGIN.top, x, MARGIN.top + plotH, 'grid'));
    const label = n === 0 ? '0%' : formatPercentile(100 * (1 - 10 ** -n));
    parts.push(text(x, MARGIN.top + plotH + 16, label, 'class="tick" text-anchor="middle"'));
  }
  parts.push(line(MARGIN.left, MARGIN.top + plotH, MARGIN.left + plotW, MARGIN.top + plotH, 'axis'));
  parts.push(line(MARGIN.left, MARGIN.top, MARGIN.left, MARGIN.top + plotH, 'axis'));
  parts.push(
    text(
      MARGIN.left + plotW / 2,
      PLOT_HEIGHT - 8,
      'percentile (log scale of 1/(1−p))',
      'class="label" text-anchor="middle"',
    ),
  );

  if (points.length === 0) {
    parts.push(emptyNote('no samples'));
  } else {
    // A single point still draws: a short horizontal stub, so the curve is never an empty path.
    const coords = points.map((p) => `${svgNum(xOf(p.percentile))} ${svgNum(yOf(p.valueNs))}`);
    const d = points.length === 1 ? `M${coords[0]}h4` : `M${coords.join('L')}`;
    parts.push(`<path class="curve" d="${d}" fill="none" stroke="${input.color}" stroke-width="2"/>`);
    for (const p of points) {
      parts.push(
        `<circle class="point" cx="${svgNum(xOf(p.percentile))}" cy="${svgNum(yOf(p.valueNs))}" r="3" fill="${input.color}">` +
          `<title>${escapeHtml(`${formatPercentile(p.percentile)}: ${formatNs(p.valueNs)}`)}</title></circle>`,
      );
    }
  }
  if (input.caption !== undefined)
    parts.push(text(PLOT_WIDTH - MARGIN.right, 14, input.caption, 'class="caption" text-anchor="end"'));
  return svgPlot(input.plotId, input.title, parts.join(''));
}
