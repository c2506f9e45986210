// feed-sim in a child process for the TCP ingest tests: its pacing timers and socket writes run
// on their own event loop, not the test's (which also drives the ingest controller and the
// consumers' messages). The CLI prints {"event":"listening","port":N} first and
// {"event":"finished",...} last on stdout; pino logs on stderr carry 'feed finished' as soon
// as the source is done. It runs with --serve-until-signal, like the in-process handle: a feed
// that is done keeps serving (reconnects, late logins replayed) until close().
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../feed-sim/src/main.ts', import.meta.url));
const START_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 5_000;

export interface FeedSimFinishedLine {
  readonly event: 'finished';
  readonly reason: string;
  readonly published: number;
  readonly achievedRate: number;
}

export interface FeedSimProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** The source is done (pino 'feed finished'): how many messages were published. */
  readonly fed: Promise<{ published: number; reason: string }>;
  /** SIGTERM (if still running), then the CLI's final line (undefined if it never printed one). */
  close(): Promise<FeedSimFinishedLine | undefined>;
}

/** Starts `node services/feed-sim/src/main.ts --port 0 --serve-until-signal ...args`; waits for its port. */
export async function spawnFeedSim(args: readonly string[]): Promise<FeedSimProcess> {
  const argv = [MAIN, '--port', '0', '--serve-until-signal', ...args];
  console.log('feed-sim child:', ['node', ...argv].join(' '));
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let finishedLine: FeedSimFinishedLine | undefined;
  let resolvePort!: (port: number) => void;
  let rejectPort!: (err: Error) => void;
  const portP = new Promise<number>((res, rej) => {
    resolvePort = res;
    rejectPort = rej;
  });
  let resolveFed!: (v: { published: number; reason: string }) => void;
  const fed = new Promise<{ published: number; reason: string }>((res) => (resolveFed = res));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  let stderrTail = '';
  lines(child.stdout!, (line) => {
    const m = parseJson(line);
    if (m?.['event'] === 'listening') resolvePort(Number(m['port']));
    else if (m?.['event'] === 'finished') finishedLine = m as unknown as FeedSimFinishedLine;
  });
  lines(child.stderr!, (line) => {
    stderrTail = (stderrTail + line + '\n').slice(-2000);
    const m = parseJson(line);
    if (m?.['msg'] === 'feed finished')
      resolveFed({ published: Number(m['published']), reason: String(m['reason']) });
  });
  child.once('exit', (code) =>
    rejectPort(new Error(`feed-sim exited (${code}) before listening: ${stderrTail}`)),
  );
  const timer = setTimeout(() => rejectPort(new Error('feed-sim did not listen in time')), START_TIMEOUT_MS);
  let port: number;
  try {
    port = await portP;
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return {
    port,
    child,
    fed,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
      return finishedLine;
    },
  };
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    rest += chunk;
    for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
      onLine(rest.slice(0, i));
      rest = rest.slice(i + 1);
    }
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
