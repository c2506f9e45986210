// Stress: one producer worker, three consumer workers (one deliberately slow), millions of
// checksummed events across the Int32 sequence wrap. Forbidden outcomes, asserted:
//  - an event that fails its checksum (torn) or belongs to another sequence (stale) is delivered;
//  - a cursor (or the tail) moves backwards, seen from the main thread while the run goes on;
//  - an event is lost without being counted: delivered + counted loss = published for every
//    consumer, and every gap in its delivered sequences equals the loss it was told about.
// Required outcomes: fast consumers receive every event in order; the slow one is lapped.
// 2 cores: the producer spins only while it has work (it sleeps 50 µs when fast consumers lag),
// consumers spin 50 idle cycles, then park on the ring (200 µs timeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { BroadcastRing } from '@ringside/ring';
import { SLOT_BYTES } from './workers/broadcast-stress-payload.ts';
import { Ctrl } from './workers/broadcast-stress-ctrl.ts';

interface StressConfig {
  readonly events: number;
  readonly capacity: number;
  /** Producer batches are 1..maxBatch events. */
  readonly maxBatch: number;
  readonly consumerBatch: number;
  readonly start: number;
  readonly deadlineMs: number;
}

interface ConsumerReport {
  index: number;
  slow: boolean;
  delivered: number;
  lostReported: number;
  lossCounter: number;
  lappedResults: number;
  lapsAfterCopy: number;
  naiveReads: number;
  naiveBad: number;
  badChecksum: number;
  badIdentity: number;
  badWords: number;
  notIncreasing: number;
  gaps: number;
  lastSeq: number;
  timedOut: boolean;
}

interface ProducerReport {
  published: number;
  batches: number;
  backoffs: number;
  timedOut: boolean;
}

function spawn(file: string, data: object): Worker {
  return new Worker(new URL(`./workers/${file}`, import.meta.url), { workerData: data });
}

