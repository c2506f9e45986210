// State lives in JetStream, not in the service: a restarted service, and a nats-server that
// crashed (SIGKILL) and came back on the same store, both keep pending requests and the audit
// trail. A pre-existing stream without deny_delete/deny_purge is refused as the audit log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ListFilter, RequestState, RiskLevel } from '@ringside/contracts';
import type { ListRequestsResponse } from '@ringside/contracts';
import { natsServerSkipReason } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { ApprovalsError, ApprovalsErrorCode } from '../src/index.ts';
import type { ApprovalsConfig, ApprovalsServiceHandle } from '../src/index.ts';
import { configFor, connectClient, startNats, startService, writeSeedFile } from './harness.ts';
import type { Client, SeedFile } from './harness.ts';

const skip = natsServerSkipReason();
if (skip !== false) console.log(`SKIPPED approvals durability tests: ${skip}`);

let nats: NatsServerHandle;
let seed: SeedFile;
let config: ApprovalsConfig;
let service: ApprovalsServiceHandle;
let client: Client;

before(async () => {
  if (skip !== false) return;
  nats = await startNats();
  seed = writeSeedFile();
  config = configFor(nats, seed);
  service = await startService(config);
  client = connectClient(service.port);
});

after(async () => {
  if (skip !== false) return;
  client.close();
  await service.close();
  await nats.stop();
  seed.remove();
});

async function createPending(target: string): Promise<string> {
  const res = await client.call((c) => c.createRequest, {
    action: 'Resume',
    target,
    host: 'hot-1',
    reason: 'halt cleared',
    requester: 'ops',
    risk: RiskLevel.CRITICAL,
  });
  assert.ok(res.request);
  return res.request.id;
}

const listPending = (): Promise<ListRequestsResponse> =>
  client.call((c) => c.listRequests, { filter: ListFilter.PENDING, limit: 0 });

test(
  'a restarted service keeps pending requests (state is in KV, not in the process)',
  { skip },
  async () => {
    const id = await createPending('survives-service-restart');
    client.close();
    await service.close();
    service = await startService(config);
    client = connectClient(service.port);
    assert.ok(
      (await listPending()).requests.some((r) => r.id === id && r.target === 'survives-service-restart'),
    );
    const res = await client.call((c) => c.approve, { id, approver: 'alice', comment: '' });
    assert.equal(res.request?.state, RequestState.APPROVED);
  },
);

test('nats-server killed and restarted: pending requests and the audit trail survive', { skip }, async () => {
  const id = await createPending('survives-nats-crash');
  await nats.kill('SIGKILL');
  await nats.restart();
  // The service reconnects by itself (maxReconnectAttempts -1); bounded wait in count and time.
  const deadline = Date.now() + 20_000;
  let listed: ListRequestsResponse | undefined;
  for (let attempt = 0; attempt < 100 && Date.now() < deadline && listed === undefined; attempt++) {
    try {
      listed = await listPending();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.ok(listed, 'service did not recover within 20 s of the nats-server restart');
  assert.ok(listed.requests.some((r) => r.id === id));
  const res = await client.call((c) => c.approve, { id, approver: 'bob', comment: 'after crash' });
  assert.equal(res.request?.state, RequestState.APPROVED);
  const log = await client.call((c) => c.getAuditLog, { fromSeq: 0, toSeq: 0, limit: 0, requestId: id });
  assert.deepEqual(
    log.records.map((r) => r.kind),
    ['REQUEST_CREATED', 'APPROVAL_RECORDED', 'REQUEST_APPROVED', 'TOKEN_ISSUED'],
  );
});

test('an existing stream without deny_delete/deny_purge is refused as the audit log', { skip }, async () => {
  const nc = await connect({ servers: nats.url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'PLAIN', subjects: ['plain.audit.>'] });
  } finally {
    await nc.close();
  }
  await assert.rejects(
    startService({ ...config, bucket: 'other', auditStream: 'PLAIN', auditSubject: 'plain.audit' }),
    (err: unknown) => err instanceof ApprovalsError && err.code === ApprovalsErrorCode.BAD_CONFIG,
  );
});
