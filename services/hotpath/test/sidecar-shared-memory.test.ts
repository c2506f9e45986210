// The sidecar's shared-memory inputs, each with one writer thread and the sidecar as reader:
// the telemetry state block (seqlock: never a mixed state), the trace ring (every committed
// record is delivered intact or counted as missed, never torn), and the event queue (bounded:
// a full queue refuses and counts). Plus the outbox the sidecar publishes through (bounded,
// drops the oldest, counts drops).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  EventQueueReader,
  EventQueueStatus,
  EventQueueWriter,
  SidecarOutbox,
  TRACE_FLAG,
  TelemetryStateReader,
  TelemetryStateWriter,
  TraceRingReader,
  TraceSampler,
  createEventQueueBuffers,
  createTraceRingBuffer,
} from '@ringside/hotpath';
import type { SampledTrace } from '@ringside/hotpath';
import type { SamplerGcData } from './workers/sidecar-sampler-gc-worker.ts';
import type { StateWriterData } from './workers/sidecar-state-writer.ts';
import type { TraceWriterData } from './workers/sidecar-trace-writer.ts';

test('state block: values round-trip; trustedSince marks the end of warm-up', () => {
  const writer = TelemetryStateWriter.create();
  const reader = TelemetryStateReader.attach(writer.buffer);
  assert.equal(reader.read()?.trustedSinceNs, Number.POSITIVE_INFINITY);
  writer.setLifecycle(2, 'warm-up: replaying', 100, false);
  assert.equal(reader.trusted(), false);
  writer.setLifecycle(3, 'latency stable over 3 windows', 500, true);
  writer.setLifecycle(4, 'consumer 1 isolated', 900, true);
  writer.setShedLevel(2);
  writer.setHalted(true);
  writer.setConsumer(0, { id: 7, name: 'dec-0', state: 1, lag: 12, loss: 3, reason: '' });
  writer.setConsumer(1, {
    id: 8,
    name: 'dec-1-with-a-long-name',
    state: 2,
    lag: 2 ** 40,
    loss: 0,
    reason: 'lagging',
  });
  const s = reader.read();
  assert.ok(s !== undefined);
  assert.equal(s.state, 4);
  assert.equal(s.reason, 'consumer 1 isolated');
  assert.equal(s.sinceNs, 900);
  // Still trusted since READY (500), not since the later DEGRADED transition.
  assert.equal(s.trusted, true);
  assert.equal(s.trustedSinceNs, 500);
  assert.equal(s.shedLevel, 2);
  assert.equal(s.halted, true);
  assert.equal(s.consumers.length, 2);
  assert.deepEqual(s.consumers[0], { id: 7, name: 'dec-0', state: 1, lag: 12, loss: 3, reason: '' });
  assert.equal(s.consumers[1]?.name, 'dec-1-with-a-lon', 'names are truncated to 16 bytes');
  assert.equal(s.consumers[1]?.lag, 2 ** 40);
  writer.setLifecycle(2, 'back to warm-up', 1000, false);
  assert.equal(reader.read()?.trustedSinceNs, Number.POSITIVE_INFINITY);
});

test('state block: a reader racing a writer thread never sees a mixed state', async () => {
  const writer = TelemetryStateWriter.create();
  const reader = TelemetryStateReader.attach(writer.buffer);
  const config: StateWriterData = { state: writer.buffer, updates: 2_000_000, deadlineMs: 3_000 };
  console.log(
    'state seqlock race:',
    JSON.stringify({ updates: config.updates, deadlineMs: config.deadlineMs }),
  );
  const worker = new Worker(new URL('./workers/sidecar-state-writer.ts', import.meta.url), {
    workerData: config,
  });
  const exited = once(worker, 'message');
  let reads = 0;
  let contended = 0;
  const deadline = Date.now() + 3_000;
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && Date.now() < deadline && reads < 200_000) {
    const s = reader.read();
    if (s === undefined) {
      contended++;
    } else if (s.state === 2 || s.state === 4) {
      const a = s.state === 2;
      assert.equal(s.reason, a ? 'warming up' : 'latency budget broken');
      assert.equal(s.sinceNs, a ? 2e9 : 4e9);
      assert.equal(s.trusted, !a);
      reads++;
    }
    if ((reads & 0xff) === 0) await new Promise((r) => setImmediate(r));
  }
  const [{ done }] = (await exited) as [{ done: number }];
  console.log(
    'state seqlock race result:',
    JSON.stringify({ writes: done, consistentReads: reads, contended }),
  );
  assert.ok(reads > 100, `too few reads overlapped the writer (${reads})`);
});

