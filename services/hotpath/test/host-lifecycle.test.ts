// The assembled hot path against real feed-sim and venue-sim over loopback: one host for the
// file, driven through its lifecycle. Proves: INIT → WARM_UP → READY with reasons; no warm-up
// order reaches the venue (venue-sim counts nothing until READY, the sink answered them all);
// the admin API over real gRPC (Status, ListConsumers, Isolate/Readmit with an approval, Halt
// refuses orders HALTED, Watch streams snapshots and ends on cancel); a stalled venue degrades
// the host as an execution backlog (not a session down) and it recovers; stop() drains every order to a terminal completion.
// Threads: ingest, 1 decision worker (parked), gateway (spin 4 turns, then park ≤ 1 ms).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, credentials, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { issueApprovalToken } from '@ringside/approval-token';
import {
  AdminServiceClient,
  ConsumerState,
  HaltRequest,
  IsolateConsumerRequest,
  LifecycleState,
  ReadmitConsumerRequest,
  ResumeRequest,
} from '@ringside/contracts';
import type {
  HaltResponse,
  IsolateConsumerResponse,
  ListConsumersResponse,
  ReadmitConsumerResponse,
  ResumeResponse,
  StateSnapshot,
  StatusResponse,
  WatchResponse,
} from '@ringside/contracts';
import { pino } from 'pino';
import { parseHotpathConfig, startHotpathHost } from '../src/index.ts';
import type { HostReport, HotpathHost } from '../src/index.ts';
import {
  HOST,
  OPERATOR,
  VIEWER,
  hostConfigInput,
  signer,
  startSims,
  waitUntil,
} from './workers/host-fixture.ts';
import type { Sims } from './workers/host-fixture.ts';

let sims: Sims;
let host: HotpathHost;
let client: AdminServiceClient;
let final: HostReport | undefined;
/** venue-sim's order count whenever the host was still warming up (must stay 0). */
const venueOrdersDuringWarmUp: number[] = [];

before(async () => {
  sims = await startSims(2000, 50_000);
  const input = hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port });
  console.log('host config:', JSON.stringify(input));
  const config = parseHotpathConfig(input);
  host = await startHotpathHost(config, { logger: pino({ level: 'warn' }, pino.destination(2)) });
  client = new AdminServiceClient(`127.0.0.1:${host.adminPort}`, credentials.createInsecure());
});

after(async () => {
  client?.close();
  final ??= await host?.stop();
  await sims?.close();
});

function md(token: string, approval?: string): Metadata {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  if (approval !== undefined) m.set('ringside-approval-token', approval);
  return m;
}

type Callback<Res> = (err: ServiceError | null, res: Res) => void;
const rpc = <Res>(start: (cb: Callback<Res>) => unknown): Promise<Res> =>
  new Promise((resolve, reject) => start((err, res) => (err === null ? resolve(res) : reject(err))));

const ctx = (id: string) => ({ requestId: id, reason: `test ${id}` });
const approval = (action: string, target: string): string =>
  issueApprovalToken(signer, {
    requestId: `req-${action}-${target}-${Math.random()}`,
    action,
    target,
    host: HOST,
    approvers: ['alice'],
    issuedAt: Date.now() - 1000,
    expiresAt: Date.now() + 60_000,
  }).token;

const api = {
  status: () => rpc<StatusResponse>((cb) => client.status({}, md(VIEWER), cb)),
  list: () => rpc<ListConsumersResponse>((cb) => client.listConsumers({}, md(VIEWER), cb)),
  isolate: (id: number) =>
    rpc<IsolateConsumerResponse>((cb) =>
      client.isolateConsumer(
        IsolateConsumerRequest.fromPartial({ context: ctx('iso'), consumerId: id }),
        md(OPERATOR),
        cb,
      ),
    ),
  readmit: (id: number) =>
    rpc<ReadmitConsumerResponse>((cb) =>
      client.readmitConsumer(
        ReadmitConsumerRequest.fromPartial({ context: ctx('readmit'), consumerId: id }),
        md(OPERATOR, approval('ReadmitConsumer', String(id))),
        cb,
      ),
    ),
  halt: () =>
    rpc<HaltResponse>((cb) =>
      client.halt(HaltRequest.fromPartial({ context: ctx('halt') }), md(OPERATOR), cb),
    ),
  resume: () =>
    rpc<ResumeResponse>((cb) =>
      client.resume(
        ResumeRequest.fromPartial({ context: ctx('resume') }),
        md(OPERATOR, approval('Resume', HOST)),
        cb,
      ),
    ),
};

