// Locates the real market-data samples (../shared/data beside the repository, or
// RINGSIDE_DATA_DIR). Tests that need them call `requireSharedData(t)`, which skips the test
// with a visible message when the samples are absent: never a silent pass.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { TestContext } from 'node:test';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Absolute path of the shared data folder, or undefined when it is not there. */
export function sharedDataDir(): string | undefined {
  const candidates = [process.env['RINGSIDE_DATA_DIR'], path.resolve(REPO_ROOT, '../shared/data')];
  for (const c of candidates) {
    if (c !== undefined && c !== '' && existsSync(path.join(c, 'README.md'))) return c;
  }
  return undefined;
}

/** Path of one sample file (relative to the data folder), or undefined after skipping `t`. */
export function requireSharedData(t: TestContext, relative: string): string | undefined {
  const dir = sharedDataDir();
  const file = dir === undefined ? undefined : path.join(dir, relative);
  if (file === undefined || !existsSync(file)) {
    const msg = `SKIPPED: market data sample ${relative} not found (looked in ../shared/data and RINGSIDE_DATA_DIR)`;
    console.log(msg);
    t.skip(msg);
    return undefined;
  }
  return file;
}

export { REPO_ROOT };
