// Starts each Phase 1 service as a child process from its main.ts, with the flags and config an
// operator would give it, and waits for the JSON line that says it is up. Configs that hold a
// NATS password are written 0600 into the report's config/ folder (this run's passwords only).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import path from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { REPO_ROOT } from '@ringside/testkit';
import type { NatsLogin } from './demo-nats.ts';
import { DEMO_HOST } from './demo-nats.ts';
import { ServiceProcess } from './service-process.ts';

const START_TIMEOUT_MS = 30_000;

export const SERVICE_MAIN = {
  feedSim: path.join(REPO_ROOT, 'services', 'feed-sim', 'src', 'main.ts'),
  venueSim: path.join(REPO_ROOT, 'services', 'venue-sim', 'src', 'main.ts'),
  observer: path.join(REPO_ROOT, 'services', 'observer', 'src', 'main.ts'),
  approvals: path.join(REPO_ROOT, 'services', 'approvals', 'src', 'main.ts'),
  automation: path.join(REPO_ROOT, 'services', 'automation', 'src', 'main.ts'),
  hotpath: path.join(REPO_ROOT, 'services', 'hotpath', 'src', 'main.ts'),
} as const;

/**
 * The demo's own runbooks (packages/demo/runbooks): short enough to fire inside a 20 s run.
 * They are templates: `__SLOW_CONSUMER__` becomes the ring consumer id the demo isolates.
 */
export const DEMO_RUNBOOK_DIR = path.resolve(import.meta.dirname, '..', 'runbooks');

/** Fills the runbook templates into `dir` (created) and returns it. */
export function writeDemoRunbooks(dir: string, slowConsumerId: number): string {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(DEMO_RUNBOOK_DIR).filter((f) => /\.ya?ml$/.test(f))) {
    const text = readFileSync(path.join(DEMO_RUNBOOK_DIR, name), 'utf8');
    writeFileSync(path.join(dir, name), text.replaceAll('__SLOW_CONSUMER__', String(slowConsumerId)));
  }
  return dir;
}

function writeSecret(file: string, text: string): string {
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

function loginEnv(login: NatsLogin): Record<string, string> {
  return { RINGSIDE_NATS_USER: login.user, RINGSIDE_NATS_PASS: login.pass };
}

export interface Listening {
  readonly proc: ServiceProcess;
  readonly port: number;
}

export async function startFeedSim(log: WriteStream, args: readonly string[]): Promise<Listening> {
  const proc = ServiceProcess.start({ name: 'feed-sim', args: [SERVICE_MAIN.feedSim, ...args] }, log);
  const line = await proc.waitFor('listening', START_TIMEOUT_MS);
  return { proc, port: Number(line['port']) };
}

/**
 * venue-sim: OUCH 4.2, answers after a short lognormal delay. The demo's venue stall freezes
 * this process for a while (ServiceProcess.pause), timed from the run itself.
 */
export async function startVenueSim(log: WriteStream, seed: number): Promise<Listening> {
  const args = [
    SERVICE_MAIN.venueSim,
    '--port',
    '0',
    '--seed',
    String(seed),
    '--ack-delay',
    'lognormal:0.3:0.6:20',
  ];
  const proc = ServiceProcess.start({ name: 'venue-sim', args }, log);
  const line = await proc.waitFor('listening', START_TIMEOUT_MS);
  return { proc, port: Number(line['port']) };
}

export async function startObserverService(
  log: WriteStream,
  configDir: string,
  natsUrl: string,
  login: NatsLogin,
  otlpTracesUrl: string,
): Promise<Listening & { readonly metricsUrl: string }> {
  const file = path.join(configDir, 'observer.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        natsServers: natsUrl,
        prometheus: { host: '127.0.0.1', port: 0 },
        otlpTracesUrl,
        traceExportDelayMs: 500,
        staleAfterMs: 5_000,
        latencyWindowMs: 10_000,
      },
      null,
      2,
    ),
  );
  const proc = ServiceProcess.start(
    { name: 'observer', args: [SERVICE_MAIN.observer, file], env: loginEnv(login) },
    log,
  );
  const line = await proc.waitFor('listening', START_TIMEOUT_MS);
  return { proc, port: Number(line['port']), metricsUrl: String(line['metricsUrl']) };
}

export async function startApprovalsService(
  log: WriteStream,
  configDir: string,
  natsUrl: string,
  login: NatsLogin,
): Promise<Listening & { readonly address: string; readonly publicKey: string }> {
  const seedFile = writeSecret(
    path.join(configDir, 'approvals.nk'),
    `${new TextDecoder().decode(createUser().getSeed())}\n`,
  );
  const proc = ServiceProcess.start(
    {
      name: 'approvals',
      args: [SERVICE_MAIN.approvals, '--nats-url', natsUrl, '--seed-file', seedFile, '--grpc-port', '0'],
      env: loginEnv(login),
    },
    log,
  );
  const line = await proc.waitFor('listening', START_TIMEOUT_MS);
  const port = Number(line['port']);
  return { proc, port, address: `127.0.0.1:${port}`, publicKey: String(line['publicKey']) };
}

export async function startAutomationService(
  log: WriteStream,
  configDir: string,
  natsUrl: string,
  login: NatsLogin,
  adminAddress: string,
  adminToken: string,
  approvalsAddress: string,
  slowConsumerId: number,
): Promise<{ readonly proc: ServiceProcess; readonly runbooks: readonly string[] }> {
  const runbookDir = writeDemoRunbooks(path.join(configDir, 'runbooks'), slowConsumerId);
  const file = writeSecret(
    path.join(configDir, 'automation.json'),
    JSON.stringify(
      {
        natsUrl,
        natsUser: login.user,
        natsPass: login.pass,
        runbookDir,
        adminAddresses: { [DEMO_HOST]: adminAddress },
        adminToken,
        approvalsAddress,
        requester: 'automation',
        approvalPollMs: 250,
        approvalTimeoutMs: 10 * 60_000,
        schedulerTickMs: 1_000,
        // The demo runs "during the trading session" whatever the hour: restarts stay refused.
        tradingSession: { start: '00:00', end: '23:59', timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7] },
      },
      null,
      2,
    ),
  );
  const proc = ServiceProcess.start({ name: 'automation', args: [SERVICE_MAIN.automation, file] }, log);
  const line = await proc.waitFor('started', START_TIMEOUT_MS);
  const runbooks = Array.isArray(line['runbooks']) ? line['runbooks'].map(String) : [];
  return { proc, runbooks };
}
