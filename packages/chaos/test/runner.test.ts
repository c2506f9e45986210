// The runner's verdicts, the JSON line and the report, with small scenarios whose outcomes are
// known: a verdict must fail for an unobserved expectation, a forbidden figure, an overrun, a
// throw, and a scenario that cannot run here — and pass only when everything held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  NotRunnableError,
  chaosJsonLine,
  chaosMarkdown,
  runScenario,
  runScenarios,
  sessionWindow,
  writeChaosReport,
} from '@ringside/chaos';
import type { ChaosScenario, ScenarioRecorder } from '@ringside/chaos';

function scenario(
  name: string,
  run: (rec: ScenarioRecorder, signal: AbortSignal) => Promise<void>,
  timeoutMs = 2_000,
): ChaosScenario {
  return {
    name,
    title: `test ${name}`,
    expectations: [
      { id: 'a', text: 'A happens' },
      { id: 'b', text: 'B | with a pipe' },
    ],
    timeoutMs: () => timeoutMs,
    run: (ctx, rec) => run(rec, ctx.signal),
  };
}

const good = scenario('good', async (rec) => {
  rec.observe('a', true, 'A after 3 ms');
  rec.observe('b', true, 'B seen');
  Object.assign(rec.figures, {
    detectMs: 3.4,
    recoverMs: 10,
    lostOrders: 0,
    duplicateOrders: 0,
    uncountedLoss: 0,
  });
  rec.figures.decisionP99BaselineNs = 1000;
  rec.figures.decisionP99DuringNs = 1100;
  await Promise.resolve();
});

test('a scenario passes only when every declared expectation was observed and held', async () => {
  assert.equal((await runScenario(good, { quick: true })).passed, true);
  const missing = await runScenario(
    scenario('missing', async (rec) => {
      rec.observe('a', true, 'A');
      await Promise.resolve();
    }),
    { quick: true },
  );
  assert.equal(missing.passed, false);
  assert.equal(missing.rows[1]?.observed, 'not observed');
  const failed = await runScenario(
    scenario('failed', async (rec) => {
      rec.observe('a', true, 'A');
      rec.observe('b', false, 'B never came');
      await Promise.resolve();
    }),
    { quick: true },
  );
  assert.equal(failed.passed, false);
});

test('lost or duplicated orders and uncounted loss fail a scenario whatever its checks said', async () => {
  for (const figure of ['lostOrders', 'duplicateOrders', 'uncountedLoss'] as const) {
    const r = await runScenario(
      scenario(figure, async (rec) => {
        rec.observe('a', true, 'A');
        rec.observe('b', true, 'B');
        rec.figures[figure] = 1;
        await Promise.resolve();
      }),
      { quick: true },
    );
    assert.equal(r.passed, false, figure);
    assert.ok(
      r.notes.some((n) => n.startsWith('forbidden outcome')),
      figure,
    );
  }
});

test('throwing, overrunning and not-runnable scenarios fail with the reason in the notes', async () => {
  const thrown = await runScenario(
    scenario('throws', async () => {
      await Promise.resolve();
      throw new Error('boom');
    }),
    { quick: true },
  );
  assert.equal(thrown.passed, false);
  assert.equal(thrown.notes[0], 'error: boom');
  const notRunnable = await runScenario(
    scenario('nr', async () => {
      await Promise.resolve();
      throw new NotRunnableError('no host here');
    }),
    { quick: true },
  );
  assert.equal(notRunnable.passed, false);
  assert.equal(notRunnable.runnable, false);
  assert.equal(notRunnable.notes[0], 'not runnable: no host here');
  let cleanedUp = false;
  const t0 = Date.now();
  const slow = await runScenario(
    scenario(
      'slow',
      async (_rec, signal) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        cleanedUp = true;
      },
      200,
    ),
    { quick: true },
  );
  assert.equal(slow.passed, false);
  assert.match(slow.notes[0] ?? '', /timed out after 200 ms/);
  assert.ok(cleanedUp, 'the scenario saw the abort and cleaned up');
  assert.ok(Date.now() - t0 < 5_000);
});

test('observing an undeclared expectation is a bug in the scenario, not a silent extra row', async () => {
  const r = await runScenario(
    scenario('undeclared', async (rec) => {
      await Promise.resolve();
      rec.observe('zzz', true, 'x');
    }),
    { quick: true },
  );
  assert.equal(r.passed, false);
  assert.match(r.notes[0] ?? '', /undeclared expectation: zzz/);
});

test('the JSON line has exactly the promised keys, in order, and no NaN', async () => {
  const results = await runScenarios(
    [good, scenario('nr', () => Promise.reject(new NotRunnableError('x')))],
    {
      quick: true,
    },
  );
  const line = chaosJsonLine(results);
  assert.ok(!line.includes('\n'));
  const parsed = JSON.parse(line) as { chaos: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(parsed), ['chaos']);
  for (const entry of parsed.chaos)
    assert.deepEqual(Object.keys(entry), [
      'name',
      'passed',
      'detectMs',
      'recoverMs',
      'lostOrders',
      'duplicateOrders',
      'uncountedLoss',
      'decisionP99DuringNs',
      'decisionP99BaselineNs',
    ]);
  assert.deepEqual(parsed.chaos[0], {
    name: 'good',
    passed: true,
    detectMs: 3,
    recoverMs: 10,
    lostOrders: 0,
    duplicateOrders: 0,
    uncountedLoss: 0,
    decisionP99DuringNs: 1100,
    decisionP99BaselineNs: 1000,
  });
  assert.equal(parsed.chaos[1]?.passed, false);
  assert.equal(parsed.chaos[1]?.detectMs, -1, 'not measured is -1, never 0');
});

test('the markdown report has one summary row per scenario and expected vs observed rows', async () => {
  const results = await runScenarios(
    [good, scenario('nr', () => Promise.reject(new NotRunnableError('no root')))],
    {
      quick: true,
    },
  );
  const meta = { startedAt: new Date('2026-11-25T12:00:00Z'), quick: true, topology: 'single host' };
  const md = chaosMarkdown(results, meta);
  assert.match(md, /\| good \| PASS \| 3 ms \| 10 ms \| 0 \/ 0 \|/);
  assert.match(md, /\| nr \| FAIL \(not runnable\) \| n\/m/);
  assert.match(md, /\| B \\\| with a pipe \| B seen \| yes \|/);
  assert.match(md, /- not runnable: no root/);
  const dir = mkdtempSync(path.join(tmpdir(), 'chaos-report-test-'));
  try {
    const written = await writeChaosReport(dir, results, meta);
    assert.equal(readFileSync(written.markdownPath, 'utf8'), md);
    if (written.htmlPath !== undefined) assert.match(readFileSync(written.htmlPath, 'utf8'), /<html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('session windows never wrap past midnight and contain now only when open', () => {
  const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  for (const at of ['00:00', '00:30', '01:59', '02:00', '12:00', '22:03', '23:30', '23:59']) {
    const now = Date.parse(`2026-11-25T${at}:00Z`);
    const m = minutes(at);
    const open = sessionWindow(true, now);
    const closed = sessionWindow(false, now);
    for (const w of [open, closed])
      assert.ok(minutes(w.start) < minutes(w.end), `${at}: ${JSON.stringify(w)}`);
    assert.ok(minutes(open.start) <= m && m <= minutes(open.end), `open at ${at}: ${JSON.stringify(open)}`);
    assert.ok(
      m < minutes(closed.start) || m > minutes(closed.end),
      `closed at ${at}: ${JSON.stringify(closed)}`,
    );
  }
});
