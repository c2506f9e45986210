// The ingest benchmark runs end to end (short): its JSON line has the promised shape, the
// measured path shows no GC while the naive baseline does, in the same process and rounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '@ringside/testkit';

const MAIN = path.join(REPO_ROOT, 'bench/src/ingest/ingest-bench-main.ts');

function benchResolves(): boolean {
  try {
    createRequire(path.join(REPO_ROOT, 'bench/package.json')).resolve('@ringside/hotpath');
    return true;
  } catch {
    return false;
  }
}

test('bench ingest --json: shape, zero GC on the measured path, baselines in the same run', (t) => {
  if (!benchResolves()) {
    const msg = 'SKIPPED: bench/package.json does not depend on @ringside/hotpath yet (see bench/src/ingest)';
    console.log(msg);
    t.skip(msg);
    return;
  }
  const r = spawnSync(process.execPath, [MAIN, '--seconds', '0.3', '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  console.log(lines.slice(0, -1).join('\n'));
  const result = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown> & {
    baselines: Record<string, { messagesPerSec: number; gcEvents: number }>;
    ratios: Record<string, number>;
  };
  assert.equal(result['bench'], 'ingest');
  assert.ok(typeof result['messagesPerSec'] === 'number' && result['messagesPerSec'] > 0);
  assert.equal(result['gcEvents'], 0, 'decode + normalize + publish allocates nothing');
  assert.ok(result.baselines['naiveBuffer']!.gcEvents > 0, 'the allocating baseline is seen collecting');
  assert.ok(result.baselines['decodeOnly']!.messagesPerSec > 0);
  assert.ok(result.ratios['vsNaiveBuffer']! > 0 && result.ratios['vsDecodeOnly']! > 0);
});
