// `ringside admin ...` end to end: a real admin server (startAdminServer from @ringside/hotpath) on
// 127.0.0.1 over a backend that drives a REAL BroadcastRing, and the CLI run as a child process
// (node packages/cli/src/main.ts admin ... --json), as an operator runs it. Checks the parsed JSON
// against the ring itself, and the exit code and stderr line of each kind of refusal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createUser } from '@nats-io/nkeys';
import { issueApprovalToken } from '@ringside/approval-token';
import { ConsumerState as ProtoConsumerState, LifecycleState, StateSnapshot } from '@ringside/contracts';
import type { ConsumerStatus, LatencyReportResponse } from '@ringside/contracts';
import { AdminError, AdminErrorCode, startAdminServer } from '@ringside/hotpath';
import type { AdminBackend, AdminServerHandle, AdminStatus } from '@ringside/hotpath';
import { BroadcastRing, ConsumerState } from '@ringside/ring';
import type { BroadcastConsumer } from '@ringside/ring';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const HOST = 'hot-1';
const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
const signer = createUser();
const CHILD_TIMEOUT_MS = 15_000;

/** The conductor's part, played over a real ring (as in services/hotpath/test/admin-server.test.ts). */
class RingBackend implements AdminBackend {
  readonly ring = BroadcastRing.create({ capacity: 64 });
  readonly producer = this.ring.attachProducer();
  readonly consumers: BroadcastConsumer[] = [];
  readonly names = ['fast', 'slow', 'spare'];
  shed = 0;
  halted = false;

  constructor() {
    for (let k = 0; k < this.names.length; k++) this.consumers.push(this.ring.attachConsumer({ index: k }));
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
      reason: '',
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
      automaticShedLevel: 2,
      maxShedLevel: 4,
      version: '0.1.0-cli-test',
      startedAt: new Date(Date.UTC(2026, 10, 25, 14, 0)),
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
    return { notBefore: new Date() };
  }
  latencyReport(): LatencyReportResponse {
    return { host: HOST, trusted: true, windowStartMonoNs: 0, windowEndMonoNs: 0, segments: [] };
  }
  subscribeServing(listener: (serving: boolean) => void): () => void {
    listener(true);
    return () => undefined;
  }
}

let backend: RingBackend;
let server: AdminServerHandle;

before(async () => {
  backend = new RingBackend();
  server = await startAdminServer({
    host: '127.0.0.1',
    port: 0,
    backend,
    tokens: { [VIEWER]: 'viewer', [OPERATOR]: 'operator' },
    approvals: { publicKey: signer.getPublicKey(), host: HOST },
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
  });
  console.log(`admin server on 127.0.0.1:${server.port}, ring capacity ${backend.ring.capacity}`);
});