function nextMessage<T>(worker: Worker, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker silent for ${timeoutMs} ms`)), timeoutMs);
    worker.once('message', (m: T) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function runStress(config: StressConfig): Promise<void> {
  const { events: EVENTS, capacity: CAPACITY, maxBatch: MAX_BATCH, start: START } = config;
  const { consumerBatch: CONSUMER_BATCH, deadlineMs: DEADLINE_MS } = config;
  const ring = BroadcastRing.create({ capacity: CAPACITY, slotBytes: SLOT_BYTES, initialSequence: START });
  const ctrl = new SharedArrayBuffer(Ctrl.WORDS * 4);
  const roles = [
    { index: 0, slow: false },
    { index: 1, slow: false },
    { index: 2, slow: true },
  ];
  const consumers = roles.map((r) =>
    spawn('broadcast-stress-consumer.ts', {
      ring: ring.buffer,
      ctrl,
      index: r.index,
      slow: r.slow,
      start: START,
      maxBatch: CONSUMER_BATCH,
      deadlineMs: DEADLINE_MS,
    }),
  );
  const workers: Worker[] = [...consumers];
  try {
    const ready = await Promise.all(consumers.map((w) => nextMessage<{ idle: string }>(w, 20_000)));
    const reports = consumers.map((w) => nextMessage<ConsumerReport>(w, DEADLINE_MS + 20_000));
    console.log(
      `stress config: ${EVENTS} events, ring ${CAPACITY} × ${SLOT_BYTES} B, start sequence ${START}, ` +
        `producer batches 1..${MAX_BATCH} (backs off 64 spins then 50 µs sleeps while a fast consumer lags > ` +
        `capacity - batch - chunk), consumers receive ≤ ${CONSUMER_BATCH} per call, idle ${ready[0].idle}, ` +
        `slow consumer ~300 mixing steps per event + 10 ms stall every 8192 events, deadline ${DEADLINE_MS} ms`,
    );

    // Watch cursors and the tail from this thread while the run goes on.
    const last = [ring.cursor(0), ring.cursor(1), ring.cursor(2)];
    let lastTail = ring.tail();
    let backwards = 0;
    let negativeLag = 0;
    let samples = 0;
    const watch = setInterval(() => {
      samples++;
      for (let i = 0; i < 3; i++) {
        const lag = ring.lag(i);
        const c = ring.cursor(i);
        if (((c - last[i]) | 0) < 0) backwards++;
        if (lag < 0) negativeLag++;
        last[i] = c;
      }
      const t = ring.tail();
      if (((t - lastTail) | 0) < 0) backwards++;
      lastTail = t;
    }, 1);

    const t0 = performance.now();
    const producer = spawn('broadcast-stress-producer.ts', {
      ring: ring.buffer,
      ctrl,
      events: EVENTS,
      fastConsumers: [0, 1],
      maxBatch: MAX_BATCH,
      deadlineMs: DEADLINE_MS,
    });
    workers.push(producer);
    const produced = await nextMessage<ProducerReport>(producer, DEADLINE_MS + 20_000);
    const results = await Promise.all(reports);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(watch);

    console.log(
      `stress result: ${produced.published} published in ${seconds.toFixed(2)} s ` +
        `(${(produced.published / seconds / 1e6).toFixed(2)} M events/s), ${produced.batches} batches, ` +
        `${produced.backoffs} producer back-offs, ${samples} watcher samples`,
    );
    for (const r of results) {
      console.log(
        `  consumer ${r.index}${r.slow ? ' (slow)' : ''}: delivered ${r.delivered}, lost ${r.lostReported} ` +
          `in ${r.lappedResults} laps (${r.lapsAfterCopy} caught after the copy), loss counter ${r.lossCounter}, ` +
          `ring.loss ${ring.loss(r.index)}` +
          (r.slow ? `, naive unvalidated reads bad ${r.naiveBad}/${r.naiveReads}` : ''),
      );
    }

    assert.equal(produced.timedOut, false, 'producer hit its deadline');
    assert.equal(produced.published, EVENTS);
    assert.equal(backwards, 0, 'a cursor or the tail moved backwards');
    assert.equal(negativeLag, 0, 'lag read negative');
    assert.ok(samples > 0, 'the watcher sampled during the run');
    const finalSeq = (START + EVENTS - 1) | 0;
    for (const r of results) {
      const who = `consumer ${r.index}`;
      assert.equal(r.timedOut, false, `${who} hit its deadline`);
      assert.equal(r.badChecksum, 0, `${who} got torn events`);
      assert.equal(r.badIdentity, 0, `${who} got events of another sequence`);
      assert.equal(r.badWords, 0, `${who} got mixed payload words`);
      assert.equal(r.notIncreasing, 0, `${who} got a sequence that did not increase`);
      assert.equal(r.delivered + r.lostReported, EVENTS, `${who}: delivered + counted loss = published`);
      assert.equal(r.gaps, r.lostReported, `${who}: every gap is reported loss`);
      assert.equal(r.lossCounter, r.lostReported);
      assert.equal(ring.loss(r.index), r.lostReported, `${who}: the shared loss counter agrees`);
      assert.equal(r.lastSeq, finalSeq, `${who} ends at the last sequence`);
      if (!r.slow) {
        assert.equal(r.lostReported, 0, `${who} is fast and must see every event`);
        assert.equal(r.delivered, EVENTS);
      }
    }
    const slow = results.find((r) => r.slow);
    assert.ok(
      slow !== undefined && slow.lappedResults > 0 && slow.lostReported > 0,
      'the slow consumer was lapped',
    );
    assert.ok(slow.delivered > 0, 'the slow consumer still delivered events');
    assert.ok(slow.naiveBad > 0, 'negative control: unvalidated reads of the same slots do fail the checks');
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

test('stress: 5 M events, ring of 4096, across the Int32 wrap', async () => {
  await runStress({
    events: 5_000_000,
    capacity: 4096,
    maxBatch: 32,
    consumerBatch: 64,
    start: 0x7fffffff - 1_500_000, // crosses from +2^31-1 to -2^31
    deadlineMs: 35_000,
  });
});

test('stress: 2 M events, ring of 64 (constant lapping races)', async () => {
  await runStress({
    events: 2_000_000,
    capacity: 64,
    maxBatch: 8,
    consumerBatch: 16,
    start: -1_000_000, // crosses -1 → 0
    deadlineMs: 35_000,
  });
});
