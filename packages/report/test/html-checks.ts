// Checks on rendered HTML shared by the render tests.

const GEOMETRY_ATTR = /\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|viewBox)="([^"]*)"/g;

/** Geometry attributes whose value holds NaN, Infinity or undefined. */
export function badGeometry(html: string): string[] {
  const bad: string[] = [];
  for (const m of html.matchAll(GEOMETRY_ATTR)) {
    if (/NaN|Infinity|undefined/.test(m[2] ?? '')) bad.push(m[0].trim());
  }
  return bad;
}

/** `data-plot` ids of every plot, in page order. */
export function plotIds(html: string): string[] {
  return [...html.matchAll(/<svg class="plot" data-plot="([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** The `d` of every path inside the plot with this id. */
export function pathsOf(html: string, plotId: string): string[] {
  const start = html.indexOf(`data-plot="${plotId}"`);
  if (start < 0) return [];
  const svg = html.slice(start, html.indexOf('</svg>', start));
  return [...svg.matchAll(/<path[^>]*\sd="([^"]*)"/g)].map((m) => m[1] ?? '');
}

export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script src="https://evil.example/x.js"></script>',
  '&lt;already escaped&gt; & friends',
  '| pipe | and\nnewline',
] as const;
