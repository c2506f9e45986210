// The services as their own NATS users (deploy/nats/users.conf) against nats-server running
// deploy/nats/nats-secure.conf itself (copied with users.conf into a temp dir, passwords from the
// environment as in production): approvals works as `approvals`; the sidecar of edge1 as
// `hotpath_edge1` reaches the observer connected as `observer`; a sidecar of edge2 holding
// edge1's credentials has every publish refused by the server (counted, nothing delivered, the
// sidecar keeps draining its host's rings); a wrong password is a clear error in every service
// and both CLIs, never a crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createUser } from '@nats-io/nkeys';
import { AuditKind, ApprovalsError, parseApprovalsConfig, startApprovalsService } from '@ringside/approvals';
import { RiskLevel } from '@ringside/contracts';
import { COUNTER_TYPE, CountersManager, SampleRing } from '@ringside/counters';
import type { Counter } from '@ringside/counters';
import {
  SidecarError,
  TelemetryStateWriter,
  createEventQueueBuffers,
  createTraceRingBuffer,
  parseSidecarConfig,
  startSidecar,
} from '@ringside/hotpath';
import type { SidecarBuffers, SidecarHandle, SidecarStats } from '@ringside/hotpath';
import { ObserverError, ObserverErrorCode, parseObserverConfig, startObserver } from '@ringside/observer';
import type { ObserverHandle } from '@ringside/observer';
import { REPO_ROOT, natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import { pino } from 'pino';

const DEPLOY = path.join(REPO_ROOT, 'deploy', 'nats');
const APPROVALS_MAIN = path.join(REPO_ROOT, 'services', 'approvals', 'src', 'main.ts');
const OBSERVER_MAIN = path.join(REPO_ROOT, 'services', 'observer', 'src', 'main.ts');
const PASSWORDS = {
  RINGSIDE_NATS_PASS_HOTPATH_EDGE1: 'auth-test-edge1',
  RINGSIDE_NATS_PASS_HOTPATH_EDGE2: 'auth-test-edge2',
  RINGSIDE_NATS_PASS_OBSERVER: 'auth-test-observer',
  RINGSIDE_NATS_PASS_AUTOMATION: 'auth-test-automation',
  RINGSIDE_NATS_PASS_APPROVALS: 'auth-test-approvals',
} as const;
const WRONG = 'not-the-password';
const WAIT_MS = 8_000;
const INTERVAL_MS = 100;

const skip = natsServerSkipReason();
if (skip !== false) console.log(`nats-services-auth: SKIPPED, ${skip}`);

/** deploy/nats/nats-secure.conf + users.conf verbatim in `dir`, the store moved under `dir`. */
function copySecureConfig(dir: string): string {
  copyFileSync(path.join(DEPLOY, 'users.conf'), path.join(dir, 'users.conf'));
  const secure = readFileSync(path.join(DEPLOY, 'nats-secure.conf'), 'utf8');
  const moved = secure.replace(/store_dir:\s*\S+/, `store_dir: "${path.join(dir, 'js')}"`);
  assert.notEqual(moved, secure, 'nats-secure.conf has a store_dir to move');
  const file = path.join(dir, 'nats-secure.conf');
  writeFileSync(file, moved);
  return file;
}

/** One hot path's shared memory, as the sidecar reads it. */
interface HotPath {
  readonly buffers: SidecarBuffers;
  readonly ordersSent: Counter;
  readonly samples: SampleRing;
}

function hotPath(): HotPath {
  const counters = CountersManager.create({ capacity: 16 });
  const ordersSent = counters.newCounter('orders.sent', COUNTER_TYPE.ORDERS_SENT);
  const samples = SampleRing.allocate(1024);
  const buffers: SidecarBuffers = {
    counters: counters.buffers,
    sampleRings: [samples.buffer],
    traceRings: [createTraceRingBuffer(16, 1)],
    state: TelemetryStateWriter.create().buffer,
    events: createEventQueueBuffers(8),
  };
  return { buffers, ordersSent, samples };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function scrape(observer: ObserverHandle): Promise<string> {
  return (await fetch(observer.metricsUrl)).text();
}

/** Runs a CLI until it exits (bounded); returns its exit code and stderr. */
async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr };
}

