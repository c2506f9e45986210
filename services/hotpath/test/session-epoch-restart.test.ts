// Issues 4 and 7 against the real venue-sim over TCP (OUCH 4.2 / SoupBinTCP): a gateway run
// enters DAY orders that rest at the venue, then dies abruptly (worker terminated: no logout,
// no cancels) — as when the hot-path process is SIGKILLed. A restarted run with the same user and
// the same token prefix (a restart within the same minute) claims its session epoch from the same
// state dir and enters orders numbered from 1 again: the venue must see no duplicate token.
// A control run that reuses the first run's epoch (what the old code did) does get duplicate
// rejects, so this test can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersManager } from '@ringside/counters';
import { stockKey } from '@ringside/protocols';
import { nowNs } from '@ringside/ring';
import type { SpscQueue } from '@ringside/ring';
import { startVenueSim } from '@ringside/venue-sim';
import type { VenueSimHandle } from '@ringside/venue-sim';
import { startGateway } from '../src/gateway/gateway-controller.ts';
import { clientOrderIdOf, epochOfClientOrderId } from '../src/orders/client-order-id.ts';
import { CompletionStatus } from '../src/orders/completion-descriptor.ts';
import { OrderKind, OrderSide, TimeInForce } from '../src/orders/order-command-descriptor.ts';
import { OrderCommandWriter } from '../src/orders/order-command-writer.ts';
import { createCompletionQueue, createOrderQueue } from '../src/orders/order-queues.ts';
import { claimSessionEpoch } from '../src/orders/session-epoch.ts';
import { TestCollector, until } from './workers/gateway-harness.ts';

const N = 30;
const USER = 'RSTRT';
const PREFIX = 'T01';

/** Writes DAY buys numbered 1..n with ids of `epoch` (what a restarted decision worker does). */
function enterOrders(orders: SpscQueue, epoch: number, n: number): number[] {
  const w = new OrderCommandWriter(orders.i32, orders.f64);
  const ids: number[] = [];
  for (let k = 1; k <= n; k++) {
    const at = orders.claim();
    assert.ok(at >= 0, 'order queue full');
    const id = clientOrderIdOf(0, k, epoch);
    w.begin(at, OrderKind.NEW, 0, 1);
    w.setClientOrderId(id);
    w.setRequestId(id);
    w.setStockKey(stockKey('TEST'));
    const t = nowNs();
    w.setIngestNs(t - 3000);
    w.setPublishNs(t - 2000);
    w.setDecisionReadNs(t - 1000);
    w.setOrder(1, OrderSide.BUY, 10_0000, 10, TimeInForce.DAY);
    w.stampEnqueued();
    orders.commit();
    ids.push(id);
  }
  orders.flush();
  return ids;
}

interface RunResult {
  readonly ids: number[];
  readonly statuses: number[];
}

/**
 * One hot-path run: a gateway logs in as USER, `epoch`'s orders go out, waits until each has
 * an answer; then the run dies abruptly (`crash`) or stops cleanly.
 */
async function run(venue: VenueSimHandle, epoch: number, crash: boolean): Promise<RunResult> {
  const orders = createOrderQueue(1024);
  const completions = createCompletionQueue(4096);
  const collector = new TestCollector(completions);
  const gateway = startGateway(
    {
      venue: { kind: 'ouch', port: venue.port, username: USER, heartbeatIntervalMs: 50, tokenPrefix: PREFIX },
      timeoutMs: 5000,
    },
    [{ workerId: 0, orders: orders.buffer, completions: completions.buffer }],
    CountersManager.create({ capacity: 256 }),
    { describe: false },
  );
  try {
    await gateway.ready;
    const deadline = performance.now() + 5000;
    while (((await gateway.report()).adapter.logins ?? 0) < 1 && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const ids = enterOrders(orders, epoch, N);
    const answered = (): boolean => {
      const byOrder = collector.byOrder();
      return ids.every((id) => (byOrder.get(id)?.length ?? 0) > 0);
    };
    assert.ok(await until(answered, () => collector.poll(), 8000), 'every order answered');
    const byOrder = collector.byOrder();
    return { ids, statuses: ids.map((id) => byOrder.get(id)![0]!.status) };
  } finally {
    if (crash) await gateway.worker.terminate();
    else await gateway.stop().catch(() => undefined);
  }
}

test('a restarted run gets no duplicate-token rejects from a venue holding the first run’s orders', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'ringside-restart-'));
  const venue = await startVenueSim({ heartbeatIntervalMs: 50, engine: { fill: { full: 0, partial: 0 } } });
  console.log(
    `config: venue-sim OUCH on ${venue.port} (no fills: DAY orders rest), user ${USER}, prefix ${PREFIX}, ` +
      `${N} orders per run, state dir ${stateDir}`,
  );
  try {
    // Run 1, then a crash; run 2 starts at once (same clock second: nowMs 1 ms later).
    const t0 = Date.now();
    const first = claimSessionEpoch(stateDir, { nowMs: t0 });
    const r1 = await run(venue, first.epoch, true);
    assert.deepEqual(new Set(r1.statuses), new Set([CompletionStatus.ACCEPTED]));
    assert.equal(venue.stats().resting, N, 'run 1’s orders are still live at the venue');

    const second = claimSessionEpoch(stateDir, { nowMs: t0 + 1 });
    assert.notEqual(second.epoch, first.epoch);
    const r2 = await run(venue, second.epoch, true);
    const v2 = venue.stats();
    console.log(`after restart: epochs ${first.epoch} → ${second.epoch}, venue ${JSON.stringify(v2)}`);
    assert.equal(v2.duplicates, 0, 'the restarted run reused a live token');
    assert.deepEqual(new Set(r2.statuses), new Set([CompletionStatus.ACCEPTED]));
    assert.equal(v2.resting, 2 * N, 'both runs’ orders rest side by side');
    for (const id of r2.ids) assert.equal(epochOfClientOrderId(id), second.epoch);

    // Control: the old behaviour (ids restart from the same values) is refused as duplicates.
    const r3 = await run(venue, first.epoch, false);
    const v3 = venue.stats();
    assert.equal(v3.duplicates, N, 'the venue refuses reused tokens (so the check above can fail)');
    assert.deepEqual(new Set(r3.statuses), new Set([CompletionStatus.REJECTED]));
  } finally {
    await venue.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
