// The hot-path writers allocate nothing: 10 M counter updates and 10 M sample records run in
// a worker with no GC event inside either loop, while an allocating loop of the same length
// in the same worker must show GC events (so the observer demonstrably works). The measured
// loops start just below 2^32, so values and positions are large (not V8 small integers) and
// the counter's carry path runs inside the window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import type { ZeroAllocResult } from './zero-alloc-worker.ts';

const ITERATIONS = 10_000_000;

test('10 M counter updates and 10 M sample records cause zero GC events', async () => {
  console.log(`config: 1 worker thread, ${ITERATIONS} iterations per loop, PerformanceObserver 'gc'`);
  const worker = new Worker(new URL('./zero-alloc-worker.ts', import.meta.url), {
    workerData: { iterations: ITERATIONS },
  });
  const [{ results, warmUpGcEvents }] = (await once(worker, 'message')) as [
    { results: ZeroAllocResult[]; warmUpGcEvents: number },
  ];
  await once(worker, 'exit');
  console.log(`info: GC events during warmUpWriters() (allowed, not asserted): ${warmUpGcEvents}`);
  for (const r of results) {
    console.log(
      `result: ${r.name}: ${r.gcEvents} GC events, ${r.ms.toFixed(0)} ms, ${((r.ms * 1e6) / r.iterations).toFixed(1)} ns/iteration`,
    );
  }
  const byName = new Map(results.map((r) => [r.name, r]));
  assert.ok((byName.get('allocating control')?.gcEvents ?? 0) > 0, 'the control loop must trigger GC');
  assert.equal(byName.get('counter increment/add')?.gcEvents, 0);
  assert.equal(byName.get('sample record')?.gcEvents, 0);
});
