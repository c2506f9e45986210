// The sidecar worker against a real nats-server: it publishes MetricsSnapshot, StateSnapshot,
// Event and OrderTrace protobufs built from real counters, sample rings, the state block, the
// event queue and a trace ring; warm-up data is tagged untrusted. Then NATS is killed: the
// sidecar keeps collecting, its bounded outbox drops (and counts) the oldest snapshots, and once
// the server is back it reconnects by itself and publishes again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '@nats-io/transport-node';
import type { Msg } from '@nats-io/transport-node';
import { COUNTER_TYPE, CountersManager, SampleRing } from '@ringside/counters';
import { Event, MetricsSnapshot, OrderTrace, StateSnapshot, telemetrySubject } from '@ringside/contracts';
import { nowNs } from '@ringside/ring';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import {
  EventQueueWriter,
  SIDECAR_COUNTER_ID,
  TRACE_FIELD,
  TRACE_STAMP,
  TelemetryStateWriter,
  TraceSampler,
  createEventQueueBuffers,
  createTraceRingBuffer,
  startSidecar,
} from '@ringside/hotpath';

const HOST = 'hp-test-1';

test(
  'sidecar publishes telemetry to NATS, survives a NATS outage and resumes',
  { skip: natsServerSkipReason(), timeout: 45_000 },
  async () => {
    await using nats = await startNatsServer();
    const counters = CountersManager.create({ capacity: 16 });
    const eventsIn = counters.newCounter('ingest.events_in', COUNTER_TYPE.EVENTS_IN);
    const samples = SampleRing.allocate(1024);
    const state = TelemetryStateWriter.create();
    const eventBuffers = createEventQueueBuffers(16);
    const events = new EventQueueWriter(eventBuffers);
    const traceRing = createTraceRingBuffer(64, 1);
    const sampler = TraceSampler.attach(traceRing);
    state.setLifecycle(2, 'warm-up', nowNs(), false);

    const config = {
      host: HOST,
      natsServers: nats.url,
      intervalMs: 100,
      outboxCapacity: 8,
      reconnectTimeWaitMs: 100,
      latencyTags: { '1': 'decision' },
      strategyNames: ['mm', 'taker'],
      reasonNames: ['', 'EXEC_BACKLOG'],
    };
    console.log('sidecar config:', JSON.stringify(config));

    const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const got: { metrics: MetricsSnapshot[]; state: StateSnapshot[]; events: Event[]; traces: OrderTrace[] } =
      {
        metrics: [],
        state: [],
        events: [],
        traces: [],
      };
    const sub = (kind: 'metrics' | 'state' | 'events' | 'traces', decode: (m: Msg) => void): void => {
      nc.subscribe(telemetrySubject(HOST, kind), { callback: (_e, m) => decode(m) });
    };
    sub('metrics', (m) => got.metrics.push(MetricsSnapshot.decode(m.data)));
    sub('state', (m) => got.state.push(StateSnapshot.decode(m.data)));
    sub('events', (m) => got.events.push(Event.decode(m.data)));
    sub('traces', (m) => got.traces.push(OrderTrace.decode(m.data)));
    await nc.flush();

    const sidecar = startSidecar(config, {
      counters: counters.buffers,
      sampleRings: [samples.buffer],
      traceRings: [traceRing],
      state: state.buffer,
      events: eventBuffers,
    });
    try {
      // Warm-up traffic: counters, 1000 decision samples of 1..1000 µs, one sampled order.
      eventsIn.add(41);
      for (let i = 1; i <= 1000; i++) samples.record(i * 1000, 1);
      const t0 = nowNs();
      sampler.stamps[TRACE_STAMP.ORDER_ID] = 17;
      sampler.stamps[TRACE_STAMP.INGEST] = t0;
      sampler.stamps[TRACE_STAMP.ENQUEUED] = t0 + 5_000;
      sampler.stamps[TRACE_STAMP.ACKED] = t0 + 80_000;
      sampler.fields[TRACE_FIELD.STRATEGY] = 1;
      sampler.fields[TRACE_FIELD.STATUS] = 3;
      sampler.commit();
      events.offer(
        { kind: 'lifecycle.transition', reason: 'warm-up started', labels: { to: 'WARM_UP' } },
        nowNs(),
      );

      const deadline = Date.now() + 10_000;
      const warm = (): MetricsSnapshot | undefined =>
        got.metrics.find((m) => m.histograms.some((h) => h.name === 'decision'));
      while (
        (warm() === undefined || got.traces.length === 0 || got.events.length === 0) &&
        Date.now() < deadline
      ) {
        await sleep(20);
      }
      const snapshot = warm();
      assert.ok(snapshot !== undefined, 'a metrics snapshot with the decision histogram arrived');
      assert.equal(snapshot.trusted, false, 'warm-up metrics are untrusted');
      assert.equal(snapshot.stamp?.host, HOST);
      const counter = snapshot.counters.find((c) => c.label === 'ingest.events_in');
      assert.equal(counter?.value, 41);
      const h = snapshot.histograms.find((x) => x.name === 'decision');
      assert.equal(h?.count, 1000);
      assert.ok(Math.abs((h?.p99Ns ?? 0) - 990_000) <= 990, `p99 ${h?.p99Ns} ≈ 990 µs`);
      assert.ok(h?.encodedHdr.startsWith('HISTF'));
      const order = got.traces[0];
      assert.equal(order?.orderId, 17);
      assert.equal(order?.strategy, 'taker');
      assert.equal(order?.status, 3);
      assert.equal(order?.trusted, false, 'warm-up order is untrusted');
      assert.equal((order?.ackedNs ?? 0) - (order?.ingestNs ?? 0), 80_000);
      assert.equal(got.events[0]?.kind, 'lifecycle.transition');
      assert.equal(got.events[0]?.labels['to'], 'WARM_UP');
      assert.ok(got.state.some((s) => s.state === 2 && s.reason === 'warm-up' && !s.trusted));

      // READY: intervals that start after the transition are trusted.
      state.setLifecycle(3, 'latency stable', nowNs(), true);
      const trustedDeadline = Date.now() + 5_000;
      while (!got.metrics.some((m) => m.trusted) && Date.now() < trustedDeadline) await sleep(20);
      assert.ok(
        got.metrics.some((m) => m.trusted),
        'metrics become trusted after READY',
      );

      // NATS down: the sidecar keeps ticking and its bounded outbox drops the oldest.
      const before = sidecar.stats();
      assert.ok(before?.connected);
      await nats.kill();
      const down = await sidecar.waitFor(
        (s) => !s.connected && s.dropped > 0 && s.ticks > (before?.ticks ?? 0) + 10,
        10_000,
      );
      console.log('while NATS is down:', JSON.stringify(down));
      assert.ok(down.held <= 8, 'the outbox stays bounded');

      const seenBeforeRestart = got.metrics.length;
      await nats.restart();
      const up = await sidecar.waitFor((s) => s.connected && s.reconnects >= 1 && s.held === 0, 15_000);
      console.log('after NATS restart:', JSON.stringify(up));
      const resumeDeadline = Date.now() + 10_000;
      while (got.metrics.length < seenBeforeRestart + 3 && Date.now() < resumeDeadline) await sleep(20);
      assert.ok(got.metrics.length >= seenBeforeRestart + 3, 'metrics flow again after the restart');
      const last = got.metrics.at(-1);
      const dropped = last?.counters.find((c) => c.id === SIDECAR_COUNTER_ID.SNAPSHOTS_DROPPED)?.value ?? 0;
      assert.ok(dropped > 0 && last?.droppedSnapshots === dropped, 'drops are reported in the snapshots');
      // The gap in the metrics sequence is what the drops (and the client's lost buffer) cost.
      const seqs = got.metrics.map((m) => m.stamp?.sequence ?? 0);
      assert.ok(
        seqs.some((s, i) => i > 0 && s > (seqs[i - 1] ?? 0) + 1),
        'a sequence gap shows the loss',
      );
    } finally {
      const final = await sidecar.stop();
      console.log('sidecar final stats:', JSON.stringify(final));
      await nc.close();
    }
  },
);
