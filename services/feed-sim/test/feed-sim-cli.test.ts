// The feed-sim CLI as a harness starts it: a real process, --port 0, the listening port read
// from stdout, a client streaming from it, the finished line with the achieved rate, exit 0.
// Bad configuration exits with code 2 and says why on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FeedCollector, within } from './feed-client.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Run {
  lines: AsyncIterator<string>;
  stderr: () => string;
  exit: Promise<number | null>;
  kill: () => void;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](),
    stderr: () => err,
    exit,
    kill: () => child.kill('SIGKILL'),
  };
}

async function nextJson(run: Run, what: string): Promise<Record<string, unknown>> {
  const r = await within(what, run.lines.next(), 10000);
  assert.ok(r.done !== true, `stdout ended before ${what}; stderr: ${run.stderr()}`);
  return JSON.parse(r.value) as Record<string, unknown>;
}

test(
  'CLI: --port 0, listening line, stream, finished line with the achieved rate',
  { timeout: 30000 },
  async () => {
    const args = [
      '--port',
      '0',
      '--synthetic',
      '--symbols',
      'AAPL,MSFT',
      '--rate',
      '3000',
      '--duration',
      '1',
      '--start-on',
      'first-login',
      '--log-level',
      'warn',
    ];
    console.log(`feed-sim ${args.join(' ')}`);
    const run = start(args);
    try {
      const listening = await nextJson(run, 'listening line');
      assert.equal(listening['event'], 'listening');
      assert.equal(typeof listening['port'], 'number');
      const c = new FeedCollector(listening['port'] as number);
      await within('end of session', c.ended, 10000);
      const finished = await nextJson(run, 'finished line');
      assert.equal(await within('exit', run.exit, 10000), 0);
      await c.close();
      console.log(`CLI finished: ${JSON.stringify(finished)}`);
      assert.equal(finished['event'], 'finished');
      assert.equal(finished['reason'], 'duration');
      assert.equal(finished['published'], c.messages.length);
      const rate = finished['achievedRate'] as number;
      assert.ok(Math.abs(rate - 3000) / 3000 < 0.1, `achieved ${rate}`);
    } finally {
      run.kill();
    }
  },
);

test('CLI: bad configuration exits with code 2 and a clear message', { timeout: 30000 }, async () => {
  const cases: [string[], RegExp][] = [
    [['--synthetic', '--rate', '-5', '--duration', '1'], /messagesPerSecond/],
    [['--synthetic', '--rate', '100'], /needs durationMs or maxMessages/],
    [['--file', '/nonexistent/x.itch'], /cannot read ITCH file/],
    [['--synthetic', '--file', 'x', '--duration', '1'], /exactly one source/],
    [['--synthetic', '--symbols', 'lower', '--duration', '1'], /symbols/],
    [['--synthetic', '--duration', '1', '--port', 'abc'], /port/],
    [['--no-such-option'], /unknown option/],
  ];
  for (const [args, message] of cases) {
    const run = start(args);
    const code = await within(`exit of ${args.join(' ')}`, run.exit, 10000);
    assert.equal(code, 2, `${args.join(' ')} -> ${code}; stderr: ${run.stderr()}`);
    assert.match(run.stderr(), message);
  }
});
