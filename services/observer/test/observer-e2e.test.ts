// End to end with real servers: a sidecar worker publishes real counters, sample rings and
// sampled orders to a real nats-server; the observer turns them into OpenTelemetry metrics,
// scraped every second by a real Prometheus (queried through its HTTP API), and into spans
// exported over OTLP/HTTP protobuf to a receiver in this test. Warm-up data must arrive tagged
// untrusted on both paths; a host that stops reporting must show as stale, not as zeros.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { COUNTER_TYPE, CountersManager, SampleRing } from '@ringside/counters';
import { nowNs } from '@ringside/ring';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import {
  TRACE_FIELD,
  TRACE_STAMP,
  TelemetryStateWriter,
  TraceSampler,
  createEventQueueBuffers,
  createTraceRingBuffer,
  startSidecar,
} from '@ringside/hotpath';
import { startObserver } from '@ringside/observer';
import { startOtlpReceiver } from './support/otlp-receiver.ts';
import type { ReceivedSpan } from './support/otlp-receiver.ts';
import { prometheusSkipReason, startPrometheus } from './support/prometheus-server.ts';
import type { PrometheusHandle } from './support/prometheus-server.ts';

const HOST = 'hp-e2e';
const skip = natsServerSkipReason() || prometheusSkipReason();

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The single value of an instant query, when there is exactly one series. */
async function single(prom: PrometheusHandle, promql: string): Promise<number | undefined> {
  const result = await prom.query(promql);
  return result.length === 1 ? result[0]?.value : undefined;
}

/** Stage and commit one sampled order whose stamps are offsets (ns) from `t0`. */
function sampleOrder(sampler: TraceSampler, orderId: number, t0: number, status: number): void {
  sampler.stamps[TRACE_STAMP.ORDER_ID] = orderId;
  sampler.stamps[TRACE_STAMP.MD_SEQUENCE] = orderId * 10;
  sampler.stamps[TRACE_STAMP.INGEST] = t0;
  sampler.stamps[TRACE_STAMP.RING_PUBLISH] = t0 + 700;
  sampler.stamps[TRACE_STAMP.DECISION_READ] = t0 + 1_100;
  sampler.stamps[TRACE_STAMP.ENQUEUED] = t0 + 4_321;
  sampler.stamps[TRACE_STAMP.SENT] = t0 + 9_000;
  sampler.stamps[TRACE_STAMP.ACKED] = t0 + 123_456;
  sampler.fields[TRACE_FIELD.WORKER] = 2;
  sampler.fields[TRACE_FIELD.STRATEGY] = 0;
  sampler.fields[TRACE_FIELD.STATUS] = status;
  sampler.commit();
}

function checkOrderSpans(
  spans: ReceivedSpan[],
  orderId: number,
  t0: number,
  wallAtT0Ns: bigint,
  trusted: boolean,
): void {
  const root = spans.find(
    (s) => s.name === 'order' && s.attributes.get('ringside.order_id') === BigInt(orderId),
  );
  assert.ok(root !== undefined, `root span of order ${orderId}`);
  const children = spans.filter((s) => s.traceId === root.traceId && s.parentSpanId === root.spanId);
  const decision = children.find((s) => s.name === 'decision');
  const execution = children.find((s) => s.name === 'execution');
  assert.ok(
    decision !== undefined && execution !== undefined,
    'decision and execution are children of order',
  );
  assert.equal(root.parentSpanId, '', 'order is a root span');
  assert.equal(root.serviceName, 'ringside-hotpath');
  // The hot path's own times, exact to the nanosecond relative to each other.
  assert.equal(root.endNs - root.startNs, 123_456n);
  assert.equal(decision.startNs, root.startNs);
  assert.equal(decision.endNs - decision.startNs, 4_321n);
  assert.equal(execution.startNs, decision.endNs);
  assert.equal(execution.endNs, root.endNs);
  // Placed on the wall clock through the snapshot stamp: within 50 ms of the test's own mapping.
  const skewNs = root.startNs - wallAtT0Ns;
  assert.ok(skewNs < 50_000_000n && skewNs > -50_000_000n, `start ${root.startNs} vs expected ${wallAtT0Ns}`);
  for (const s of [root, decision, execution]) assert.equal(s.attributes.get('ringside.trusted'), trusted);
  assert.equal(root.attributes.get('ringside.strategy'), 'mm');
  assert.equal(root.attributes.get('ringside.read_to_enqueue_ns'), BigInt(4_321 - 1_100));
  void t0;
}

