// One Ringside service as a child process, run from its main.ts exactly as an operator runs it.
// Every service prints machine-readable JSON lines on stdout (`{"event":"listening",...}` first)
// and pino logs on stderr: both go, line by line and prefixed with the service name, to one log
// file in the report directory; the JSON lines are also kept so the demo can wait for one.
// Every child ever started is SIGKILLed when this process exits, whatever the reason, so a
// failed or interrupted demo never leaves a service behind.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DemoError, DemoErrorCode } from './demo-error.ts';

export interface ServiceLine {
  readonly event?: string;
  readonly [key: string]: unknown;
}

export interface ServiceSpec {
  /** Short name, used in the log and in error messages: feed-sim, venue-sim, ... */
  readonly name: string;
  /** Executable; default: this Node binary. */
  readonly command?: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class ServiceProcess {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #lines: ServiceLine[] = [];
  readonly #waiters = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #stderrTail = '';
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(spec: ServiceSpec, log: WriteStream) {
    this.name = spec.name;
    const child = spawn(spec.command ?? process.execPath, [...spec.args], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    live.add(child);
    log.write(
      `[${spec.name}] started pid ${String(child.pid)}: ${spec.args.map((a) => path.basename(a)).join(' ')}\n`,
    );
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        log.write(`[${spec.name}] spawn failed: ${err.message}\n`);
        this.#exit = { code: -1, signal: null };
        this.#wake();
        resolve(this.#exit);
      });
      child.once('exit', (code, signal) => {
        live.delete(child);
        this.#exit ??= { code, signal };
        log.write(`[${spec.name}] exited code=${String(code)} signal=${String(signal)}\n`);
        this.#wake();
        resolve(this.#exit);
      });
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`[${spec.name}] ${line}\n`);
      try {
        const parsed = JSON.parse(line) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          this.#lines.push(parsed as ServiceLine);
          this.#wake();
        }
      } catch {
        // Not a JSON line: it is in the log, nothing to wait for.
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      log.write(`[${spec.name}] ${line}\n`);
      this.#stderrTail = `${this.#stderrTail}${line}\n`.slice(-4_000);
    });
  }

  static start(spec: ServiceSpec, log: WriteStream): ServiceProcess {
    return new ServiceProcess(spec, log);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** JSON lines printed so far, oldest first. */
  lines(): readonly ServiceLine[] {
    return this.#lines;
  }

  /** The last lines of stderr (for an error message). */
  stderrTail(): string {
    return this.#stderrTail;
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  /**
   * Resolves with the first JSON line (from the start) with this `event`; throws DemoError
   * SERVICE_FAILED if the process exits first or the timeout passes.
   */
  async waitFor(event: string, timeoutMs: number): Promise<ServiceLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#lines.find((l) => l.event === event);
      if (found !== undefined) return found;
      if (this.#exit !== undefined)
        throw new DemoError(
          DemoErrorCode.SERVICE_FAILED,
          `${this.name} exited (code ${String(this.#exit.code)}) before "${event}": ${this.#stderrTail.trim().split('\n').slice(-3).join(' | ')}`,
        );
      const left = deadline - Date.now();
      if (left <= 0)
        throw new DemoError(
          DemoErrorCode.SERVICE_FAILED,
          `${this.name} printed no "${event}" line within ${timeoutMs} ms`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        const waiters = this.#waiters;
        function done(): void {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  /** Freezes the process (SIGSTOP): it reads, answers and heartbeats nothing until resume(). */
  pause(): void {
    if (this.#exit === undefined) this.#child.kill('SIGSTOP');
  }

  resume(): void {
    if (this.#exit === undefined) this.#child.kill('SIGCONT');
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. Idempotent. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#exit !== undefined) return;
    // A paused process would not see SIGTERM until continued.
    this.#child.kill('SIGCONT');
    this.#child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.#child.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exited, killed]);
    clearTimeout(timer);
    await this.exited;
  }
}
