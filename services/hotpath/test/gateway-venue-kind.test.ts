// The venue adapter is chosen by config: the same gateway worker, order queues and completion
// layout, with `venue.kind: 'fix'` speaking FIX 4.4 (jspurefix) to venue-sim's FIX acceptor over
// real TCP on 127.0.0.1. The OUCH path is covered by gateway.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CountersManager, CountersReader } from '@ringside/counters';
import { startFixVenue } from '@ringside/venue-sim';
import { createCompletionQueue, createOrderQueue } from '../src/orders/order-queues.ts';
import { CompletionStatus, isTerminalCompletion } from '../src/orders/completion-descriptor.ts';
import { TimeInForce } from '../src/orders/order-command-descriptor.ts';
import { startGateway } from '../src/gateway/gateway-controller.ts';
import { parseGatewayConfig } from '../src/gateway/gateway-config.ts';
import { readGatewayCounters } from '../src/gateway/gateway-counters.ts';
import { TestCollector, TestProducer, until } from './workers/gateway-harness.ts';

test('venue.kind fix: orders go out as NewOrderSingle and come back ACCEPTED then FILLED', async () => {
  const venue = await startFixVenue({ targetCompId: 'GW' });
  const counters = CountersManager.create({ capacity: 256 });
  const orders = createOrderQueue(1024);
  const completions = createCompletionQueue(4096);
  const config = {
    venue: { kind: 'fix', port: venue.port, senderCompId: 'GW', targetCompId: 'VENUE', reconnectDelayMs: 50 },
    timeoutMs: 2000,
  } as const;
  console.log(`config: ${JSON.stringify(config)}; venue-sim FIX acceptor on ${venue.host}:${venue.port}`);
  const gateway = startGateway(
    config,
    [{ workerId: 0, orders: orders.buffer, completions: completions.buffer }],
    counters,
  );
  try {
    await gateway.ready;
    for (
      let i = 0;
      i < 500 && ((await gateway.report()).adapter.logins ?? 0) < 1 && venue.loggedOn < 1;
      i++
    ) {
      await new Promise((res) => setTimeout(res, 10));
    }
    assert.ok(venue.loggedOn >= 1, 'FIX session logged on');
    const producer = new TestProducer(0, orders);
    const collector = new TestCollector(completions);
    const N = 50;
    const ids: number[] = [];
    for (let i = 0; i < N; i++) ids.push(producer.submit(1, 100_0000, 10, TimeInForce.DAY));
    assert.ok(ids.every((id) => id > 0));
    const terminal = (): number =>
      collector.seen.filter((x) => isTerminalCompletion(x.status, x.commandKind)).length;
    const done = await until(
      () => terminal() === N,
      () => collector.poll(),
      15_000,
    );
    assert.ok(done, `terminal completions ${terminal()} of ${N}`);
    const byOrder = collector.byOrder();
    for (const id of ids) {
      const list = byOrder.get(id)!;
      assert.equal(list[0]!.status, CompletionStatus.ACCEPTED);
      assert.equal(list[list.length - 1]!.status, CompletionStatus.FILLED);
      const s = list[0]!.stamps;
      for (let k = 1; k < s.length; k++)
        assert.ok(s[k]! >= s[k - 1]! && s[k - 1]! > 0, `stamps ${s.join(' ')}`);
    }
    const t = readGatewayCounters(CountersReader.attach(counters.buffers), gateway.counterIds);
    assert.equal(t.orders_sent, N);
    assert.equal(venue.engineStats().ordersReceived, N, 'venue received each order exactly once');
  } finally {
    await gateway.stop();
    await venue.close();
  }
});

test('venue config is validated per kind with a clear error', () => {
  assert.throws(
    () => parseGatewayConfig({ venue: { kind: 'fix', port: 1, username: 'X' } }),
    /invalid gateway config: .*senderCompId/,
  );
  assert.throws(
    () => parseGatewayConfig({ venue: { kind: 'itch', port: 1 } }),
    /invalid gateway config: venue/,
  );
});
