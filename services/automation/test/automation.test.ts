// The automation service end to end against a real nats-server (JetStream), the REAL approvals
// service (gRPC), a local HTTP webhook receiver and a small real gRPC AdminService that stands
// in for the hot path's admin API (not built yet; see admin-stand-in.ts). Telemetry is published
// as protobuf on ringside.<host>.state|metrics exactly as the sidecar does. One shared wall
// clock (injected into automation AND approvals, so token expiry agrees) moves the trading
// session open and closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Metadata, credentials } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { createUser } from '@nats-io/nkeys';
import {
  ApprovalsServiceClient,
  ConsumerState,
  LifecycleState,
  ListFilter,
  MetricsSnapshot,
  RequestState,
  StateSnapshot,
  telemetrySubject,
} from '@ringside/contracts';
import type { ApprovalRequest } from '@ringside/contracts';
import { parseApprovalsConfig, startApprovalsService } from '@ringside/approvals';
import type { ApprovalsServiceHandle } from '@ringside/approvals';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { pino } from 'pino';
import { AuditKind, parseAutomationConfig, parseRunbook, startAutomation } from '../src/index.ts';
import type { AutomationAuditRecord, AutomationHandle } from '../src/index.ts';
import { startAdminStandIn } from './admin-stand-in.ts';
import type { AdminStandIn } from './admin-stand-in.ts';

const skip = natsServerSkipReason();
if (skip !== false) console.log(`SKIPPED automation tests: ${skip}`);

// Wednesday 2026-11-25 in New York (EST, UTC-5): session 09:30-16:00.
const IN_SESSION = Date.parse('2026-11-25T20:00:00Z'); // 15:00 NY
const JUST_BEFORE_CLOSE = Date.parse('2026-11-25T20:59:00Z'); // 15:59 NY
const AFTER_CLOSE = Date.parse('2026-11-25T21:00:30Z'); // 16:00:30 NY
const EVENING = Date.parse('2026-11-25T23:00:00Z'); // 18:00 NY
let clockMs = IN_SESSION;
let clockSetAt = Date.now();
const now = (): number => clockMs + (Date.now() - clockSetAt);
function setClock(ms: number): void {
  clockMs = ms;
  clockSetAt = Date.now();
}

const HOSTS = ['lag', 'flap', 'lat', 'close', 'eve', 'deny'] as const;
const WINDOW_MS = 400;
const quiet = pino({ level: 'silent' });

let nats: NatsServerHandle;
let nc: NatsConnection;
let seedDir: string;
let approvals: ApprovalsServiceHandle;
let approvalsClient: ApprovalsServiceClient;
let automation: AutomationHandle;
const admins = new Map<string, AdminStandIn>();
let webhook: HttpServer;
const webhookBodies: Array<Record<string, unknown>> = [];

const RUNBOOKS = [
  `name: slow-consumer-isolate
description: isolate a lagging consumer
trigger: { source: state, condition: "consumer lag > 4096", for: ${WINDOW_MS}ms }
risk: low
cooldown: 1h
steps:
  - isolate: { consumer: triggering }
`,
  `name: latency-budget-alert
description: decision p99 over budget
trigger: { source: metrics, condition: "p99(decision) > 250us", for: ${WINDOW_MS}ms }
risk: low
cooldown: 1h
steps:
  - alert: { webhook: oncall }
`,
  `name: restart-after-close
description: degraded host, restart after the close
trigger: { source: state, condition: "lifecycle == DEGRADED", for: ${WINDOW_MS}ms }
risk: high
cooldown: 1h
steps:
  - prepare: { action: restart, after: session-close }
`,
].map((text, i) => parseRunbook(text, `inline-${i}.yaml`));

