// The container backend of startNatsServer(): testcontainers' NATS module (Docker), behind the
// same NatsServerHandle as the binary. The host port is picked free up front and bound
// explicitly, so restart() comes back on the same URL like the binary does. Loaded lazily by
// startNatsServer (testcontainers pulls in a Docker client that binary-only tests never need).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { NatsContainer } from '@testcontainers/nats';
import type { StartedNatsContainer } from '@testcontainers/nats';
import { DEFAULT_NATS_IMAGE, NATS_BACKEND_ERROR_CODE, NatsBackendError } from './nats-backend.ts';
import type { NatsServerHandle, NatsServerOptions } from './nats-server.ts';

const CLIENT_PORT = 4222;
const CONFIG_PATH = '/etc/ringside/nats.conf';
const LOG_TAIL_CHARS = 32_768;

// The module always configures user test/test; the binary backend runs an open server (auth
// only through `config`), so these two are no-ops here and clients connect with the URL alone.
class OpenNatsContainer extends NatsContainer {
  override withUsername(): this {
    return this;
  }
  override withPass(): this {
    return this;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : -1;
      server.close(() => resolve(port));
    });
  });
}

class NatsContainerHandle implements NatsServerHandle {
  readonly backend = 'container' as const;
  readonly dir: string;
  readonly port: number;
  readonly url: string;
  readonly #container: StartedNatsContainer;
  #running = true;
  #removed = false;
  #logs = '';

  constructor(container: StartedNatsContainer, port: number) {
    this.#container = container;
    this.port = port;
    this.url = `nats://127.0.0.1:${port}`;
    // Kept for the handle's shape; JetStream stores inside the container.
    this.dir = mkdtempSync(path.join(tmpdir(), 'ringside-nats-container-'));
  }

  /** No host process: the server is PID 1 of its container. */
  get pid(): number {
    return -1;
  }
  get running(): boolean {
    return this.#running;
  }
  logs(): string {
    return this.#logs;
  }

  async followLogs(): Promise<void> {
    const stream: Readable = await this.#container.logs({ since: Math.floor(Date.now() / 1000) - 1 });
    stream.on('data', (chunk: Buffer | string) => {
      this.#logs = (this.#logs + chunk.toString()).slice(-LOG_TAIL_CHARS);
    });
    stream.on('error', () => undefined); // the stream ends with the container: not a failure
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.#running) return;
    const name = signal.replace(/^SIG/, '');
    this.#container.exec(['kill', '-s', name, '1']).catch(() => undefined);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.#running) return;
    // PID 1 ignores an in-container SIGKILL; the engine's stop with no grace period is the crash.
    await this.#container.stop({ remove: false, timeout: signal === 'SIGKILL' ? 0 : 5_000 });
    this.#running = false;
  }

  async restart(): Promise<void> {
    if (this.#removed) throw new Error('nats-server handle was stopped; start a new one');
    await this.#container.restart();
    this.#running = true;
    await this.followLogs();
  }

  async stop(): Promise<void> {
    if (this.#removed) return;
    this.#removed = true;
    this.#running = false;
    await this.#container.stop({ remove: true, timeout: 5_000 });
    rmSync(this.dir, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Starts testcontainers' NATS module with the binary backend's options; throws if it cannot. */
export async function startNatsContainer(options: NatsServerOptions): Promise<NatsServerHandle> {
  if (options.args !== undefined || options.binary !== undefined)
    throw new NatsBackendError(
      NATS_BACKEND_ERROR_CODE.UNSUPPORTED_OPTION,
      'the container backend takes no `args` or `binary` (use `config`, or the binary backend)',
    );
  const port = options.port ?? (await freePort());
  const container = new OpenNatsContainer(options.image ?? DEFAULT_NATS_IMAGE)
    .withExposedPorts({ container: CLIENT_PORT, host: port })
    .withStartupTimeout(options.startTimeoutMs ?? 120_000);
  if (options.jetstream === true) container.withJetStream().withArg('-sd', '/data/js');
  if (options.serverName !== undefined) container.withArg('--server_name', options.serverName);
  if (options.config !== undefined)
    container
      .withCopyContentToContainer([{ content: options.config, target: CONFIG_PATH }])
      .withArg('-c', CONFIG_PATH);
  const handle = new NatsContainerHandle(await container.start(), port);
  await handle.followLogs();
  return handle;
}
