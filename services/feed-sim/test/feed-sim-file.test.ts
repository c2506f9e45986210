// feed-sim replaying the real AMZN ITCH file over SoupBinTCP on 127.0.0.1: a client receives
// every message byte for byte (counts per type match the file), and a client whose connection
// drops mid-stream resumes from its next sequence number with no gap and no duplicate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireSharedData } from '@ringside/testkit';
import { startFeedSim } from '@ringside/feed-sim';
import { FeedCollector, readFramedFile, waitFor, within } from './feed-client.ts';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';

function countTypes(messages: Uint8Array[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of messages) {
    const t = String.fromCharCode(m[0]!);
    out[t] = (out[t] ?? 0) + 1;
  }
  return out;
}

function assertSameMessages(got: Uint8Array[], want: Uint8Array[]): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    if (Buffer.compare(got[i]!, want[i]!) !== 0) assert.fail(`message ${i + 1} differs from the file`);
  }
}

test('a client receives the whole AMZN file: every message, byte for byte', { timeout: 30000 }, async (t) => {
  const path = requireSharedData(t, AMZN);
  if (path === undefined) return;
  const file = readFramedFile(path);
  const feed = await startFeedSim({ source: { kind: 'file', path }, pacing: { mode: 'max' } });
  const c = new FeedCollector(feed.port);
  try {
    await within('end of session', c.ended, 20000);
    const stats = await feed.finished;
    console.log(
      `AMZN max speed: ${stats.published} messages in ${stats.elapsedMs.toFixed(0)} ms (${Math.round(stats.achievedRate)} msg/s published), by type ${JSON.stringify(c.countsByType())}`,
    );
    assert.equal(stats.finishReason, 'source exhausted');
    assert.equal(stats.published, file.length);
    assert.equal(c.firstSequenceBreak(), -1);
    assertSameMessages(c.messages, file);
    assert.deepEqual(c.countsByType(), countTypes(file));
    assert.deepEqual(stats.byType, countTypes(file));
    // The shared data README's table, as a cross-check of the file itself.
    assert.equal(file.length, 80660);
    assert.equal(c.countsByType()['A'], 36309);
  } finally {
    await c.close();
    await feed.close();
  }
});

test(
  'disconnect mid-stream and resume from the next sequence: no gap, no duplicate',
  { timeout: 30000 },
  async (t) => {
    const path = requireSharedData(t, AMZN);
    if (path === undefined) return;
    const file = readFramedFile(path);
    const rate = 60000;
    const feed = await startFeedSim({
      source: { kind: 'file', path },
      pacing: { mode: 'rate', messagesPerSecond: rate },
    });
    const c = new FeedCollector(feed.port);
    const drops = [15000, 45000];
    try {
      for (const at of drops) {
        await waitFor(`message ${at}`, () => c.messages.length >= at, 10000);
        // Mid-stream: the feed is still publishing when the link drops.
        assert.equal(feed.stats().state, 'streaming');
        c.client.dropConnection('test: link lost');
      }
      await within('end of session', c.ended, 20000);
      console.log(
        `resume: AMZN at ${rate} msg/s, drops after ${drops.join(', ')} messages, reconnects ${c.client.reconnects}, ` +
          `logins seen by feed-sim ${feed.stats().server.loginsAccepted}`,
      );
      assert.equal(c.client.reconnects, drops.length);
      assert.equal(c.client.gapMessages, 0);
      assert.equal(c.firstSequenceBreak(), -1, 'sequence numbers 1..n without gap or duplicate');
      assertSameMessages(c.messages, file);
    } finally {
      await c.close();
      await feed.close();
    }
  },
);
