// deploy/nats/users.conf against a real nats-server: every forbidden publish/subscribe is refused
// by the server (the client gets a PermissionViolationError on its status iterator, and a
// subscriber allowed to read the subject never sees the message), every allowed one goes
// through. Subject, bucket and stream names come from the services' own code (contracts
// telemetrySubject, approvals config defaults), so a rename there breaks this test.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { PermissionViolationError, connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseApprovalsConfig } from '@ringside/approvals';
import { TELEMETRY_KIND, telemetrySubject } from '@ringside/contracts';
import { REPO_ROOT, findNatsServer, natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';

const DEPLOY = path.join(REPO_ROOT, 'deploy', 'nats');
const PASSWORDS: Readonly<Record<string, string>> = {
  hotpath_edge1: 'test-pass-edge1',
  hotpath_edge2: 'test-pass-edge2',
  observer: 'test-pass-observer',
  automation: 'test-pass-automation',
  approvals: 'test-pass-approvals',
};
const ENV_OF: Readonly<Record<string, string>> = {
  hotpath_edge1: 'RINGSIDE_NATS_PASS_HOTPATH_EDGE1',
  hotpath_edge2: 'RINGSIDE_NATS_PASS_HOTPATH_EDGE2',
  observer: 'RINGSIDE_NATS_PASS_OBSERVER',
  automation: 'RINGSIDE_NATS_PASS_AUTOMATION',
  approvals: 'RINGSIDE_NATS_PASS_APPROVALS',
};
const WAIT_MS = 3_000;
// The approvals service's real names (defaults of its config schema).
const NAMES = parseApprovalsConfig({ natsUrl: 'nats://127.0.0.1:4222', seedFile: 'unused' });
const KV_PREFIX = `$KV.${NAMES.bucket}`;
const KINDS = Object.values(TELEMETRY_KIND);

const skip = natsServerSkipReason();
if (skip !== false) console.log(`nats-permissions: SKIPPED, ${skip}`);

/** users.conf verbatim, with the password variables it references defined above it. */
function testConfig(): string {
  const vars = Object.entries(ENV_OF).map(([user, env]) => `${env}: "${PASSWORDS[user]}"`);
  return `${vars.join('\n')}\n${readFileSync(path.join(DEPLOY, 'users.conf'), 'utf8')}`;
}

/** A connection as one user, recording every permission violation the server reports. */
class Client {
  readonly nc: NatsConnection;
  readonly violations: PermissionViolationError[] = [];

  private constructor(nc: NatsConnection) {
    this.nc = nc;
    void (async () => {
      for await (const s of nc.status())
        if (s.type === 'error' && s.error instanceof PermissionViolationError) this.violations.push(s.error);
    })();
  }

  static async open(server: NatsServerHandle, user: string): Promise<Client> {
    const pass = PASSWORDS[user];
    assert.ok(pass !== undefined, user);
    return new Client(await connect({ servers: server.url, user, pass, name: `test-${user}` }));
  }

  /** Resolves when the server has refused `operation` on `subject`; fails after WAIT_MS. */
  async refused(operation: 'publish' | 'subscription', subject: string): Promise<void> {
    await this.nc.flush().catch(() => {}); // -ERR is sent before the PONG of this flush
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      if (this.violations.some((v) => v.operation === operation && v.subject === subject)) return;
      await sleep(10);
    }
    assert.fail(`server did not refuse ${operation} to ${subject}; saw ${JSON.stringify(this.violations)}`);
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

/** Subscribes `subject` and remembers every message subject it receives, in order. */
function witness(
  client: Client,
  subject: string,
): { seen: string[]; waitFor(s: string, payload?: string): Promise<void> } {
  const seen: string[] = [];
  const payloads: string[] = [];
  client.nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err !== null) return;
      seen.push(msg.subject);
      payloads.push(msg.string());
    },
  });
  return {
    seen,
    async waitFor(s: string, payload?: string): Promise<void> {
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        if (seen.some((x, i) => x === s && (payload === undefined || payloads[i] === payload))) return;
        await sleep(10);
      }
      assert.fail(`witness never received ${s}; saw ${JSON.stringify(seen)}`);
    },
  };
}