test(
  'sidecar → NATS → observer → Prometheus and OTLP; warm-up untrusted; silent host goes stale',
  { skip, timeout: 60_000 },
  async () => {
    const started = Date.now();
    await using nats = await startNatsServer();
    await using otlp = await startOtlpReceiver();
    const observerConfig = {
      natsServers: nats.url,
      prometheus: { host: '127.0.0.1', port: 0 },
      otlpTracesUrl: otlp.url,
      traceExportDelayMs: 100,
      staleAfterMs: 1_500,
      latencyWindowMs: 30_000, // longer than any wait below, so a slow scrape on a loaded box still sees the warm-up window
    };
    console.log('observer config:', JSON.stringify(observerConfig));
    const observer = await startObserver(observerConfig);
    const prom = await startPrometheus(`127.0.0.1:${observer.metricsPort}`);
    const counters = CountersManager.create({ capacity: 16 });
    const ordersSent = counters.newCounter('orders.sent', COUNTER_TYPE.ORDERS_SENT);
    const lag = counters.newCounter('dec-0.lag', COUNTER_TYPE.GAUGE);
    const samples = SampleRing.allocate(4096);
    const state = TelemetryStateWriter.create();
    const traceRing = createTraceRingBuffer(16, 1);
    const sampler = TraceSampler.attach(traceRing);
    state.setLifecycle(2, 'warm-up', nowNs(), false);
    const sidecarConfig = {
      host: HOST,
      natsServers: nats.url,
      intervalMs: 200,
      latencyTags: { '1': 'decision' },
      strategyNames: ['mm'],
    };
    console.log('sidecar config:', JSON.stringify(sidecarConfig));
    const sidecar = startSidecar(sidecarConfig, {
      counters: counters.buffers,
      sampleRings: [samples.buffer],
      traceRings: [traceRing],
      state: state.buffer,
      events: createEventQueueBuffers(8),
    });
    let sidecarStopped = false;
    try {
      // Warm-up: 1000 decision samples 1..1000 µs, 5 orders, one sampled order.
      ordersSent.add(5);
      lag.set(17);
      for (let i = 1; i <= 1000; i++) samples.record(i * 1000, 1);
      const warmT0 = nowNs();
      const warmWall = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
      sampleOrder(sampler, 1001, warmT0, 3);

      const sel = `host="${HOST}"`;
      const counter = await until(
        'orders.sent in Prometheus',
        () =>
          single(prom, `ringside_counter_total{${sel},label="orders.sent"}`).then((v) =>
            v === 5 ? v : undefined,
          ),
        20_000,
      );
      assert.equal(counter, 5);
      assert.equal(await single(prom, `ringside_gauge{${sel},label="dec-0.lag"}`), 17);
      const warmP99 = await until(
        'warm-up p99 in Prometheus',
        () => single(prom, `ringside_latency_ns{${sel},metric="decision",quantile="0.99",trusted="false"}`),
        10_000,
      );
      // HdrHistogram (3 digits) p99 of 1..1000 µs: 990 µs within 0.1 %.
      assert.ok(Math.abs(warmP99 - 990_000) <= 990, `warm-up p99 ${warmP99}`);
      assert.equal(await single(prom, `ringside_host_up{${sel}}`), 1);
      assert.equal(await single(prom, `ringside_trusted{${sel}}`), 0);

      // READY: later samples (10..10000 µs) and a later order are trusted.
      state.setLifecycle(3, 'latency stable', nowNs(), true);
      await sleep(450); // let the interval that straddles the transition pass
      for (let i = 1; i <= 1000; i++) samples.record(i * 10_000, 1);
      const readyT0 = nowNs();
      const readyWall = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n;
      sampleOrder(sampler, 2002, readyT0, 1);
      ordersSent.add(3);
      const readyP99 = await until(
        'trusted p99 in Prometheus',
        () => single(prom, `ringside_latency_ns{${sel},metric="decision",quantile="0.99",trusted="true"}`),
        10_000,
      );
      assert.ok(Math.abs(readyP99 - 9_900_000) <= 9_900, `trusted p99 ${readyP99}`);
      await until(
        'orders.sent = 8',
        () =>
          single(prom, `ringside_counter_total{${sel},label="orders.sent"}`).then((v) =>
            v === 8 ? v : undefined,
          ),
        10_000,
      );

      // Spans: both orders, right structure and times, trust tags.
      await until(
        'both orders as spans',
        async () => {
          await observer.flushSpans();
          return otlp.spans.filter((s) => s.name === 'order').length >= 2 ? true : undefined;
        },
        10_000,
      );
      console.log('OTLP spans received:', otlp.spans.length, 'requests:', otlp.requests);
      checkOrderSpans(otlp.spans, 1001, warmT0, warmWall, false);
      checkOrderSpans(otlp.spans, 2002, readyT0, readyWall, true);

      // The host goes silent: stale (up 0, last seen kept), its counters vanish instead of reading 0.
      const lastStats = await sidecar.stop();
      sidecarStopped = true;
      console.log('sidecar stats at stop:', JSON.stringify(lastStats));
      const silentAt = Date.now() / 1000;
      await until(
        'host_up 0',
        () => single(prom, `ringside_host_up{${sel}}`).then((v) => (v === 0 ? v : undefined)),
        10_000,
      );
      const lastSeen = await single(prom, `ringside_host_last_seen_seconds{${sel}}`);
      assert.ok(
        lastSeen !== undefined && Math.abs(lastSeen - silentAt) < 2,
        `last seen ${lastSeen} vs ${silentAt}`,
      );
      await until(
        'stale counters to vanish',
        () => prom.query(`ringside_counter_total{${sel}}`).then((r) => (r.length === 0 ? true : undefined)),
        10_000,
      );
      const scrape = await (await fetch(observer.metricsUrl)).text();
      assert.match(scrape, /ringside_host_up\{host="hp-e2e"\} 0/);
      assert.doesNotMatch(scrape, /ringside_latency_ns\{[^}]*hp-e2e/);
      console.log('e2e wall time ms:', Date.now() - started);
    } finally {
      if (!sidecarStopped) await sidecar.stop();
      await prom.stop();
      await observer.close();
    }
  },
);
