// End to end through processes, as operators run it: the service from src/main.ts (config
// errors exit 2 with a clear message; {"event":"listening","port":N} on stdout), and
// `ringside approvals ...` (packages/cli/src/main.ts) talking gRPC to it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT, natsServerSkipReason } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { startNats, writeSeedFile } from './harness.ts';
import type { SeedFile } from './harness.ts';

const skip = natsServerSkipReason();
if (skip !== false) console.log(`SKIPPED approvals CLI tests: ${skip}`);

const SERVICE_MAIN = path.join(REPO_ROOT, 'services/approvals/src/main.ts');
const CLI_MAIN = path.join(REPO_ROOT, 'packages/cli/src/main.ts');
const TIMEOUT_MS = 15_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runNode(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: TIMEOUT_MS }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

let nats: NatsServerHandle;
let seed: SeedFile;
let service: ChildProcess | undefined;
let server = '';

before(async () => {
  if (skip !== false) return;
  nats = await startNats();
  seed = writeSeedFile();
  const child = spawn(
    process.execPath,
    [
      SERVICE_MAIN,
      '--nats-url',
      nats.url,
      '--seed-file',
      seed.file,
      '--grpc-port',
      '0',
      '--two-person',
      'RequestRestart',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  service = child;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${stderr}`)), TIMEOUT_MS);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`service exited ${code}:\n${stderr}`)));
  });
  const listening = JSON.parse(first) as { event: string; port: number; publicKey: string };
  assert.equal(listening.event, 'listening');
  assert.equal(listening.publicKey, seed.publicKey);
  server = `127.0.0.1:${listening.port}`;
});

after(async () => {
  if (skip !== false) return;
  if (service !== undefined && service.exitCode === null) {
    const exited = new Promise((r) => service?.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  await nats.stop();
  seed.remove();
});

const cli = (...args: string[]): Promise<Run> =>
  runNode(CLI_MAIN, ['approvals', ...args, '--server', server]);

function json<T>(r: Run): T {
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as T;
}

interface RequestJson {
  id: string;
  state: string;
  approvals?: { approver: string }[];
}

test('ringside approvals request → list → show → approve → audit', { skip }, async () => {
  const created = json<{ request: RequestJson }>(
    await cli(
      'request',
      '--action',
      'DropConsumer',
      '--target',
      '2',
      '--host',
      'hot-1',
      '--reason',
      'lagging',
      '--as',
      'automation',
      '--json',
    ),
  );
  assert.equal(created.request.state, 'REQUEST_STATE_PENDING');
  const id = created.request.id;

  const listed = json<{ requests?: RequestJson[] }>(await cli('list', '--pending', '--json'));
  assert.ok(listed.requests?.some((r) => r.id === id));
  const table = await cli('list');
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^ID\s+STATE\s+ACTION/);
  assert.match(
    table.stdout,
    new RegExp(`${id}\\s+PENDING\\s+DropConsumer\\s+2\\s+hot-1\\s+HIGH\\s+automation\\s+0/1`),
  );

  const approved = json<{ request: RequestJson; token: string }>(
    await cli('approve', id, '--as', 'alice', '--comment', 'go', '--json'),
  );
  assert.equal(approved.request.state, 'REQUEST_STATE_APPROVED');
  assert.match(approved.token, /^rsa1\./);
  const shown = await cli('show', id);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /approved by alice .*: go/);

  const again = await cli('approve', id, '--as', 'bob');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /FAILED_PRECONDITION: request .* is already approved/);
  const missing = await cli('show', '00000000-0000-4000-8000-000000000000');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /NOT_FOUND/);
  const bad = await cli('deny', 'not-an-id', '--as', 'bob');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /INVALID_ARGUMENT: id: id must be a request id/);

  const audit = json<{ records: { kind: string; actor: string }[] }>(
    await cli('audit', '--request', id, '--json'),
  );
  assert.deepEqual(
    audit.records.map((r) => r.kind),
    ['REQUEST_CREATED', 'APPROVAL_RECORDED', 'REQUEST_APPROVED', 'TOKEN_ISSUED'],
  );
  const auditTable = await cli('audit', '--request', id);
  assert.match(auditTable.stdout, /^SEQ\s+AT\s+KIND/);
});

test('ringside approvals deny, and the two-person rule from the command line', { skip }, async () => {
  const a = json<{ request: RequestJson }>(
    await cli(
      'request',
      '--action',
      'Resume',
      '--target',
      'all',
      '--host',
      'hot-1',
      '--reason',
      'after halt',
      '--as',
      'ops',
      '--json',
    ),
  );
  const denied = json<{ request: RequestJson }>(await cli('deny', a.request.id, '--as', 'carol', '--json'));
  assert.equal(denied.request.state, 'REQUEST_STATE_DENIED');

  const b = json<{ request: RequestJson }>(
    await cli(
      'request',
      '--action',
      'RequestRestart',
      '--target',
      'hotpath',
      '--host',
      'hot-1',
      '--reason',
      'upgrade',
      '--as',
      'ops',
      '--json',
    ),
  );
  const one = json<{ request: RequestJson; token?: string }>(
    await cli('approve', b.request.id, '--as', 'alice', '--json'),
  );
  assert.equal(one.request.state, 'REQUEST_STATE_PENDING');
  assert.equal(one.token ?? '', '');
  const same = await cli('approve', b.request.id, '--as', 'alice');
  assert.equal(same.code, 1);
  assert.match(same.stderr, /FAILED_PRECONDITION/);
  const two = json<{ request: RequestJson; token: string }>(
    await cli('approve', b.request.id, '--as', 'bob', '--json'),
  );
  assert.equal(two.request.state, 'REQUEST_STATE_APPROVED');
  assert.deepEqual(
    two.request.approvals?.map((x) => x.approver),
    ['alice', 'bob'],
  );
});

test('service: bad configuration exits 2 with a clear message', { skip }, async () => {
  const noSeed = await runNode(SERVICE_MAIN, ['--nats-url', nats.url]);
  assert.equal(noSeed.code, 2);
  assert.match(noSeed.stderr, /seedFile is required/);
  const badUrl = await runNode(SERVICE_MAIN, ['--nats-url', 'http://x', '--seed-file', seed.file]);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /natsUrl must be a URL like nats:/);
  const badSeed = await runNode(SERVICE_MAIN, ['--nats-url', nats.url, '--seed-file', SERVICE_MAIN]);
  assert.equal(badSeed.code, 2);
  assert.match(badSeed.stderr, /seed must be an nkeys user or account seed/);
  const badPort = await runNode(SERVICE_MAIN, [
    '--nats-url',
    nats.url,
    '--seed-file',
    seed.file,
    '--grpc-port',
    '99999',
  ]);
  assert.equal(badPort.code, 2);
  assert.match(badPort.stderr, /grpcPort/);
});
