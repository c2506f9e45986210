// SetStrategyParam over real gRPC on 127.0.0.1 into two REAL decision worker threads (parked on
// an idle ring): the admin server's handler, then sendStrategyParam (what HostAdminBackend
// calls) maps the name through the strategy's table and queues DecisionCommand.STRATEGY_PARAM.
// Proves: an operator's call reaches exactly that worker (its commands counter moves, the
// other's does not); viewers are refused; unknown worker → NOT_FOUND, unknown param →
// INVALID_ARGUMENT naming the known ones, a non-finite value or no audit context →
// INVALID_ARGUMENT; a worker blocked by stallMs stops draining, so its small command queue
// fills and the call says FAILED_PRECONDITION instead of losing the command silently.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Metadata, credentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { createUser } from '@nats-io/nkeys';
import { AdminServiceClient, StateSnapshot } from '@ringside/contracts';
import type { SetStrategyParamRequest, SetStrategyParamResponse } from '@ringside/contracts';
import { CountersManager, CountersReader } from '@ringside/counters';
import { BroadcastRing } from '@ringside/ring';
import {
  AdminError,
  AdminErrorCode,
  readDecisionCounters,
  startAdminServer,
  startDecisionWorkers,
} from '../src/index.ts';
import type { AdminBackend, AdminServerHandle, DecisionWorkersHandle } from '../src/index.ts';
import { sendStrategyParam } from '../src/admin/strategy-param-command.ts';

const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
const COMMAND_QUEUE = 4;

let decision: DecisionWorkersHandle;
let counters: CountersManager;
let server: AdminServerHandle;
let client: AdminServiceClient;

/** Only SetStrategyParam is under test; the rest of the backend is not served here. */
function backendOver(handle: DecisionWorkersHandle): AdminBackend {
  const absent = (): never => {
    throw new AdminError(AdminErrorCode.UNIMPLEMENTED, 'not in this test');
  };
  return {
    getStatus: absent,
    listConsumers: () => [],
    isolate: absent,
    readmit: absent,
    drop: absent,
    setShedLevel: absent,
    halt: () => StateSnapshot.fromPartial({}),
    resume: () => StateSnapshot.fromPartial({}),
    requestRestart: absent,
    latencyReport: absent,
    subscribeServing: (l) => {
      l(true);
      return () => {};
    },
    setStrategyParam: (workerId, param, value) => sendStrategyParam(handle, workerId, param, value),
  };
}

before(async () => {
  const ring = BroadcastRing.create({ capacity: 1024, slotBytes: 64 });
  counters = CountersManager.create({ capacity: 256 });
  const config = {
    workers: 2,
    strategy: { name: 'latency-probe' },
    instruments: [{ locate: 1 }],
    idleStrategy: 'park:1',
    commandQueueCapacity: COMMAND_QUEUE,
  };
  console.log(`decision config ${JSON.stringify(config)}; ring 1024 slots, no traffic`);
  decision = startDecisionWorkers(config, ring.buffer, counters);
  await Promise.all(decision.workers.map((w) => w.ready));
  server = await startAdminServer({
    host: '127.0.0.1',
    port: 0,
    backend: backendOver(decision),
    tokens: { [VIEWER]: 'viewer', [OPERATOR]: 'operator' },
    approvals: { publicKey: createUser().getPublicKey(), host: 'hot-1' },
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    now: () => Date.now(),
  });
  client = new AdminServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
});

after(async () => {
  client?.close();
  await server?.close();
  await decision?.stop();
});

function md(token: string): Metadata {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
}

function setParam(
  req: Partial<SetStrategyParamRequest>,
  token = OPERATOR,
): Promise<SetStrategyParamResponse> {
  const full = { context: { requestId: 'r-1', reason: 'test' }, workerId: 0, param: '', value: 0, ...req };
  return new Promise((resolve, reject) => {
    client.setStrategyParam(full, md(token), (err, res) => (err === null ? resolve(res) : reject(err)));
  });
}

async function refused(promise: Promise<unknown>, code: status, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: ServiceError) => {
    assert.equal(err.code, code, `expected ${status[code]}, got ${status[err.code]}: ${err.details}`);
    if (pattern !== undefined) assert.match(err.details, pattern);
    return true;
  });
}

const commandsOf = (workerId: number): number =>
  readDecisionCounters(CountersReader.attach(counters.buffers), decision.workers[workerId]!.counterIds)
    .scalars['commands']!;

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(10);
  }
  return cond();
}

test('an operator sets workNs on worker 1: queued to that worker alone', async () => {
  const before0 = commandsOf(0);
  const before1 = commandsOf(1);
  const res = await setParam({ workerId: 1, param: 'workNs', value: 1000 });
  assert.deepEqual(res, { strategy: 'latency-probe', paramId: 1001, queued: true });
  assert.ok(await waitFor(() => commandsOf(1) === before1 + 1, 2_000), 'worker 1 obeyed the command');
  assert.equal(commandsOf(0), before0, 'worker 0 got nothing');
  await setParam({ workerId: 1, param: 'workNs', value: 0 });
});

test('refusals: viewer, unknown worker, unknown param, non-finite value, no context', async () => {
  await refused(setParam({ param: 'workNs' }, VIEWER), status.PERMISSION_DENIED, /needs role operator/);
  await refused(setParam({ workerId: 5, param: 'workNs' }), status.NOT_FOUND, /no decision worker 5/);
  await refused(
    setParam({ param: 'bogus' }),
    status.INVALID_ARGUMENT,
    /no runtime param "bogus"; known: everyEvents, workNs, stallMs/,
  );
  await refused(setParam({ param: 'workNs', value: Number.NaN }), status.INVALID_ARGUMENT, /finite/);
  await refused(setParam({ param: 'workNs', context: undefined }), status.INVALID_ARGUMENT, /request_id/);
  await refused(setParam({ param: '' }), status.INVALID_ARGUMENT, /param name/);
});

test('a worker blocked by stallMs stops draining: its full queue is FAILED_PRECONDITION', async () => {
  const before0 = commandsOf(0);
  await setParam({ workerId: 0, param: 'stallMs', value: 1_500 });
  // The parked worker takes the command within ~1 ms and blocks; its counters are published
  // after the drain, so they cannot say it started: give it 100 ms.
  await sleep(100);
  const outcomes: string[] = [];
  for (let i = 0; i < COMMAND_QUEUE + 2; i++) {
    outcomes.push(
      await setParam({ workerId: 0, param: 'workNs', value: 0 }).then(
        () => 'ok',
        (e: ServiceError) => status[e.code] ?? String(e.code),
      ),
    );
  }
  console.log(`while worker 0 stalls: ${outcomes.join(', ')}`);
  // The stall's own slot is released only when the worker finishes that drain: capacity − 1 fit.
  const ok = outcomes.filter((o) => o === 'ok').length;
  assert.ok(ok >= COMMAND_QUEUE - 1 && ok <= COMMAND_QUEUE, `${ok} queued`);
  assert.ok(
    outcomes.slice(ok).every((o) => o === 'FAILED_PRECONDITION'),
    'then refused, visibly',
  );
  // After the stall the worker drains what was queued.
  assert.ok(await waitFor(() => commandsOf(0) === before0 + 1 + ok, 4_000), 'drained after the stall');
});
