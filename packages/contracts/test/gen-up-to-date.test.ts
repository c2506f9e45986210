// CI's guard that packages/contracts/src/gen is what scripts/gen-proto.sh makes from proto/ today:
// regenerate into a temp dir with the pinned buf and ts-proto, compare byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@ringside/testkit';

const run = promisify(execFile);
const GEN = 'packages/contracts/src/gen';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

test('committed generated code is byte-identical to a fresh scripts/gen-proto.sh run', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'ringside-gen-'));
  try {
    // buf's npm shim runs on node: make sure the node running this test is first on PATH.
    const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}` };
    await run('bash', [path.join(REPO_ROOT, 'scripts/gen-proto.sh'), '--out', out], {
      cwd: REPO_ROOT,
      env,
      timeout: 120_000,
    });
    const fresh = path.join(out, GEN);
    const committed = path.join(REPO_ROOT, GEN);
    const freshFiles = await listFiles(fresh);
    assert.ok(freshFiles.length >= 3, `generator produced only ${freshFiles.join(', ')}`);
    assert.deepEqual(
      await listFiles(committed),
      freshFiles,
      'generated file set differs: run scripts/gen-proto.sh',
    );
    for (const file of freshFiles) {
      const [a, b] = await Promise.all([
        readFile(path.join(committed, file)),
        readFile(path.join(fresh, file)),
      ]);
      assert.ok(a.equals(b), `${GEN}/${file} is stale: run scripts/gen-proto.sh`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
