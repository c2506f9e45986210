// The gRPC admin server over real gRPC on 127.0.0.1, with the generated AdminServiceClient, and an
// in-test backend over a REAL BroadcastRing: consumer calls change the ring's consumer state, and
// status reads the ring's real lag and loss. Approval tokens are signed here with an nkeys seed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, credentials, makeGenericClientConstructor, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { createUser } from '@nats-io/nkeys';
import { issueApprovalToken } from '@ringside/approval-token';
import {
  AdminServiceClient,
  ConsumerState as ProtoConsumerState,
  DropConsumerRequest,
  HaltRequest,
  IsolateConsumerRequest,
  LifecycleState,
  ReadmitConsumerRequest,
  RequestRestartRequest,
  ResumeRequest,
  SetShedLevelRequest,
  StateSnapshot,
} from '@ringside/contracts';
import type {
  ConsumerStatus,
  DropConsumerResponse,
  HaltResponse,
  IsolateConsumerResponse,
  LatencyReportResponse,
  ListConsumersResponse,
  ReadmitConsumerResponse,
  RequestRestartResponse,
  ResumeResponse,
  SetShedLevelResponse,
  StatusResponse,
} from '@ringside/contracts';
import { BroadcastRing, BroadcastStatus, ConsumerState } from '@ringside/ring';
import type { BroadcastConsumer } from '@ringside/ring';
import { service as healthService } from 'grpc-health-check';
import { AdminError, AdminErrorCode, startAdminServer } from '../src/index.ts';
import type { AdminBackend, AdminServerHandle, AdminStatus } from '../src/index.ts';

const HOST = 'hot-1';
const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
const AUTOMATION = 'automation-token-0123456789';
const signer = createUser();
// Wed 2026-11-25 15:00 UTC = 10:00 New York (session open); 22:00 UTC = 17:00 (closed).
const IN_SESSION = Date.UTC(2026, 10, 25, 15, 0);
const AFTER_SESSION = Date.UTC(2026, 10, 25, 22, 0);

/** The conductor's part, played over a real ring. */
class RingBackend implements AdminBackend {
  readonly ring = BroadcastRing.create({ capacity: 64 });
  readonly producer = this.ring.attachProducer();
  readonly consumers: BroadcastConsumer[] = [];
  readonly names = ['fast', 'slow', 'spare'];
  shed = 0;
  automaticShed = 2;
  halted = false;
  restarts = 0;
  private servingListener: ((serving: boolean) => void) | undefined;

  constructor() {
    for (let k = 0; k < this.names.length; k++) this.consumers.push(this.ring.attachConsumer({ index: k }));
  }

  setServing(serving: boolean): void {
    this.servingListener?.(serving);
  }

  private consumer(id: number): ConsumerStatus | undefined {
    if (id >= this.names.length) return undefined;
    const st = this.ring.consumerState(id);
    const state =
      st === ConsumerState.ACTIVE
        ? ProtoConsumerState.ACTIVE
        : st === ConsumerState.ISOLATED
          ? ProtoConsumerState.ISOLATED
          : ProtoConsumerState.DROPPED;
    return {
      id,
      name: this.names[id] ?? '',
      state,
      lag: this.ring.lag(id),
      loss: this.ring.loss(id),
      reason: st === ConsumerState.ACTIVE ? '' : 'operator',
    };
  }

  private change(id: number, apply: (id: number) => boolean): ConsumerStatus | undefined {
    if (this.consumer(id) === undefined) return undefined;
    if (!apply(id))
      throw new AdminError(AdminErrorCode.FAILED_PRECONDITION, `consumer ${id}: not allowed now`);
    return this.consumer(id);
  }

  private snapshot(): StateSnapshot {
    return StateSnapshot.fromPartial({
      state: LifecycleState.READY,
      consumers: this.listConsumers().slice(),
      shedLevel: this.shed,
      halted: this.halted,
      trusted: true,
    });
  }

