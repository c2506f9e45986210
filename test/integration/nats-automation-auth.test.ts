// The automation service as NATS user `automation` against nats-server running
// deploy/nats/nats-secure.conf itself (copied with users.conf into a temp dir, passwords from the
// environment as in production): it creates and writes its own audit stream, reads telemetry
// published by `hotpath_edge1`, and its alert reaches `observer`, with no permission violation
// reported by the server. The same user is still refused purging/deleting/updating its own
// audit stream, the JetStream API of other streams, and the approvals KV bucket; a wrong
// password is a clear AutomationError naming the user, never the password.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { PermissionViolationError, connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseApprovalsConfig } from '@ringside/approvals';
import { ConsumerState, LifecycleState, StateSnapshot, telemetrySubject } from '@ringside/contracts';
import { REPO_ROOT, natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import { pino } from 'pino';
// @ringside/automation is not (yet) a root devDependency: its public index by path.
import {
  AuditKind,
  AutomationError,
  AutomationErrorCode,
  parseAutomationConfig,
  parseRunbook,
  startAutomation,
} from '@ringside/automation';
import type { AutomationConfig } from '@ringside/automation';

const DEPLOY = path.join(REPO_ROOT, 'deploy', 'nats');
const PASSWORDS = {
  RINGSIDE_NATS_PASS_HOTPATH_EDGE1: 'automation-test-edge1',
  RINGSIDE_NATS_PASS_HOTPATH_EDGE2: 'automation-test-edge2',
  RINGSIDE_NATS_PASS_OBSERVER: 'automation-test-observer',
  RINGSIDE_NATS_PASS_AUTOMATION: 'automation-test-automation',
  RINGSIDE_NATS_PASS_APPROVALS: 'automation-test-approvals',
} as const;
const WRONG = 'not-the-password';
const WAIT_MS = 8_000;
const WINDOW_MS = 300;
// The approvals service's real bucket name (default of its config schema).
const KV_PREFIX = `$KV.${parseApprovalsConfig({ natsUrl: 'nats://127.0.0.1:4222', seedFile: 'unused' }).bucket}`;

const skip = natsServerSkipReason();
if (skip !== false) console.log(`nats-automation-auth: SKIPPED, ${skip}`);

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

/** Automation's config as the tests use it: no admin hosts, alert-only runbooks. */
function automationConfig(natsUrl: string, auth: object): AutomationConfig {
  return parseAutomationConfig({
    natsUrl,
    runbookDir: '(inline)',
    adminAddresses: {},
    approvalsAddress: '127.0.0.1:1', // never called: the runbook only alerts
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    ...auth,
  });
}

const RUNBOOK = parseRunbook(
  `name: lag-alert
description: a consumer lags, tell a human
trigger: { source: state, condition: "consumer lag > 4096", for: ${WINDOW_MS}ms }
risk: low
cooldown: 1h
steps:
  - alert: {}
`,
  'inline-lag-alert.yaml',
);

/** Every permission violation the server reports to `nc`. */
function violationsOf(nc: NatsConnection): PermissionViolationError[] {
  const seen: PermissionViolationError[] = [];
  void (async () => {
    for await (const s of nc.status())
      if (s.type === 'error' && s.error instanceof PermissionViolationError) seen.push(s.error);
  })();
  return seen;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (let i = 0; i < 1_000 && Date.now() < deadline; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('automation config: credentials optional, user and pass together', () => {
  const url = 'nats://127.0.0.1:4222';
  assert.doesNotThrow(() => automationConfig(url, {}), 'no credentials (an open server) stays valid');
  const c = automationConfig(url, { natsUser: 'automation', natsPass: 'p' });
  assert.equal(c.natsUser, 'automation');
  assert.equal(c.natsPass, 'p');
  const bad = (auth: object, why: string): void =>
    assert.throws(
      () => automationConfig(url, auth),
      (e: unknown) => e instanceof AutomationError && e.code === AutomationErrorCode.BAD_CONFIG,
      why,
    );
  bad({ natsUser: 'automation' }, 'user without pass');
  bad({ natsPass: 'p' }, 'pass without user');
  bad({ natsUser: '', natsPass: 'p' }, 'empty user');
  bad({ natsUser: 'automation', natsPass: '' }, 'empty pass');
  bad({ natsToken: 't' }, 'no token auth (strict config)');
});

test('automation runs as NATS user automation (nats-secure.conf)', { skip, timeout: 40_000 }, async (t) => {
  const started = Date.now();
  // Torn down last-in first-out: clients before the server, the server before its files.
  const cleanups: Array<() => unknown> = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-nats-automation-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  // nats-server resolves $RINGSIDE_NATS_PASS_* from its environment, inherited from ours.
  for (const [name, value] of Object.entries(PASSWORDS)) process.env[name] = value;
  cleanups.push(() => {
    for (const name of Object.keys(PASSWORDS)) delete process.env[name];
  });
  const server = await startNatsServer({ args: ['-c', copySecureConfig(dir)] });
  cleanups.push(() => server.stop());
  const natsUrl = server.url;
  console.log(`nats-automation-auth: server ${natsUrl}, window ${WINDOW_MS} ms, wait ${WAIT_MS} ms`);
  const open = async (user: string, pass: string, extra: object = {}): Promise<NatsConnection> => {
    const nc = await connect({ servers: natsUrl, user, pass, name: `test-${user}`, ...extra });
    cleanups.push(() => nc.close().catch(() => {}));
    return nc;
  };

  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const automation = await startAutomation(
    automationConfig(natsUrl, { natsUser: 'automation', natsPass: PASSWORDS.RINGSIDE_NATS_PASS_AUTOMATION }),
    { logger, runbooks: [RUNBOOK] },
  );
  cleanups.push(() => automation.close());

  await t.test('telemetry from hotpath_edge1 fires the runbook; the alert reaches observer', async () => {
    const observer = await open('observer', PASSWORDS.RINGSIDE_NATS_PASS_OBSERVER);
    const alerts: Array<Record<string, unknown>> = [];
    observer.subscribe('ringside.alerts.>', {
      callback: (err, msg) => {
        if (err === null)
          alerts.push({ subject: msg.subject, ...(msg.json<Record<string, unknown>>() ?? {}) });
      },
    });
    await observer.flush();
    const edge1 = await open('hotpath_edge1', PASSWORDS.RINGSIDE_NATS_PASS_HOTPATH_EDGE1);
    const edge1Violations = violationsOf(edge1);
    const end = Date.now() + WINDOW_MS * 3;
    for (let i = 1; i <= 100 && Date.now() < end; i++) {
      const msg = StateSnapshot.fromPartial({
        stamp: { host: 'edge1', monoNs: Number(process.hrtime.bigint()), sequence: i, bootId: 'boot-1' },
        state: LifecycleState.READY,
        consumers: [{ id: 2, name: 'decision-2', state: ConsumerState.ACTIVE, lag: 10_000 }],
      });
      edge1.publish(telemetrySubject('edge1', 'state'), StateSnapshot.encode(msg).finish());
      await sleep(40);
    }
    await edge1.flush();
    const alert = await until('an alert on ringside.alerts.edge1', () => alerts[0]);
    assert.equal(alert['subject'], 'ringside.alerts.edge1');
    assert.equal(alert['runbook'], 'lag-alert');
    assert.equal(alert['host'], 'edge1');
    assert.ok(await automation.idle(), 'the incident finished');
    assert.equal(automation.incidents(), 1, 'cooldown: one firing');
    assert.equal(alerts.length, 1);
    assert.equal(automation.malformed(), 0);
    assert.deepEqual(edge1Violations, []);

    // The audit stream (created by automation itself, as automation) holds the whole incident.
    const records = await automation.audit.readAll();
    assert.equal(automation.audit.stream, 'RINGSIDE_AUTOMATION_AUDIT');
    const kinds = records.map((r) => r.kind);
    assert.deepEqual(
      kinds,
      [AuditKind.TRIGGER, AuditKind.DECISION, AuditKind.CALL, AuditKind.RESULT],
      JSON.stringify(records),
    );
    assert.ok(records.every((r) => r.host === 'edge1' && r.runbook === 'lag-alert'));
    assert.equal(new Set(records.map((r) => r.incident)).size, 1);
    assert.equal(records[1]?.detail['decision'], 'alert');
    assert.equal(records[3]?.detail['ok'], true);
    // Automation logs every NATS status; a permission violation would show as an error status.
    const statuses = logLines.filter((l) => l.includes('NATS connection status'));
    assert.ok(!statuses.some((l) => l.includes('"nats":"error"')), statuses.join('\n'));
    // And the server's side: it logs every refused publish/subscribe ("Publish Violation - User").
    assert.doesNotMatch(server.logs(), /Violation/);
  });

  await t.test('automation still cannot purge its own audit stream or touch the approvals KV', async () => {
    // The same user with the same inbox prefix as the service: exactly its permissions.
    const nc = await open('automation', PASSWORDS.RINGSIDE_NATS_PASS_AUTOMATION, {
      inboxPrefix: '_INBOX_automation',
    });
    const violations = violationsOf(nc);
    const refused = async (operation: 'publish' | 'subscription', subject: string): Promise<void> => {
      await nc.flush(); // the server's -ERR comes before the PONG of this flush
      await until(`${operation} to ${subject} refused`, () =>
        violations.some((v) => v.operation === operation && v.subject === subject) ? true : undefined,
      );
    };
    const stream = automation.audit.stream;
    const jsm = await jetstreamManager(nc, { timeout: 2_000 });
    const before = (await jsm.streams.info(stream)).state;
    assert.equal(before.messages, 4, 'allowed: info of its own stream');

    // Through the JetStream client: the API request is refused, nothing happens.
    await assert.rejects(jsm.streams.purge(stream));
    await assert.rejects(jsm.streams.deleteMessage(stream, 1));
    await assert.rejects(jsm.streams.delete(stream));
    await assert.rejects(
      new Kvm(nc).open(KV_PREFIX.slice('$KV.'.length)).then((kv) => kv.put('req.r1', 'x')),
    );
    for (const subject of [
      `$JS.API.STREAM.PURGE.${stream}`,
      `$JS.API.STREAM.MSG.DELETE.${stream}`,
      `$JS.API.STREAM.DELETE.${stream}`,
    ])
      await refused('publish', subject);

    // Raw publishes and subscriptions the server must refuse.
    for (const subject of [
      `$JS.API.STREAM.UPDATE.${stream}`,
      '$JS.API.STREAM.CREATE.OTHER_STREAM',
      `$JS.API.STREAM.INFO.KV_${KV_PREFIX.slice('$KV.'.length)}`,
      '$JS.API.STREAM.LIST',
      `${KV_PREFIX}.req.r1`,
      'ringside.approvals.audit.approved',
      'ringside.edge1.state',
    ]) {
      nc.publish(subject, '{}');
      await refused('publish', subject);
    }
    for (const subject of [`${KV_PREFIX}.>`, '_INBOX.>', '$JS.API.>']) {
      const sub = nc.subscribe(subject);
      await refused('subscription', subject);
      assert.ok((await sub.closed) instanceof PermissionViolationError, subject);
    }

    // The stream is untouched: same records, same sequences, still deny_delete + deny_purge.
    const after = await jsm.streams.info(stream);
    assert.equal(after.state.messages, before.messages);
    assert.equal(after.state.first_seq, before.first_seq);
    assert.equal(after.state.last_seq, before.last_seq);
    assert.equal(after.config.deny_purge, true);
    assert.equal(after.config.deny_delete, true);
    assert.equal((await automation.audit.readAll()).length, 4);
  });

  await t.test('wrong password: AutomationError naming the user, not the password', async () => {
    await assert.rejects(
      startAutomation(automationConfig(natsUrl, { natsUser: 'automation', natsPass: WRONG }), {
        logger: pino({ level: 'silent' }),
        runbooks: [RUNBOOK],
      }),
      (e: unknown) => {
        assert.ok(e instanceof AutomationError, String(e));
        assert.equal(e.code, AutomationErrorCode.UNAVAILABLE);
        assert.match(e.message, /as user automation: Authorization Violation/i);
        assert.ok(!e.message.includes(WRONG));
        return true;
      },
    );
  });

  console.log(`nats-automation-auth: done in ${Date.now() - started} ms`);
});
