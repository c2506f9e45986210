// The hot-path writers allocate nothing: 10 M counter updates and 10 M sample records run in
// a worker with no GC event inside either loop, while an allocating loop of the same length
// in the same worker must show GC events (so the observer demonstrably works). The measured
// loops start just below 2^32, so values and positions are large (not V8 small integers) and
// the counter's carry path runs inside the window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWorker } from './worker-result.ts';
import type { ZeroAllocResult } from './zero-alloc-worker.ts';

const ITERATIONS = 10_000_000;
const TIMEOUT_MS = 25_000;

test('10 M counter updates and 10 M sample records cause zero GC events', async () => {
  console.log(`config: 1 worker thread, ${ITERATIONS} iterations per loop, PerformanceObserver 'gc'`);
  const started = startWorker<{ results: ZeroAllocResult[]; warmUpGcEvents: number }>(
    new URL('./zero-alloc-worker.ts', import.meta.url),
    { iterations: ITERATIONS },
    TIMEOUT_MS,
  );
  const { results, warmUpGcEvents } = await started.message;
  await started.exited;
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