  getStatus(): AdminStatus {
    return {
      state: this.snapshot(),
      automaticShedLevel: this.automaticShed,
      maxShedLevel: 4,
      version: '0.1.0-test',
      startedAt: new Date(IN_SESSION - 3_600_000),
    };
  }
  listConsumers(): readonly ConsumerStatus[] {
    return this.names.map((_, id) => this.consumer(id)).filter((c) => c !== undefined);
  }
  isolate(id: number): ConsumerStatus | undefined {
    return this.change(id, (k) => this.ring.isolate(k));
  }
  readmit(id: number): ConsumerStatus | undefined {
    return this.change(id, (k) => this.ring.readmit(k));
  }
  drop(id: number): ConsumerStatus | undefined {
    return this.change(id, (k) => this.ring.drop(k));
  }
  setShedLevel(level: number): { previous: number; level: number } {
    const previous = this.shed;
    this.shed = level;
    return { previous, level };
  }
  halt(): StateSnapshot {
    this.halted = true;
    return this.snapshot();
  }
  resume(): StateSnapshot {
    this.halted = false;
    return this.snapshot();
  }
  requestRestart(): { notBefore: Date } {
    this.restarts++;
    return { notBefore: new Date(AFTER_SESSION + 60_000) };
  }
  latencyReport(): LatencyReportResponse {
    return { host: HOST, trusted: true, windowStartMonoNs: 0, windowEndMonoNs: 0, segments: [] };
  }
  subscribeServing(listener: (serving: boolean) => void): () => void {
    this.servingListener = listener;
    listener(false);
    return () => {
      this.servingListener = undefined;
    };
  }
}

let backend: RingBackend;
let server: AdminServerHandle;
let client: AdminServiceClient;
let clock = IN_SESSION;

before(async () => {
  backend = new RingBackend();
  server = await startAdminServer({
    host: '127.0.0.1',
    port: 0,
    backend,
    tokens: { [VIEWER]: 'viewer', [OPERATOR]: 'operator', [AUTOMATION]: 'automation' },
    approvals: { publicKey: signer.getPublicKey(), host: HOST },
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    now: () => clock,
  });
  client = new AdminServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
  console.log(`admin server on 127.0.0.1:${server.port}, ring capacity ${backend.ring.capacity}`);
});

after(async () => {
  client.close();
  await server.close();
});

function md(token: string | undefined, approval?: string): Metadata {
  const m = new Metadata();
  if (token !== undefined) m.set('authorization', `Bearer ${token}`);
  if (approval !== undefined) m.set('ringside-approval-token', approval);
  return m;
}

type Callback<Res> = (err: ServiceError | null, res: Res) => void;

function rpc<Res>(start: (cb: Callback<Res>) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    start((err, res) => (err === null ? resolve(res) : reject(err)));
  });
}

// Typed wrappers: the generated client's overloads defeat inference through a generic helper.
const api = {
  status: (_r: object, m: Metadata) => rpc<StatusResponse>((cb) => client.status({}, m, cb)),
  listConsumers: (_r: object, m: Metadata) =>
    rpc<ListConsumersResponse>((cb) => client.listConsumers({}, m, cb)),
  latencyReport: (r: { includeEncoded: boolean }, m: Metadata) =>
    rpc<LatencyReportResponse>((cb) => client.latencyReport(r, m, cb)),
  isolateConsumer: (r: Partial<IsolateConsumerRequest>, m: Metadata) =>
    rpc<IsolateConsumerResponse>((cb) =>
      client.isolateConsumer(IsolateConsumerRequest.fromPartial(r), m, cb),
    ),
  readmitConsumer: (r: Partial<ReadmitConsumerRequest>, m: Metadata) =>
    rpc<ReadmitConsumerResponse>((cb) =>
      client.readmitConsumer(ReadmitConsumerRequest.fromPartial(r), m, cb),
    ),
  dropConsumer: (r: Partial<DropConsumerRequest>, m: Metadata) =>
    rpc<DropConsumerResponse>((cb) => client.dropConsumer(DropConsumerRequest.fromPartial(r), m, cb)),
  setShedLevel: (r: Partial<SetShedLevelRequest>, m: Metadata) =>
    rpc<SetShedLevelResponse>((cb) => client.setShedLevel(SetShedLevelRequest.fromPartial(r), m, cb)),
  halt: (r: Partial<HaltRequest>, m: Metadata) =>
    rpc<HaltResponse>((cb) => client.halt(HaltRequest.fromPartial(r), m, cb)),
  resume: (r: Partial<ResumeRequest>, m: Metadata) =>
    rpc<ResumeResponse>((cb) => client.resume(ResumeRequest.fromPartial(r), m, cb)),
  requestRestart: (r: Partial<RequestRestartRequest>, m: Metadata) =>
    rpc<RequestRestartResponse>((cb) => client.requestRestart(RequestRestartRequest.fromPartial(r), m, cb)),
};

