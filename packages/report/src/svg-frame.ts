// The shared frame of every plot: fixed viewBox, margins, an axis helper, and the
// `svg.plot[data-plot=...]` hook that tests and readers use to find a plot.
import { escapeHtml, svgNum } from './html-text.ts';

export const PLOT_WIDTH = 720;
export const PLOT_HEIGHT = 300;
export const MARGIN = { left: 78, right: 44, top: 24, bottom: 48 } as const;

export const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#4b5563',
  '#db2777',
];

export function colorAt(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#2563eb';
}

/** Wrap plot content; `title` becomes the SVG's accessible name. */
export function svgPlot(plotId: string, title: string, body: string, height = PLOT_HEIGHT): string {
  return (
    `<svg class="plot" data-plot="${escapeHtml(plotId)}" id="plot-${escapeHtml(plotId)}" role="img" ` +
    `xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PLOT_WIDTH} ${svgNum(height)}" ` +
    `width="${PLOT_WIDTH}" height="${svgNum(height)}"><title>${escapeHtml(title)}</title>${body}</svg>`
  );
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${svgNum(x)}" y="${svgNum(y)}"${attrs === '' ? '' : ` ${attrs}`}>${escapeHtml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string): string {
  return `<line class="${cls}" x1="${svgNum(x1)}" y1="${svgNum(y1)}" x2="${svgNum(x2)}" y2="${svgNum(y2)}"/>`;
}

/** A filled rectangle drawn as a path (tests look for non-empty paths in every plot). */
export function rectPath(x: number, y: number, w: number, h: number, fill: string, tooltip: string): string {
  const width = Math.max(0, w);
  const d = `M${svgNum(x)} ${svgNum(y)}h${svgNum(width)}v${svgNum(h)}h${svgNum(-width)}Z`;
  return `<path class="bar" d="${d}" fill="${fill}"><title>${escapeHtml(tooltip)}</title></path>`;
}

/** A centred message where a plot has nothing to draw. */
export function emptyNote(message: string, height = PLOT_HEIGHT): string {
  return text(PLOT_WIDTH / 2, height / 2, message, 'class="empty" text-anchor="middle"');
}

/** Round a positive maximum up to 1, 2 or 5 × 10^k so axis ticks fall on round numbers. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}