test('credentials in the three configs: optional, user and pass together, token or user', () => {
  const url = 'nats://127.0.0.1:4222';
  const parsers: [string, (auth: object) => unknown, new (...a: never[]) => Error][] = [
    ['sidecar', (auth) => parseSidecarConfig({ host: 'edge1', natsServers: url, ...auth }), SidecarError],
    ['observer', (auth) => parseObserverConfig({ natsServers: url, ...auth }), ObserverError],
    ['approvals', (auth) => parseApprovalsConfig({ natsUrl: url, seedFile: 'x', ...auth }), ApprovalsError],
  ];
  for (const [name, parse, error] of parsers) {
    assert.doesNotThrow(() => parse({}), `${name}: no credentials (an open server) stays valid`);
    assert.doesNotThrow(() => parse({ natsUser: 'u', natsPass: 'p' }), name);
    assert.doesNotThrow(() => parse({ natsToken: 't' }), name);
    assert.throws(() => parse({ natsUser: 'u' }), error, `${name}: user without pass`);
    assert.throws(() => parse({ natsPass: 'p' }), error, `${name}: pass without user`);
    assert.throws(() => parse({ natsUser: 'u', natsPass: 'p', natsToken: 't' }), error, name);
    assert.throws(() => parse({ natsUser: '', natsPass: 'p' }), error, `${name}: empty user`);
  }
});

