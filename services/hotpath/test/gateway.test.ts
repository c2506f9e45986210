// Gateway worker over real TCP on 127.0.0.1: order queues → gateway worker (OUCH 4.2 over
// SoupBinTCP) → venue-sim (its OUCH acceptor, in this thread) → completions back. Each test
// prints its configuration. The stall test with the whole pipeline is gateway-stall.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CountersManager, CountersReader } from '@ringside/counters';
import { createCompletionQueue, createOrderQueue } from '../src/orders/order-queues.ts';
import {
  CompletionReason,
  CompletionStatus,
  isTerminalCompletion,
} from '../src/orders/completion-descriptor.ts';
import { OrderKind, OrderSide, TimeInForce } from '../src/orders/order-command-descriptor.ts';
import { startGateway } from '../src/gateway/gateway-controller.ts';
import type { GatewayHandle } from '../src/gateway/gateway-controller.ts';
import { readGatewayCounters } from '../src/gateway/gateway-counters.ts';
import { LatencySegment, OrderLatencyReport } from '../src/gateway/gateway-latency.ts';
import { startVenueSim } from '@ringside/venue-sim';
import type { VenueSimConfigInput, VenueSimHandle } from '@ringside/venue-sim';
import { TestCollector, TestProducer, until } from './workers/gateway-harness.ts';

interface Rig {
  venue: VenueSimHandle;
  gateway: GatewayHandle;
  counters: CountersManager;
  producers: TestProducer[];
  collectors: TestCollector[];
  collect(): void;
  tallies(): Record<string, number>;
  close(): Promise<void>;
}

async function rig(
  workers: number,
  timeoutMs: number,
  venueConfig: VenueSimConfigInput = {},
  extra: Record<string, unknown> = {},
): Promise<Rig> {
  const venue = await startVenueSim({ heartbeatIntervalMs: 50, ...venueConfig });
  console.log(`venue-sim: ${JSON.stringify(venue.config)}`);
  const port = venue.port;
  const counters = CountersManager.create({ capacity: 256 });
  const links = [];
  const producers: TestProducer[] = [];
  const collectors: TestCollector[] = [];
  for (let w = 0; w < workers; w++) {
    const orders = createOrderQueue(1024);
    const completions = createCompletionQueue(4096);
    links.push({ workerId: w, orders: orders.buffer, completions: completions.buffer });
    producers.push(new TestProducer(w, orders));
    collectors.push(new TestCollector(completions));
  }
  const gateway = startGateway(
    {
      venue: { kind: 'ouch', port, username: 'TEST', heartbeatIntervalMs: 50, tokenPrefix: 'T01' },
      timeoutMs,
      ...extra,
    },
    links,
    counters,
  );
  await gateway.ready;
  const reader = CountersReader.attach(counters.buffers);
  // Wait for the login (orders before it are refused SESSION_DOWN, by design).
  for (let i = 0; i < 500 && ((await gateway.report()).adapter.logins ?? 0) < 1; i++) {
    await new Promise((res) => setTimeout(res, 10));
  }
  return {
    venue,
    gateway,
    counters,
    producers,
    collectors,
    collect: () => collectors.forEach((c) => c.poll()),
    tallies: () => readGatewayCounters(reader, gateway.counterIds),
    close: async () => {
      await gateway.stop();
      await venue.close();
    },
  };
}

function terminalCount(c: TestCollector): Map<number, number> {
  const m = new Map<number, number>();
  for (const x of c.seen)
    if (isTerminalCompletion(x.status, x.commandKind))
      m.set(x.clientOrderId, (m.get(x.clientOrderId) ?? 0) + 1);
  return m;
}

