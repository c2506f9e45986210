// Zero allocation: 10 million events through publish (one worker) and receive (another) produce
// no GC in either hot loop, as seen by a PerformanceObserver('gc') in the thread running the loop.
// Each worker then allocates heavily under the same observer: it must see GCs there, so a zero
// above means "no GC", not "observer blind".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { BroadcastRing } from '@ringside/ring';

const WARMUP = 1_000_000;
const EVENTS = 10_000_000;
const BATCH = 16;
const DEADLINE_MS = 40_000;

interface GcReport {
  role: string;
  hotGc: number;
  controlGc: number;
  hotMs: number;
  newSpaceGrowth: number;
  deadlineHit: boolean;
  published: number;
  taken: number;
  lost: number;
}

function message<T>(worker: Worker, timeoutMs: number): Promise<T> {
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

test('10 M events through publish/receive: zero GC in both hot loops', async () => {
  const ring = BroadcastRing.create({ capacity: 1 << 14 });
  const url = new URL('./workers/broadcast-gc-worker.ts', import.meta.url);
  const common = { ring: ring.buffer, warmup: WARMUP, events: EVENTS, batch: BATCH, deadlineMs: DEADLINE_MS };
  const consumer = new Worker(url, { workerData: { ...common, role: 'consumer' } });
  const workers = [consumer];
  try {
    await message(consumer, 20_000);
    const consumed = message<GcReport>(consumer, DEADLINE_MS + 20_000);
    const producer = new Worker(url, { workerData: { ...common, role: 'producer' } });
    workers.push(producer);
    await message(producer, 20_000);
    const [p, c] = await Promise.all([message<GcReport>(producer, DEADLINE_MS + 20_000), consumed]);
    console.log(
      `gc config: ${WARMUP} warm-up + ${EVENTS} measured events, 64 B slots, producer batches of ${BATCH} ` +
        `(busy, paced on the consumer's lag), consumer receive ≤ 64 with broadcast-park:1000,100us`,
    );
    for (const r of [p, c]) {
      console.log(
        `  ${r.role}: hot loop ${r.hotMs.toFixed(0)} ms, gc entries in hot loop ${r.hotGc}, ` +
          `young generation grew ${r.newSpaceGrowth} B, gc entries in allocating control loop ${r.controlGc}`,
      );
    }
    assert.equal(p.published, WARMUP + EVENTS, 'producer finished before its deadline');
    assert.equal(c.taken, WARMUP + EVENTS, 'consumer received every event');
    assert.equal(c.lost, 0);
    assert.ok(p.controlGc > 0, 'observer in the producer thread sees GCs when it allocates');
    assert.ok(c.controlGc > 0, 'observer in the consumer thread sees GCs when it allocates');
    assert.equal(p.hotGc, 0, 'GC during the producer hot loop');
    assert.equal(c.hotGc, 0, 'GC during the consumer hot loop');
    // One 16-byte object per event would be 160 MB; a few KB come from per-chunk bookkeeping.
    for (const r of [p, c]) {
      assert.ok(r.newSpaceGrowth < 1 << 20, `${r.role} allocated ${r.newSpaceGrowth} B in the hot loop`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
});
