// Zero GC on the ingest hot path: decode + normalize + publish (+ per-batch counters flush and
// latency sample) over 10 M messages in a worker, watched by a 'gc' PerformanceObserver in that
// thread; the same observer must see collections in an allocating control loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sharedDataDir } from '@ringside/testkit';
import { syntheticItch } from './workers/ingest-synthetic.ts';
import type { GcWorkerData } from './workers/ingest-gc-worker.ts';

const TARGET_MESSAGES = 10_000_000;

function itchBuffer(): { name: string; bytes: Uint8Array; messages: number } {
  const dir = sharedDataDir();
  const file = dir === undefined ? undefined : path.join(dir, 'itch/AMZN_2012-06-21_lobster_level1.itch');
  if (file !== undefined && existsSync(file))
    return { name: 'AMZN file', bytes: readFileSync(file), messages: 80_660 };
  console.log('AMZN sample absent: using a synthetic ITCH buffer instead');
  const messages = 100_000;
  return { name: 'synthetic', bytes: syntheticItch(messages, 7), messages };
}

test('ingest replay path: zero GC over 10 M messages, observer proven by a control loop', async () => {
  const itch = itchBuffer();
  const loops = Math.ceil(TARGET_MESSAGES / itch.messages);
  const data: GcWorkerData = {
    itch: itch.bytes,
    messagesPerLoop: itch.messages,
    warmupLoops: Math.ceil(1_000_000 / itch.messages),
    loops,
    batchMessages: 256,
  };
  console.log(`config: ${itch.name}, ${itch.messages} msgs x ${loops} loops, batch 256, ring 2^16 x 64 B`);
  const worker = new Worker(new URL('./workers/ingest-gc-worker.ts', import.meta.url), { workerData: data });
  const timer = setTimeout(() => void worker.terminate(), 90_000);
  const r = await new Promise<Record<string, number>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`gc worker exited (${code})`)));
  });
  clearTimeout(timer);
  await worker.terminate();
  console.log(
    `hot: ${r.messages} messages in ${r.hotMs!.toFixed(0)} ms (${(((r.messages! / r.hotMs!) * 1e3) / 1e6).toFixed(2)} M msg/s),`,
    `gc entries ${r.hotGc}; control loop gc entries ${r.controlGc}`,
  );
  assert.equal(r.messages, itch.messages * loops);
  assert.ok(r.messages! >= TARGET_MESSAGES);
  assert.equal(r.malformed, 0);
  assert.ok(r.controlGc! > 0, 'the observer sees GCs in this thread');
  assert.equal(r.hotGc, 0, 'no GC while normalizing and publishing');
});
