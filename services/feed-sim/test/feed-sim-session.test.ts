// feed-sim's session behaviour on 127.0.0.1: heartbeats keep an idle client alive, a silent
// peer is dropped, a bad login is rejected with its reason, and garbage from one client is
// counted while every other client is still served the whole stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { SoupClientState, writeSoupLoginRequest } from '@ringside/protocols';
import { startFeedSim } from '@ringside/feed-sim';
import { FeedCollector, waitFor, within } from './feed-client.ts';

const synthetic = { kind: 'synthetic' as const, symbols: ['AAPL', 'MSFT'], seed: 3 };

test('heartbeats keep an idle client alive; a silent peer is dropped', { timeout: 20000 }, async () => {
  const hb = { heartbeatIntervalMs: 50, idleTimeoutMs: 400 };
  const feed = await startFeedSim({
    source: synthetic,
    maxMessages: 500,
    endOfSession: false, // the session stays open, idle, after the last message
    ...hb,
  });
  const c = new FeedCollector(feed.port, hb);
  const silent = net.connect({ host: '127.0.0.1', port: feed.port });
  silent.on('error', () => {});
  silent.resume(); // read (and drop) what arrives, so the close is seen
  const opened = performance.now();
  const silentClosed = new Promise<number>((r) => silent.on('close', () => r(performance.now() - opened)));
  const login = new Uint8Array(49);
  writeSoupLoginRequest(login, 0, { username: 'mute', password: '', session: '', sequenceNumber: 1 });
  silent.write(login); // ... and never a heartbeat after that
  try {
    await feed.finished;
    await waitFor('all messages', () => c.messages.length === feed.stats().published, 5000);
    const droppedAfter = await within('silent peer dropped', silentClosed, 5000);
    await new Promise((r) => setTimeout(r, 1000)); // idle well past the timeout
    console.log(
      `heartbeats ${JSON.stringify(hb)}: idle client heartbeats in/out ${c.client.heartbeatsReceived}/${c.client.heartbeatsSent}; silent peer dropped after ${droppedAfter.toFixed(0)} ms`,
    );
    assert.equal(c.client.state, SoupClientState.LOGGED_IN);
    assert.equal(c.client.reconnects, 0);
    assert.ok(c.client.heartbeatsReceived >= 10);
    assert.ok(droppedAfter >= 380 && droppedAfter < 3000, `dropped after ${droppedAfter}`);
    assert.equal(feed.stats().server.anomalies['idleTimeout'], 1);
  } finally {
    silent.destroy();
    await c.close();
    await feed.close();
  }
});

test('bad login is rejected with its reason', { timeout: 20000 }, async () => {
  const feed = await startFeedSim({
    source: synthetic,
    maxMessages: 100,
    session: 'ITCH01',
    username: 'feed',
    password: 'secret',
  });
  const wrongPassword = new FeedCollector(feed.port, { username: 'feed', password: 'guess' });
  const wrongSession = new FeedCollector(feed.port, {
    username: 'feed',
    password: 'secret',
    session: 'ITCH02',
  });
  const good = new FeedCollector(feed.port, { username: 'feed', password: 'secret', session: 'ITCH01' });
  try {
    await within(
      'rejections and the good stream',
      Promise.all([wrongPassword.ended, wrongSession.ended, good.ended]),
      10000,
    );
    assert.equal(wrongPassword.rejected, 'A');
    assert.equal(wrongSession.rejected, 'S');
    assert.equal(good.rejected, undefined);
    assert.equal(good.messages.length, feed.stats().published);
    assert.equal(feed.stats().server.loginsRejected, 2);
    assert.equal(wrongPassword.messages.length + wrongSession.messages.length, 0);
  } finally {
    await Promise.all([wrongPassword.close(), wrongSession.close(), good.close()]);
    await feed.close();
  }
});

test(
  'garbage from a client is counted; the others are served the whole stream',
  { timeout: 20000 },
  async () => {
    const feed = await startFeedSim({
      source: synthetic,
      pacing: { mode: 'rate', messagesPerSecond: 20000 },
      durationMs: 800,
    });
    const good = [new FeedCollector(feed.port), new FeedCollector(feed.port)];
    const garbage: Buffer[] = [
      Buffer.from([0xff, 0xff, 0x4c, 1, 2, 3]), // length beyond the sanity limit
      Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), // a stray HTTP client
      Buffer.from([0, 5, 0x55, 1, 2, 3, 4]), // data before login
      Buffer.from([0, 0]), // zero length
    ];
    const sockets = garbage.map((bytes) => {
      const s = net.connect({ host: '127.0.0.1', port: feed.port }, () => s.write(bytes));
      s.on('error', () => {});
      s.resume(); // read (and drop) the Debug reason, so the close is seen
      return new Promise<void>((r) => s.on('close', () => r()));
    });
    try {
      await within('garbage connections closed by the server', Promise.all(sockets), 5000);
      await within('end of session', Promise.all(good.map((g) => g.ended)), 10000);
      const stats = feed.stats();
      console.log(
        `garbage: anomalies ${JSON.stringify(stats.server.anomalies)}, published ${stats.published}`,
      );
      for (const g of good) {
        assert.equal(g.messages.length, stats.published);
        assert.equal(g.firstSequenceBreak(), -1);
      }
      assert.deepEqual(stats.server.anomalies, { frameTooLong: 2, packetBeforeLogin: 1, emptyFrame: 1 });
    } finally {
      await Promise.all(good.map((g) => g.close()));
      await feed.close();
    }
  },
);
