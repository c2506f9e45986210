// The control-plane host of the Phase 2 topology: nats-server (JetStream) and the observer, both
// inside the control namespace, listening on all its interfaces so the hot path reaches them
// over the data link and the harness over the management link. nats-server can be SIGKILLed
// and started again on the same port and store, as a crashed production server would be.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNatsServer } from '@ringside/testkit';
import type { TwoHostTopology } from '@ringside/testkit';
import { ManagedProcess } from './managed-process.ts';
import { NotRunnableError } from './scenario.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const NATS_PORT = 4222;

/** True once something at host:port answers with a NATS INFO line. */
export function natsAnswers(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    let seen = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.length >= 5) done(seen.startsWith('INFO '));
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not within ${timeoutMs} ms`);
}

export class ControlPlaneHost {
  readonly nats: ManagedProcess;
  readonly observer: ManagedProcess;
  readonly #topo: TwoHostTopology;
  readonly #dir: string;
  #metricsPort = -1;

  constructor(topo: TwoHostTopology) {
    const binary = findNatsServer();
    if (binary === undefined)
      throw new NotRunnableError('nats-server not found (apt-get install nats-server)');
    this.#topo = topo;
    this.#dir = mkdtempSync(path.join(tmpdir(), 'ringside-chaos-nats-'));
    const spawner = topo.spawnIn.bind(topo, topo.control);
    this.nats = new ManagedProcess({
      name: 'nats-server',
      command: binary,
      args: ['-a', '0.0.0.0', '-p', String(NATS_PORT), '-js', '-sd', path.join(this.#dir, 'js')],
      spawner,
    });
    const observerConfig = {
      natsServers: `nats://127.0.0.1:${NATS_PORT}`,
      prometheus: { host: '0.0.0.0', port: 0 },
      staleAfterMs: 1_000,
      latencyWindowMs: 5_000,
    };
    this.observer = new ManagedProcess({
      name: 'observer',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'services/observer/src/main.ts')],
      env: { RINGSIDE_OBSERVER_CONFIG: JSON.stringify(observerConfig) },
      spawner,
    });
  }

  /** nats://<control data address>:4222, the URL the hot path uses (over the data link). */
  get natsUrlForHot(): string {
    return `nats://${this.#topo.control.dataAddress}:${NATS_PORT}`;
  }
  /** The URL the harness uses (over the management link). */
  get natsUrlForHarness(): string {
    return `nats://${this.#topo.control.mgmtAddress}:${NATS_PORT}`;
  }
  get metricsUrl(): string {
    return `http://${this.#topo.control.mgmtAddress}:${this.#metricsPort}/metrics`;
  }

  async startNats(): Promise<void> {
    this.nats.start();
    await until(() => natsAnswers(this.#topo.control.mgmtAddress, NATS_PORT), 10_000, 'nats-server ready');
  }

  async startObserver(): Promise<void> {
    const from = this.observer.lines.length;
    this.observer.start();
    const line = await this.observer.waitForLine((v) => v['event'] === 'listening', 15_000, from);
    this.#metricsPort = Number(line.value['port']);
  }

  async start(): Promise<void> {
    await this.startNats();
    await this.startObserver();
  }

  /** The observer's /metrics text, or undefined if it does not answer. */
  async metrics(): Promise<string | undefined> {
    try {
      const res = await fetch(this.metricsUrl, { signal: AbortSignal.timeout(2_000) });
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await this.observer.stop();
    await this.nats.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Sum of a Prometheus metric's samples whose labels contain every `labels` pair (undefined: absent). */
export function promValue(
  text: string,
  metric: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m === null || m[1] !== metric) continue;
    const labelText = m[2] ?? '';
    if (!Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) continue;
    sum = (sum ?? 0) + Number(m[3]);
  }
  return sum;
}
