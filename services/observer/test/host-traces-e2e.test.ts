// End to end from a real hot-path host: feed-sim → host (warm-up orders to the gateway's sink,
// then venue-sim) whose gateway samples every 3rd answered order into a trace ring → sidecar →
// a real nats-server (`ringside.<host>.traces`) → the observer → OTLP/HTTP protobuf → the
// receiver in this test. Proves: order spans with decision and execution children carry the
// hot path's own stamps exactly (compared with the OrderTrace seen on NATS); warm-up orders
// arrive untrusted, venue orders trusted; the metrics snapshots carry decision and execution
// histograms per decision worker and per strategy, in distinct tags (one tag space).
// Threads: ingest, 1 parked decision worker, gateway, sidecar; observer in this thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '@nats-io/transport-node';
import { MetricsSnapshot, OrderTrace, telemetrySubject } from '@ringside/contracts';
import { defaultHostLogger, parseHotpathConfig, startHotpathHost } from '@ringside/hotpath';
import { startObserver } from '@ringside/observer';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';
// The hot path's own test fixture (real feed-sim and venue-sim, a host config that warms up fast).
import { HOST, hostConfigInput, startSims } from '../../hotpath/test/workers/host-fixture.ts';
import { startOtlpReceiver } from './support/otlp-receiver.ts';
import type { ReceivedSpan } from './support/otlp-receiver.ts';

const TRACE_EVERY = 3;

async function until(
  what: string,
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000; i++) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The order's root span and its decision / execution children. */
function orderSpans(spans: readonly ReceivedSpan[], orderId: number) {
  const root = spans.find(
    (s) => s.name === 'order' && s.attributes.get('ringside.order_id') === BigInt(orderId),
  );
  if (root === undefined) return undefined;
  const children = spans.filter((s) => s.traceId === root.traceId && s.parentSpanId === root.spanId);
  return {
    root,
    decision: children.find((s) => s.name === 'decision'),
    execution: children.find((s) => s.name === 'execution'),
  };
}

test(
  'host → sidecar → NATS → observer → OTLP: order spans with the hot path stamps; warm-up untrusted',
  { skip: natsServerSkipReason(), timeout: 60_000 },
  async () => {
    await using nats = await startNatsServer();
    await using otlp = await startOtlpReceiver();
    const sims = await startSims(2000, 45_000);
    const observer = await startObserver({
      natsServers: nats.url,
      prometheus: { host: '127.0.0.1', port: 0 },
      otlpTracesUrl: otlp.url,
      traceExportDelayMs: 100,
    });
    const nc = await connect({ servers: nats.url });
    const traces: OrderTrace[] = [];
    const metrics: MetricsSnapshot[] = [];
    nc.subscribe(telemetrySubject(HOST, 'traces'), {
      callback: (_e, m) => void traces.push(OrderTrace.decode(m.data)),
    });
    nc.subscribe(telemetrySubject(HOST, 'metrics'), {
      callback: (_e, m) => void metrics.push(MetricsSnapshot.decode(m.data)),
    });
    await nc.flush();
    const input = {
      ...hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port }),
      sidecar: { natsServers: nats.url, intervalMs: 100, traceEvery: TRACE_EVERY, traceCapacity: 256 },
    };
    console.log('host config:', JSON.stringify(input));
    process.env['RINGSIDE_LOG_LEVEL'] ??= 'warn';
    const host = await startHotpathHost(parseHotpathConfig(input), { logger: defaultHostLogger() });
    try {
      await host.waitForState('READY', 25_000);
      await until(
        'trusted and untrusted traces on NATS',
        () => traces.some((t) => t.trusted) && traces.some((t) => !t.trusted),
        15_000,
      );
      const warm = traces.find((t) => !t.trusted)!;
      const trusted = traces.find((t) => t.trusted && t.sentNs > t.enqueuedNs)!;
      assert.ok(trusted !== undefined, 'a trusted trace of a venue order');
      await until(
        'both orders as spans at the receiver',
        async () => {
          await observer.flushSpans();
          return (
            orderSpans(otlp.spans, warm.orderId) !== undefined &&
            orderSpans(otlp.spans, trusted.orderId) !== undefined
          );
        },
        10_000,
      );
      console.log(
        `traces on NATS: ${traces.length} (${traces.filter((t) => !t.trusted).length} warm-up), spans received: ${otlp.spans.length}`,
      );
      for (const t of [warm, trusted]) {
        const s = orderSpans(otlp.spans, t.orderId)!;
        assert.ok(
          s.decision !== undefined && s.execution !== undefined,
          `order ${t.orderId}: decision and execution spans`,
        );
        // The hot path's own stamps, exact to the nanosecond relative to each other.
        assert.equal(s.decision.endNs - s.decision.startNs, BigInt(t.enqueuedNs - t.ingestNs));
        assert.equal(s.execution.endNs - s.execution.startNs, BigInt(t.ackedNs - t.enqueuedNs));
        assert.equal(s.execution.startNs, s.decision.endNs);
        assert.equal(s.root.startNs, s.decision.startNs);
        assert.equal(s.root.endNs, s.execution.endNs);
        assert.equal(s.root.attributes.get('ringside.strategy'), 'decision-0');
        assert.equal(s.root.attributes.get('ringside.md_sequence'), BigInt(t.mdSequence));
        assert.ok(t.mdSequence > 0, 'the triggering feed sequence travels with the order');
        for (const span of [s.root, s.decision, s.execution])
          assert.equal(span.attributes.get('ringside.trusted'), t.trusted, `${span.name} trust tag`);
      }
      // Warm-up: answered by the sink (sent = acked, never at the venue), flagged untrusted.
      assert.equal(warm.sentNs, warm.ackedNs);
      assert.equal(
        orderSpans(otlp.spans, warm.orderId)!.root.attributes.get('ringside.status'),
        'ORDER_STATUS_ACCEPTED',
      );
      assert.ok(trusted.ackedNs > trusted.sentNs, 'a venue order: answered after it was sent');

      // Histograms per worker and per strategy, each in its own tag (no merging of rings).
      await until(
        'decision and execution histograms per worker and strategy',
        () => {
          const names = new Set(
            metrics.flatMap((m) => m.histograms.filter((h) => h.count > 0).map((h) => h.name)),
          );
          return ['worker_decision_w0', 'decision_s0', 'execution_s0', 'ingest_ingest_to_publish'].every(
            (n) => names.has(n),
          );
        },
        10_000,
      );
      const byName = new Map<string, number>();
      for (const m of metrics) for (const h of m.histograms) byName.set(h.name, h.tag);
      const tagsByName = [...byName.entries()];
      assert.equal(
        new Set(tagsByName.map(([, tag]) => tag)).size,
        tagsByName.length,
        'one tag per histogram name',
      );
      assert.ok((byName.get('worker_decision_w0') ?? 0) >= 1024, 'decision worker tags in their own range');
      console.log('histograms:', JSON.stringify(Object.fromEntries(byName)));
      const scrape = await (await fetch(observer.metricsUrl)).text();
      assert.match(scrape, /ringside_latency_ns\{[^}]*metric="worker_decision_w0"/);
      assert.match(scrape, /ringside_latency_ns\{[^}]*metric="execution_s0"/);
      const report = await host.report();
      assert.ok(
        report.telemetry.tracesPublished >= traces.length - 1,
        `traces published ${report.telemetry.tracesPublished}`,
      );
    } finally {
      await host.stop();
      await nc.close();
      await observer.close();
      await sims.close();
    }
  },
);
