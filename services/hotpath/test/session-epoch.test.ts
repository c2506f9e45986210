// Session epochs (issues 4 and 7): every start claims an epoch that keeps its client order ids,
// and so its OUCH tokens, disjoint from any earlier run's — across a crash and an immediate
// restart (same state dir, same clock second or even a clock stepped back). Also: the id
// encoding (property test), id ↔ token round trips, and DecisionContext minting with the epoch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { BookSide, Books } from '@ringside/book';
import { SampleRing } from '@ringside/counters';
import { OUCH_TOKEN_LENGTH, stockKey } from '@ringside/protocols';
import { SpscQueue } from '@ringside/ring';
import {
  ClientOrderId,
  checkSessionEpoch,
  clientOrderIdOf,
  counterOfClientOrderId,
  epochOfClientOrderId,
  workerIdOfClientOrderId,
} from '../src/orders/client-order-id.ts';
import { claimSessionEpoch, epochOfSessionNumber, SessionEpochError } from '../src/orders/session-epoch.ts';
import { OuchGatewayToken } from '../src/gateway/ouch/ouch-gateway-token.ts';
import { DecisionContext } from '../src/decision/decision-context.ts';
import { DecisionTallies } from '../src/decision/decision-counters.ts';
import { DecisionFlagsDescriptor } from '../src/decision/decision-status.ts';
import { OpenOrders } from '../src/decision/open-orders.ts';
import { riskLimitValues } from '../src/decision/risk-limits.ts';
import { CompletionDescriptor } from '../src/orders/completion-descriptor.ts';
import { CompletionReader } from '../src/orders/completion-reader.ts';
import { CompletionWriter } from '../src/orders/completion-writer.ts';
import { OrderCommandReader } from '../src/orders/order-command-reader.ts';
import { OrderCommandWriter } from '../src/orders/order-command-writer.ts';
import { OrderSide, TimeInForce } from '../src/orders/order-command-descriptor.ts';
import { createOrderQueue } from '../src/orders/order-queues.ts';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ringside-epoch-'));
const ascii = new TextDecoder('ascii');

function tokenOf(t: OuchGatewayToken, id: number): string {
  const b = new Uint8Array(OUCH_TOKEN_LENGTH);
  assert.equal(t.write(b, 0, id), OUCH_TOKEN_LENGTH);
  return ascii.decode(b);
}

/** What one process run mints: a claimed epoch, then ids for `workers` × `perWorker` orders. */
function mintRun(stateDir: string, nowMs: number, workers: number, perWorker: number): string[] {
  const { epoch } = claimSessionEpoch(stateDir, { nowMs });
  const token = new OuchGatewayToken('T01'); // the same prefix in every run: the worst case
  const tokens: string[] = [];
  for (let w = 0; w < workers; w++)
    for (let n = 1; n <= perWorker; n++) tokens.push(tokenOf(token, clientOrderIdOf(w, n, epoch)));
  return tokens;
}

