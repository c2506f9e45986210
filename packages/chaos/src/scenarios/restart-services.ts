// The control-plane services of scenario 5 as processes on fixed ports (so a restarted one comes
// back where its clients look for it): nats-server (JetStream, testkit), approvals, observer and
// automation. Each can be SIGKILLed and started again; `restart` measures kill → ready.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { startNatsServer } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { freePort } from '../free-port.ts';
import { HOST_NAME, OPERATOR_TOKEN } from '../hot-rig.ts';
import { REPO_ROOT } from '../hotpath-process.ts';
import { ManagedProcess } from '../managed-process.ts';

export interface ServiceRestart {
  readonly name: string;
  /** SIGKILL → ready again (ms), -1 if it never came back. */
  readonly restartMs: number;
  readonly note: string;
}

const READY_MS = 20_000;

export class RestartServices {
  nats: NatsServerHandle | undefined;
  readonly approvals: ManagedProcess;
  readonly observer: ManagedProcess;
  automation: ManagedProcess | undefined;
  readonly #dir: string;
  readonly #ports: { approvals: number; metrics: number };
  #publicKey = '';

  private constructor(dir: string, natsUrl: string, ports: { approvals: number; metrics: number }) {
    this.#dir = dir;
    this.#ports = ports;
    const seedFile = path.join(dir, 'approvals.nk');
    writeFileSync(seedFile, new TextDecoder().decode(createUser().getSeed()), { mode: 0o600 });
    this.approvals = new ManagedProcess({
      name: 'approvals',
      command: process.execPath,
      args: [
        path.join(REPO_ROOT, 'services/approvals/src/main.ts'),
        '--nats-url',
        natsUrl,
        '--seed-file',
        seedFile,
        '--grpc-port',
        String(ports.approvals),
        '--log-level',
        'warn',
      ],
    });
    const observerConfig = {
      natsServers: natsUrl,
      prometheus: { host: '127.0.0.1', port: ports.metrics },
      staleAfterMs: 1_000,
    };
    this.observer = new ManagedProcess({
      name: 'observer',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'services/observer/src/main.ts')],
      env: { RINGSIDE_OBSERVER_CONFIG: JSON.stringify(observerConfig) },
    });
  }

  static async start(dir: string): Promise<RestartServices> {
    const nats = await startNatsServer({ jetstream: true });
    const services = new RestartServices(dir, nats.url, {
      approvals: await freePort(),
      metrics: await freePort(),
    });
    services.nats = nats;
    await services.#startApprovals();
    await services.#startObserver();
    return services;
  }

  get natsUrl(): string {
    return this.nats?.url ?? '';
  }
  get metricsUrl(): string {
    return `http://127.0.0.1:${this.#ports.metrics}/metrics`;
  }
  get approvalsPublicKey(): string {
    return this.#publicKey;
  }

  async #startApprovals(): Promise<void> {
    const from = this.approvals.lines.length;
    this.approvals.start();
    const line = await this.approvals.waitForLine((v) => v['event'] === 'listening', READY_MS, from);
    this.#publicKey = String(line.value['publicKey']);
  }

  async #startObserver(): Promise<void> {
    const from = this.observer.lines.length;
    this.observer.start();
    await this.observer.waitForLine((v) => v['event'] === 'listening', READY_MS, from);
  }

  /** Automation needs the hot path's admin port: started once the hot path is up. */
  async startAutomation(
    adminPort: number,
    session: { start: string; end: string; timezone: string },
  ): Promise<void> {
    const config = {
      natsUrl: this.natsUrl,
      runbookDir: path.join(REPO_ROOT, 'deploy/runbooks'),
      adminAddresses: { [HOST_NAME]: `127.0.0.1:${adminPort}` },
      adminToken: OPERATOR_TOKEN,
      approvalsAddress: `127.0.0.1:${this.#ports.approvals}`,
      tradingSession: { ...session, days: [0, 1, 2, 3, 4, 5, 6] },
      // The runbooks alert 'oncall'; nobody listens there in the harness (alerts are best effort).
      webhooks: { oncall: 'http://127.0.0.1:9/oncall' },
      webhookTimeoutMs: 500,
    };
    const file = path.join(this.#dir, 'automation.json');
    writeFileSync(file, JSON.stringify(config));
    this.automation = new ManagedProcess({
      name: 'automation',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'services/automation/src/main.ts'), file],
    });
    await this.#startAutomation();
  }

  async #startAutomation(): Promise<void> {
    const a = this.automation;
    if (a === undefined) throw new Error('automation not configured');
    const from = a.lines.length;
    a.start();
    await a.waitForLine((v) => v['event'] === 'started', READY_MS, from);
  }

  /** SIGKILL one service and start it again; resolves when it is ready. */
  async restart(name: 'nats-server' | 'approvals' | 'observer' | 'automation'): Promise<ServiceRestart> {
    const t0 = Date.now();
    try {
      if (name === 'nats-server') {
        const nats = this.nats;
        if (nats === undefined) throw new Error('nats-server not started');
        await nats.kill('SIGKILL');
        await nats.restart();
      } else if (name === 'approvals') {
        await this.approvals.kill('SIGKILL');
        const before = this.#publicKey;
        await this.#startApprovals();
        if (this.#publicKey !== before)
          return { name, restartMs: Date.now() - t0, note: 'came back with another signing key' };
      } else if (name === 'observer') {
        await this.observer.kill('SIGKILL');
        await this.#startObserver();
      } else {
        await this.automation?.kill('SIGKILL');
        await this.#startAutomation();
      }
      return { name, restartMs: Date.now() - t0, note: 'ready again' };
    } catch (e) {
      return { name, restartMs: -1, note: e instanceof Error ? e.message.slice(0, 300) : String(e) };
    }
  }

  async stop(): Promise<void> {
    await this.automation?.stop();
    await this.observer.stop();
    await this.approvals.stop();
    await this.nats?.stop();
  }
}
