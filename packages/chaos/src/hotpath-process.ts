// The hot-path host as an operator runs it: `node services/hotpath/src/main.ts --config FILE`,
// observed only through its stdout JSON lines ({"event":"ready","adminPort":N}, "state",
// "stopped") and its admin API. SIGTERM stops it; SIGKILL is what a crash looks like.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChaosAdminClient } from './admin-client.ts';
import type { AdminClientOptions } from './admin-client.ts';
import { ManagedProcess } from './managed-process.ts';
import type { Spawner } from './managed-process.ts';
import { NotRunnableError } from './scenario.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const HOTPATH_MAIN = path.join(REPO_ROOT, 'services/hotpath/src/main.ts');

/** Throws NotRunnableError when the hot-path host process entry is not there (yet). */
export function requireHotpathHost(): void {
  if (!existsSync(HOTPATH_MAIN))
    throw new NotRunnableError('hot-path host not built: services/hotpath/src/main.ts is missing');
}

export interface HotpathProcessOptions {
  readonly config: unknown;
  /** Address the harness reaches the admin port at (127.0.0.1, or the hot host's mgmt address). */
  readonly adminHost: string;
  readonly adminToken: string;
  readonly approve?: AdminClientOptions['approve'];
  readonly host?: string;
  readonly spawner?: Spawner;
}

export class HotpathProcess {
  readonly proc: ManagedProcess;
  readonly #dir: string;
  readonly #options: HotpathProcessOptions;
  #admin: ChaosAdminClient | undefined;
  #adminPort = -1;

  constructor(options: HotpathProcessOptions) {
    requireHotpathHost();
    this.#options = options;
    this.#dir = mkdtempSync(path.join(tmpdir(), 'ringside-chaos-host-'));
    const file = path.join(this.#dir, 'hotpath.json');
    writeFileSync(file, JSON.stringify(options.config, null, 2));
    this.proc = new ManagedProcess({
      name: 'hotpath',
      command: process.execPath,
      args: [HOTPATH_MAIN, '--config', file],
      ...(options.spawner === undefined ? {} : { spawner: options.spawner }),
    });
  }

  get adminPort(): number {
    return this.#adminPort;
  }

  get admin(): ChaosAdminClient {
    if (this.#admin === undefined) throw new Error('hot path not started');
    return this.#admin;
  }

  /** Start and wait for the ready line (the admin API answers from then on). */
  async start(timeoutMs = 60_000): Promise<void> {
    const from = this.proc.lines.length;
    this.proc.start();
    const ready = await this.proc.waitForLine((v) => v['event'] === 'ready', timeoutMs, from);
    this.#adminPort = Number(ready.value['adminPort']);
    this.#admin?.close();
    this.#admin = new ChaosAdminClient({
      address: `${this.#options.adminHost}:${this.#adminPort}`,
      token: this.#options.adminToken,
      ...(this.#options.approve === undefined ? {} : { approve: this.#options.approve }),
      ...(this.#options.host === undefined ? {} : { host: this.#options.host }),
    });
  }

  /** The state lines seen so far (lifecycle transitions with reasons). */
  stateLines(): Record<string, unknown>[] {
    return this.proc.lines.filter((l) => l.value['event'] === 'state').map((l) => l.value);
  }

  async stop(): Promise<void> {
    this.#admin?.close();
    this.#admin = undefined;
    await this.proc.stop(10_000);
  }

  dispose(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
