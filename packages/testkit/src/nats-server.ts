// A real nats-server (Debian's package) as a child process on a free loopback port, for tests
// that must see the real protocol, JetStream, disconnects and restarts (nats.js tests the same
// way with its `nst` harness). Each server gets a temp dir (ports file, JetStream store, config)
// that stop() removes; kill() keeps it so restart() comes back on the same port with the same
// JetStream state, as a crashed production server would. `backend: 'container'` (or
// RINGSIDE_NATS_BACKEND=container) runs testcontainers' NATS module instead, where a Docker
// engine answers (nats-backend.ts, nats-container-server.ts); the handle is the same.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { selectNatsBackend } from './nats-backend.ts';
import type { NatsBackend, NatsBackendKind } from './nats-backend.ts';

export interface NatsServerOptions {
  /** Enable JetStream with its store in the server's temp dir (`-js -sd`). */
  readonly jetstream?: boolean;
  /** nats-server config file contents (users, permissions, limits); command-line flags win. */
  readonly config?: string;
  /** Client port; default: a free one picked by the server (`-p -1`). */
  readonly port?: number;
  /** `--server_name`. */
  readonly serverName?: string;
  /** Extra command-line arguments. */
  readonly args?: readonly string[];
  /** How long to wait for the server to accept connections. Default 10 s. */
  readonly startTimeoutMs?: number;
  /** Binary to run; default: findNatsServer(). Binary backend only. */
  readonly binary?: string;
  /** Default: $RINGSIDE_NATS_BACKEND, else `binary` (see nats-backend.ts). */
  readonly backend?: NatsBackend;
  /** Container image for the container backend; default `nats:2.10-alpine`. */
  readonly image?: string;
}

export interface NatsServerHandle extends AsyncDisposable {
  /** Which backend runs this server. */
  readonly backend: NatsBackendKind;
  /** `nats://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Pid of the current process (changes on restart); -1 for a container. */
  readonly pid: number;
  readonly running: boolean;
  /** The server's temp dir; JetStream stores under `<dir>/js`. */
  readonly dir: string;
  /** SIGTERM, wait for exit (SIGKILL after 5 s), remove the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** Send a terminating signal (default SIGKILL) and wait for exit; keeps the temp dir. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Send any signal without waiting (SIGSTOP/SIGCONT to freeze a server, SIGHUP to reload). */
  signal(signal: NodeJS.Signals): void;
  /** Start again on the same port and temp dir (stopping the running process first, gently). */
  restart(): Promise<void>;
  /** The tail of the server's stdout/stderr, for assertion messages. */
  logs(): string;
}

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];
const LOG_TAIL_CHARS = 32_768;
const POLL_MS = 20;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of the nats-server binary: $RINGSIDE_NATS_SERVER, then PATH, then Debian's places. */
export function findNatsServer(): string | undefined {
  const fromEnv = process.env['RINGSIDE_NATS_SERVER'];
  if (fromEnv !== undefined && fromEnv !== '') return isExecutable(fromEnv) ? fromEnv : undefined;
  const onPath = (process.env['PATH'] ?? '').split(path.delimiter).map((d) => path.join(d, 'nats-server'));
  return [...onPath, ...CANDIDATES].find((f) => path.isAbsolute(f) && isExecutable(f));
}

export function isNatsServerAvailable(): boolean {
  return findNatsServer() !== undefined;
}

/** For `test(name, { skip: natsServerSkipReason() }, ...)`: false, or why the test is skipped. */
export function natsServerSkipReason(): string | false {
  return isNatsServerAvailable() ? false : 'nats-server not found (apt-get install nats-server)';
}

// Servers still alive when the test process exits (a failed test, a crash) die with it, and
// their temp dirs go too.
const live = new Set<ChildProcess>();
const dirs = new Set<string>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Resolves once the server at port answers with its INFO line; false if it does not (yet). */
function answersInfo(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let seen = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.startsWith('INFO ')) done(true);
      else if (seen.length >= 5) done(false);
    });
  });
}

