// Text and number formatting for the HTML and SVG output. Every string that came from a report
// passes through escapeHtml; every number written into SVG geometry passes through svgNum.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** A coordinate for SVG: never NaN or Infinity (degenerate data draws at 0), two decimals. */
export function svgNum(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** 1234 ns → `1.23 µs`; picks ns, µs, ms or s. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${trim(ns, 0)} ns`;
  if (abs < 1e6) return `${trim(ns / 1e3, 2)} µs`;
  if (abs < 1e9) return `${trim(ns / 1e6, 2)} ms`;
  return `${trim(ns / 1e9, 2)} s`;
}

/** Durations on the timeline axis (same units as formatNs, from ms). */
export function formatMs(ms: number): string {
  return formatNs(ms * 1e6);
}

export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : trim(value, 3);
}

export function formatPercentile(percentile: number): string {
  return `${trim(percentile, 4)}%`;
}

function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** A name usable in ids and data attributes: lower-case letters, digits and dashes. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'segment' : s;
}
