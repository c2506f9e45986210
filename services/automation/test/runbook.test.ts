// Runbook loading: the shipped runbooks are valid; bad YAML and bad fields give errors that
// name the file and the field; main.ts exits 2 with that message on a bad runbook or config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutomationError, AutomationErrorCode, loadRunbookDir, parseRunbook } from '../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNBOOK_DIR = path.resolve(here, '../../../deploy/runbooks');
const MAIN = path.resolve(here, '../src/main.ts');

const GOOD = `name: t
description: test
trigger: { source: state, condition: "consumer lag > 10", for: 500ms }
risk: low
steps:
  - isolate: { consumer: triggering }
`;

function badRunbook(text: string, file = 'deploy/runbooks/x.yaml'): string {
  try {
    parseRunbook(text, file);
  } catch (e) {
    assert.ok(e instanceof AutomationError, String(e));
    assert.equal(e.code, AutomationErrorCode.BAD_RUNBOOK);
    assert.ok(e.message.includes(file), e.message);
    return e.message;
  }
  assert.fail('expected a BAD_RUNBOOK error');
}

test('the shipped runbooks load', () => {
  const books = loadRunbookDir(RUNBOOK_DIR);
  assert.deepEqual(
    books.map((b) => [b.name, b.risk]),
    [
      ['latency-budget-alert', 'low'],
      ['restart-after-close', 'high'],
      ['slow-consumer-isolate', 'low'],
    ],
  );
  const slow = books.find((b) => b.name === 'slow-consumer-isolate');
  assert.deepEqual(slow?.trigger.condition, { kind: 'consumer', field: 'lag', op: '>', value: 4096 });
  assert.equal(slow?.trigger.for, 2000);
  assert.equal(slow?.cooldown, 300_000);
  const restart = books.find((b) => b.name === 'restart-after-close');
  assert.deepEqual(restart?.steps[1], { prepare: { action: 'restart', after: 'session-close' } });
});

test('a good runbook parses with defaults', () => {
  const rb = parseRunbook(GOOD, 'x.yaml');
  assert.equal(rb.trigger.for, 500);
  assert.equal(rb.cooldown, 300_000);
  assert.equal(rb.file, 'x.yaml');
});

test('bad YAML and bad fields name the file and the field', () => {
  assert.match(badRunbook('name: [unclosed\n'), /x\.yaml: YAML: /);
  assert.match(badRunbook('name: a\nname: b\n'), /YAML: Map keys must be unique/);
  assert.match(badRunbook(GOOD.replace('500ms', 'soon')), /trigger\.for: trigger\.for must be a duration/);
  assert.match(
    badRunbook(GOOD.replace('consumer lag > 10', 'consumer lagg > 10')),
    /trigger\.condition: expected lag or loss \(at column 10\) in "consumer lagg > 10"/,
  );
  assert.match(
    badRunbook(GOOD.replace('consumer lag > 10', 'p99(decision) > 1ms')),
    /trigger\.condition: this condition reads metrics, but trigger\.source is state/,
  );
  assert.match(badRunbook(GOOD.replace('risk: low', 'risk: medium')), /risk: Invalid option/);
  assert.match(badRunbook(GOOD.replace('name: t', 'name: T T')), /name: lower-case letters/);
  assert.match(badRunbook(`${GOOD}extra: 1\n`), /\(document\): Unrecognized key: "extra"/);
  assert.match(badRunbook(GOOD.replace('- isolate: { consumer: triggering }', '- reboot: {}')), /steps\.0: /);
  assert.match(
    badRunbook(GOOD.replace('- isolate: { consumer: triggering }', '- prepare: { action: restart }')),
    /steps\.0\.prepare: prepare steps need risk: high/,
  );
  assert.match(
    badRunbook(GOOD.replace('consumer lag > 10', 'lifecycle == DEGRADED').replace('risk: low', 'risk: high')),
    /steps\.0: consumer: triggering needs a consumer condition/,
  );
  assert.match(badRunbook('just text'), /\(document\): Invalid input: expected object/);
});

function runMain(args: string[], env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stderr: r.stderr };
}

test('main.ts exits 2 naming the file and field of a bad runbook, and of a bad config', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-automation-'));
  try {
    const books = path.join(dir, 'runbooks');
    mkdirSync(books);
    writeFileSync(path.join(books, 'broken.yaml'), GOOD.replace('for: 500ms', 'for: later'));
    const config = {
      natsUrl: 'nats://127.0.0.1:1',
      runbookDir: 'runbooks',
      adminAddresses: { edge1: '127.0.0.1:1' },
      approvalsAddress: '127.0.0.1:1',
      tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    };
    const file = path.join(dir, 'automation.json');
    writeFileSync(file, JSON.stringify(config));
    const r = runMain([file]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /broken\.yaml: trigger\.for: trigger\.for must be a duration/);

    writeFileSync(
      file,
      JSON.stringify({ ...config, tradingSession: { ...config.tradingSession, timezone: 'Mars/Olympus' } }),
    );
    const r2 = runMain([file]);
    assert.equal(r2.code, 2, r2.stderr);
    assert.match(r2.stderr, /tradingSession\.timezone: an IANA time zone/);

    const r3 = runMain([path.join(dir, 'missing.json')]);
    assert.equal(r3.code, 2, r3.stderr);
    assert.match(r3.stderr, /cannot read config/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
