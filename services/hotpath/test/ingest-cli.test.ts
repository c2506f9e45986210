// `ringside replay` as an operator runs it: a child process on the real AMZN file (counts must
// match the data README), and clear errors with non-zero exits for a missing file and garbage.
// (Lives with the ingest tests because the ingest work owns the command.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, requireSharedData } from '@ringside/testkit';

const MAIN = path.join(REPO_ROOT, 'packages/cli/src/main.ts');

function ringside(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

test('ringside replay <AMZN> --json: counts equal the data README', (t) => {
  const file = requireSharedData(t, 'itch/AMZN_2012-06-21_lobster_level1.itch');
  if (file === undefined) return;
  const r = ringside('replay', file, '--json');
  assert.equal(r.status, 0, r.stderr);
  const report = lastJson(r.stdout);
  console.log('replay report:', JSON.stringify(report));
  assert.equal(report['messages'], 80_660);
  assert.deepEqual(report['byType'], {
    A: 36_309,
    D: 29_426,
    E: 8_974,
    X: 3_503,
    P: 2_444,
    S: 2,
    R: 1,
    H: 1,
  });
  assert.equal(report['instruments'], 1);
  assert.equal(report['malformed'], 0);
  assert.ok(typeof report['msgsPerSec'] === 'number' && report['msgsPerSec'] > 0);
});

test('ringside replay: a missing file and a garbage file fail clearly', () => {
  const missing = ringside('replay', '/nonexistent/feed.itch', '--json');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /ringside replay: cannot read \/nonexistent\/feed\.itch: ENOENT/);
  assert.equal(missing.stdout, '');

  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-replay-'));
  try {
    const garbage = path.join(dir, 'garbage.itch');
    // Deterministic noise whose first length prefix (0xfffe) runs past the end of the file.
    writeFileSync(
      garbage,
      Uint8Array.from({ length: 4096 }, (_, i) => (i < 2 ? 0xff - i : (i * 131 + 7) & 0xff)),
    );
    const bad = ringside('replay', garbage);
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /is not an ITCH 5\.0 file with NASDAQ framing: damaged framing at byte 0 \(LENGTH_BEYOND_BUFFER\)/,
    );

    const text = path.join(dir, 'notes.itch');
    writeFileSync(text, '\u0000\u0003hi!\u0000\u0002ok'); // framed, but no ITCH message inside
    const notItch = ringside('replay', text);
    assert.equal(notItch.status, 2);
    assert.match(notItch.stderr, /no valid ITCH 5\.0 message in 2 frames/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
