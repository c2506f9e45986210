// SpscQueue backpressure with real threads: while the consumer worker is stalled, the producer
// (main thread) gets SpscStatus.FULL within bounded time and no offer call ever blocks; after the
// consumer resumes, every event offered successfully arrives exactly once, in order, untorn,
// with the producer's checksum. Budget 30 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentControl, SpscQueue, SpscStatus, nowNs, yieldThread } from '../src/index.ts';
import { startWorker } from './workers/agent-harness.ts';
import type { CheckingConsumerData, CheckingConsumerResult } from './workers/spsc-checking-consumer.ts';
import { foldChecksum, writePayload } from './workers/spsc-payload.ts';

const CAPACITY = 256;
const SLOT_BYTES = 64;
const TOTAL = 200_000;
const STALLED_ATTEMPTS = 20_000;
const DEADLINE_MS = 20_000;

test('producer gets FULL while the consumer is stalled, then everything arrives once, in order', async () => {
  console.log(
    `config: capacity=${CAPACITY} slotBytes=${SLOT_BYTES} events=${TOTAL} stalledAttempts=${STALLED_ATTEMPTS} ` +
      `producer=main(offer) consumer=worker(park:1000us on queue) deadline=${DEADLINE_MS}ms`,
  );
  const queue = SpscQueue.create({ capacity: CAPACITY, slotBytes: SLOT_BYTES, initialSequence: -100 });
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const control = AgentControl.create();
  const data: CheckingConsumerData = {
    queue: queue.buffer,
    gate: gate.buffer as SharedArrayBuffer,
    control: control.buffer,
    deadlineMs: DEADLINE_MS,
    pollLimit: 64,
    idle: 'park:1000',
  };
  const run = startWorker<CheckingConsumerResult>(
    new URL('./workers/spsc-checking-consumer.ts', import.meta.url),
    data,
    DEADLINE_MS + 5_000,
  );
  const readyBy = Date.now() + 10_000;
  while (Atomics.load(gate, 1) === 0 && Date.now() < readyBy) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(Atomics.load(gate, 1), 1, 'consumer worker attached and stalled');

  const src = new Uint8Array(SLOT_BYTES);
  const srcI32 = new Int32Array(src.buffer);
  const words = SLOT_BYTES >> 2;
  let seq = 0;
  let checksum = 0;
  let fulls = 0;
  let maxCallNs = 0;

  // Phase 1: the consumer is parked behind the gate.
  const start = nowNs();
  let firstFullNs = -1;
  for (let attempt = 0; attempt < STALLED_ATTEMPTS; attempt++) {
    writePayload(srcI32, 0, words, seq);
    const before = nowNs();
    const r = queue.offer(src, 0);
    const callNs = nowNs() - before;
    if (callNs > maxCallNs) maxCallNs = callNs;
    if (r >= 0) {
      checksum = foldChecksum(checksum, seq);
      seq++;
    } else {
      assert.equal(r, SpscStatus.FULL);
      if (firstFullNs < 0) firstFullNs = nowNs() - start;
      fulls++;
    }
  }
  const stalledMaxCallNs = maxCallNs;
  console.log(
    `stalled phase: accepted=${seq} full=${fulls} firstFullAfter=${(firstFullNs / 1e3).toFixed(1)}us ` +
      `maxOfferCall=${(stalledMaxCallNs / 1e3).toFixed(1)}us`,
  );
  assert.equal(seq, CAPACITY, 'exactly capacity events fit while the consumer is stalled');
  assert.equal(fulls, STALLED_ATTEMPTS - CAPACITY, 'every further offer returned FULL');
  assert.ok(firstFullNs >= 0 && firstFullNs < 1e9, 'FULL came within a second of starting');
  assert.ok(stalledMaxCallNs < 50e6, `no offer call blocked (max ${stalledMaxCallNs} ns)`);
  assert.equal(queue.size(), CAPACITY, 'the stalled consumer took nothing');

  // Phase 2: release the consumer and offer the rest, never waiting inside offer.
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  const deadline = nowNs() + DEADLINE_MS * 1e6;
  let resumedFulls = 0;
  while (seq < TOTAL && nowNs() < deadline) {
    writePayload(srcI32, 0, words, seq);
    const before = nowNs();
    const r = queue.offer(src, 0);
    const callNs = nowNs() - before;
    if (callNs > maxCallNs) maxCallNs = callNs;
    if (r >= 0) {
      checksum = foldChecksum(checksum, seq);
      seq++;
    } else {
      resumedFulls++;
      yieldThread(20);
    }
  }
  srcI32[0] = -1;
  while (queue.offer(src, 0) < 0 && nowNs() < deadline) {
    yieldThread(20);
  }
  const result = await run.result;
  console.log(
    `resumed phase: offered=${seq} full=${resumedFulls} maxOfferCall=${(maxCallNs / 1e3).toFixed(1)}us; ` +
      `consumer: ${JSON.stringify(result)}`,
  );
  assert.equal(seq, TOTAL, 'producer offered everything before the deadline');
  assert.equal(result.sawSentinel, true);
  assert.equal(result.reason, 'stopped');
  assert.equal(result.received, TOTAL, 'each offered event arrived exactly once');
  assert.equal(result.orderErrors, 0, 'in order');
  assert.equal(result.tornErrors, 0, 'no torn payloads');
  assert.equal(result.checksum, checksum, 'checksum matches the producer');
  assert.equal(result.errors, 0);
});
