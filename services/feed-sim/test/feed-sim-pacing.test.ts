// Sub-millisecond pacing: at 50 k msg/s, feed-sim (a child process running the CLI) with
// --pace-quantum-us 100 sends batches several times smaller than with 1 ms timers (1000), at
// the same accurate rate. Batch size is seen by the client as messages per socket read. The
// feed process's CPU for each is printed: it shares 2 cores with the pipeline it feeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SoupBinTcpClient, silentSoupLogger } from '@ringside/protocols';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const RATE = 50_000;
const DURATION_S = 1;

interface Finished {
  published: number;
  achievedRate: number;
  elapsedMs: number;
  shortSleeps: number;
  cpuMs: number;
}

async function run(quantumUs: number): Promise<{ perRead: number; perSleep: number }> {
  const args = [MAIN, '--port', '0', '--synthetic', '--symbols', 'AAA,BBB', '--seed', '3'];
  args.push('--rate', String(RATE), '--duration', String(DURATION_S), '--start-on', 'first-login');
  args.push('--pace-quantum-us', String(quantumUs), '--log-level', 'warn', '--linger-ms', '3000');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const lines: Record<string, unknown>[] = [];
  let onLine: () => void = () => {};
  let rest = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    rest += chunk;
    for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
      lines.push(JSON.parse(rest.slice(0, i)) as Record<string, unknown>);
      rest = rest.slice(i + 1);
      onLine();
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextLine = (): Promise<void> => new Promise((resolve) => (onLine = resolve));
  try {
    await Promise.race([nextLine(), exited]);
    const listening = lines[0];
    assert.equal(listening?.['event'], 'listening');
    let messages = 0;
    let reads = 0;
    let ended: () => void = () => {};
    const endOfSession = new Promise<void>((resolve) => (ended = resolve));
    const client = new SoupBinTcpClient({
      host: '127.0.0.1',
      port: Number(listening['port']),
      username: 'pace',
      password: '',
      handler: {
        onMessage: () => void messages++,
        onReadComplete: () => void reads++,
      },
      listener: { onEndOfSession: () => ended() },
      logger: silentSoupLogger,
    });
    client.connect();
    await Promise.race([endOfSession, exited]);
    await client.close();
    await exited;
    const f = lines.at(-1) as unknown as Finished & { event: string };
    assert.equal(f.event, 'finished');
    const perRead = messages / reads;
    const perSleep = f.shortSleeps > 0 ? f.published / f.shortSleeps : Infinity;
    console.log(
      `--pace-quantum-us ${quantumUs}: ${RATE} msg/s for ${DURATION_S} s -> published ${f.published}, achieved ` +
        `${f.achievedRate}/s, ${f.shortSleeps} short sleeps (${perSleep.toFixed(1)} msg each); client: ${reads} reads ` +
        `(${perRead.toFixed(1)} msg each); feed-sim process CPU ${f.cpuMs} ms over its life ` +
        `(${((f.cpuMs / f.elapsedMs) * 100).toFixed(0)} % of the streaming time, startup included)`,
    );
    assert.equal(messages, f.published);
    assert.ok(Math.abs(f.achievedRate - RATE) / RATE < 0.1, `achieved ${f.achievedRate}`);
    return { perRead, perSleep };
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

test('--pace-quantum-us 100: small batches at an accurate rate; 1000: 1 ms timer batches', async () => {
  const fine = await run(100);
  const coarse = await run(1000);
  assert.equal(coarse.perSleep, Infinity, 'no short sleeps with a 1000 µs quantum');
  // ≥ 100 µs sleeps, stretched by timer slack and load: still far under a millisecond's worth.
  assert.ok(fine.perSleep <= 30, `fine: ${fine.perSleep} messages per short sleep`);
  assert.ok(fine.perRead * 2 <= coarse.perRead, `per read: fine ${fine.perRead} vs coarse ${coarse.perRead}`);
});
