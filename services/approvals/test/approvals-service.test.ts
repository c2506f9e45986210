// The approvals service against a real nats-server (JetStream KV + stream) and a real gRPC
// server on 127.0.0.1: the whole workflow, its refusals, the two-person rule, racing approvers
// (compare-and-set: exactly one winner), the audit trail (every step, no purge, no delete,
// msgID dedupe). Restarts and crashes: approvals-durability.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ListFilter, RequestState, RiskLevel, TokenVerdict } from '@ringside/contracts';
import type { ApprovalRequest, ApproveResponse, CreateRequestRequest } from '@ringside/contracts';
import { natsServerSkipReason } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { AuditKind, TokenStatus, verifyApprovalToken } from '../src/index.ts';
import type { ApprovalsConfig, ApprovalsServiceHandle } from '../src/index.ts';
import { configFor, connectClient, grpcCode, startNats, startService, writeSeedFile } from './harness.ts';
import type { Client, SeedFile } from './harness.ts';

const skip = natsServerSkipReason();
if (skip !== false) console.log(`SKIPPED approvals service tests: ${skip}`);

let nats: NatsServerHandle;
let seed: SeedFile;
let config: ApprovalsConfig;
let service: ApprovalsServiceHandle;
let client: Client;
// The service's clock runs ahead by clockOffsetMs, so tests can age tokens.
let clockOffsetMs = 0;
const now = (): number => Date.now() + clockOffsetMs;

before(async () => {
  if (skip !== false) return;
  nats = await startNats();
  seed = writeSeedFile();
  config = configFor(nats, seed, { twoPersonActions: ['RequestRestart'], tokenTtlMs: 60_000 });
  service = await startService(config, now);
  client = connectClient(service.port);
});

after(async () => {
  if (skip !== false) return;
  client.close();
  await service.close();
  await nats.stop();
  seed.remove();
});

let counter = 0;
function newRequest(overrides: Partial<CreateRequestRequest> = {}): CreateRequestRequest {
  counter++;
  return {
    action: 'DropConsumer',
    target: String(counter),
    host: 'hot-1',
    reason: `consumer ${counter} lags 2 s`,
    requester: 'automation',
    risk: RiskLevel.HIGH,
    ...overrides,
  };
}

async function create(overrides: Partial<CreateRequestRequest> = {}): Promise<ApprovalRequest> {
  const res = await client.call((c) => c.createRequest, newRequest(overrides));
  assert.ok(res.request);
  return res.request;
}

function approve(id: string, approver: string): Promise<ApproveResponse> {
  return client.call((c) => c.approve, { id, approver, comment: `ok from ${approver}` });
}