test('services connect as their own NATS users (nats-secure.conf)', { skip, timeout: 40_000 }, async (t) => {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-nats-auth-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // nats-server resolves $RINGSIDE_NATS_PASS_* from its environment, inherited from ours.
  for (const [name, value] of Object.entries(PASSWORDS)) process.env[name] = value;
  t.after(() => {
    for (const name of Object.keys(PASSWORDS)) delete process.env[name];
  });
  const server = await startNatsServer({ args: ['-c', copySecureConfig(dir)] });
  t.after(() => server.stop());
  const natsUrl = server.url;
  const seedFile = path.join(dir, 'approvals.nk');
  writeFileSync(seedFile, `${new TextDecoder().decode(createUser().getSeed())}\n`, { mode: 0o600 });
  console.log(`nats-services-auth: server ${natsUrl} with ${path.join(dir, 'nats-secure.conf')}`);

  await t.test('approvals service works as user approvals: create, approve, audit', async () => {
    const statusLines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void statusLines.push(line) });
    const config = parseApprovalsConfig({
      natsUrl,
      seedFile,
      natsUser: 'approvals',
      natsPass: PASSWORDS.RINGSIDE_NATS_PASS_APPROVALS,
    });
    const service = await startApprovalsService(config, logger);
    try {
      const { rec } = await service.approvals.create({
        action: 'DropConsumer',
        target: 'dec-0',
        host: 'edge1',
        reason: 'consumer lags 2 s',
        requester: 'automation',
        risk: RiskLevel.HIGH,
      });
      const approved = await service.approvals.approve({ id: rec.id, approver: 'alice', comment: 'ok' });
      assert.equal(approved.request.rec.state, 'APPROVED');
      assert.ok(approved.token !== undefined && approved.token.length > 0, 'a token was issued');
      // kv.keys() runs an ordered consumer (replies on _INBOX, flow control on $JS.FC).
      const listed = await service.approvals.list('all', 10);
      assert.deepEqual(
        listed.map((r) => r.rec.id),
        [rec.id],
      );
      const audit = await service.approvals.auditLog({ fromSeq: 1, toSeq: 0, limit: 100, requestId: rec.id });
      const kinds = audit.records.map((r) => r.kind);
      assert.ok(kinds.includes(AuditKind.REQUEST_CREATED), JSON.stringify(kinds));
      assert.ok(kinds.includes(AuditKind.REQUEST_APPROVED), JSON.stringify(kinds));
      assert.ok(kinds.includes(AuditKind.TOKEN_ISSUED), JSON.stringify(kinds));
      assert.deepEqual(statusLines, [], 'no NATS error (permission violation) reported');
    } finally {
      await service.close();
    }
  });

  const observer = await startObserver({
    natsServers: natsUrl,
    natsUser: 'observer',
    natsPass: PASSWORDS.RINGSIDE_NATS_PASS_OBSERVER,
    prometheus: { host: '127.0.0.1', port: 0 },
    staleAfterMs: 5_000,
  });
  t.after(() => observer.close());
  const edge1 = hotPath();
  const sidecars: SidecarHandle[] = [];
  t.after(async () => {
    for (const s of sidecars) await s.stop();
  });
  const sidecar = (host: string, user: string, pass: string, extra: object = {}): SidecarHandle => {
    const handle = startSidecar(
      {
        host,
        natsServers: natsUrl,
        natsUser: user,
        natsPass: pass,
        intervalMs: INTERVAL_MS,
        reconnectTimeWaitMs: 100,
        ...extra,
      },
      host === 'edge1' ? edge1.buffers : hotPath().buffers,
    );
    sidecars.push(handle);
    return handle;
  };

  await t.test('sidecar as hotpath_edge1 reaches the observer connected as observer', async () => {
    edge1.ordersSent.add(7);
    const s = sidecar('edge1', 'hotpath_edge1', PASSWORDS.RINGSIDE_NATS_PASS_HOTPATH_EDGE1);
    const entry = await until('edge1 metrics in the observer registry', () => {
      const e = observer.registry.get('edge1');
      return e?.metrics?.counters.some((c) => c.label === 'orders.sent' && c.value === 7) === true
        ? e
        : undefined;
    });
    assert.ok(entry.received.get('state') !== undefined, 'state snapshots arrive too');
    const body = await until('edge1 in /metrics', async () => {
      const text = await scrape(observer);
      return /ringside_host_up\{[^}]*host="edge1"[^}]*\} 1/.test(text) ? text : undefined;
    });
    assert.match(body, /ringside_counter_total\{[^}]*host="edge1"[^}]*label="orders\.sent"[^}]*\} 7/);
    const stats = s.stats();
    assert.equal(stats?.connected, true);
    assert.equal(stats?.refused, 0);
    assert.equal(stats?.lastError, undefined);
    assert.equal(observer.malformed(), 0);
  });

  await t.test('sidecar of edge2 as hotpath_edge1: publishes refused and counted, no crash', async () => {
    const wrongHost = hotPath();
    const s = startSidecar(
      {
        host: 'edge2',
        natsServers: natsUrl,
        natsUser: 'hotpath_edge1',
        natsPass: PASSWORDS.RINGSIDE_NATS_PASS_HOTPATH_EDGE1,
        intervalMs: INTERVAL_MS,
      },
      wrongHost.buffers,
    );
    sidecars.push(s);
    const refused = await s.waitFor((x) => x.refused >= 3, WAIT_MS);
    console.log('edge2 sidecar as hotpath_edge1:', JSON.stringify(refused));
    assert.equal(refused.connected, true, 'a refused publish does not cost the connection');
    assert.ok(refused.published >= refused.refused, 'refused publishes were handed to the client');
    assert.match(refused.lastError ?? '', /Permissions Violation for Publish to "?ringside\.edge2\./i);

    // The hot path keeps writing; the sidecar keeps draining its ring every interval (nothing
    // missed), although none of what it publishes gets through.
    for (let burst = 0; burst < 4; burst++) {
      const ticks = s.stats()?.ticks ?? 0;
      for (let i = 1; i <= 500; i++) wrongHost.samples.record(i * 1_000, 1);
      wrongHost.ordersSent.add(1);
      await s.waitFor((x) => x.ticks >= ticks + 2, WAIT_MS);
    }
    const after = s.stats();
    assert.equal(after?.samplesMissed, 0, 'the hot path ring never overflowed');
    assert.ok((after?.refused ?? 0) > refused.refused, 'every interval is refused again');

    // Edge1 telemetry sent after the refusals arrives; edge2 never did.
    const mark = Date.now();
    await until('fresh edge1 telemetry', () =>
      (observer.registry.get('edge1')?.lastSeenMs ?? 0) > mark ? true : undefined,
    );
    assert.equal(observer.registry.get('edge2'), undefined, 'nothing of edge2 reached the observer');
    assert.doesNotMatch(await scrape(observer), /host="edge2"/);
    const final = await s.stop();
    sidecars.splice(sidecars.indexOf(s), 1);
    assert.ok(final !== undefined && final.ticks > refused.ticks, 'the sidecar stopped cleanly');
  });

  await t.test('wrong password: a clear error from every service, no crash', async () => {
    // Approvals: a typed error naming the user and the reason, never the password.
    const approvals = parseApprovalsConfig({ natsUrl, seedFile, natsUser: 'approvals', natsPass: WRONG });
    await assert.rejects(startApprovalsService(approvals, pino({ level: 'silent' })), (e: unknown) => {
      assert.ok(e instanceof ApprovalsError, String(e));
      assert.equal(e.code, 'APPROVALS_UNAVAILABLE');
      assert.match(e.message, /as user approvals: Authorization Violation/i);
      assert.ok(!e.message.includes(WRONG));
      return true;
    });

    // Observer: the same, and its /metrics listener is released.
    await assert.rejects(
      startObserver({
        natsServers: natsUrl,
        natsUser: 'observer',
        natsPass: WRONG,
        prometheus: { host: '127.0.0.1', port: 0 },
      }),
      (e: unknown) => {
        assert.ok(e instanceof ObserverError, String(e));
        assert.equal(e.code, ObserverErrorCode.NATS_CONNECT_FAILED);
        assert.match(e.message, /as user observer: Authorization Violation/i);
        return true;
      },
    );

    // Sidecar: reports the refused login, keeps collecting (the outbox rotates, drops counted).
    const s = sidecar('edge2', 'hotpath_edge2', WRONG, { outboxCapacity: 2 });
    const stats: SidecarStats = await s.waitFor((x) => x.lastError !== undefined && x.dropped > 0, WAIT_MS);
    console.log('sidecar with a wrong password:', JSON.stringify(stats));
    assert.equal(stats.connected, false);
    assert.match(stats.lastError ?? '', /Authorization Violation/i);
    const ticks = stats.ticks;
    await s.waitFor((x) => x.ticks >= ticks + 2, WAIT_MS);

    // The CLIs: credentials from RINGSIDE_NATS_USER / RINGSIDE_NATS_PASS, exit 1 with the reason.
    const env = { ...process.env, RINGSIDE_NATS_USER: 'approvals', RINGSIDE_NATS_PASS: WRONG };
    const [approvalsCli, observerCli] = await Promise.all([
      runCli([APPROVALS_MAIN, '--nats-url', natsUrl, '--seed-file', seedFile, '--log-level', 'silent'], env),
      runCli([OBSERVER_MAIN], {
        ...env,
        RINGSIDE_NATS_USER: 'observer',
        RINGSIDE_OBSERVER_CONFIG: JSON.stringify({ natsServers: natsUrl, prometheus: { port: 0 } }),
      }),
    ]);
    assert.equal(approvalsCli.code, 1, approvalsCli.stderr);
    assert.match(approvalsCli.stderr, /as user approvals: Authorization Violation/i);
    assert.ok(!approvalsCli.stderr.includes(WRONG));
    assert.equal(observerCli.code, 1, observerCli.stderr);
    assert.match(observerCli.stderr, /as user observer: Authorization Violation/i);
  });

  await t.test('the approvals CLI logs in with RINGSIDE_NATS_USER / RINGSIDE_NATS_PASS', async () => {
    const child = spawn(
      process.execPath,
      [APPROVALS_MAIN, '--nats-url', natsUrl, '--seed-file', seedFile, '--log-level', 'warn'],
      {
        env: {
          ...process.env,
          RINGSIDE_NATS_USER: 'approvals',
          RINGSIDE_NATS_PASS: PASSWORDS.RINGSIDE_NATS_PASS_APPROVALS,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const lines = createInterface({ input: child.stdout });
    try {
      const [first] = (await once(lines, 'line')) as [string];
      assert.equal((JSON.parse(first) as { event: string }).event, 'listening');
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, `exit ${code} ${signal}: ${stderr}`);
  });

  console.log(`nats-services-auth: done in ${Date.now() - started} ms`);
});