test('deploy/nats configs parse (nats-server -t)', { skip }, () => {
  const env = { ...process.env };
  for (const [user, name] of Object.entries(ENV_OF)) env[name] = PASSWORDS[user];
  const binary = findNatsServer() ?? 'nats-server';
  for (const file of ['nats.conf', 'nats-secure.conf']) {
    // Exit status 0 = valid (execFileSync throws otherwise); the verdict itself goes to stderr.
    const out = execFileSync(binary, ['-t', '-c', path.join(DEPLOY, file)], { env, stdio: 'pipe' });
    assert.ok(Buffer.isBuffer(out), file);
  }
  // Without the secrets the secure config must refuse to start, not run without passwords.
  const bare = { ...process.env };
  for (const name of Object.values(ENV_OF)) delete bare[name];
  assert.throws(() =>
    execFileSync(binary, ['-t', '-c', path.join(DEPLOY, 'nats-secure.conf')], { env: bare, stdio: 'pipe' }),
  );
});

test('per-service NATS permissions are enforced by the server', { skip, timeout: 40_000 }, async (t) => {
  const started = Date.now();
  const server = await startNatsServer({ jetstream: true, config: testConfig() });
  t.after(() => server.stop());
  const clients: Client[] = [];
  t.after(async () => {
    for (const c of clients) await c.close().catch(() => {});
  });
  const open = async (user: string): Promise<Client> => {
    const c = await Client.open(server, user);
    clients.push(c);
    return c;
  };
  console.log(`nats-permissions: server ${server.url}, bucket ${NAMES.bucket}, audit ${NAMES.auditStream}`);

  await t.test('no anonymous or wrong-password clients', async () => {
    await assert.rejects(connect({ servers: server.url, reconnect: false }));
    await assert.rejects(connect({ servers: server.url, user: 'observer', pass: 'nope', reconnect: false }));
  });

  // The approvals service sets up its bucket and audit stream exactly as RequestStore/AuditLog do.
  const approvals = await open('approvals');
  const kv = await new Kvm(approvals.nc).create(NAMES.bucket, { history: 10, storage: 'file' });
  const jsm = await jetstreamManager(approvals.nc);
  await jsm.streams.add({
    name: NAMES.auditStream,
    subjects: [`${NAMES.auditSubject}.>`],
    storage: 'file',
    deny_delete: true,
    deny_purge: true,
  });
  const js = jetstream(approvals.nc);

  const observer = await open('observer');
  const seen = witness(observer, 'ringside.*.>');
  await observer.nc.flush();
  const edge1 = await open('hotpath_edge1');
  const automation = await open('automation');

  await t.test('approvals: owns KV (create, CAS, keys) and the audit stream', async () => {
    const rev = await kv.create('req.r1', new TextEncoder().encode('PENDING'));
    const rev2 = await kv.update('req.r1', new TextEncoder().encode('APPROVED'), rev);
    await assert.rejects(kv.update('req.r1', new TextEncoder().encode('DENIED'), rev)); // stale CAS
    assert.equal((await kv.get('req.r1'))?.string(), 'APPROVED');
    assert.equal((await kv.get('req.r1'))?.revision, rev2);
    const keys: string[] = [];
    for await (const k of await kv.keys('req.>')) keys.push(k);
    assert.deepEqual(keys, ['req.r1']);
    const subject = `${NAMES.auditSubject}.approved`;
    const a1 = await js.publish(subject, 'audit-1', { msgID: 'audit-1' });
    const a2 = await js.publish(subject, 'audit-1', { msgID: 'audit-1' });
    assert.equal(a2.duplicate, true);
    assert.equal(a2.seq, a1.seq);
    assert.equal((await jsm.streams.getMessage(NAMES.auditStream, { seq: a1.seq }))?.string(), 'audit-1');
    await seen.waitFor(subject); // observers may read the audit trail
    assert.deepEqual(approvals.violations, []);
  });

  await t.test('hotpath: publishes its own four telemetry subjects, nothing else', async () => {
    for (const kind of KINDS) {
      edge1.nc.publish(telemetrySubject('edge1', kind), 'ok');
      await seen.waitFor(telemetrySubject('edge1', kind));
    }
    const forbidden = [
      telemetrySubject('edge2', TELEMETRY_KIND.METRICS), // another host
      'ringside.edge1.other', // not a telemetry kind
      'ringside.alerts.fake',
      `${NAMES.auditSubject}.approved`, // forging an audit record
      `${KV_PREFIX}.req.r1`,
      '$JS.API.STREAM.LIST',
    ];
    for (const subject of forbidden) {
      const before = seen.seen.length;
      edge1.nc.publish(subject, 'forbidden');
      await edge1.refused('publish', subject);
      // Same connection, published after: once it arrives, a leaked message would have too.
      edge1.nc.publish(telemetrySubject('edge1', TELEMETRY_KIND.STATE), `after ${subject}`);
      await seen.waitFor(telemetrySubject('edge1', TELEMETRY_KIND.STATE), `after ${subject}`);
      assert.ok(!seen.seen.slice(before).includes(subject), `${subject} leaked to a subscriber`);
    }
    const sub = edge1.nc.subscribe('ringside.>');
    await edge1.refused('subscription', 'ringside.>');
    assert.ok((await sub.closed) instanceof PermissionViolationError);
  });

  await t.test('observer: reads everything under ringside.*.>, publishes nothing', async () => {
    for (const subject of [
      telemetrySubject('edge1', TELEMETRY_KIND.METRICS),
      'ringside.alerts.x',
      '_INBOX.x',
    ]) {
      observer.nc.publish(subject, 'forbidden');
      await observer.refused('publish', subject);
    }
    for (const subject of ['_INBOX.>', `${KV_PREFIX}.>`, '>']) {
      const sub = observer.nc.subscribe(subject);
      await observer.refused('subscription', subject);
      assert.ok((await sub.closed) instanceof PermissionViolationError, subject);
    }
    edge1.nc.publish(telemetrySubject('edge1', TELEMETRY_KIND.EVENTS), 'sentinel-observer');
    await seen.waitFor(telemetrySubject('edge1', TELEMETRY_KIND.EVENTS), 'sentinel-observer');
    assert.ok(!seen.seen.includes('ringside.alerts.x'));
  });

  await t.test('automation: raises alerts, cannot touch approvals KV, audit or JetStream API', async () => {
    automation.nc.publish('ringside.alerts.risk', 'limit breached');
    await seen.waitFor('ringside.alerts.risk', 'limit breached');
    const auditBefore = (await jsm.streams.info(NAMES.auditStream)).state.messages;
    const kvBefore = (await jsm.streams.info(`KV_${NAMES.bucket}`)).state.messages;
    const forbidden = [
      `${KV_PREFIX}.x`,
      `${KV_PREFIX}.req.r1`, // overwrite a decision
      `${KV_PREFIX}.req.forged`,
      `${NAMES.auditSubject}.approved`,
      `$JS.API.STREAM.DELETE.KV_${NAMES.bucket}`,
      `$JS.API.STREAM.PURGE.KV_${NAMES.bucket}`,
      `$JS.API.STREAM.DELETE.${NAMES.auditStream}`,
    ];
    for (const subject of forbidden) {
      const before = seen.seen.length;
      automation.nc.publish(subject, 'APPROVED');
      await automation.refused('publish', subject);
      automation.nc.publish('ringside.alerts.sentinel', `after ${subject}`);
      await seen.waitFor('ringside.alerts.sentinel', `after ${subject}`);
      assert.ok(!seen.seen.slice(before).includes(subject), `${subject} leaked to a subscriber`);
    }
    // With the JetStream client too: the put is refused (its request fails), nothing stored.
    await assert.rejects(
      jetstream(automation.nc).publish(`${KV_PREFIX}.req.js`, 'APPROVED', { timeout: 2_000 }),
    );
    await assert.rejects(new Kvm(automation.nc).open(NAMES.bucket).then((b) => b.put('req.r1', 'x')));
    const sub = automation.nc.subscribe('_INBOX.>');
    await automation.refused('subscription', '_INBOX.>');
    assert.ok((await sub.closed) instanceof PermissionViolationError);

    // The owner's view: nothing changed.
    assert.equal((await kv.get('req.r1'))?.string(), 'APPROVED');
    for (const key of ['x', 'req.forged', 'req.js']) assert.equal(await kv.get(key), null, key);
    assert.equal((await jsm.streams.info(NAMES.auditStream)).state.messages, auditBefore);
    assert.equal((await jsm.streams.info(`KV_${NAMES.bucket}`)).state.messages, kvBefore);
  });

  console.log(`nats-permissions: done in ${Date.now() - started} ms`);
});
