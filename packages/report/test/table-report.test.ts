import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  REPORT_ERROR_CODE,
  ReportError,
  escapeMarkdownCell,
  parseTableReport,
  renderTableHtml,
  renderTableMarkdown,
  writeTableReport,
} from '@ringside/report';
import type { TableReport } from '@ringside/report';
import { HOSTILE } from './html-checks.ts';

function chaosTable(): TableReport {
  return {
    title: 'Chaos suite',
    generatedAt: '2026-11-25T21:00:00.000Z',
    rows: [
      {
        scenario: 'slow consumer',
        expected: 'isolated, producer never blocks',
        observed: 'isolated after 12 ms',
        figures: { lag: 49152, lost: 0, isolated: true },
        pass: true,
      },
      {
        scenario: 'NATS down',
        expected: 'decision p99 unchanged',
        observed: 'p99 +40%',
        figures: { p99Ns: 13_400 },
        pass: false,
      },
    ],
    notes: ['noisy 2-core machine'],
  };
}

test('markdown: one row per scenario, pass count, figures, FAIL marked', () => {
  const md = renderTableMarkdown(chaosTable());
  const rows = md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| scenario') && !l.startsWith('| ---'));
  assert.equal(rows.length, 2);
  assert.match(md, /\*\*1 \/ 2 passed\*\*/);
  assert.match(rows[0] ?? '', /lag=49,152, lost=0, isolated=true \| PASS \|$/);
  assert.match(rows[1] ?? '', /\| \*\*FAIL\*\* \|$/);
});

test('markdown cells cannot break the table or inject HTML', () => {
  assert.equal(escapeMarkdownCell('a|b\nc<d>&'), 'a\\|b c&lt;d&gt;&amp;');
  for (const evil of HOSTILE) {
    const t = chaosTable();
    t.rows[0] = { scenario: evil, expected: evil, observed: evil, figures: { [evil]: evil }, pass: true };
    const md = renderTableMarkdown(t);
    const tableLines = md.split('\n').filter((l) => l.startsWith('|'));
    assert.equal(tableLines.length, 4, 'header, rule and two rows');
    // Unescaped pipes split cells: every row keeps exactly 5 cells.
    for (const l of tableLines) assert.equal(l.replace(/\\\|/g, '').split('|').length - 2, 5);
    assert.ok(!/<script|<img|<svg/i.test(md));
    const html = renderTableHtml(t);
    assert.ok(!/<script|<img|<svg onload/i.test(html));
    assert.equal([...html.matchAll(/<tr/g)].length, 3);
  }
});

test('html marks failed rows and shows the pass count', () => {
  const html = renderTableHtml(chaosTable());
  assert.equal([...html.matchAll(/<tr class="fail">/g)].length, 1);
  assert.match(html, /1 \/ 2 passed/);
});

test('writeTableReport writes json, md and html; bad rows are rejected with paths', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ringside-table-'));
  try {
    const paths = await writeTableReport(dir, chaosTable(), 'chaos-report');
    assert.deepEqual(parseTableReport(await readFile(paths.jsonPath, 'utf8')), chaosTable());
    assert.equal(await readFile(paths.markdownPath, 'utf8'), renderTableMarkdown(chaosTable()));
    assert.equal(await readFile(paths.htmlPath, 'utf8'), renderTableHtml(chaosTable()));
    assert.ok(paths.htmlPath.endsWith('chaos-report.html'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(
    () =>
      parseTableReport({ title: 't', rows: [{ scenario: 's', expected: 'e', observed: 'o', pass: 'yes' }] }),
    (err: unknown) =>
      err instanceof ReportError &&
      err.code === REPORT_ERROR_CODE.INVALID_REPORT &&
      err.issues[0]?.startsWith('rows[0].pass:') === true,
  );
});