test('orders flow to the venue and back with monotonic stamps, per-strategy latency', async () => {
  const r = await rig(2, 500);
  try {
    const ids: number[][] = [[], []];
    const N = 200;
    console.log(
      `config: 2 producers × ${N} orders in bursts of 2 × 50 every 2 ms (latency includes queueing), half DAY, half IOC; venue fills all at once; timeout 500 ms`,
    );
    for (let i = 0; i < N; i++) {
      for (let w = 0; w < 2; w++) {
        const id = r.producers[w]!.submit(
          w + 1,
          100_0000,
          10,
          i % 2 === 0 ? TimeInForce.DAY : TimeInForce.IOC,
        );
        assert.ok(id > 0);
        ids[w]!.push(id);
      }
      if (i % 50 === 49) await new Promise((res) => setTimeout(res, 2));
    }
    const ok = await until(
      () => r.collectors.every((c, w) => terminalCount(c).size === ids[w]!.length),
      r.collect,
      10_000,
    );
    assert.ok(ok, `all orders completed: ${r.collectors.map((c) => c.seen.length).join(',')}`);
    for (let w = 0; w < 2; w++) {
      const byOrder = r.collectors[w]!.byOrder();
      for (const [i, id] of ids[w]!.entries()) {
        const list = byOrder.get(id)!;
        assert.equal(list.length, 2, 'ACCEPTED then the final state');
        assert.equal(list[0]!.status, CompletionStatus.ACCEPTED);
        assert.equal(list[1]!.status, CompletionStatus.FILLED, `order ${i}`);
        assert.equal(list[0]!.strategyId, w + 1);
        const s = list[0]!.stamps;
        for (let k = 1; k < s.length; k++)
          assert.ok(s[k]! >= s[k - 1]! && s[k - 1]! > 0, `stamps monotonic: ${s.join(' ')}`);
      }
    }
    const t = r.tallies();
    assert.equal(t.orders_sent, 2 * N);
    assert.equal(t.ack_accepted, 2 * N);
    assert.equal(t.ack_executed, 2 * N);
    assert.equal(t.in_flight, 0);
    const v = r.venue.stats();
    assert.equal(v.ordersReceived, 2 * N, 'venue orders received == orders sent');
    assert.equal(v.filled, 2 * N);
    const report = new OrderLatencyReport(r.gateway.samples);
    report.drain();
    for (const strategy of [1, 2]) {
      const exec = report.summary(strategy, LatencySegment.EXECUTION)!;
      const sentToAck = report.summary(strategy, LatencySegment.SENT_TO_ACKED)!;
      const enqToSent = report.summary(strategy, LatencySegment.ENQUEUED_TO_SENT)!;
      assert.equal(exec.count, N);
      assert.ok(exec.p50 >= sentToAck.p50, 'execution includes sent → acked');
      console.log(
        `strategy ${strategy}: enqueued→sent p50 ${(enqToSent.p50 / 1000).toFixed(1)} µs p99 ${(enqToSent.p99 / 1000).toFixed(1)} µs; ` +
          `execution (enqueued→acked) p50 ${(exec.p50 / 1000).toFixed(1)} µs p99 ${(exec.p99 / 1000).toFixed(1)} µs`,
      );
    }
  } finally {
    await r.close();
  }
});

test('venue reject reaches the worker with the venue reason', async () => {
  const r = await rig(1, 500, { engine: { maxShares: 100 } });
  try {
    console.log('config: 1 producer, 5 orders of 500 shares (venue maxShares 100: rejects Z), 5 valid');
    const bad: number[] = [];
    for (let i = 0; i < 5; i++) bad.push(r.producers[0]!.submit(7, 10_0000, 500, TimeInForce.DAY));
    for (let i = 0; i < 5; i++) r.producers[0]!.submit(7, 10_0000, 10, TimeInForce.DAY);
    const ok = await until(() => terminalCount(r.collectors[0]!).size === 10, r.collect, 5000);
    assert.ok(ok);
    const byOrder = r.collectors[0]!.byOrder();
    for (const id of bad) {
      const list = byOrder.get(id)!;
      assert.equal(list.length, 1);
      assert.equal(list[0]!.status, CompletionStatus.REJECTED);
      assert.equal(list[0]!.reason, CompletionReason.VENUE_REJECT);
      assert.equal(list[0]!.venueRejectCode, 'Z'.charCodeAt(0));
      assert.ok(list[0]!.stamps[5]! >= list[0]!.stamps[4]!);
    }
    assert.equal(r.tallies().ack_rejected, 5);
    assert.equal(r.venue.stats().rejected, 5);
  } finally {
    await r.close();
  }
});

test('cancel: resting orders canceled on request, IOC remainders canceled by the venue', async () => {
  // No street fill: DAY buys rest in the venue's book (all buys: nothing crosses).
  const r = await rig(1, 500, { engine: { fill: { full: 0, partial: 0 } } });
  try {
    const N = 40;
    console.log(`config: ${N} DAY buys rest, then each is canceled; ${N} IOC buys (venue cancels them, I)`);
    const day: number[] = [];
    const ioc: number[] = [];
    for (let i = 0; i < N; i++)
      day.push(r.producers[0]!.submit(5, 10_0000, 10, TimeInForce.DAY, OrderSide.BUY));
    for (let i = 0; i < N; i++)
      ioc.push(r.producers[0]!.submit(5, 10_0000, 10, TimeInForce.IOC, OrderSide.BUY));
    const accepted = (): boolean => {
      const byOrder = r.collectors[0]!.byOrder();
      return day.every((id) => byOrder.get(id)?.[0]?.status === CompletionStatus.ACCEPTED);
    };
    assert.ok(await until(accepted, r.collect, 5000), 'every DAY order accepted');
    assert.equal(r.venue.stats().resting, N, 'the DAY orders rest at the venue');
    const requests = day.map((id) => r.producers[0]!.cancel(5, id));
    // A cancel for an order the gateway does not know is refused locally.
    const stray = r.producers[0]!.cancel(5, 999_999);
    const done = (): boolean => terminalCount(r.collectors[0]!).size === 2 * N;
    assert.ok(await until(done, r.collect, 5000), 'every order finished');
    const byOrder = r.collectors[0]!.byOrder();
    for (const [i, id] of day.entries()) {
      const list = byOrder.get(id)!;
      assert.deepEqual(
        list.map((c) => [c.status, c.commandKind]),
        [
          [CompletionStatus.ACCEPTED, OrderKind.NEW],
          [CompletionStatus.CANCELED, OrderKind.CANCEL],
        ],
      );
      assert.equal(list[1]!.requestId, requests[i], 'the CANCELED names the cancel request');
      assert.equal(list[1]!.venueRejectCode, 'U'.charCodeAt(0), 'user-requested cancel');
      assert.equal(list[1]!.reason, CompletionReason.NONE);
    }
    for (const id of ioc) {
      const list = byOrder.get(id)!;
      assert.deepEqual(
        list.map((c) => [c.status, c.commandKind]),
        [
          [CompletionStatus.ACCEPTED, OrderKind.NEW],
          [CompletionStatus.CANCELED, OrderKind.NEW],
        ],
      );
      assert.equal(list[1]!.venueRejectCode, 'I'.charCodeAt(0), 'IOC remainder');
    }
    const strayList = r.collectors[0]!.seen.filter((c) => c.requestId === stray);
    assert.deepEqual(
      strayList.map((c) => [c.status, c.reason]),
      [[CompletionStatus.LOCAL_REJECT, CompletionReason.UNKNOWN_ORDER]],
    );
    const t = r.tallies();
    const v = r.venue.stats();
    assert.equal(t.cancels_sent, N);
    assert.equal(t.ack_canceled, 2 * N);
    assert.equal(v.cancelRequests, N);
    assert.equal(v.canceled, 2 * N);
    assert.equal(v.resting, 0);
    assert.equal(t.in_flight, 0);
  } finally {
    await r.close();
  }
});

