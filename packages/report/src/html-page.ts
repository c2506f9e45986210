// The page shell shared by the demo and table reports: one self-contained file, inline CSS, no
// scripts, and a Content-Security-Policy that forbids every fetch, so the page opens offline and
// an escaping bug could not load or run anything either.
import { escapeHtml } from './html-text.ts';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --card: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .k { color: var(--muted); font-size: 12px; } .card .v { font-size: 20px; font-weight: 600; }
.card.bad .v { color: #dc2626; } .card.good .v { color: #16a34a; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; background: #e5e7eb; font-weight: 600; }
.plots { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; } figcaption { color: var(--muted); font-size: 12px; }
svg.plot { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
svg.plot text { font: 11px system-ui, sans-serif; fill: #374151; }
svg.plot .label { font-weight: 600; } svg.plot .empty { fill: var(--muted); font-size: 14px; }
svg.plot .band-label { fill: #fff; font-weight: 600; } svg.plot .caption { fill: var(--muted); }
svg.plot .grid { stroke: #eef0f3; } svg.plot .axis { stroke: #9ca3af; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--card); } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td { background: #fef2f2; } .pass { color: #16a34a; font-weight: 600; } .fail-mark { color: #dc2626; font-weight: 600; }
code { font-size: 12px; }
`;

/** A full HTML document; `title` is escaped here, `body` must already be safe HTML. */
export function htmlPage(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head>\n<body>\n${body}\n</body></html>\n`
  );
}

/** A table from already-safe cell HTML; headers are escaped. */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rowClasses?: readonly string[],
): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((cells, i) => {
      const cls = rowClasses?.[i];
      return `<tr${cls === undefined || cls === '' ? '' : ` class="${escapeHtml(cls)}"`}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}
