// A generic scenario table (the chaos suite's report): one row per scenario with what was
// expected, what was observed, its figures and pass/fail — as JSON, markdown and HTML.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { htmlPage, htmlTable } from './html-page.ts';
import { escapeHtml, formatCount } from './html-text.ts';
import { parseWithPaths } from './parse-with-paths.ts';

export const tableRowSchema = z.object({
  scenario: z.string(),
  expected: z.string(),
  observed: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  pass: z.boolean(),
});

export const tableReportSchema = z.looseObject({
  title: z.string(),
  generatedAt: z.string().optional(),
  rows: z.array(tableRowSchema),
  notes: z.array(z.string()).optional(),
});

export type TableRow = z.infer<typeof tableRowSchema>;
export type TableReport = z.infer<typeof tableReportSchema>;

export function parseTableReport(json: unknown): TableReport {
  return parseWithPaths(tableReportSchema, 'table report', json);
}

function figureText(value: number | string | boolean): string {
  return typeof value === 'number' ? formatCount(value) : String(value);
}

/**
 * One markdown table cell: pipes escaped, line breaks folded, and `<`, `>`, `&` as entities
 * (markdown renderers pass raw HTML through).
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

function passed(report: TableReport): number {
  return report.rows.filter((r) => r.pass).length;
}

export function renderTableMarkdown(report: TableReport): string {
  const lines = [`# ${escapeMarkdownCell(report.title)}`, ''];
  if (report.generatedAt !== undefined)
    lines.push(`Generated ${escapeMarkdownCell(report.generatedAt)}.`, '');
  lines.push(`**${passed(report)} / ${report.rows.length} passed**`, '');
  lines.push('| scenario | expected | observed | figures | result |', '| --- | --- | --- | --- | --- |');
  for (const row of report.rows) {
    const figures = Object.entries(row.figures ?? {})
      .map(([k, v]) => `${k}=${figureText(v)}`)
      .join(', ');
    const cells = [row.scenario, row.expected, row.observed, figures].map(escapeMarkdownCell);
    lines.push(`| ${cells.join(' | ')} | ${row.pass ? 'PASS' : '**FAIL**'} |`);
  }
  if ((report.notes ?? []).length > 0) {
    lines.push('', '## Notes', '');
    for (const note of report.notes ?? []) lines.push(`- ${escapeMarkdownCell(note)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderTableHtml(report: TableReport): string {
  const rows = report.rows.map((row) => [
    escapeHtml(row.scenario),
    escapeHtml(row.expected),
    escapeHtml(row.observed),
    Object.entries(row.figures ?? {})
      .map(([k, v]) => `${escapeHtml(k)}=<code>${escapeHtml(figureText(v))}</code>`)
      .join(' '),
    row.pass ? '<span class="pass">PASS</span>' : '<span class="fail-mark">FAIL</span>',
  ]);
  const classes = report.rows.map((row) => (row.pass ? '' : 'fail'));
  const notes = report.notes ?? [];
  const body =
    `<header><h1>${escapeHtml(report.title)}</h1><p class="meta">${escapeHtml(report.generatedAt ?? '')}</p></header>` +
    `<p><strong>${passed(report)} / ${report.rows.length} passed</strong></p>` +
    htmlTable(['scenario', 'expected', 'observed', 'figures', 'result'], rows, classes) +
    (notes.length === 0
      ? ''
      : `<h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  return htmlPage(report.title, body);
}

export interface WrittenTableReport {
  jsonPath: string;
  markdownPath: string;
  htmlPath: string;
}

/** Writes `<baseName>.json`, `.md` and `.html` into `dir` (validated first). */
export async function writeTableReport(
  dir: string,
  report: TableReport,
  baseName = 'table-report',
): Promise<WrittenTableReport> {
  const checked = parseTableReport(report);
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, `${baseName}.json`);
  const markdownPath = join(dir, `${baseName}.md`);
  const htmlPath = join(dir, `${baseName}.html`);
  await writeFile(jsonPath, `${JSON.stringify(checked, null, 2)}\n`, 'utf8');
  await writeFile(markdownPath, renderTableMarkdown(checked), 'utf8');
  await writeFile(htmlPath, renderTableHtml(checked), 'utf8');
  return { jsonPath, markdownPath, htmlPath };
}