test('INIT → WARM_UP → READY with reasons; no warm-up order reaches the venue', async () => {
  const ready = host.waitForState('READY', 20_000);
  // Sample venue-sim while the host warms up: it must not have seen a single order.
  const reached = await waitUntil(async () => {
    if (host.state() === 'WARM_UP') venueOrdersDuringWarmUp.push(sims.venue.stats().ordersReceived);
    return host.state() !== 'WARM_UP' && host.state() !== 'INIT';
  }, 20_000);
  assert.ok(reached, `still ${host.state()} after 20 s`);
  const readyAt = await ready;
  const history = host.lifecycleHistory();
  assert.deepEqual(
    history.slice(0, 2).map((t) => [t.from, t.to]),
    [
      ['INIT', 'WARM_UP'],
      ['WARM_UP', 'READY'],
    ],
  );
  for (const t of history) {
    assert.ok(t.reason.length > 0, 'every transition has a reason');
    assert.ok(Number.isFinite(t.monoNs) && t.wallMs > 1.7e12, 'monotonic and wall stamps');
  }
  assert.match(readyAt.reason, /decision p99 under \d+ ns for 3 windows/);
  assert.equal(readyAt.trusted, true);
  assert.ok(venueOrdersDuringWarmUp.length > 0, 'observed the warm-up');
  assert.ok(
    venueOrdersDuringWarmUp.every((n) => n === 0),
    `venue-sim saw orders during warm-up: ${venueOrdersDuringWarmUp.join(',')}`,
  );
  const atReady = await host.report();
  assert.ok(atReady.warmUpOrders > 0, 'the sink answered the warm-up orders');
  // After READY the venue gets orders, and only the ones enqueued after the flip.
  assert.ok(
    await waitUntil(() => sims.venue.stats().ordersReceived >= 10, 10_000),
    'venue gets orders after READY',
  );
  const r = await host.report();
  assert.equal(r.warmUpOrders, atReady.warmUpOrders, 'no sink answers after READY');
  // Quiesce with the kill switch, then venue-sim must hold exactly the orders the gateway sent
  // it (both read fresh: orders keep flowing until the halt, and counters publish periodically).
  host.backend.halt('test: quiesce to compare counts');
  let last = '';
  const same = await waitUntil(async () => {
    const atVenue = sims.venue.stats().ordersReceived;
    const sent = (await host.report()).venueOrders;
    last = `venue-sim ${atVenue}, gateway sent ${sent}`;
    return atVenue === sent;
  }, 3000);
  host.backend.resume('test: quiesced');
  assert.ok(same, `venue-sim holds exactly the orders sent after READY: ${last}`);
  console.log(
    `warm-up: ${venueOrdersDuringWarmUp.length} samples of venue-sim during WARM_UP (all 0), sink answered ${r.warmUpOrders}, venue ${r.venueOrders}`,
  );
});

test('admin over gRPC: Status, ListConsumers, Watch, Isolate → DEGRADED, Readmit → READY', async () => {
  const status0 = await api.status();
  assert.equal(status0.state?.state, LifecycleState.READY);
  assert.equal(status0.state?.trusted, true);
  const list = await api.list();
  assert.equal(list.consumers.length, 1);
  const consumer = list.consumers[0]!;
  assert.equal(consumer.name, 'decision-0');
  assert.equal(consumer.state, ConsumerState.ACTIVE);

  const seen: StateSnapshot[] = [];
  const stream = client.watch({ includeMetrics: false }, md(VIEWER));
  const ended = new Promise<ServiceError | undefined>((resolve) => {
    stream.on('error', (err: ServiceError) => resolve(err));
    stream.on('end', () => resolve(undefined));
  });
  stream.on('data', (m: WatchResponse) => {
    if (m.state !== undefined) seen.push(m.state);
  });
  assert.ok(await waitUntil(() => seen.length >= 1, 5000), 'a snapshot at once');
  assert.equal(seen[0]!.state, LifecycleState.READY);

  const isolated = await api.isolate(consumer.id);
  assert.equal(isolated.consumer?.state, ConsumerState.ISOLATED);
  assert.ok(await waitUntil(() => host.state() === 'DEGRADED', 5000), 'isolation degrades');
  const degraded = host.lifecycleHistory().at(-1)!;
  assert.match(degraded.reason, /consumer: consumer isolated/);
  assert.ok(
    await waitUntil(
      () =>
        seen.some(
          (s) => s.state === LifecycleState.DEGRADED && s.consumers[0]?.state === ConsumerState.ISOLATED,
        ),
      5000,
    ),
    'the watch stream saw the change',
  );

  await assert.rejects(
    rpc((cb) =>
      client.readmitConsumer(
        ReadmitConsumerRequest.fromPartial({ context: ctx('no-approval'), consumerId: consumer.id }),
        md(OPERATOR),
        cb,
      ),
    ),
    (err: ServiceError) => err.code === status.PERMISSION_DENIED,
  );
  const readmitted = await api.readmit(consumer.id);
  assert.equal(readmitted.consumer?.state, ConsumerState.ACTIVE);
  assert.ok(await waitUntil(() => host.state() === 'READY', 5000), 'readmission recovers');
  assert.ok(await waitUntil(() => seen.at(-1)?.state === LifecycleState.READY, 5000));

  stream.cancel();
  const end = await ended;
  assert.equal(end?.code, status.CANCELLED, 'the stream ends on cancel');
  const r = await host.report();
  assert.deepEqual(
    r.isolationEvents.map((e) => e.kind),
    ['isolated', 'readmitted'],
  );
  console.log(`watch: ${seen.length} snapshots, states ${seen.map((s) => s.state).join(',')}`);
});

