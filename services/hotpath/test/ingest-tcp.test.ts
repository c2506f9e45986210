// The ingest worker on a real SoupBinTCP feed over loopback TCP: the AMZN ITCH file served
// by feed-sim (a child process, `node services/feed-sim/src/main.ts --port 0`, so its timers do
// not share this test's event loop), ingested by the worker thread into a BroadcastRing, books
// rebuilt from ring events by a consumer in another worker. Then the same with the connection cut mid-packet
// (the client must resume with no gap and no duplicate), and with a server that can no longer
// replay the start of the session (the gap must be counted and surfaced as an event).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersReader } from '@ringside/counters';
import { requireSharedData } from '@ringside/testkit';
import { MarketEventType, readIngestCounters, startIngest } from '@ringside/hotpath';
import type { IngestStatusEvent } from '@ringside/hotpath';
import { fileFacts, startBookConsumer } from './workers/ingest-harness.ts';
import { spawnFeedSim } from './workers/ingest-feed-sim-process.ts';
import type { FeedSimProcess } from './workers/ingest-feed-sim-process.ts';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';
const DEADLINE_MS = 30_000;

/** feed-sim (child process) streaming `file` at full speed; `extra` CLI options (limits, store). */
function feedSim(file: string, extra: readonly string[] = []): Promise<FeedSimProcess> {
  return spawnFeedSim(['--file', file, '--pace', 'max', '--log-level', 'info', ...extra]);
}

/**
 * A TCP proxy that cuts its first connection after `cutAfter` server→client bytes (both sockets
 * destroyed, mid-packet unless by luck) and forwards every later connection untouched.
 */
async function cuttingProxy(
  targetPort: number,
  cutAfter: number,
): Promise<{ port: number; cuts: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let cuts = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const first = connections++ === 0;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    let forwarded = 0;
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (first && forwarded + d.length >= cutAfter) {
        client.write(d.subarray(0, cutAfter - forwarded));
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      forwarded += d.length;
      client.write(d);
    });
    for (const s of [client, upstream]) {
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cuts: () => cuts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function runSession(
  port: number,
  ring: BroadcastRing,
  counters: CountersManager,
  events: IngestStatusEvent[],
) {
  const config = { source: { kind: 'tcp', port, reconnectDelayMs: 20, readBufferBytes: 65536 } };
  console.log('config:', JSON.stringify(config), `ring ${ring.capacity} x ${ring.slotBytes} B`);
  const ingest = startIngest(config, ring.buffer, counters);
  ingest.onStatus((e) => events.push(e));
  const timer = setTimeout(() => void ingest.stop(), DEADLINE_MS);
  try {
    return { ingest, summary: await ingest.done };
  } finally {
    clearTimeout(timer);
  }
}

test('AMZN over SoupBinTCP: consumer books, counts and sequences equal the file', async (t) => {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  const bytes = readFileSync(file);
  const facts = fileFacts(bytes);
  // Streams live to the client as it logs in (not a replay of a finished store).
  const sim = await feedSim(file, ['--start-on', 'first-login']);
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 128 });
  const consumer = startBookConsumer(ring.buffer, DEADLINE_MS);
  await consumer.attached;
  const events: IngestStatusEvent[] = [];
  try {
    const { ingest, summary } = await runSession(sim.port, ring, counters, events);
    const result = await consumer.stop();
    assert.equal(summary.reason, 'end of session');
    assert.deepEqual(summary.byType, facts.byType);
    assert.equal(result.timedOut, false);
    assert.equal(result.ringLoss, 0);
    assert.equal(result.events, facts.messages);
    assert.deepEqual(result.byItchType, facts.byType);
    assert.deepEqual([result.firstFeedSequence, result.lastFeedSequence], [1, facts.messages]);
    assert.deepEqual([result.nonIncreasing, result.unexplainedHoles, result.gapEvents.length], [0, 0, 0]);
    assert.ok(result.minIngestToReadNs > 0);
    assert.deepEqual(result.books, facts.books);
    const snap = readIngestCounters(CountersReader.attach(counters.buffers), ingest.counterIds);
    assert.deepEqual([snap.messagesIn, snap.gaps, snap.duplicates], [facts.messages, 0, 0]);
    assert.equal(snap.reads, summary.reads);
    assert.ok(events.some((e) => e.kind === 'connected') && events.some((e) => e.kind === 'end-of-session'));
    console.log(
      `${summary.messagesIn} messages, ${summary.bytes} bytes in ${summary.reads} reads, ${summary.elapsedMs.toFixed(0)} ms`,
    );
    assert.equal((await sim.fed).published, facts.messages);
  } finally {
    await sim.close();
  }
});

