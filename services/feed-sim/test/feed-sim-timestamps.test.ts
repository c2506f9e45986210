// Pacing by original timestamps: a small ITCH file with known timestamps (10 ms apart, one
// 300 ms gap) replayed at speed 2 reaches the client on the same time line, halved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NasdaqFrameWriter, SystemEventCode, encodeSystemEvent } from '@ringside/protocols';
import { startFeedSim } from '@ringside/feed-sim';
import { FeedCollector, within } from './feed-client.ts';

const OPEN_NS = 34_200_000_000_000;

function writeTimedFile(file: string, offsetsMs: number[]): void {
  const buf = new Uint8Array(offsetsMs.length * 16);
  const w = new NasdaqFrameWriter(buf);
  const f = { stockLocate: 0, trackingNumber: 0, timestamp: 0, eventCode: SystemEventCode.START_OF_MESSAGES };
  for (const ms of offsetsMs) {
    f.timestamp = OPEN_NS + ms * 1e6;
    const n = encodeSystemEvent(w.buffer, w.messageOffset, f);
    assert.ok(n > 0 && w.commit(n) > 0);
  }
  writeFileSync(file, buf.subarray(0, w.position));
}

test(
  'timestamps pacing: arrivals follow the file time line, scaled by the speed',
  { timeout: 20000 },
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feed-sim-ts-'));
    const file = path.join(dir, 'timed.itch');
    // 100 messages 10 ms apart, then a 300 ms silence, then 50 more: 1.79 s of market time.
    const offsets = [
      ...Array.from({ length: 100 }, (_, i) => i * 10),
      ...Array.from({ length: 50 }, (_, i) => 1290 + i * 10),
    ];
    writeTimedFile(file, offsets);
    const speed = 2;
    const feed = await startFeedSim({
      source: { kind: 'file', path: file },
      pacing: { mode: 'timestamps', speed },
      startOn: 'first-login',
    });
    const c = new FeedCollector(feed.port);
    try {
      await within('end of session', c.ended, 10000);
      assert.equal(c.messages.length, offsets.length);
      const t0 = c.times[0]!;
      let worst = 0;
      for (let i = 0; i < offsets.length; i++) {
        const want = offsets[i]! / speed;
        worst = Math.max(worst, Math.abs(c.times[i]! - t0 - want));
      }
      const span = c.times.at(-1)! - t0;
      console.log(
        `timestamps x${speed}: ${offsets.length} messages over ${offsets.at(-1)} ms of market time arrived over ${span.toFixed(0)} ms; worst deviation ${worst.toFixed(1)} ms`,
      );
      assert.ok(worst < 60, `worst deviation ${worst} ms`);
      const gap = c.times[100]! - c.times[99]!;
      assert.ok(gap > 120 && gap < 220, `the 300 ms silence at x2 took ${gap} ms`);
    } finally {
      await c.close();
      await feed.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
