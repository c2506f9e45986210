// File replay through the real ingest worker: the AMZN ITCH file goes through startIngest's
// worker thread into a BroadcastRing, and a consumer in another worker rebuilds the books from
// ring events only. Its counts and books must equal what decoding the file directly gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersReader, SampleRingReader } from '@ringside/counters';
import { requireSharedData } from '@ringside/testkit';
import {
  GeneratorFramedSource,
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

test("generator source: feed-sim's synthetic book through the worker, books consistent, deterministic", async () => {
  const run = async () => {
    const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
    const consumer = startBookConsumer(ring.buffer, 60_000);
    await consumer.attached;
    const config = {
      source: { kind: 'generator', seed: 42, messages: 60_000, instruments: 5 },
      idleStrategy: 'spin-yield',
    };
    console.log('config:', JSON.stringify(config));
    const summary = await startIngest(config, ring.buffer, CountersManager.create({ capacity: 128 })).done;
    return { summary, result: await consumer.stop() };
  };
  const a = await run();
  const b = await run();
  assert.equal(a.summary.reason, 'source exhausted');
  assert.equal(a.summary.messagesIn, 60_000);
  assert.equal(a.summary.malformedTotal, 0);
  assert.equal(a.result.events, 60_000);
  assert.deepEqual(
    [a.result.firstFeedSequence, a.result.lastFeedSequence, a.result.unexplainedHoles],
    [1, 60_000, 0],
  );
  assert.equal(a.result.books.length, 5);
  for (const book of a.result.books) {
    assert.equal(book.rejects, 0, `book ${book.locate}: every execute/cancel/delete/replace found its order`);
    assert.ok(book.orders > 0 && book.bids.length > 0 && book.asks.length > 0);
  }
  // The same stream decoded directly in this thread builds the same books.
  const source = new GeneratorFramedSource({ seed: 42, messages: 60_000, instruments: 5 });
  const chunks: Uint8Array[] = [];
  for (let n = source.refill(); n > 0; n = source.refill()) chunks.push(source.buffer.slice(0, n));
  const facts = fileFacts(Buffer.concat(chunks));
  assert.equal(facts.messages, 60_000);
  assert.deepEqual(a.summary.byType, facts.byType);
  assert.deepEqual(a.result.books, facts.books);
  assert.deepEqual(b.summary.byType, a.summary.byType, 'same seed, same stream');
  assert.deepEqual(b.result.books, a.result.books);
  console.log('generated by type:', JSON.stringify(a.summary.byType));
});

test('a source that fails inside the worker rejects ready and done with a typed error, ring left free', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-ingest-'));
  const file = path.join(dir, 'broken.itch.gz');
  writeFileSync(file, Uint8Array.of(0x1f, 0x8b, 1, 2, 3, 4)); // gzip magic, no gzip stream
  try {
    const ring = BroadcastRing.create({ capacity: 16, slotBytes: 64 });
    const ingest = startIngest(
      { source: { kind: 'file', path: file } },
      ring.buffer,
      CountersManager.create({ capacity: 128 }),
    );
    const isTyped = (e: unknown): boolean =>
      e instanceof IngestError &&
      e.code === IngestErrorCode.SOURCE_UNAVAILABLE &&
      /cannot gunzip/.test(e.message);
    await assert.rejects(ingest.ready, isTyped);
    await assert.rejects(ingest.done, isTyped);
    // The failed worker never held the producer role: the next start on the same ring works.
    const good = path.join(dir, 'good.itch');
    writeFileSync(good, Uint8Array.of(0, 12, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x4f)); // one S 'O'
    const summary = await startIngest(
      { source: { kind: 'file', path: good } },
      ring.buffer,
      CountersManager.create({ capacity: 128 }),
    ).done;
    assert.deepEqual([summary.reason, summary.byType], ['source exhausted', { S: 1 }]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