test('two starts 1 ms apart (same state dir, same second) never mint the same token', () => {
  const dir = tempDir();
  try {
    const t0 = 1_764_000_000_123;
    const first = mintRun(dir, t0, 4, 500);
    const second = mintRun(dir, t0 + 1, 4, 500);
    const seen = new Set(first);
    console.log(`config: 2 runs × 4 workers × 500 orders, prefix T01, state dir ${dir}`);
    assert.equal(seen.size, first.length, 'tokens are unique within a run');
    for (const t of second) assert.ok(!seen.has(t), `token ${t} reused by the second run`);
    // The same minter without the epoch (the old behaviour) does collide: the check can fail.
    const token = new OuchGatewayToken('T01');
    assert.equal(tokenOf(token, clientOrderIdOf(0, 1)), tokenOf(token, clientOrderIdOf(0, 1)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('claims increase across restarts, a clock stepped back, and a lost state dir', () => {
  const dir = tempDir();
  try {
    const t0 = 1_764_000_000_000;
    const a = claimSessionEpoch(dir, { nowMs: t0 });
    assert.equal(a.sessionNumber, t0 / 1000, 'a fresh dir starts from the clock (seconds)');
    const b = claimSessionEpoch(dir, { nowMs: t0 + 1 });
    const c = claimSessionEpoch(dir, { nowMs: t0 - 3_600_000 }); // NTP stepped back an hour
    assert.deepEqual([b.sessionNumber, c.sessionNumber], [a.sessionNumber + 1, a.sessionNumber + 2]);
    assert.equal(new Set([a.epoch, b.epoch, c.epoch]).size, 3);
    assert.equal(c.epoch, epochOfSessionNumber(c.sessionNumber));
    assert.ok(existsSync(c.claimPath));
    // Later start after a long gap: the clock leads again.
    const d = claimSessionEpoch(dir, { nowMs: t0 + 60_000 });
    assert.equal(d.sessionNumber, t0 / 1000 + 60);
    // Old claims are pruned (keep 8 besides the newest).
    for (let i = 0; i < 20; i++) claimSessionEpoch(dir, { nowMs: t0 + 60_000 });
    assert.equal(readdirSync(dir).filter((n) => n.startsWith('session-')).length, 9);
    // The state dir is lost (wiped on reboot): a later start still gets a number above the old ones.
    rmSync(dir, { recursive: true, force: true });
    const e = claimSessionEpoch(dir, { nowMs: t0 + 120_000 });
    assert.ok(e.sessionNumber > d.sessionNumber + 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unusable state dir is a typed error', () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    assert.throws(
      () => claimSessionEpoch(join(file, 'state')),
      (err: unknown) => err instanceof SessionEpochError && err.code === 'SESSION_EPOCH_STATE_DIR_UNUSABLE',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('racing starts sharing a state dir never get the same session number', async () => {
  const dir = tempDir();
  const perThread = 40;
  console.log(`config: 2 threads × ${perThread} claims, same clock ms, state dir ${dir}`);
  try {
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.module).then(({ claimSessionEpoch }) => {
        const out = [];
        for (let i = 0; i < workerData.n; i++) out.push(claimSessionEpoch(workerData.dir, { nowMs: 1764000000000, keep: 1000 }).sessionNumber);
        parentPort.postMessage(out);
      });`;
    const module = new URL('../src/orders/session-epoch.ts', import.meta.url).href;
    const run = (): Promise<number[]> =>
      new Promise((resolve, reject) => {
        const w = new Worker(source, { eval: true, workerData: { module, dir, n: perThread } });
        const timer = setTimeout(() => void w.terminate().then(() => reject(new Error('timeout'))), 20_000);
        w.once('message', (m: number[]) => {
          clearTimeout(timer);
          resolve(m);
        });
        w.once('error', reject);
      });
    const [x, y] = await Promise.all([run(), run()]);
    const all = [...x, ...y];
    assert.equal(all.length, 2 * perThread);
    assert.equal(new Set(all).size, all.length, 'a session number was claimed twice');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('id encoding: epoch, worker and counter round-trip and fit 53 bits (property)', () => {
  const epoch = fc.integer({ min: 0, max: ClientOrderId.MAX_EPOCH });
  const worker = fc.integer({ min: 0, max: ClientOrderId.MAX_WORKER_ID });
  const counter = fc.integer({ min: 1, max: ClientOrderId.MAX_COUNTER });
  const token = new OuchGatewayToken('Z9A');
  fc.assert(
    fc.property(epoch, worker, counter, (e, w, n) => {
      const id = clientOrderIdOf(w, n, e);
      assert.ok(Number.isSafeInteger(id) && id > 0);
      assert.equal(epochOfClientOrderId(id), e);
      assert.equal(workerIdOfClientOrderId(id), w);
      assert.equal(counterOfClientOrderId(id), n);
      // What CompletionReader.orderNumber computes: id mod WORKER_UNIT.
      assert.equal(id % ClientOrderId.WORKER_UNIT, n);
      const t = tokenOf(token, id);
      assert.match(t, /^Z9A[0-9A-Z]{11}$/);
      const b = new TextEncoder().encode(t);
      assert.equal(token.readId(b, 0), 1);
      assert.equal(token.parsed[0], id);
    }),
    { numRuns: 2000 },
  );
  // Distinct (epoch, worker, counter) → distinct ids (so distinct tokens under one prefix).
  fc.assert(
    fc.property(fc.tuple(epoch, worker, counter), fc.tuple(epoch, worker, counter), (a, b) => {
      fc.pre(a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]);
      assert.notEqual(clientOrderIdOf(a[1], a[2], a[0]), clientOrderIdOf(b[1], b[2], b[0]));
    }),
    { numRuns: 2000 },
  );
  const max = clientOrderIdOf(
    ClientOrderId.MAX_WORKER_ID,
    ClientOrderId.MAX_COUNTER,
    ClientOrderId.MAX_EPOCH,
  );
  assert.equal(max, Number.MAX_SAFE_INTEGER);
  assert.throws(() => checkSessionEpoch(ClientOrderId.MAX_EPOCH + 1), RangeError);
  assert.throws(() => checkSessionEpoch(-1), RangeError);
  assert.throws(() => checkSessionEpoch(1.5), RangeError);
});

test('DecisionContext mints ids, cancel requests and local-reject ids with the session epoch', () => {
  const LOCATE = 7;
  const epoch = 98_765;
  const workerId = 5;
  const books = new Books({ locates: [LOCATE], maxOrders: 64, maxLevels: 16 });
  assert.equal(books.book(LOCATE)!.add(1, BookSide.BID, 1_000_000, 100), 0);
  assert.equal(books.book(LOCATE)!.add(2, BookSide.ASK, 1_000_100, 100), 0);
  const orders = createOrderQueue(64);
  const pending = SpscQueue.create({ capacity: 64, slotBytes: CompletionDescriptor.SLOT_BYTES });
  const stockKeys = new Float64Array(65536);
  stockKeys[LOCATE] = stockKey('AMZN');
  const ctx = new DecisionContext({
    workerId,
    strategyId: 1,
    sessionEpoch: epoch,
    books,
    orders,
    orderWriter: new OrderCommandWriter(orders.i32, orders.f64),
    pending,
    pendingWriter: new CompletionWriter(pending.i32, pending.f64),
    open: new OpenOrders(256),
    limits: riskLimitValues({
      maxOrderQty: 1000,
      maxNotional: 1_000_000,
      maxOpenOrders: 64,
      priceBandBps: 100,
    }),
    flags: new Int32Array(new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES)),
    stockKeys,
    stale: new Uint8Array(65536),
    tallies: new DecisionTallies(),
    samples: SampleRing.allocate(256),
  });
  const n1 = ctx.submit(LOCATE, OrderSide.BUY, 1_000_000, 10, TimeInForce.DAY);
  const n2 = ctx.submit(LOCATE, OrderSide.SELL, 1_000_100, 10, TimeInForce.DAY);
  const c = ctx.cancel(n1);
  assert.ok(n1 > 0 && n2 > 0 && c > 0, `submit/cancel refused: ${n1} ${n2} ${c}`);
  const seen: { id: number; request: number }[] = [];
  const reader = new OrderCommandReader();
  orders.poll(
    {
      onEvent: (_b, i32, f64, _dv, offset) => {
        const r = reader.wrap(i32, f64, offset);
        seen.push({ id: r.clientOrderId, request: r.requestId });
      },
    },
    16,
  );
  assert.deepEqual(seen, [
    { id: clientOrderIdOf(workerId, n1, epoch), request: clientOrderIdOf(workerId, n1, epoch) },
    { id: clientOrderIdOf(workerId, n2, epoch), request: clientOrderIdOf(workerId, n2, epoch) },
    { id: clientOrderIdOf(workerId, n1, epoch), request: clientOrderIdOf(workerId, c, epoch) },
  ]);
  for (const s of seen) {
    assert.equal(epochOfClientOrderId(s.id), epoch);
    assert.equal(workerIdOfClientOrderId(s.id), workerId);
  }
  assert.equal(ctx.clientOrderIdOf(n2), clientOrderIdOf(workerId, n2, epoch));
  // A cancel of an unknown order is refused locally; its notice carries the epoch'd id too.
  assert.ok(ctx.cancel(999) < 0);
  const completion = new CompletionReader();
  let rejectId = 0;
  let orderNumber = 0;
  pending.poll(
    {
      onEvent: (_b, i32, f64, _dv, offset) => {
        const r = completion.wrap(i32, f64, offset);
        rejectId = r.clientOrderId;
        orderNumber = r.orderNumber;
      },
    },
    16,
  );
  assert.equal(rejectId, clientOrderIdOf(workerId, 999, epoch));
  assert.equal(orderNumber, 999, 'CompletionReader.orderNumber still strips epoch and worker');
  assert.throws(() => new DecisionContext({ ...partsOf(ctx), sessionEpoch: ClientOrderId.MAX_EPOCH + 1 }));
});

/** The parts of a context, for building a bad one (the constructor only reads workerId/epoch first). */
function partsOf(ctx: DecisionContext): ConstructorParameters<typeof DecisionContext>[0] {
  return (ctx as unknown as { p: ConstructorParameters<typeof DecisionContext>[0] }).p;
}