before(async () => {
  if (skip !== false) return;
  nats = await startNatsServer({ jetstream: true });
  nc = await connect({ servers: nats.url });
  seedDir = mkdtempSync(path.join(tmpdir(), 'ringside-automation-'));
  const seedFile = path.join(seedDir, 'approvals.nk');
  writeFileSync(seedFile, new TextDecoder().decode(createUser().getSeed()), { mode: 0o600 });
  approvals = await startApprovalsService(parseApprovalsConfig({ natsUrl: nats.url, seedFile }), quiet, {
    now,
  });
  approvalsClient = new ApprovalsServiceClient(`127.0.0.1:${approvals.port}`, credentials.createInsecure());
  for (const h of HOSTS) admins.set(h, await startAdminStandIn());
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      webhookBodies.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  const config = parseAutomationConfig({
    natsUrl: nats.url,
    runbookDir: '(inline)',
    adminAddresses: Object.fromEntries([...admins].map(([h, a]) => [h, a.address])),
    adminToken: 'automation-role',
    approvalsAddress: `127.0.0.1:${approvals.port}`,
    approvalPollMs: 50,
    schedulerTickMs: 50,
    webhooks: { oncall: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook` },
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
  });
  automation = await startAutomation(config, { now, logger: quiet, runbooks: RUNBOOKS });
});

after(async () => {
  if (skip !== false) return;
  await automation.close();
  approvalsClient.close();
  await approvals.close();
  for (const a of admins.values()) await a.close();
  await new Promise<void>((r) => webhook.close(() => r()));
  await nc.close();
  await nats.stop();
  rmSync(seedDir, { recursive: true, force: true });
});

// ---- helpers ----------------------------------------------------------------------------

const seq = new Map<string, number>();
function stamp(host: string) {
  const s = (seq.get(host) ?? 0) + 1;
  seq.set(host, s);
  return {
    host,
    monoNs: Number(process.hrtime.bigint()),
    sequence: s,
    bootId: 'boot-1',
    wallTime: undefined,
  };
}

function publishState(host: string, opts: { lag?: number; lifecycle?: LifecycleState }): void {
  const msg = StateSnapshot.fromPartial({
    stamp: stamp(host),
    state: opts.lifecycle ?? LifecycleState.READY,
    consumers: [
      { id: 1, name: 'decision-1', state: ConsumerState.ACTIVE, lag: 3 },
      { id: 2, name: 'decision-2', state: ConsumerState.ACTIVE, lag: opts.lag ?? 0 },
    ],
  });
  nc.publish(telemetrySubject(host, 'state'), StateSnapshot.encode(msg).finish());
}

function publishMetrics(host: string, p99Ns: number): void {
  const msg = MetricsSnapshot.fromPartial({
    stamp: stamp(host),
    trusted: true,
    phase: LifecycleState.READY,
    histograms: [{ name: 'decision', count: 1000, p50Ns: 20_000, p99Ns, maxNs: p99Ns * 2 }],
  });
  nc.publish(telemetrySubject(host, 'metrics'), MetricsSnapshot.encode(msg).finish());
}

/** Publishes every `everyMs` for `forMs` (bounded by count too). */
async function stream(publish: () => void, forMs: number, everyMs = 40): Promise<void> {
  const end = Date.now() + forMs;
  for (let i = 0; i < 500 && Date.now() < end; i++) {
    publish();
    await sleep(everyMs);
  }
  await nc.flush();
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1_000 && Date.now() < deadline; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

function rpc<Req, Res>(
  pick: (
    c: ApprovalsServiceClient,
  ) => (r: Req, md: Metadata, o: { deadline: Date }, cb: (e: ServiceError | null, r: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    pick(approvalsClient).call(
      approvalsClient,
      req,
      new Metadata(),
      { deadline: new Date(Date.now() + 5_000) },
      (e, r) => (e ? reject(e) : resolve(r)),
    ),
  );
}

async function pendingRequestFor(host: string): Promise<ApprovalRequest> {
  return until(`an approval request for ${host}`, async () => {
    const res = await rpc((c) => c.listRequests, { filter: ListFilter.PENDING, limit: 0 });
    return res.requests.find((r) => r.host === host);
  });
}

async function auditFor(host: string): Promise<AutomationAuditRecord[]> {
  return (await automation.audit.readAll()).filter((r) => r.host === host);
}

function decisions(records: readonly AutomationAuditRecord[]): unknown[] {
  return records.filter((r) => r.kind === AuditKind.DECISION).map((r) => r.detail['decision']);
}

/** Drives a DEGRADED host until automation files its restart request. */
async function degrade(host: string): Promise<ApprovalRequest> {
  await stream(() => publishState(host, { lifecycle: LifecycleState.DEGRADED }), WINDOW_MS + 300);
  return pendingRequestFor(host);
}

// ---- tests ------------------------------------------------------------------------------

test(
  'a consumer lagging past the window is isolated once (cooldown), and every step is audited',
  { skip },
  async () => {
    const admin = admins.get('lag');
    assert.ok(admin);
    await stream(() => publishState('lag', { lag: 10_000 }), WINDOW_MS * 3);
    await automation.idle();
    assert.equal(admin.calls.length, 1, JSON.stringify(admin.calls));
    const call = admin.calls[0];
    assert.equal(call?.rpc, 'IsolateConsumer');
    assert.equal(call?.request['consumerId'], 2);
    assert.equal(call?.authorization, 'Bearer automation-role');
    assert.equal(call?.approvalToken, undefined, 'low risk: no approval');
    const audit = await auditFor('lag');
    assert.deepEqual(
      audit.map((r) => r.kind),
      [AuditKind.TRIGGER, AuditKind.DECISION, AuditKind.CALL, AuditKind.RESULT],
    );
    assert.ok(audit.every((r) => r.incident === audit[0]?.incident && r.runbook === 'slow-consumer-isolate'));
    const trigger = audit[0];
    assert.equal(trigger?.detail['key'], 'consumer:2');
    assert.equal(trigger?.detail['observed'], 10_000);
    assert.ok(Number(trigger?.detail['heldMs']) >= WINDOW_MS, `held ${String(trigger?.detail['heldMs'])} ms`);
    assert.equal(audit[3]?.detail['ok'], true);
  },
);

test('a condition that clears before the window never fires', { skip }, async () => {
  const admin = admins.get('flap');
  assert.ok(admin);
  for (let i = 0; i < 4; i++) {
    await stream(() => publishState('flap', { lag: 10_000 }), WINDOW_MS / 2);
    await stream(() => publishState('flap', { lag: 10 }), 80);
  }
  await sleep(200);
  await automation.idle();
  assert.equal(admin.calls.length, 0);
  assert.equal((await auditFor('flap')).length, 0);
});

test('latency over budget alerts on NATS and the webhook', { skip }, async () => {
  const sub = nc.subscribe('ringside.alerts.lat', { max: 1 });
  const got = (async () => {
    for await (const m of sub) return m.json<Record<string, unknown>>();
    return undefined;
  })();
  await nc.flush();
  // Under budget for a while: nothing.
  await stream(() => publishMetrics('lat', 100_000), WINDOW_MS + 200);
  assert.equal(webhookBodies.length, 0);
  await stream(() => publishMetrics('lat', 900_000), WINDOW_MS + 300);
  const alert = await Promise.race([got, sleep(5_000).then(() => undefined)]);
  assert.ok(alert, 'alert on ringside.alerts.lat');
  assert.equal(alert['runbook'], 'latency-budget-alert');
  assert.equal(alert['observed'], 900_000);
  await until('webhook POST', () => (webhookBodies.length > 0 ? true : undefined));
  assert.equal(webhookBodies.length, 1);
  assert.equal(webhookBodies[0]?.['host'], 'lat');
  assert.equal(webhookBodies[0]?.['incident'], alert['incident']);
  await automation.idle();
  const results = (await auditFor('lat'))
    .filter((r) => r.kind === AuditKind.RESULT)
    .map((r) => [r.detail['call'], r.detail['ok']]);
  assert.deepEqual(results, [
    ['nats.publish', true],
    ['webhook', true],
  ]);
});

test(
  'restart approved during the session is refused, audited, and runs after the close',
  { skip },
  async () => {
    setClock(JUST_BEFORE_CLOSE);
    const admin = admins.get('close');
    assert.ok(admin);
    const req = await degrade('close');
    assert.equal(req.action, 'RequestRestart');
    assert.equal(req.requester, 'automation');
    const res = await rpc((c) => c.approve, { id: req.id, approver: 'alice', comment: 'after the close' });
    assert.equal(res.request?.state, RequestState.APPROVED);
    await until('the refusal in the audit', async () =>
      decisions(await auditFor('close')).includes('scheduled') ? true : undefined,
    );
    assert.deepEqual(decisions(await auditFor('close')), [
      'request-approval',
      'approved',
      'refused',
      'scheduled',
    ]);
    const refused = (await auditFor('close')).find((r) => r.detail['decision'] === 'refused');
    assert.equal(refused?.detail['why'], 'TRADING_SESSION_OPEN');
    await sleep(300);
    assert.equal(admin.calls.length, 0, 'no restart while the session is open');
    assert.equal(automation.scheduled(), 1);

    setClock(AFTER_CLOSE);
    await until('the restart after the close', () => (admin.calls.length > 0 ? true : undefined));
    await automation.idle();
    assert.equal(admin.calls.length, 1);
    assert.equal(admin.calls[0]?.rpc, 'RequestRestart');
    assert.equal(admin.calls[0]?.approvalToken, res.token, 'the approval token rides along');
    assert.equal(
      (admin.calls[0]?.request['approval'] as { approvalId: string }).approvalId,
      res.request?.tokenId,
    );
    const audit = await auditFor('close');
    assert.deepEqual(decisions(audit), ['request-approval', 'approved', 'refused', 'scheduled', 'execute']);
    assert.deepEqual(
      [...new Set(audit.map((r) => r.kind))].sort(),
      [AuditKind.CALL, AuditKind.DECISION, AuditKind.RESULT, AuditKind.TRIGGER].sort(),
    );
    assert.equal(audit.at(-1)?.detail['ok'], true);
  },
);

test('restart approved outside the session executes at once', { skip }, async () => {
  setClock(EVENING);
  const admin = admins.get('eve');
  assert.ok(admin);
  const req = await degrade('eve');
  await rpc((c) => c.approve, { id: req.id, approver: 'bob', comment: 'go' });
  await until('the restart', () => (admin.calls.length > 0 ? true : undefined));
  await automation.idle();
  assert.equal(admin.calls.length, 1);
  assert.deepEqual(decisions(await auditFor('eve')), ['request-approval', 'approved', 'execute']);
});

test('a denied restart is recorded and never called', { skip }, async () => {
  setClock(EVENING);
  const admin = admins.get('deny');
  assert.ok(admin);
  const req = await degrade('deny');
  await rpc((c) => c.deny, { id: req.id, approver: 'carol', comment: 'not tonight' });
  await until('the denial in the audit', async () =>
    decisions(await auditFor('deny')).includes('denied') ? true : undefined,
  );
  await automation.idle();
  await sleep(200);
  assert.equal(admin.calls.length, 0);
  const denied = (await auditFor('deny')).find((r) => r.detail['decision'] === 'denied');
  assert.equal(denied?.detail['by'], 'carol');
  assert.equal(denied?.detail['comment'], 'not tonight');
  assert.deepEqual(decisions(await auditFor('deny')), ['request-approval', 'denied']);
});

test('the audit stream refuses purge and delete', { skip }, async () => {
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(automation.audit.stream);
  assert.equal(info.config.deny_delete, true);
  assert.equal(info.config.deny_purge, true);
  await assert.rejects(jsm.streams.purge(automation.audit.stream));
  await assert.rejects(jsm.streams.deleteMessage(automation.audit.stream, 1));
  assert.ok(info.state.messages > 0);
});

test('main.ts loads deploy/runbooks, prints started, and stops on SIGTERM', { skip }, async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(seedDir, 'automation.json');
  writeFileSync(
    file,
    JSON.stringify({
      natsUrl: nats.url,
      runbookDir: path.resolve(here, '../../../deploy/runbooks'),
      adminAddresses: { lag: admins.get('lag')?.address },
      approvalsAddress: `127.0.0.1:${approvals.port}`,
      webhooks: { oncall: 'http://127.0.0.1:9/hook' },
      tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    }),
  );
  const child = spawn(process.execPath, [path.resolve(here, '../src/main.ts'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const started = await until(
      'the started line',
      () => {
        const line = out.split('\n')[0];
        return out.includes('\n') && line !== undefined
          ? (JSON.parse(line) as Record<string, unknown>)
          : undefined;
      },
      15_000,
    );
    assert.equal(started['event'], 'started');
    assert.deepEqual(started['runbooks'], [
      'latency-budget-alert',
      'restart-after-close',
      'slow-consumer-isolate',
    ]);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  assert.match(out, /"event":"stopped"/);
});