test('connection cut mid-packet: the client resumes, no gap, no duplicate in the ring', async (t) => {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  const bytes = readFileSync(file);
  const facts = fileFacts(bytes);
  const sim = await feedSim(file);
  const cutAfter = 1_000_003; // about 40% into the stream, not on a packet boundary
  const proxy = await cuttingProxy(sim.port, cutAfter);
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 128 });
  const consumer = startBookConsumer(ring.buffer, DEADLINE_MS);
  await consumer.attached;
  const events: IngestStatusEvent[] = [];
  try {
    const { summary } = await runSession(proxy.port, ring, counters, events);
    const result = await consumer.stop();
    console.log('cut after', cutAfter, 'bytes; status events:', JSON.stringify(events));
    assert.equal(proxy.cuts(), 1, 'the proxy did cut the first connection');
    assert.equal(summary.reconnects, 1);
    assert.deepEqual(
      events.slice(0, 4).map((e) => e.kind),
      ['connected', 'disconnected', 'connected', 'end-of-session'],
    );
    const resumedAt = events.filter((e) => e.kind === 'connected')[1];
    assert.ok(
      resumedAt !== undefined && resumedAt.nextSequence > 1 && resumedAt.nextSequence < facts.messages,
    );
    assert.equal(result.events, facts.messages);
    assert.deepEqual([result.firstFeedSequence, result.lastFeedSequence], [1, facts.messages]);
    assert.deepEqual([result.nonIncreasing, result.unexplainedHoles, result.gapEvents.length], [0, 0, 0]);
    assert.equal(result.ringLoss, 0);
    assert.deepEqual(result.byItchType, facts.byType);
    assert.deepEqual(result.books, facts.books);
    assert.deepEqual([summary.gaps, summary.duplicates], [0, 0]);
  } finally {
    await proxy.close();
    await sim.close();
  }
});

test('a server that no longer retains the start: the gap is counted and surfaced as an event', async (t) => {
  const file = requireSharedData(t, AMZN);
  if (file === undefined) return;
  // The store keeps the last 1,000 messages only; the client asks for sequence 1 once all
  // 5,000 are published.
  const sim = await feedSim(file, ['--max-messages', '5000', '--store-mb', '1', '--store-messages', '1000']);
  const published = (await sim.fed).published;
  assert.equal(published, 5000);
  const ring = BroadcastRing.create({ capacity: 1 << 14, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 128 });
  const consumer = startBookConsumer(ring.buffer, DEADLINE_MS);
  await consumer.attached;
  const events: IngestStatusEvent[] = [];
  try {
    const { ingest, summary } = await runSession(sim.port, ring, counters, events);
    const result = await consumer.stop();
    const missing = published - 1000;
    assert.deepEqual(result.gapEvents, [{ from: 1, count: missing }]);
    assert.equal(result.byEventType[MarketEventType.GAP], 1);
    assert.deepEqual([result.firstFeedSequence, result.lastFeedSequence], [missing + 1, published]);
    assert.deepEqual([result.nonIncreasing, result.unexplainedHoles], [0, 0]);
    assert.equal(result.feedMessages, 1000);
    assert.deepEqual([summary.gaps, summary.gapMessages], [1, missing]);
    const snap = readIngestCounters(CountersReader.attach(counters.buffers), ingest.counterIds);
    assert.deepEqual([snap.gaps, snap.gapMessages, snap.eventsPublished], [1, missing, 1001]);
    assert.ok(
      events.some((e) => e.kind === 'gap' && e.gaps === 1 && e.gapMessages === missing),
      `gap status event expected, got ${JSON.stringify(events)}`,
    );
  } finally {
    await sim.close();
  }
});

test('stop() mid-stream: the worker logs out and reports what it ingested, in order', async () => {
  const sim = await spawnFeedSim([
    '--synthetic',
    '--symbols',
    'AAA,BBB',
    '--seed',
    '9',
    '--rate',
    '200000',
    '--duration',
    '10',
  ]);
  const ring = BroadcastRing.create({ capacity: 1 << 17, slotBytes: 64 });
  const consumer = startBookConsumer(ring.buffer, DEADLINE_MS);
  await consumer.attached;
  const config = { source: { kind: 'tcp', port: sim.port } };
  console.log('config:', JSON.stringify(config), 'feed-sim synthetic at 200k msg/s, stop after 300 ms');
  const ingest = startIngest(config, ring.buffer, CountersManager.create({ capacity: 128 }));
  try {
    await ingest.ready;
    await new Promise((r) => setTimeout(r, 300));
    const summary = await ingest.stop();
    const result = await consumer.stop();
    assert.equal(summary.reason, 'stopped');
    assert.ok(summary.messagesIn > 1000, `ingested ${summary.messagesIn}`);
    assert.equal(result.events, summary.eventsPublished);
    assert.deepEqual([result.firstFeedSequence, result.lastFeedSequence], [1, summary.messagesIn]);
    assert.deepEqual([result.nonIncreasing, result.unexplainedHoles, result.ringLoss], [0, 0, 0]);
    const final = await sim.close();
    assert.ok(final !== undefined && final.published >= summary.messagesIn, JSON.stringify(final));
    console.log(
      `stopped after ${summary.messagesIn} messages in ${summary.reads} reads; feed-sim published ${final.published}`,
    );
  } finally {
    await sim.close();
  }
});