test('venue stall longer than the timeout: TIMEOUT, then the late answers, marked', async () => {
  const r = await rig(1, 150);
  try {
    console.log('config: timeout 150 ms, venue stalled 600 ms, 20 DAY orders');
    r.venue.setStall(600);
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(r.producers[0]!.submit(3, 10_0000, 5, TimeInForce.DAY));
    const ok = await until(() => terminalCount(r.collectors[0]!).size === 20, r.collect, 5000);
    assert.ok(ok, 'every order finished after the stall');
    const byOrder = r.collectors[0]!.byOrder();
    for (const id of ids) {
      const list = byOrder.get(id)!.map((c) => [c.status, c.reason]);
      assert.deepEqual(list, [
        [CompletionStatus.TIMEOUT, CompletionReason.TIMEOUT],
        [CompletionStatus.ACCEPTED, CompletionReason.TIMEOUT],
        [CompletionStatus.FILLED, CompletionReason.NONE],
      ]);
    }
    const t = r.tallies();
    assert.equal(t.timeouts, 20);
    assert.equal(t.late_answers, 20);
  } finally {
    await r.close();
  }
});

test('session drop mid-flow: UNKNOWN, then reconciled; 0 lost, 0 duplicated', async () => {
  const r = await rig(1, 2000, { disconnect: { everyOrders: 300 } });
  try {
    const N = 600;
    console.log(
      `config: ${N} orders in bursts of 20 every 2 ms, venue-sim drops the session right after receiving every 300th Enter`,
    );
    const ids: number[] = [];
    for (let i = 0; i < N; i++) {
      const id = r.producers[0]!.submit(4, 10_0000, 1, i % 2 === 0 ? TimeInForce.DAY : TimeInForce.IOC);
      if (id > 0) ids.push(id);
      if (i % 20 === 19) await new Promise((res) => setTimeout(res, 2));
    }
    const ok = await until(() => terminalCount(r.collectors[0]!).size === ids.length, r.collect, 10_000);
    const t = r.tallies();
    const v = r.venue.stats();
    console.log('gateway counters:', JSON.stringify(t), 'venue:', JSON.stringify(v));
    assert.ok(
      ok,
      `every order has a terminal completion (${terminalCount(r.collectors[0]!).size}/${ids.length})`,
    );
    const terminal = terminalCount(r.collectors[0]!);
    for (const id of ids) assert.equal(terminal.get(id), 1, 'exactly one terminal completion per order');
    assert.equal(v.duplicates, 0, 'no Enter was ever sent twice');
    assert.ok(v.ouch.forcedDisconnects >= 1 && t.session_drops >= 1);
    assert.equal(t.unknown, t.reconciled + t.not_delivered, 'every UNKNOWN order was settled');
    assert.ok(t.reconciled > 0, 'answers retained at the drop were replayed and reconciled');
    // The venue holds exactly the orders that were not settled as never delivered / refused.
    const reachedVenue = ids.filter((id) =>
      r.collectors[0]!.byOrder()
        .get(id)!
        .some((c) => c.status === CompletionStatus.FILLED || c.status === CompletionStatus.CANCELED),
    ).length;
    assert.equal(v.ordersReceived, reachedVenue, 'venue orders == orders that reached it');
    assert.equal(t.in_flight, 0);
  } finally {
    await r.close();
  }
});