async function portFromPortsFile(dir: string, pid: number): Promise<number | undefined> {
  const name = (await readdir(dir)).find((f) => f.endsWith(`_${pid}.ports`));
  if (name === undefined) return undefined;
  try {
    const ports = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as { nats?: string[] };
    const url = ports.nats?.[0];
    return url === undefined ? undefined : Number(new URL(url).port);
  } catch {
    return undefined; // written but not complete yet
  }
}

class NatsServerProcess implements NatsServerHandle {
  readonly backend = 'binary' as const;
  readonly dir: string;
  readonly #binary: string;
  readonly #options: NatsServerOptions;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #port = -1;
  #logs = '';
  #removed = false;

  constructor(binary: string, options: NatsServerOptions) {
    this.#binary = binary;
    this.#options = options;
    this.dir = mkdtempSync(path.join(tmpdir(), 'ringside-nats-'));
    dirs.add(this.dir);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.#port}`;
  }
  get port(): number {
    return this.#port;
  }
  get pid(): number {
    return this.#child?.pid ?? -1;
  }
  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  logs(): string {
    return this.#logs;
  }

  async start(): Promise<void> {
    if (this.#removed) throw new Error('nats-server handle was stopped; start a new one');
    const args = await this.#args();
    const child = spawn(this.#binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.#child = child;
    this.#exited = exited;
    live.add(child);
    void exited.then(() => live.delete(child));
    const append = (chunk: Buffer): void => {
      this.#logs = (this.#logs + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    await this.#awaitReady(child, spawnError);
  }

  async #args(): Promise<string[]> {
    const o = this.#options;
    const port = this.#port > 0 ? this.#port : (o.port ?? -1);
    const args = ['-a', '127.0.0.1', '-p', String(port), '--ports_file_dir', this.dir];
    if (o.config !== undefined) {
      const file = path.join(this.dir, 'nats.conf');
      await writeFile(file, o.config);
      args.push('-c', file);
    }
    if (o.jetstream === true) args.push('-js', '-sd', path.join(this.dir, 'js'));
    if (o.serverName !== undefined) args.push('--server_name', o.serverName);
    args.push(...(o.args ?? []));
    return args;
  }

  async #awaitReady(child: ChildProcess, spawnError: Promise<Error>): Promise<void> {
    const timeoutMs = this.#options.startTimeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    let failure: Error | undefined;
    void spawnError.then((e) => (failure = e));
    while (Date.now() < deadline) {
      if (failure !== undefined) throw new Error(`nats-server did not start: ${failure.message}`);
      if (!this.running) break;
      const pid = child.pid;
      const port = pid === undefined ? undefined : await portFromPortsFile(this.dir, pid);
      if (port !== undefined && (await answersInfo(port))) {
        this.#port = port;
        return;
      }
      await sleep(POLL_MS);
    }
    const why = this.running ? `not ready within ${timeoutMs} ms` : 'exited during start';
    await this.kill('SIGKILL');
    throw new Error(`nats-server ${why}:\n${this.#logs}`);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.#child?.kill(signal);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.signal(signal);
    await this.#exited;
  }

  async restart(): Promise<void> {
    if (this.running) await this.#terminate();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.#terminate();
    if (!this.#removed) {
      this.#removed = true;
      rmSync(this.dir, { recursive: true, force: true });
      dirs.delete(this.dir);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  async #terminate(): Promise<void> {
    if (!this.running) return;
    this.#child?.kill('SIGCONT'); // a SIGSTOPped server cannot act on SIGTERM
    this.#child?.kill('SIGTERM');
    const timer = setTimeout(() => this.#child?.kill('SIGKILL'), 5_000);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** Start a nats-server on 127.0.0.1 and wait until it answers; throws if it cannot
 *  (NatsBackendError DOCKER_UNAVAILABLE when the container backend is asked for without an engine). */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  if ((await selectNatsBackend(options.backend)) === 'container') {
    const { startNatsContainer } = await import('./nats-container-server.ts');
    return startNatsContainer(options);
  }
  const binary = options.binary ?? findNatsServer();
  if (binary === undefined) throw new Error('nats-server not found (apt-get install nats-server)');
  const server = new NatsServerProcess(binary, options);
  try {
    await server.start();
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}