after(async () => {
  await server.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process (asynchronously: the server lives in this process). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const all = ['admin', ...args, '--server', `127.0.0.1:${server.port}`];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...all],
      { timeout: CHILD_TIMEOUT_MS, env: { ...process.env, RINGSIDE_ADMIN_TOKEN: '', ...env } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function json(r: Run): Record<string, unknown> {
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function refusal(r: Run, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, `expected exit ${code}, got ${r.code}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  assert.match(lines[0] ?? '', pattern);
}

test('status and consumers (--json) show the real ring lag; table mode is readable', async () => {
  const payload = new Uint8Array(backend.ring.payloadBytes);
  for (let k = 0; k < 10; k++) assert.ok(backend.producer.offer(payload, 0) >= 0);
  assert.equal(backend.consumers[0]?.receive(64), 10);
  assert.equal(backend.consumers[1]?.receive(3), 3);

  const consumers = json(await cli(['consumers', '--json', '--token', VIEWER]));
  // proto3 JSON omits zero values (id 0, lag 0), hence the `?? 0`.
  const rows = consumers['consumers'] as { id?: number; name: string; state: string; lag?: number }[];
  assert.deepEqual(
    rows.map((c) => [c.id ?? 0, c.name, c.state, c.lag ?? 0]),
    [
      [0, 'fast', 'CONSUMER_STATE_ACTIVE', 0],
      [1, 'slow', 'CONSUMER_STATE_ACTIVE', 7],
      [2, 'spare', 'CONSUMER_STATE_ACTIVE', 10],
    ],
  );
  assert.deepEqual(
    rows.map((c) => c.lag ?? 0),
    [0, 1, 2].map((k) => backend.ring.lag(k)),
  );

  // The token from the environment works as well as --token.
  const status = json(await cli(['status', '--json'], { RINGSIDE_ADMIN_TOKEN: VIEWER }));
  assert.equal(status['version'], '0.1.0-cli-test');
  const state = status['state'] as { state: string; consumers: { lag?: number }[] };
  assert.equal(state.state, 'LIFECYCLE_STATE_READY');
  assert.deepEqual(
    state.consumers.map((c) => c.lag ?? 0),
    [0, 7, 10],
  );

  const table = await cli(['consumers', '--token', VIEWER]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^ID\s+NAME\s+STATE\s+LAG\s+LOSS/);
  assert.match(table.stdout, /\n1\s+slow\s+ACTIVE\s+7\s+0/);
});

test('isolate with an operator token changes the ring state; a viewer is refused with exit 3', async () => {
  refusal(
    await cli(['isolate', '2', '--reason', 'slow', '--json', '--token', VIEWER]),
    3,
    /^ringside admin: PERMISSION_DENIED: .*needs role operator/,
  );
  assert.equal(backend.ring.consumerState(2), ConsumerState.ACTIVE);

  const res = json(await cli(['isolate', '2', '--reason', 'slow', '--json', '--token', OPERATOR]));
  assert.equal((res['consumer'] as { state: string }).state, 'CONSUMER_STATE_ISOLATED');
  assert.equal(backend.ring.consumerState(2), ConsumerState.ISOLATED);

  // Isolating again is not a valid transition: FAILED_PRECONDITION → exit 5.
  refusal(
    await cli(['isolate', '2', '--reason', 'again', '--json', '--token', OPERATOR]),
    5,
    /^ringside admin: FAILED_PRECONDITION: /,
  );
});

test('drop without approval → exit 3; with an approval → dropped; unknown consumer → exit 4', async () => {
  refusal(
    await cli(['drop', '1', '--reason', 'bad', '--json', '--token', OPERATOR]),
    3,
    /^ringside admin: PERMISSION_DENIED: DropConsumer is high risk/,
  );
  assert.equal(backend.ring.consumerState(1), ConsumerState.ACTIVE);

  refusal(
    await cli(['isolate', '9', '--reason', 'typo', '--json', '--token', OPERATOR]),
    4,
    /^ringside admin: NOT_FOUND: IsolateConsumer: no consumer 9/,
  );

  const now = Date.now();
  const { token } = issueApprovalToken(signer, {
    requestId: 'req-drop-1',
    action: 'DropConsumer',
    target: '1',
    host: HOST,
    approvers: ['alice'],
    issuedAt: now - 1000,
    expiresAt: now + 60_000,
  });
  const res = json(
    await cli(['drop', '1', '--reason', 'bad', '--approval', token, '--json', '--token', OPERATOR]),
  );
  assert.equal((res['consumer'] as { state: string }).state, 'CONSUMER_STATE_DROPPED');
  assert.equal(backend.ring.consumerState(1), ConsumerState.DROPPED);
});

test('bad arguments → exit 2: shed level out of range (server), not a number, missing reason, no token', async () => {
  refusal(
    await cli(['shed', '99', '--reason', 'x', '--json', '--token', OPERATOR]),
    2,
    /^ringside admin: INVALID_ARGUMENT: SetShedLevel: level must be in \[0, 4\]/,
  );
  refusal(
    await cli(['shed', 'high', '--reason', 'x', '--json', '--token', OPERATOR]),
    2,
    /^ringside admin: <level> must be a non-negative integer/,
  );
  refusal(await cli(['halt', '--json', '--token', OPERATOR]), 2, /--reason <text> is required/);
  refusal(await cli(['status', '--json']), 2, /RINGSIDE_ADMIN_TOKEN/);
  assert.equal(backend.shed, 0);
  assert.equal(backend.halted, false);

  const up = json(await cli(['shed', '3', '--reason', 'overload', '--json', '--token', OPERATOR]));
  assert.deepEqual([up['level'], backend.shed], [3, 3]);
});