test('create → list → approve → the token verifies once, with every other verdict', { skip }, async () => {
  const req = await create();
  assert.equal(req.state, RequestState.PENDING);
  assert.equal(req.approvalsRequired, 1);
  const pending = await client.call((c) => c.listRequests, { filter: ListFilter.PENDING, limit: 0 });
  assert.ok(pending.requests.some((r) => r.id === req.id));

  const res = await approve(req.id, 'alice');
  assert.equal(res.request?.state, RequestState.APPROVED);
  assert.notEqual(res.token, '');
  const got = await client.call((c) => c.getRequest, { id: req.id });
  assert.equal(got.request?.token, res.token);
  const decided = await client.call((c) => c.listRequests, { filter: ListFilter.DECIDED, limit: 0 });
  assert.ok(decided.requests.some((r) => r.id === req.id));
  assert.ok(
    !(await client.call((c) => c.listRequests, { filter: ListFilter.PENDING, limit: 0 })).requests.some(
      (r) => r.id === req.id,
    ),
  );

  // The hot path's view: public key only.
  const scope = { publicKey: service.publicKey, action: 'DropConsumer', target: req.target, host: 'hot-1' };
  assert.equal(service.publicKey, seed.publicKey);
  const seenIds = new Set<string>();
  assert.equal(verifyApprovalToken(res.token, { ...scope, now: Date.now(), seenIds }).status, TokenStatus.OK);
  assert.equal(
    verifyApprovalToken(res.token, { ...scope, now: Date.now(), seenIds }).status,
    TokenStatus.REUSED,
  );
  assert.equal(
    verifyApprovalToken(res.token, { ...scope, host: 'hot-2', now: Date.now() }).status,
    TokenStatus.WRONG_SCOPE,
  );
  assert.equal(
    verifyApprovalToken(res.token, { ...scope, now: Date.now() + 61_000 }).status,
    TokenStatus.EXPIRED,
  );
  // Tampered: the payload re-scoped to another target, the original signature kept.
  const [prefix, payload, sig] = res.token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const tampered = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, tgt: '999' })).toString('base64url')}.${sig}`;
  assert.equal(
    verifyApprovalToken(tampered, { ...scope, target: '999', now: Date.now() }).status,
    TokenStatus.BAD_SIGNATURE,
  );

  // The service's own check consumes the token for every caller (KV create on the token id).
  const verify = (token: string, host = 'hot-1') =>
    client.call((c) => c.verifyToken, {
      token,
      action: 'DropConsumer',
      target: req.target,
      host,
      presenter: 'hot-1',
    });
  assert.equal((await verify(res.token, 'hot-2')).verdict, TokenVerdict.WRONG_SCOPE);
  const first = await verify(res.token);
  assert.equal(first.verdict, TokenVerdict.OK);
  assert.equal(first.requestId, req.id);
  assert.equal((await verify(res.token)).verdict, TokenVerdict.REUSED);
  assert.equal((await verify('garbage')).verdict, TokenVerdict.MALFORMED);
});

test('a token past its expiry on the service clock is EXPIRED', { skip }, async () => {
  const req = await create();
  const { token } = await approve(req.id, 'bob');
  clockOffsetMs = 120_000;
  try {
    const r = await client.call((c) => c.verifyToken, {
      token,
      action: 'DropConsumer',
      target: req.target,
      host: 'hot-1',
      presenter: 'x',
    });
    assert.equal(r.verdict, TokenVerdict.EXPIRED);
  } finally {
    clockOffsetMs = 0;
  }
});

test('refusals: INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION', { skip }, async () => {
  const bad = await grpcCode(client.call((c) => c.createRequest, newRequest({ action: '', host: 'hot 1' })));
  assert.equal(bad.code, status.INVALID_ARGUMENT);
  assert.match(bad.details, /action is required/);
  assert.match(bad.details, /host may contain only/);
  assert.equal(
    (await grpcCode(client.call((c) => c.createRequest, newRequest({ risk: RiskLevel.UNSPECIFIED })))).code,
    status.INVALID_ARGUMENT,
  );
  assert.equal(
    (await grpcCode(client.call((c) => c.getRequest, { id: 'nope' }))).code,
    status.INVALID_ARGUMENT,
  );
  const missing = await grpcCode(
    client.call((c) => c.getRequest, { id: '00000000-0000-4000-8000-000000000000' }),
  );
  assert.equal(missing.code, status.NOT_FOUND);
  assert.equal(
    (await grpcCode(client.call((c) => c.listRequests, { filter: Number(9) as ListFilter, limit: 0 }))).code,
    status.INVALID_ARGUMENT,
  );

  const req = await create();
  assert.equal((await grpcCode(approve(req.id, 'automation'))).code, status.FAILED_PRECONDITION); // own request
  await approve(req.id, 'alice');
  const twice = await grpcCode(approve(req.id, 'carol'));
  assert.equal(twice.code, status.FAILED_PRECONDITION);
  assert.match(twice.details, /already approved/);
  assert.equal(
    (await grpcCode(client.call((c) => c.deny, { id: req.id, approver: 'carol', comment: '' }))).code,
    status.FAILED_PRECONDITION,
  );
});

test('deny: the request is decided, no token, later approvals refused', { skip }, async () => {
  const req = await create();
  const res = await client.call((c) => c.deny, {
    id: req.id,
    approver: 'dave',
    comment: 'not during the open',
  });
  assert.equal(res.request?.state, RequestState.DENIED);
  assert.equal(res.request?.denial?.approver, 'dave');
  assert.equal(res.request?.token, '');
  assert.equal((await grpcCode(approve(req.id, 'alice'))).code, status.FAILED_PRECONDITION);
});

test('two-person rule: two distinct approvers; the same one twice does not count', { skip }, async () => {
  const req = await create({ action: 'RequestRestart', target: 'hotpath' });
  assert.equal(req.approvalsRequired, 2);
  const one = await approve(req.id, 'alice');
  assert.equal(one.token, '');
  assert.equal(one.request?.state, RequestState.PENDING);
  const again = await grpcCode(approve(req.id, 'alice'));
  assert.equal(again.code, status.FAILED_PRECONDITION);
  assert.match(again.details, /different approver/);
  const two = await approve(req.id, 'bob');
  assert.equal(two.request?.state, RequestState.APPROVED);
  assert.deepEqual(
    two.request?.approvals.map((a) => a.approver),
    ['alice', 'bob'],
  );
  const v = verifyApprovalToken(two.token, {
    publicKey: service.publicKey,
    action: 'RequestRestart',
    target: 'hotpath',
    host: 'hot-1',
    now: Date.now(),
  });
  assert.ok(v.status === 'OK');
  assert.deepEqual(v.claims.apr, ['alice', 'bob']);
});

test('racing approvers: exactly one wins each request (compare-and-set)', { skip }, async () => {
  const ROUNDS = 6;
  const RACERS = 6;
  console.log(
    `race: ${ROUNDS} rounds x ${RACERS} concurrent approvers over 2 service instances, then two-person`,
  );
  // Half the racers go through a second service instance on the same bucket: the KV's
  // compare-and-set, not one process's event loop, decides the winner.
  const second = await startService(config, now);
  const client2 = connectClient(second.port);
  const via = (i: number, id: string): Promise<ApproveResponse> =>
    i % 2 === 0
      ? approve(id, `approver${i}`)
      : client2.call((c) => c.approve, { id, approver: `approver${i}`, comment: 'second instance' });
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const req = await create();
      const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => via(i, req.id)));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${won.length} winners`);
      for (const r of results)
        if (r.status === 'rejected')
          assert.equal((r.reason as { code: number }).code, status.FAILED_PRECONDITION);
      const final = await client.call((c) => c.getRequest, { id: req.id });
      assert.equal(final.request?.approvals.length, 1);
      assert.equal(final.request?.token, (won[0] as PromiseFulfilledResult<ApproveResponse>).value.token);
    }
    // Two-person under contention: exactly two approvals land, exactly one response has the token.
    const req = await create({ action: 'RequestRestart', target: 'race' });
    const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => via(i, req.id)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    assert.equal(won.length, 2);
    assert.equal(won.filter((w) => w.token !== '').length, 1);
    const final = await client.call((c) => c.getRequest, { id: req.id });
    assert.equal(final.request?.approvals.length, 2);
    assert.equal(new Set(final.request?.approvals.map((a) => a.approver)).size, 2);
  } finally {
    client2.close();
    await second.close();
  }
});

