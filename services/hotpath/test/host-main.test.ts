// main.ts as a real child process (and through `ringside hotpath`): against feed-sim and
// venue-sim it prints {"event":"ready","adminPort":N} and a state line per transition on stdout,
// and on SIGTERM stops gracefully with {"event":"stopped",...report} and exit code 0. A bad
// config exits 2 with a message naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hostConfigInput, startSims } from './workers/host-fixture.ts';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const CLI = new URL('../../../packages/cli/src/main.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hotpath-main-'));

interface Run {
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exit: Promise<number | null>;
  readonly child: ReturnType<typeof spawn>;
  waitFor(event: string, timeoutMs: number): Promise<Record<string, unknown>>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    if (l.startsWith('{')) lines.push(JSON.parse(l) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    lines,
    stderr,
    exit,
    child,
    waitFor: (event, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = lines.find((l) => l['event'] === event);
          if (found !== undefined) resolve(found);
          return found !== undefined;
        };
        if (check()) return;
        const timer = setTimeout(
          () => reject(new Error(`no ${event} line in ${timeoutMs} ms: ${stderr.join('').slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push(() => {
          if (check()) clearTimeout(timer);
        });
        void exit.then(() => {
          if (!check()) {
            clearTimeout(timer);
            reject(new Error(`exited without a ${event} line: ${stderr.join('').slice(-2000)}`));
          }
        });
      }),
  };
}

test('main.ts prints ready and state lines, stops cleanly on SIGTERM', { timeout: 45_000 }, async () => {
  const sims = await startSims(2000, 40_000);
  const path = join(dir, 'hotpath.json');
  writeFileSync(
    path,
    JSON.stringify(hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port })),
  );
  const child = run([MAIN, '--config', path]);
  try {
    const ready = await child.waitFor('ready', 20_000);
    assert.ok(typeof ready['adminPort'] === 'number' && ready['adminPort'] > 0);
    const warm = child.lines.find((l) => l['event'] === 'state' && l['to'] === 'WARM_UP');
    assert.ok(warm !== undefined && typeof warm['reason'] === 'string', 'INIT → WARM_UP line');
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !child.lines.some((l) => l['event'] === 'state' && l['to'] === 'READY'))
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      child.lines.some((l) => l['event'] === 'state' && l['to'] === 'READY'),
      'READY line',
    );
    child.child.kill('SIGTERM');
    const stopped = await child.waitFor('stopped', 20_000);
    assert.equal(await child.exit, 0);
    assert.equal(stopped['signal'], 'SIGTERM');
    assert.equal(stopped['lostOrders'], 0);
    assert.ok((stopped['ordersSent'] as number) > 0);
    console.log(
      `main.ts: ${child.lines.length} stdout lines, stopped report ordersSent ${String(stopped['ordersSent'])}`,
    );
  } finally {
    child.child.kill('SIGKILL');
    await sims.close();
  }
});

test(
  'a bad config exits 2 naming the field (main.ts and `ringside hotpath`)',
  { timeout: 30_000 },
  async () => {
    const path = join(dir, 'bad.json');
    const input = hostConfigInput({ feedPort: 1, venuePort: 2 });
    writeFileSync(
      path,
      JSON.stringify({ ...input, decision: { ...(input['decision'] as object), workers: 99 } }),
    );
    for (const args of [
      [MAIN, '--config', path],
      [CLI, 'hotpath', '--config', path],
    ]) {
      const child = run(args);
      const error = await child.waitFor('error', 20_000);
      assert.equal(await child.exit, 2);
      assert.equal(error['code'], 'HOST_BAD_CONFIG');
      assert.match(String(error['message']), /decision\.workers/);
    }
  },
);
