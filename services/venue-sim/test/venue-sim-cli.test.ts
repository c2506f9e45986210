// The venue-sim CLI as a harness starts it: a real process, --port 0, the port read from the
// {"event":"listening"} line on stdout, an OUCH client trading against it, SIGTERM, the closed
// line with stats, exit 0. Bad configuration exits with code 2 and says why on stderr.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OuchTestClient, waitFor } from './ouch-test-client.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function start(args: string[]) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (what: string): Promise<Record<string, unknown>> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${err}`)), 10000);
    });
    try {
      const r = await Promise.race([lines.next(), timeout]);
      assert.ok(r.done !== true, `stdout ended before ${what}; stderr: ${err}`);
      return JSON.parse(r.value) as Record<string, unknown>;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, next, exit, stderr: () => err };
}

test('CLI: --port 0, listening line, orders answered, SIGTERM → closed line with stats, exit 0', async () => {
  const args = [
    '--port',
    '0',
    '--ack-delay',
    'uniform:0:1',
    '--reject-ratio',
    '0.5',
    '--seed',
    '3',
    '--log-level',
    'warn',
  ];
  console.log(`venue-sim ${args.join(' ')}`);
  const run = start(args);
  try {
    const listening = await run.next('listening line');
    assert.equal(listening.event, 'listening');
    const port = listening.port as number;
    assert.ok(Number.isInteger(port) && port > 0);
    const c = new OuchTestClient(port, 'CLI');
    await c.connect();
    for (let i = 0; i < 20; i++) c.enter({ token: `CLI${i}` });
    await waitFor(() => c.of('A').length + c.of('J').length === 20, 5000, 'answers');
    await c.close();
    run.child.kill('SIGTERM');
    const closed = await run.next('closed line');
    assert.equal(closed.event, 'closed');
    const stats = closed.stats as Record<string, number>;
    assert.equal(stats.ordersReceived, 20);
    assert.equal(stats.rejected, c.of('J').length);
    assert.ok(stats.rejected! > 0 && stats.accepted! > 0, 'reject ratio 0.5 gives both');
    assert.equal(await run.exit, 0);
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('CLI: bad configuration → exit 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [['--reject-ratio', '1.5'], /rejectRatio/],
    [['--ack-delay', 'gaussian:1'], /--ack-delay/],
    [['--ack-delay', 'uniform:5:1'], /minMs must not exceed maxMs/],
    [['--fill-full', '0.8', '--fill-partial', '0.5'], /full \+ partial/],
    [['--port', 'x'], /port/],
    [['--stall-ms', '100'], /go together/],
    [['--no-such-option'], /unknown option/],
  ];
  for (const [args, want] of cases) {
    const run = start(args);
    const code = await run.exit;
    assert.equal(code, 2, `${args.join(' ')} exits 2; stderr: ${run.stderr()}`);
    assert.match(run.stderr(), want, args.join(' '));
  }
});