async function refused(promise: Promise<unknown>, code: status, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: ServiceError) => {
    assert.equal(err.code, code, `expected ${status[code]}, got ${status[err.code]}: ${err.details}`);
    if (pattern !== undefined) assert.match(err.details, pattern);
    return true;
  });
}

function approval(
  action: string,
  target: string,
  overrides: { host?: string; expiresAt?: number } = {},
): string {
  return issueApprovalToken(signer, {
    requestId: `req-${action}-${target}`,
    action,
    target,
    host: overrides.host ?? HOST,
    approvers: ['alice'],
    issuedAt: clock - 1000,
    expiresAt: overrides.expiresAt ?? clock + 60_000,
  }).token;
}

const ctx = { requestId: 'r-1', reason: 'test' };

test('status and consumers with a viewer token read the real ring lag and loss', async () => {
  const payload = new Uint8Array(backend.ring.payloadBytes);
  for (let k = 0; k < 10; k++) assert.ok(backend.producer.offer(payload, 0) >= 0);
  const [fast] = backend.consumers;
  assert.ok(fast !== undefined && fast.receive(64) === 10);
  let list = await api.listConsumers({}, md(VIEWER));
  assert.deepEqual(
    list.consumers.map((c) => [c.id, c.name, c.lag, c.loss]),
    [
      [0, 'fast', 0, 0],
      [1, 'slow', 10, 0],
      [2, 'spare', 10, 0],
    ],
  );
  // Lap the slow consumer: it loses what was overwritten, and the ring counts it.
  for (let k = 0; k < 100; k++) assert.ok(backend.producer.offer(payload, 0) >= 0);
  assert.equal(backend.consumers[1]?.receive(64), BroadcastStatus.LAPPED);
  list = await api.listConsumers({}, md(VIEWER));
  const slow = list.consumers[1];
  assert.ok(slow !== undefined && slow.loss > 0 && slow.loss === backend.ring.loss(1));
  const st = await api.status({}, md(VIEWER));
  assert.equal(st.tradingSessionOpen, true);
  assert.equal(st.version, '0.1.0-test');
  assert.equal(st.state?.consumers.length, 3);
  assert.equal(st.state?.consumers[1]?.loss, slow.loss);
  const report = await api.latencyReport({ includeEncoded: false }, md(VIEWER));
  assert.equal(report.host, HOST);
});

test('no token → UNAUTHENTICATED; unknown token → UNAUTHENTICATED; viewer isolate → PERMISSION_DENIED', async () => {
  await refused(api.status({}, md(undefined)), status.UNAUTHENTICATED);
  await refused(api.status({}, md('not-a-known-token-at-all')), status.UNAUTHENTICATED);
  await refused(
    api.isolateConsumer({ context: ctx, consumerId: 2 }, md(VIEWER)),
    status.PERMISSION_DENIED,
    /needs role operator/,
  );
  assert.equal(backend.ring.consumerState(2), ConsumerState.ACTIVE);
});

