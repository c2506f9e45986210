// Per-segment latency attribution as stacked horizontal bars: one bar of the segments' p50s,
// one of their p99s. Percentiles do not add up exactly; the sums show where the time goes,
// not an end-to-end percentile (the page says so).
import type { AttributionSegment } from './demo-report.ts';
import { formatNs } from './html-text.ts';
import {
  MARGIN,
  PLOT_WIDTH,
  colorAt,
  emptyNote,
  line,
  niceCeiling,
  rectPath,
  svgPlot,
  text,
} from './svg-frame.ts';

const BAR_HEIGHT = 34;
const BAR_GAP = 22;
const LEGEND_ROW = 18;

export function segmentLabel(segment: AttributionSegment): string {
  return segment.label ?? segment.segment;
}

export function renderAttributionPlot(segments: readonly AttributionSegment[]): string {
  const plotW = PLOT_WIDTH - MARGIN.left - MARGIN.right;
  const bars: { name: string; values: number[] }[] = [
    { name: 'Σ p50', values: segments.map((s) => s.p50Ns) },
    { name: 'Σ p99', values: segments.map((s) => s.p99Ns) },
  ];
  const legendRows = Math.ceil(segments.length / 3);
  const barsTop = MARGIN.top;
  const axisY = barsTop + bars.length * (BAR_HEIGHT + BAR_GAP);
  const height = axisY + 30 + legendRows * LEGEND_ROW + 12;
  const parts: string[] = [];
  if (segments.length === 0) {
    parts.push(emptyNote('no attribution data', height));
    return svgPlot('attribution', 'Latency attribution per segment', parts.join(''), height);
  }
  const total = Math.max(0, ...bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const xMax = niceCeiling(total);
  const xOf = (ns: number): number => MARGIN.left + (Math.min(ns, xMax) / xMax) * plotW;

  for (let i = 0; i <= 4; i++) {
    const x = xOf((xMax * i) / 4);
    parts.push(line(x, barsTop - 6, x, axisY, 'grid'));
    parts.push(text(x, axisY + 16, formatNs((xMax * i) / 4), 'class="tick" text-anchor="middle"'));
  }
  bars.forEach((bar, row) => {
    const y = barsTop + row * (BAR_HEIGHT + BAR_GAP);
    parts.push(text(MARGIN.left - 8, y + BAR_HEIGHT / 2 + 4, bar.name, 'class="label" text-anchor="end"'));
    let start = 0;
    bar.values.forEach((value, i) => {
      const segment = segments[i] as AttributionSegment;
      const x0 = xOf(start);
      const x1 = xOf(start + value);
      parts.push(
        rectPath(x0, y, x1 - x0, BAR_HEIGHT, colorAt(i), `${segmentLabel(segment)}: ${formatNs(value)}`),
      );
      start += value;
    });
    parts.push(text(xOf(start) + 4, y + BAR_HEIGHT / 2 + 4, formatNs(start), 'class="tick"'));
  });
  segments.forEach((segment, i) => {
    const col = i % 3;
    const rowY = axisY + 30 + Math.floor(i / 3) * LEGEND_ROW;
    const x = MARGIN.left + col * (plotW / 3);
    parts.push(rectPath(x, rowY - 10, 12, 12, colorAt(i), segmentLabel(segment)));
    parts.push(text(x + 18, rowY, segmentLabel(segment), 'class="legend"'));
  });
  return svgPlot('attribution', 'Latency attribution per segment', parts.join(''), height);
}
