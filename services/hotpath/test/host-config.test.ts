// The host's one config: the shipped example loads; a bad file is a HostConfigError naming every
// offending field by its path, the host's own fields and each piece's section alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostConfigError, HostErrorCode, loadHotpathConfig, parseHotpathConfig } from '../src/index.ts';
import type { HostError } from '../src/index.ts';

const EXAMPLE = new URL('../../../deploy/hotpath/hotpath.example.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hotpath-config-'));

type Json = Record<string, unknown>;
const example = (): Json => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Json;

/** Sets `path` ("decision.workers") in a parsed config. */
function set(c: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = c;
  for (const k of keys.slice(0, -1)) o = o[k] as Json;
  o[keys.at(-1)!] = value;
}

function writeConfig(name: string, mutate: (c: Json) => void): string {
  const c = example();
  mutate(c);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

test('the example config loads with every section validated and defaults filled', () => {
  const c = loadHotpathConfig(EXAMPLE);
  assert.equal(c.host, 'hot-1');
  assert.equal(c.lifecycle.decisionP99BudgetNs, c.decisionP99BudgetNs, 'lifecycle takes the one budget');
  assert.equal(c.shed.decisionP99BudgetNs, c.decisionP99BudgetNs, 'shed takes the one budget');
  assert.equal(c.admin.bind, '127.0.0.1');
  assert.equal(c.gateway.venue.kind, 'ouch');
  assert.equal(c.warmUp.traffic, 'live');
  assert.ok(c.sidecar !== undefined);
});

test('a bad file names every bad field with its path', () => {
  const path = writeConfig('bad.json', (c) => {
    set(c, 'decision.workers', 0);
    set(c, 'gateway.timeoutMs', 'slow');
    set(c, 'admin.port', 70000);
    set(c, 'lifecycle.warmUpWindows', 0);
    set(c, 'slowConsumer.lagHighWater', -1);
    set(c, 'conductor.tickMs', 1);
  });
  assert.throws(
    () => loadHotpathConfig(path),
    (err: unknown) => {
      assert.ok(err instanceof HostConfigError);
      assert.equal(err.code, HostErrorCode.BAD_CONFIG);
      const paths = err.issues.map((i) => i.path).sort();
      assert.deepEqual(paths, [
        'admin.port',
        'conductor.tickMs',
        'decision.workers',
        'gateway.timeoutMs',
        'lifecycle.warmUpWindows',
        'slowConsumer.lagHighWater',
      ]);
      for (const p of paths) assert.ok(err.message.includes(p), `message names ${p}`);
      return true;
    },
  );
});

test('section checks: sidecar, trading session, unknown keys, a gateway route from a file', () => {
  const path = writeConfig('bad2.json', (c) => {
    set(c, 'sidecar.intervalMs', 1);
    set(c, 'admin.tradingSession.end', '08:00');
    set(c, 'admin.tokens', { short: 'viewer' });
    set(c, 'gateway.route', 1);
    set(c, 'extra', true);
  });
  assert.throws(
    () => loadHotpathConfig(path),
    (err: unknown) => {
      assert.ok(err instanceof HostConfigError);
      const paths = err.issues.map((i) => i.path);
      assert.ok(paths.includes('(root)') || paths.some((p) => p.includes('extra')), paths.join(','));
      assert.ok(
        paths.some((p) => p.startsWith('admin.tokens')),
        paths.join(','),
      );
      assert.ok(paths.includes('gateway'), paths.join(','));
      return true;
    },
  );
  const ok = example();
  set(ok, 'sidecar.intervalMs', 1);
  assert.throws(
    () => parseHotpathConfig(ok),
    (err: HostConfigError) => err.issues.some((i) => i.path.startsWith('sidecar')),
  );
  set(ok, 'sidecar.intervalMs', 100);
  set(ok, 'admin.tradingSession.end', '08:00');
  assert.throws(
    () => parseHotpathConfig(ok),
    (err: HostConfigError) => err.issues.some((i) => i.path === 'admin.tradingSession'),
  );
});

test('an unreadable or non-JSON file is a HostError CONFIG_UNREADABLE', () => {
  assert.throws(
    () => loadHotpathConfig(join(dir, 'missing.json')),
    (err: HostError) => err.code === HostErrorCode.CONFIG_UNREADABLE,
  );
  const path = join(dir, 'broken.json');
  writeFileSync(path, '{ "host": ');
  assert.throws(
    () => loadHotpathConfig(path),
    (err: HostError) => err.code === HostErrorCode.CONFIG_UNREADABLE,
  );
});
