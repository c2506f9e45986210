// The human report of one chaos run: a summary table (one row per scenario: figures and
// pass/fail), then per scenario every declared expectation beside what was observed, and the
// notes (why it failed, why it could not run). Markdown (our own layout: summary table first) and
// a self-contained HTML page from @ringside/report's table helper, with one row per expectation
// and the scenario's figures on its first row. Each run writes timestamped files AND overwrites
// `chaos-latest.*`, so a committed docs/reports/ always carries the newest run at a stable name.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderTableHtml } from '@ringside/report';
import type { TableReport, TableRow } from '@ringside/report';
import type { ChaosResult } from './scenario.ts';

const fmtMs = (x: number): string => (x < 0 ? 'n/m' : `${Math.round(x)} ms`);
const fmtCount = (x: number): string => (x < 0 ? 'n/m' : String(x));
function fmtNs(x: number): string {
  if (x < 0) return 'n/m';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} ms`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} µs`;
  return `${Math.round(x)} ns`;
}
/** Markdown table cells: no pipes or newlines. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export const SUMMARY_HEADER = [
  'scenario',
  'result',
  'detect',
  'recover',
  'orders lost / dup',
  'loss counted / uncounted',
  'decision p99 during / baseline',
] as const;

export function summaryRows(results: readonly ChaosResult[]): string[][] {
  return results.map((r) => {
    const f = r.figures;
    return [
      r.name,
      r.passed ? 'PASS' : r.runnable ? 'FAIL' : 'FAIL (not runnable)',
      fmtMs(f.detectMs),
      fmtMs(f.recoverMs),
      `${fmtCount(f.lostOrders)} / ${fmtCount(f.duplicateOrders)}`,
      `${fmtCount(f.countedLoss)} / ${fmtCount(f.uncountedLoss)}`,
      `${fmtNs(f.decisionP99DuringNs)} / ${fmtNs(f.decisionP99BaselineNs)}`,
    ];
  });
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface ReportMeta {
  readonly startedAt: Date;
  readonly quick: boolean;
  readonly topology: string;
}

export function chaosMarkdown(results: readonly ChaosResult[], meta: ReportMeta): string {
  const passed = results.filter((r) => r.passed).length;
  const out = [
    `# Ringside chaos run — ${meta.startedAt.toISOString()}`,
    '',
    `${passed}/${results.length} scenarios passed · mode ${meta.quick ? 'quick' : 'full'} · topology: ${meta.topology}`,
    '',
    'n/m = not measured. Loss = market events or telemetry snapshots lost; counted loss is',
    'acceptable (latency over completeness), uncounted loss and lost/duplicated orders are not.',
    '',
    table(SUMMARY_HEADER, summaryRows(results)),
  ];
  for (const r of results) {
    out.push(
      '',
      `## ${r.name}: ${r.title} — ${r.passed ? 'PASS' : 'FAIL'} (${(r.durationMs / 1000).toFixed(1)} s)`,
      '',
    );
    out.push(
      table(
        ['expected', 'observed', 'ok'],
        r.rows.map((row) => [row.expectation.text, row.observed, row.passed ? 'yes' : 'NO']),
      ),
    );
    if (r.notes.length > 0) out.push('', ...r.notes.map((n) => `- ${n}`));
  }
  return `${out.join('\n')}\n`;
}

/** Figures of one scenario for the table report: measured ones only (n/m is noise there). */
function tableFigures(r: ChaosResult): Record<string, string> {
  const f = r.figures;
  const all: [string, number, (x: number) => string][] = [
    ['detect', f.detectMs, fmtMs],
    ['recover', f.recoverMs, fmtMs],
    ['orders lost', f.lostOrders, fmtCount],
    ['orders dup', f.duplicateOrders, fmtCount],
    ['loss counted', f.countedLoss, fmtCount],
    ['loss uncounted', f.uncountedLoss, fmtCount],
    ['decision p99 during', f.decisionP99DuringNs, fmtNs],
    ['decision p99 baseline', f.decisionP99BaselineNs, fmtNs],
  ];
  const out: Record<string, string> = {};
  for (const [k, v, fmt] of all) if (v >= 0) out[k] = fmt(v);
  out['duration'] = `${(r.durationMs / 1000).toFixed(1)} s`;
  return out;
}

/**
 * The run as a @ringside/report table: one row per declared expectation (scenario, expected,
 * observed, ok), the scenario's figures on its first row; a scenario that produced no rows
 * (could not run) still gets one failing row so it cannot vanish from the page.
 */
export function chaosTableReport(results: readonly ChaosResult[], meta: ReportMeta): TableReport {
  const passed = results.filter((r) => r.passed).length;
  const rows: TableRow[] = [];
  const notes = [
    `mode ${meta.quick ? 'quick' : 'full'} · topology: ${meta.topology}`,
    'n/m = not measured. Counted loss is acceptable (latency over completeness); uncounted loss and lost/duplicated orders are not.',
  ];
  for (const r of results) {
    // The title and verdict once, on the scenario's first row; its other rows carry the name.
    const verdict = r.passed ? 'PASS' : r.runnable ? 'FAIL' : 'FAIL (not runnable)';
    const first = `${r.name}: ${r.title} — ${verdict}`;
    const figures = tableFigures(r);
    if (r.rows.length === 0)
      rows.push({
        scenario: first,
        expected: 'scenario runs',
        observed: 'it did not run',
        figures,
        pass: false,
      });
    r.rows.forEach((row, i) => {
      const base = { expected: row.expectation.text, observed: row.observed, pass: row.passed };
      rows.push(i === 0 ? { scenario: first, ...base, figures } : { scenario: r.name, ...base });
    });
    for (const n of r.notes) notes.push(`${r.name}: ${n}`);
  }
  return {
    title: `Ringside chaos run — ${passed}/${results.length} scenarios passed`,
    generatedAt: meta.startedAt.toISOString(),
    rows,
    notes,
  };
}

/** The self-contained HTML page (inline CSS, no scripts, no fetches) of one run. */
export function chaosHtml(results: readonly ChaosResult[], meta: ReportMeta): string {
  return renderTableHtml(chaosTableReport(results, meta));
}

export interface WrittenReport {
  readonly markdownPath: string;
  readonly htmlPath: string;
  /** `chaos-latest.md` / `.html` in the same dir: the same content at a stable name. */
  readonly latestMarkdownPath: string;
  readonly latestHtmlPath: string;
}

export const LATEST_REPORT_STEM = 'chaos-latest';

export async function writeChaosReport(
  dir: string,
  results: readonly ChaosResult[],
  meta: ReportMeta,
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const stem = `chaos-${meta.startedAt.toISOString().replace(/[:.]/g, '-')}`;
  const markdown = chaosMarkdown(results, meta);
  const html = chaosHtml(results, meta);
  const write = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };
  return {
    markdownPath: await write(`${stem}.md`, markdown),
    htmlPath: await write(`${stem}.html`, html),
    latestMarkdownPath: await write(`${LATEST_REPORT_STEM}.md`, markdown),
    latestHtmlPath: await write(`${LATEST_REPORT_STEM}.html`, html),
  };
}
