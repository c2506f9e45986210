// File replay through the real ingest worker: the AMZN ITCH file goes through startIngest's
// worker thread into a BroadcastRing, and a consumer in another worker rebuilds the books from
// ring events only. Its counts and books must equal what decoding the file directly gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersReader, SampleRingReader } from '@ringside/counters';
import { requireSharedData } from '@ringside/testkit';
import {
  IngestError,
  IngestErrorCode,
  IngestLatencyTag,
  readIngestCounters,
  startIngest,
} from '@ringside/hotpath';
import { fileFacts, startBookConsumer } from './workers/ingest-harness.ts';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';

test('file replay in the ingest worker: consumer books and counts equal the file', async (t) => {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  const facts = fileFacts(readFileSync(file));
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 128 });
  const consumer = startBookConsumer(ring.buffer, 60_000);
  await consumer.attached;
  const config = { source: { kind: 'file', path: file, batchMessages: 128 }, idleStrategy: 'backoff' };
  console.log('config:', JSON.stringify(config), 'ring 2^17 x 64 B');
  const ingest = startIngest(config, ring.buffer, counters);
  const summary = await ingest.done;
  const result = await consumer.stop();

  assert.equal(summary.reason, 'source exhausted');
  assert.equal(summary.messagesIn, facts.messages);
  assert.deepEqual(summary.byType, facts.byType);
  assert.equal(summary.malformedTotal, 0);
  assert.equal(result.timedOut, false);
  assert.equal(result.ringLoss, 0);
  assert.equal(result.events, facts.messages);
  assert.deepEqual(result.byItchType, facts.byType);
  assert.deepEqual([result.firstFeedSequence, result.lastFeedSequence], [1, facts.messages]);
  assert.deepEqual([result.nonIncreasing, result.unexplainedHoles, result.gapEvents.length], [0, 0, 0]);
  assert.ok(result.minIngestToReadNs > 0, 'every event was stamped before it was read');
  assert.deepEqual(result.books, facts.books);

  const snap = readIngestCounters(CountersReader.attach(counters.buffers), ingest.counterIds);
  assert.equal(snap.messagesIn, facts.messages);
  assert.equal(snap.eventsPublished, facts.messages);
  assert.deepEqual(snap.byType, facts.byType);
  assert.equal(snap.bytes, readFileSync(file).length);
  const latencies: number[] = [];
  SampleRingReader.attach(ingest.samples).poll((ns, tag) => {
    if (tag === IngestLatencyTag.INGEST_TO_PUBLISH) latencies.push(ns);
  });
  const batches = Math.ceil(facts.messages / 128);
  assert.deepEqual(
    [summary.reads, latencies.length],
    [batches, batches],
    'one stamp, publish, sample per batch',
  );
  assert.ok(latencies.every((ns) => ns > 0));
  console.log(
    `replayed ${summary.messagesIn} messages in ${summary.reads} batches, ${summary.elapsedMs.toFixed(1)} ms;`,
    `ingest->publish p50 ${(latencies.sort((a, b) => a - b)[latencies.length >> 1]! / 1000).toFixed(1)} us`,
  );
});

test('startIngest refuses a missing file and a ring of the wrong slot size', () => {
  const counters = CountersManager.create({ capacity: 128 });
  const ring = BroadcastRing.create({ capacity: 16, slotBytes: 64 });
  assert.throws(
    () => startIngest({ source: { kind: 'file', path: '/nonexistent/x.itch' } }, ring.buffer, counters),
    (e: unknown) =>
      e instanceof IngestError && e.code === IngestErrorCode.SOURCE_UNAVAILABLE && /x\.itch/.test(e.message),
  );
  const small = BroadcastRing.create({ capacity: 16, slotBytes: 32 });
  assert.throws(
    () => startIngest({ source: { kind: 'file', path: '/x' } }, small.buffer, counters),
    (e: unknown) => e instanceof IngestError && e.code === IngestErrorCode.BAD_RING,
  );
});
