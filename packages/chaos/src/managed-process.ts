// A service started as a child process, as an operator starts it: its stdout JSON lines are
// kept (with the harness's receive time) so a scenario can wait for "ready", read "state"
// lines, and measure when a line arrived; SIGKILL and restart with the same command line are
// one call each. Every child still alive when the harness exits is SIGKILLed.
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface JsonLine {
  /** Harness wall-clock ms when the line was read. */
  readonly atMs: number;
  readonly value: Record<string, unknown>;
}

export type Spawner = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface ManagedProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** How to spawn (default child_process.spawn; a netns topology passes its spawnIn). */
  readonly spawner?: Spawner;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const LOG_TAIL = 16_384;

export class ManagedProcess {
  readonly name: string;
  readonly lines: JsonLine[] = [];
  /** JSON lines on stderr (pino logs: `time` is the writer's epoch ms). */
  readonly errLines: JsonLine[] = [];
  readonly #options: ManagedProcessOptions;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #text = '';
  #starts = 0;

  constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    this.#options = options;
  }

  get pid(): number {
    return this.#child?.pid ?? -1;
  }
  get running(): boolean {
    const c = this.#child;
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }
  /** How many times the process was started. */
  get starts(): number {
    return this.#starts;
  }
  /** Tail of stdout+stderr, for failure notes. */
  logs(): string {
    return this.#text;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const o = this.#options;
    const spawner = o.spawner ?? ((cmd, args, opts) => spawn(cmd, [...args], opts));
    const child = spawner(o.command, o.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...o.env },
      ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
    });
    this.#starts++;
    this.#child = child;
    live.add(child);
    this.#exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        live.delete(child);
        resolve();
      });
      child.once('error', (e) => {
        this.#append(`spawn error: ${e.message}\n`);
        live.delete(child);
        resolve();
      });
    });
    if (child.stdout !== null)
      createInterface({ input: child.stdout }).on('line', (l) => this.#line(l, this.lines));
    if (child.stderr !== null)
      createInterface({ input: child.stderr }).on('line', (l) => this.#line(l, this.errLines));
  }

  #line(line: string, into: JsonLine[]): void {
    this.#append(`${line}\n`);
    if (!line.startsWith('{')) return;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        into.push({ atMs: Date.now(), value: value as Record<string, unknown> });
    } catch {
      // a log line that merely starts with a brace
    }
  }

  #append(text: string): void {
    this.#text = (this.#text + text).slice(-LOG_TAIL);
  }

  /** The first JSON line at or after index `from` matching `pred`, waiting up to timeoutMs. */
  async waitForLine(
    pred: (v: Record<string, unknown>) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<JsonLine> {
    const deadline = Date.now() + timeoutMs;
    let k = from;
    while (Date.now() < deadline) {
      for (; k < this.lines.length; k++) {
        const line = this.lines[k];
        if (line !== undefined && pred(line.value)) return line;
      }
      if (!this.running && this.#starts > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    for (; k < this.lines.length; k++) {
      const line = this.lines[k];
      if (line !== undefined && pred(line.value)) return line;
    }
    throw new Error(
      `${this.name}: expected line not seen within ${timeoutMs} ms (running=${this.running}); output tail:\n${this.#text.slice(-2_000)}`,
    );
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.#child?.kill(sig);
  }

  /** SIGKILL (default) or another signal, then wait for the exit. */
  async kill(sig: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.signal(sig);
    await this.#exited;
  }

  /** SIGTERM, SIGKILL after graceMs. Idempotent. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.#child?.kill('SIGTERM');
    const timer = setTimeout(() => this.#child?.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Exit code once exited (null while running or when killed by a signal). */
  get exitCode(): number | null {
    return this.#child?.exitCode ?? null;
  }
}