test('isolate with an operator token changes the real ring consumer state', async () => {
  const res = await api.isolateConsumer({ context: ctx, consumerId: 2 }, md(OPERATOR));
  assert.equal(res.consumer?.state, ProtoConsumerState.ISOLATED);
  assert.equal(backend.ring.consumerState(2), ConsumerState.ISOLATED);
  // The isolated consumer obeys on its next receive: it skips to the head, counting loss.
  assert.equal(backend.consumers[2]?.receive(64), BroadcastStatus.ISOLATED);
  assert.equal(backend.ring.lag(2), 0);
  // Isolating again is not a valid transition.
  await refused(
    api.isolateConsumer({ context: ctx, consumerId: 2 }, md(AUTOMATION)),
    status.FAILED_PRECONDITION,
  );
});

test('bad arguments → INVALID_ARGUMENT; unknown consumer → NOT_FOUND', async () => {
  await refused(api.isolateConsumer({ consumerId: 0 }, md(OPERATOR)), status.INVALID_ARGUMENT);
  await refused(
    api.isolateConsumer({ context: { requestId: 'r', reason: '' }, consumerId: 0 }, md(OPERATOR)),
    status.INVALID_ARGUMENT,
  );
  await refused(
    api.setShedLevel({ context: ctx, level: 99 }, md(OPERATOR)),
    status.INVALID_ARGUMENT,
    /level must be in \[0, 4\]/,
  );
  await refused(api.isolateConsumer({ context: ctx, consumerId: 7 }, md(OPERATOR)), status.NOT_FOUND);
  // NOT_FOUND is decided before the approval is looked at, so a typo does not burn an approval.
  const token = approval('DropConsumer', '9');
  await refused(api.dropConsumer({ context: ctx, consumerId: 9 }, md(OPERATOR, token)), status.NOT_FOUND);
  assert.equal(backend.ring.consumerState(0), ConsumerState.ACTIVE);
});

test('drop: without approval, wrong scope, expired → PERMISSION_DENIED; valid → OK; reused → PERMISSION_DENIED', async () => {
  await refused(
    api.dropConsumer({ context: ctx, consumerId: 1 }, md(OPERATOR)),
    status.PERMISSION_DENIED,
    /needs an approval token/,
  );
  await refused(
    api.dropConsumer({ context: ctx, consumerId: 1 }, md(OPERATOR, approval('DropConsumer', '0'))),
    status.PERMISSION_DENIED,
    /WRONG_SCOPE/,
  );
  await refused(
    api.dropConsumer(
      { context: ctx, consumerId: 1 },
      md(OPERATOR, approval('DropConsumer', '1', { host: 'hot-2' })),
    ),
    status.PERMISSION_DENIED,
    /WRONG_SCOPE/,
  );
  await refused(
    api.dropConsumer(
      { context: ctx, consumerId: 1 },
      md(OPERATOR, approval('DropConsumer', '1', { expiresAt: clock })),
    ),
    status.PERMISSION_DENIED,
    /EXPIRED/,
  );
  const other = createUser();
  const forged = issueApprovalToken(other, {
    requestId: 'x',
    action: 'DropConsumer',
    target: '1',
    host: HOST,
    approvers: ['mallory'],
    issuedAt: clock,
    expiresAt: clock + 60_000,
  }).token;
  await refused(
    api.dropConsumer({ context: ctx, consumerId: 1 }, md(OPERATOR, forged)),
    status.PERMISSION_DENIED,
    /BAD_SIGNATURE/,
  );
  assert.equal(backend.ring.consumerState(1), ConsumerState.ACTIVE);

  const token = approval('DropConsumer', '1');
  const res = await api.dropConsumer({ context: ctx, consumerId: 1 }, md(OPERATOR, token));
  assert.equal(res.consumer?.state, ProtoConsumerState.DROPPED);
  assert.equal(backend.ring.consumerState(1), ConsumerState.DROPPED);
  assert.equal(backend.consumers[1]?.receive(64), BroadcastStatus.DROPPED);
  // Readmit it (approved), then try to drop again with the already-used token.
  const readmitted = await api.readmitConsumer(
    { context: ctx, consumerId: 1 },
    md(OPERATOR, approval('ReadmitConsumer', '1')),
  );
  assert.equal(readmitted.consumer?.state, ProtoConsumerState.ACTIVE);
  await refused(
    api.dropConsumer({ context: ctx, consumerId: 1 }, md(OPERATOR, token)),
    status.PERMISSION_DENIED,
    /REUSED/,
  );
  assert.equal(backend.ring.consumerState(1), ConsumerState.ACTIVE);
});