test('trace ring: every Nth completion is sampled; records arrive intact or are counted missed', async () => {
  const every = 4;
  const ring = createTraceRingBuffer(64, every);
  const reader = TraceRingReader.attach(ring);
  const config: TraceWriterData = { ring, completions: 4_000_000, deadlineMs: 4_000 };
  console.log('trace ring race:', JSON.stringify({ capacity: 64, every, ...config, ring: undefined }));
  const worker = new Worker(new URL('./workers/sidecar-trace-writer.ts', import.meta.url), {
    workerData: config,
  });
  const result = once(worker, 'message') as Promise<[{ completed: number; committed: number }]>;
  let finished = false;
  void result.then(() => (finished = true));
  let delivered = 0;
  let lastOrder = 0;
  const check = (r: SampledTrace): void => {
    const order = r.orderId;
    assert.equal(order % every, 0, 'only every Nth completion is sampled');
    assert.ok(order > lastOrder, 'records arrive in order');
    lastOrder = order;
    assert.equal(r.sequence, order / every - 1);
    assert.equal(r.mdSequence, order * 3);
    assert.equal(r.ingestNs, order * 1000 + 2);
    assert.equal(r.ackedNs, order * 1000 + 7);
    assert.equal(r.worker, order & 0xff);
    assert.equal(r.strategy, order % 7);
    assert.equal(r.status, (order % 6) + 1);
    assert.equal(r.flags, order & 1 & TRACE_FLAG.WARM_UP);
    delivered++;
  };
  const deadline = Date.now() + 6_000;
  while (!finished && Date.now() < deadline) {
    for (const r of reader.drain(32)) check(r);
    await new Promise((r) => setImmediate(r));
  }
  const [{ completed, committed }] = await result;
  for (const r of reader.drain(1_000)) check(r);
  console.log(
    'trace ring result:',
    JSON.stringify({ completed, committed, delivered, missed: reader.missed }),
  );
  assert.equal(committed, Math.floor(completed / every));
  assert.equal(delivered + reader.missed, committed, 'every record is delivered or counted as missed');
  assert.ok(delivered > 0 && reader.missed > 0, 'the race both delivered and lapped records');
});

test('trace sampler: the hot side allocates nothing (zero GC events over millions of completions)', async () => {
  const config: SamplerGcData = { warmup: 500_000, completions: 5_000_000, every: 16 };
  console.log('trace sampler GC check:', JSON.stringify(config));
  const worker = new Worker(new URL('./workers/sidecar-sampler-gc-worker.ts', import.meta.url), {
    workerData: config,
  });
  const [r] = (await once(worker, 'message')) as [
    { hotGc: number; controlGc: number; ms: number; committed: number },
  ];
  console.log(
    'trace sampler GC result:',
    JSON.stringify(r),
    `${((r.ms * 1e6) / config.completions).toFixed(1)} ns/completion`,
  );
  assert.ok(r.controlGc > 0, 'the observer sees GC in this thread (control loop)');
  assert.equal(r.hotGc, 0, 'no GC while sampling');
  assert.equal(r.committed, (config.warmup + config.completions) / config.every);
});

test('trace sampler: attach continues from the published tail (a restarted writer)', () => {
  const ring = createTraceRingBuffer(8, 1);
  const first = TraceSampler.attach(ring);
  for (let i = 0; i < 5; i++) {
    first.shouldSample();
    first.stamps[0] = i;
    first.commit();
  }
  const second = TraceSampler.attach(ring);
  second.stamps[0] = 99;
  second.commit();
  const got = TraceRingReader.attach(ring).drain(100);
  assert.deepEqual(
    got.map((r) => r.orderId),
    [0, 1, 2, 3, 4, 99],
  );
});

test('event queue: bounded, refuses and counts when full or too large; reader decodes in order', () => {
  const buffers = createEventQueueBuffers(4);
  const writer = new EventQueueWriter(buffers);
  const reader = new EventQueueReader(buffers);
  for (let i = 0; i < 4; i++) {
    const status = writer.offer(
      { kind: 'consumer.isolated', reason: `lag ${i}`, numbers: { lag: i }, labels: { consumer: 'dec-0' } },
      1000 + i,
    );
    assert.equal(status, EventQueueStatus.OK);
  }
  assert.equal(writer.offer({ kind: 'x', reason: 'full' }, 0), EventQueueStatus.FULL);
  assert.equal(writer.offer({ kind: 'x', reason: 'r'.repeat(600) }, 0), EventQueueStatus.TOO_LARGE);
  assert.equal(reader.dropped, 2);
  const events = reader.drain(10);
  assert.deepEqual(
    events.map((e) => [
      e.monoNs,
      e.event.reason,
      e.event.numbers['lag'],
      e.event.labels['consumer'],
      e.event.trusted,
    ]),
    [0, 1, 2, 3].map((i) => [1000 + i, `lag ${i}`, i, 'dec-0', true]),
  );
  assert.equal(writer.offer({ kind: 'x', reason: 'room again', trusted: false }, 5), EventQueueStatus.OK);
  assert.equal(reader.drain(10)[0]?.event.trusted, false);
});

test('outbox: bounded, drops the oldest, counts drops, keeps a message the client refused', () => {
  const outbox = new SidecarOutbox(3);
  const data = (n: number): Uint8Array => Uint8Array.of(n);
  for (let i = 0; i < 5; i++) outbox.push('s', data(i));
  assert.equal(outbox.size, 3);
  assert.equal(outbox.dropped, 2);
  const sent: number[] = [];
  let refuse = true;
  const publish = (_s: string, d: Uint8Array): void => {
    if (refuse) throw new Error('closed');
    sent.push(d[0] ?? -1);
  };
  assert.equal(outbox.flush(publish), 0);
  assert.equal(outbox.size, 3, 'a refused message stays queued');
  refuse = false;
  assert.equal(outbox.flush(publish, 2), 2);
  assert.equal(outbox.flush(publish), 1);
  assert.deepEqual(sent, [2, 3, 4], 'oldest dropped, rest in order');
  assert.equal(outbox.published, 3);
});
