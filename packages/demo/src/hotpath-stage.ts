// The hot-path host as a child process (`node services/hotpath/src/main.ts --config FILE`),
// configured for the demo: ingest from feed-sim, OUCH to venue-sim, two decision workers
// running the latency-probe strategy, telemetry to NATS as user hotpath_edge1 (or no sidecar
// at all when NATS is off), the admin API on a free port with one operator and one automation
// token, approvals verified with the approvals service's public key. Its stdout JSON lines:
// {"event":"ready","adminPort":N}, {"event":"state",...} per transition, {"event":"stopped",
// ...report} at the end.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import path from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { DemoAdminClient } from './admin-client.ts';
import type { NatsLogin } from './demo-nats.ts';
import { DEMO_HOST } from './demo-nats.ts';
import { SERVICE_MAIN } from './demo-services.ts';
import { ServiceProcess } from './service-process.ts';
import type { ServiceLine } from './service-process.ts';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface HotpathInputs {
  readonly feedPort: number;
  readonly venuePort: number;
  /** Instruments (stock locates) the workers keep books for. */
  readonly locates: readonly number[];
  readonly nats: { readonly url: string; readonly login: NatsLogin } | undefined;
  /** The approvals service's public key; absent (no approvals service): a key nobody holds. */
  readonly approvalPublicKey: string | undefined;
}

export interface HotpathStage {
  readonly proc: ServiceProcess;
  readonly admin: DemoAdminClient;
  readonly adminAddress: string;
  readonly automationToken: string;
  /** performance.now() when the host said ready (pipeline up, WARM-UP begun): the run's origin. */
  readonly startedAt: number;
  readonly configFile: string;
  /** {"event":"state"} lines so far. */
  stateLines(): ServiceLine[];
  /** SIGTERM, then the {"event":"stopped"} line's report (undefined if it never came). */
  stop(): Promise<ServiceLine | undefined>;
}

export const DEMO_WORKERS = 2;

export function hotpathDemoConfig(
  inputs: HotpathInputs,
  tokens: { readonly operator: string; readonly automation: string },
): Record<string, unknown> {
  return {
    host: DEMO_HOST,
    // This 2-core machine runs seven services besides the host: a budget a laptop can keep.
    decisionP99BudgetNs: 5_000_000,
    ring: { capacity: 1 << 16 },
    ingest: {
      source: { kind: 'tcp', host: '127.0.0.1', port: inputs.feedPort, username: 'ingest' },
      idleStrategy: 'park:1000',
      sampleCapacity: 65_536,
    },
    decision: {
      workers: DEMO_WORKERS,
      strategy: { name: 'latency-probe', params: { everyEvents: 200, timeInForce: 3 } },
      instruments: inputs.locates.map((locate) => ({ locate })),
      idleStrategy: 'park:1000',
      sampleCapacity: 65_536,
    },
    gateway: {
      venue: { kind: 'ouch', host: '127.0.0.1', port: inputs.venuePort, username: 'DEMO' },
      timeoutMs: 250,
      spinTurns: 16,
      maxParkMs: 1,
    },
    lifecycle: { warmUpWindows: 5, maxSpreadRatio: 10, recoveryStableNs: 2e9 },
    slowConsumer: { lagHighWater: 32_768, graceNs: 5e8, restNs: 5e9 },
    shed: { raiseRatio: 2, lowerRatio: 0.5, minDwellNs: 1e9, minProcessed: 100 },
    conductor: { tickMs: 25, windowMs: 250, minWindowSamples: 5, venueStallMs: 1000 },
    warmUp: { traffic: 'live' },
    admin: {
      bind: '127.0.0.1',
      port: 0,
      tokens: { [tokens.operator]: 'operator', [tokens.automation]: 'automation' },
      approvalPublicKey: inputs.approvalPublicKey ?? createUser().getPublicKey(),
      tradingSession: { start: '00:00', end: '23:59', timezone: 'UTC' },
    },
    ...(inputs.nats === undefined
      ? {}
      : {
          sidecar: {
            natsServers: inputs.nats.url,
            natsUser: inputs.nats.login.user,
            natsPass: inputs.nats.login.pass,
            intervalMs: 500,
            // One order in ten becomes a trace (spans in the observer's OTLP export).
            traceEvery: 10,
          },
        }),
  };
}

export async function startHotpathStage(
  log: WriteStream,
  configDir: string,
  inputs: HotpathInputs,
): Promise<HotpathStage> {
  const tokens = {
    operator: randomBytes(24).toString('base64url'),
    automation: randomBytes(24).toString('base64url'),
  };
  const configFile = path.join(configDir, 'hotpath.json');
  writeFileSync(configFile, JSON.stringify(hotpathDemoConfig(inputs, tokens), null, 2), { mode: 0o600 });
  const proc = ServiceProcess.start(
    { name: 'hotpath', args: [SERVICE_MAIN.hotpath, '--config', configFile] },
    log,
  );
  const ready = await proc.waitFor('ready', READY_TIMEOUT_MS);
  const startedAt = performance.now();
  const adminAddress = `127.0.0.1:${Number(ready['adminPort'])}`;
  const admin = new DemoAdminClient(adminAddress, tokens.operator);
  let stopped: Promise<ServiceLine | undefined> | undefined;
  return {
    proc,
    admin,
    adminAddress,
    automationToken: tokens.automation,
    startedAt,
    configFile,
    stateLines: () => proc.lines().filter((l) => l.event === 'state'),
    stop: () =>
      (stopped ??= (async () => {
        admin.close();
        const line = proc.running
          ? proc.waitFor('stopped', STOP_TIMEOUT_MS).catch(() => undefined)
          : undefined;
        await proc.stop(STOP_TIMEOUT_MS);
        return (await line) ?? proc.lines().find((l) => l.event === 'stopped');
      })()),
  };
}