test('Halt refuses orders (LOCAL_REJECT HALTED) until Resume', async () => {
  const before = (await host.report()).localRejects['HALTED'] ?? 0;
  const halted = await api.halt();
  assert.equal(halted.state?.halted, true);
  assert.ok(
    await waitUntil(async () => ((await host.report()).localRejects['HALTED'] ?? 0) >= before + 5, 5000),
    'orders refused HALTED while halted',
  );
  const resumed = await api.resume();
  assert.equal(resumed.state?.halted, false);
  const ordersAt = (await host.report()).ordersSent;
  assert.ok(
    await waitUntil(async () => (await host.report()).ordersSent > ordersAt, 5000),
    'orders flow again',
  );
});

test('a stalled venue degrades the host (execution backlog, not session down) and it recovers to READY', async () => {
  assert.ok(await waitUntil(() => host.state() === 'READY', 5000));
  const from = host.lifecycleHistory().length;
  sims.venue.setStall(1200);
  assert.ok(await waitUntil(() => host.state() === 'DEGRADED', 5000), 'stall → DEGRADED');
  const degraded = host.lifecycleHistory()[from]!;
  assert.equal(degraded.to, 'DEGRADED');
  // Connected but not answering: an execution backlog with its numbers; the session is up.
  assert.match(
    degraded.reason,
    /exec-backlog: execution backlog: \d+ orders in flight, oldest unanswered for \d+ ms, \d+ local EXEC_BACKLOG rejects/,
  );
  assert.doesNotMatch(degraded.reason, /venue-session/);
  assert.ok(await waitUntil(() => host.state() === 'READY', 8000), 'stall over → READY');
  assert.match(host.lifecycleHistory().at(-1)!.reason, /all conditions clear/);
});

test('stop() drains: every order has a terminal completion; watch streams end cleanly', async () => {
  const stream = client.watch({ includeMetrics: false }, md(VIEWER));
  const ended = new Promise<string>((resolve) => {
    stream.on('error', (err: ServiceError) => resolve(`error ${err.code}`));
    stream.on('end', () => resolve('end'));
  });
  stream.on('data', () => {});
  final = await host.stop();
  assert.equal(await ended, 'end', 'the watch stream ends with OK when the host stops');
  console.log('final report:', JSON.stringify({ ...final, transitions: final.transitions.length }));
  assert.equal(final.lostOrders, 0);
  assert.ok(final.ordersSent > 0 && final.completions === final.ordersSent);
  assert.ok(final.eventsIn > 0);
  assert.equal(final.venueOrders, sims.venue.stats().ordersReceived);
  assert.ok(final.decision.count > 0 && final.decision.p99Ns >= final.decision.p50Ns);
  assert.ok(final.execution.count > 0);
  for (const name of [
    'ingest_to_publish',
    'publish_to_read',
    'read_to_enqueued',
    'enqueued_to_sent',
    'sent_to_acked',
  ])
    assert.ok(final.segments[name] !== undefined, name);
  assert.equal(final.telemetry.enabled, false);
  assert.equal(await host.stop(), final, 'stop is idempotent');
});
