// Writes report.json and report.html side by side. The report is validated first, so a
// producer bug shows up as a ReportError with paths rather than as a broken page.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoReport } from './demo-report.ts';
import { parseDemoReport } from './demo-report.ts';
import { renderReportHtml } from './render-html.ts';

export interface WrittenReport {
  jsonPath: string;
  htmlPath: string;
}

export async function writeReport(dir: string, report: DemoReport): Promise<WrittenReport> {
  const checked = parseDemoReport(report);
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, 'report.json');
  const htmlPath = join(dir, 'report.html');
  await writeFile(jsonPath, `${JSON.stringify(checked, null, 2)}\n`, 'utf8');
  await writeFile(htmlPath, renderReportHtml(checked), 'utf8');
  return { jsonPath, htmlPath };
}