test(
  'audit log: every step recorded; the stream refuses purge and delete; msgID dedupes',
  { skip },
  async () => {
    const req = await create({ action: 'RequestRestart', target: 'audit' });
    await approve(req.id, 'alice');
    const { token } = await approve(req.id, 'bob');
    await client.call((c) => c.verifyToken, {
      token,
      action: 'RequestRestart',
      target: 'audit',
      host: 'hot-1',
      presenter: 'hot-1',
    });
    await client.call((c) => c.verifyToken, {
      token,
      action: 'RequestRestart',
      target: 'audit',
      host: 'hot-1',
      presenter: 'hot-1',
    });
    const denied = await create();
    await client.call((c) => c.deny, { id: denied.id, approver: 'carol', comment: 'no' });

    const log = await client.call((c) => c.getAuditLog, {
      fromSeq: 0,
      toSeq: 0,
      limit: 0,
      requestId: req.id,
    });
    assert.deepEqual(
      log.records.map((r) => r.kind),
      [
        AuditKind.REQUEST_CREATED,
        AuditKind.APPROVAL_RECORDED,
        AuditKind.APPROVAL_RECORDED,
        AuditKind.REQUEST_APPROVED,
        AuditKind.TOKEN_ISSUED,
        AuditKind.TOKEN_VERIFIED,
        AuditKind.TOKEN_REJECTED,
      ],
    );
    assert.deepEqual(log.records.map((r) => r.actor).slice(0, 3), ['automation', 'alice', 'bob']);
    assert.equal(JSON.parse(log.records[6]?.detailJson ?? '{}').verdict, 'REUSED');
    const d = await client.call((c) => c.getAuditLog, {
      fromSeq: 0,
      toSeq: 0,
      limit: 0,
      requestId: denied.id,
    });
    assert.deepEqual(
      d.records.map((r) => r.kind),
      [AuditKind.REQUEST_CREATED, AuditKind.REQUEST_DENIED],
    );
    const window = await client.call((c) => c.getAuditLog, { fromSeq: 2, toSeq: 4, limit: 0, requestId: '' });
    assert.deepEqual(
      window.records.map((r) => r.seq),
      [2, 3, 4],
    );
    assert.equal(
      (await grpcCode(client.call((c) => c.getAuditLog, { fromSeq: 5, toSeq: 2, limit: 0, requestId: '' })))
        .code,
      status.INVALID_ARGUMENT,
    );

    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const before = (await jsm.streams.info(config.auditStream)).state.messages;
      await assert.rejects(jsm.streams.purge(config.auditStream), /purge/i);
      await assert.rejects(jsm.streams.deleteMessage(config.auditStream, 1), /delete/i);
      const js = jetstream(nc);
      const a = await js.publish(`${config.auditSubject}.TEST`, '{}', { msgID: 'dedupe-check' });
      const b = await js.publish(`${config.auditSubject}.TEST`, '{}', { msgID: 'dedupe-check' });
      assert.equal(b.duplicate, true);
      assert.equal(b.seq, a.seq);
      assert.equal((await jsm.streams.info(config.auditStream)).state.messages, before + 1);
    } finally {
      await nc.close();
    }
  },
);
