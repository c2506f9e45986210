// GC in the gateway worker over a steady order stream to venue-sim (OUCH 4.2). The gateway is
// not allocation-free by design (net.Socket writes, SoupBinTcpClient.sendUnsequenced's packet
// per send, the driver's setImmediate per busy turn, Buffers per socket read): this measures
// what that costs — GC events per 1000 orders after warm-up — and prints it. It asserts the
// run itself (every order answered, none timed out) and that the gateway never needed a major
// (mark-compact) GC for the stream: its garbage is short-lived. Measured: most of the garbage
// is the driver's idle spin (setImmediate ~170 B per turn × spinTurns), not the packets.
// The second test takes the sockets and the driver away and runs the agent itself in a thread:
// its warm-up sink route and its order-trace path (TraceSampler) must show 0 GC.
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CountersManager, CountersReader } from '@ringside/counters';
import { startVenueSim } from '@ringside/venue-sim';
import { createCompletionQueue, createOrderQueue } from '../src/orders/order-queues.ts';
import { CompletionStatus, isTerminalCompletion } from '../src/orders/completion-descriptor.ts';
import { TRACE_FLAG } from '../src/sidecar/trace-ring-descriptor.ts';
import { TimeInForce } from '../src/orders/order-command-descriptor.ts';
import { startGateway } from '../src/gateway/gateway-controller.ts';
import { readGatewayCounters } from '../src/gateway/gateway-counters.ts';
import { TestCollector, TestProducer, until } from './workers/gateway-harness.ts';
import type { GatewayAgentGcData, GatewayAgentGcPhase } from './workers/gateway-agent-gc-worker.ts';

const WARM_UP = 2000;
const N = 12_000;
/** Orders per 1 ms tick: ~4 k orders/s, what venue-sim in this thread answers comfortably. */
const PER_TICK = 4;

test('gateway worker GC over a steady order stream (printed per 1000 orders)', async (t) => {
  const venue = await startVenueSim({ heartbeatIntervalMs: 100 });
  t.after(() => venue.close());
  const counters = CountersManager.create({ capacity: 256 });
  const orders = createOrderQueue(4096);
  const completions = createCompletionQueue(1 << 16);
  const gateway = startGateway(
    { venue: { kind: 'ouch', port: venue.port, username: 'GC', tokenPrefix: 'G01' }, timeoutMs: 1000 },
    [{ workerId: 0, orders: orders.buffer, completions: completions.buffer }],
    counters,
  );
  let stopped = false;
  t.after(async () => {
    if (!stopped) await gateway.stop().catch(() => undefined);
  });
  await gateway.ready;
  for (let i = 0; i < 500 && ((await gateway.report()).adapter.logins ?? 0) < 1; i++) await sleep(10);
  const producer = new TestProducer(0, orders);
  const collector = new TestCollector(completions);
  const reader = CountersReader.attach(counters.buffers);
  let terminal = 0;
  const collect = (): void => {
    const before = collector.seen.length;
    collector.poll();
    for (let i = before; i < collector.seen.length; i++) {
      const c = collector.seen[i]!;
      if (isTerminalCompletion(c.status, c.commandKind)) terminal++;
    }
  };
  /** Streams `n` DAY orders (venue fills each at once), PER_TICK per millisecond. */
  async function stream(n: number): Promise<void> {
    const target = terminal + n;
    const deadline = performance.now() + 20_000;
    for (let sent = 0; sent < n && performance.now() < deadline;) {
      for (let k = 0; k < PER_TICK && sent < n; k++)
        if (producer.submit(1, 10_0000, 1, TimeInForce.DAY) > 0) sent++;
      collect();
      await sleep(1);
    }
    assert.ok(await until(() => terminal === target, collect, 10_000), `all ${n} orders finished`);
  }
  console.log(
    `config: venue-sim in this thread, ${PER_TICK} DAY orders per 1 ms tick, warm-up ${WARM_UP} orders, ` +
      `measured ${N} orders; gateway ${JSON.stringify(gateway.config)}`,
  );
  await stream(WARM_UP);
  const before = await gateway.report();
  const t0 = performance.now();
  await stream(N);
  const elapsed = performance.now() - t0;
  const after = await gateway.report();
  const g = readGatewayCounters(reader, gateway.counterIds);
  stopped = true;
  await gateway.stop();
  const gc = after.gc.map((v, i) => v - before.gc[i]!);
  const turns = after.driver[0]! - before.driver[0]!;
  console.log(
    `gateway GC over ${N} orders in ${(elapsed / 1000).toFixed(2)} s: ${gc[0]} events ` +
      `(${gc[1]} minor, ${gc[2]} major) = ${((gc[0]! * 1000) / N).toFixed(2)} per 1000 orders; ` +
      `driver turns ${turns} (${(turns / N).toFixed(1)} per order); venue answers per order 2 (Accepted, Executed)`,
  );
  assert.equal(g['orders_sent'], WARM_UP + N);
  assert.equal(g['ack_executed'], WARM_UP + N);
  assert.equal(g['timeouts'], 0);
  assert.equal(gc[2], 0, 'no major GC in the gateway worker during the stream');
});

test('gateway agent: warm-up sink route and order traces allocate nothing (0 GC)', async () => {
  const data: GatewayAgentGcData = { warmup: 30_000, orders: 200_000, traceEvery: 4 };
  console.log('config:', JSON.stringify(data), '(orders per phase; sink route, then venue route)');
  const worker = new Worker(new URL('./workers/gateway-agent-gc-worker.ts', import.meta.url), {
    workerData: data,
  });
  const result = await new Promise<{
    sink: GatewayAgentGcPhase;
    venue: GatewayAgentGcPhase;
    controlGc: number;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  console.log('gateway agent GC:', JSON.stringify(result));
  const { sink, venue } = result;
  assert.ok(result.controlGc > 0, 'the observer sees GC in that thread');
  // Sink: ACCEPTED then CANCELED per order, every 4th traced with the WARM_UP flag.
  assert.equal(sink.canceled, data.orders);
  assert.equal(sink.traces, data.orders / data.traceEvery);
  assert.equal(sink.lastTraceFlags, TRACE_FLAG.WARM_UP);
  assert.equal(sink.lastTraceStatus, CompletionStatus.ACCEPTED);
  assert.ok(sink.lastTraceOrdered, 'sink trace stamps in pipeline order');
  // Venue: filled, every 4th first answer traced, trusted.
  assert.equal(venue.filled, data.orders);
  assert.equal(venue.traces, data.orders / data.traceEvery);
  assert.equal(venue.lastTraceFlags, 0);
  assert.equal(venue.lastTraceStatus, CompletionStatus.ACCEPTED);
  assert.ok(venue.lastTraceOrdered, 'venue trace stamps in pipeline order');
  assert.equal(sink.gc, 0, `GC events on the sink route: ${sink.gc}`);
  assert.equal(venue.gc, 0, `GC events on the venue route with traces: ${venue.gc}`);
});
