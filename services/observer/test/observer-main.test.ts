// The observer process (src/main.ts) as operators run it: exit 2 on a bad config; with a good
// one it prints one JSON "listening" line, serves /metrics on the reported port, and exits 0
// on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

function run(config: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [MAIN], {
    env: { ...process.env, RINGSIDE_OBSERVER_CONFIG: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('bad config exits 2 with the reason', async () => {
  for (const config of [
    '{not json',
    JSON.stringify({ natsServers: 'nats://127.0.0.1:1', staleAfterMs: -1 }),
  ]) {
    const child = run(config);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 2, stderr);
    assert.match(stderr, /config/);
  }
});

test(
  'good config: listening line, /metrics served, SIGTERM exits 0',
  { skip: natsServerSkipReason(), timeout: 30_000 },
  async () => {
    await using nats = await startNatsServer();
    const child = run(JSON.stringify({ natsServers: nats.url, prometheus: { host: '127.0.0.1', port: 0 } }));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    try {
      const lines = createInterface({ input: child.stdout! });
      const [first] = (await once(lines, 'line')) as [string];
      const line = JSON.parse(first) as { event: string; metricsUrl: string; port: number };
      assert.equal(line.event, 'listening');
      assert.ok(line.port > 0);
      const body = await (await fetch(line.metricsUrl)).text();
      assert.match(body, /target_info/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    assert.equal(code, 0);
  },
);
