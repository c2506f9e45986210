// The host's stateDir (where each start claims its session epoch): defaulted per host, resolved
// relative to the config file, and the epoch itself is never taken from a config file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostConfigError, loadHotpathConfig } from '../src/index.ts';

const EXAMPLE = new URL('../../../deploy/hotpath/hotpath.example.json', import.meta.url).pathname;
type Json = Record<string, unknown>;

function load(mutate: (c: Json) => void): ReturnType<typeof loadHotpathConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-state-dir-'));
  try {
    const c = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Json;
    mutate(c);
    const path = join(dir, 'hotpath.json');
    writeFileSync(path, JSON.stringify(c));
    return loadHotpathConfig(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('stateDir defaults to a per-host dir under the OS tmpdir', () => {
  const c = load(() => {});
  assert.equal(c.stateDir, join(tmpdir(), 'ringside-state', c.host));
  assert.equal(c.decision.sessionEpoch, 0, 'the host fills the epoch in at start');
});

test('a relative stateDir is resolved against the config file, an absolute one kept', () => {
  const rel = load((c) => (c['stateDir'] = 'state/hot'));
  assert.match(rel.stateDir, /hotpath-state-dir-[^/]+\/state\/hot$/);
  const abs = load((c) => (c['stateDir'] = '/var/lib/ringside/hot-1'));
  assert.equal(abs.stateDir, '/var/lib/ringside/hot-1');
});

test('decision.sessionEpoch in a config file is refused: the host claims it', () => {
  assert.throws(
    () => load((c) => ((c['decision'] as Json)['sessionEpoch'] = 7)),
    (err: unknown) =>
      err instanceof HostConfigError && err.issues.some((i) => i.path === 'decision.sessionEpoch'),
  );
  assert.throws(
    () => load((c) => (c['stateDir'] = '')),
    (err: unknown) => err instanceof HostConfigError && err.issues.some((i) => i.path === 'stateDir'),
  );
});