test('shed level: at or above automatic needs no approval; pinned below automatic does', async () => {
  const up = await api.setShedLevel({ context: ctx, level: 3 }, md(OPERATOR));
  assert.deepEqual([up.previousLevel, up.level], [0, 3]);
  await refused(api.setShedLevel({ context: ctx, level: 1 }, md(OPERATOR)), status.PERMISSION_DENIED);
  assert.equal(backend.shed, 3);
  const down = await api.setShedLevel(
    { context: ctx, level: 1 },
    md(AUTOMATION, approval('SetShedLevel', '1')),
  );
  assert.deepEqual([down.previousLevel, down.level], [3, 1]);
});

test('halt needs no approval; resume after halt does', async () => {
  const halted = await api.halt({ context: ctx }, md(OPERATOR));
  assert.equal(halted.state?.halted, true);
  await refused(api.resume({ context: ctx }, md(OPERATOR)), status.PERMISSION_DENIED);
  assert.equal(backend.halted, true);
  const resumed = await api.resume({ context: ctx }, md(OPERATOR, approval('Resume', HOST)));
  assert.equal(resumed.state?.halted, false);
});

test('restart refused during the trading session whatever the token, allowed outside with approval', async () => {
  const token = approval('RequestRestart', HOST);
  await refused(
    api.requestRestart({ context: ctx }, md(AUTOMATION, token)),
    status.FAILED_PRECONDITION,
    /trading session is open/,
  );
  assert.equal(backend.restarts, 0);
  clock = AFTER_SESSION;
  try {
    const st = await api.status({}, md(VIEWER));
    assert.equal(st.tradingSessionOpen, false);
    await refused(api.requestRestart({ context: ctx }, md(OPERATOR)), status.PERMISSION_DENIED);
    const res = await api.requestRestart({ context: ctx }, md(OPERATOR, approval('RequestRestart', HOST)));
    assert.equal(res.scheduled, true);
    assert.equal(backend.restarts, 1);
  } finally {
    clock = IN_SESSION;
  }
});

test('grpc.health.v1 follows the backend: NOT_SERVING, SERVING, NOT_SERVING', async () => {
  const Health = makeGenericClientConstructor(healthService, 'Health');
  const health = new Health(`127.0.0.1:${server.port}`, credentials.createInsecure());
  // The generic client has one method per RPC, named as in the proto-loader definition.
  const checkRpc = (health as unknown as Record<string, unknown>)['Check'] as (
    req: { service: string },
    cb: (err: ServiceError | null, res: { status: string } | undefined) => void,
  ) => unknown;
  const check = (name: string): Promise<string> =>
    new Promise((resolve, reject) => {
      checkRpc.call(health, { service: name }, (err, res) =>
        err === null && res !== undefined ? resolve(res.status) : reject(err ?? new Error('no response')),
      );
    });
  try {
    assert.equal(await check(''), 'NOT_SERVING');
    backend.setServing(true);
    assert.equal(await check(''), 'SERVING');
    assert.equal(await check('ringside.admin.v1.AdminService'), 'SERVING');
    backend.setServing(false);
    assert.equal(await check(''), 'NOT_SERVING');
  } finally {
    health.close();
  }
});
