// Zero allocation on the hot path: 10 M events through SpscQueue (offer/poll and
// claim/commit/flush/poll) and 10 M nowNs()/stampNs() calls produce no GC event in the thread
// running them (a worker, like the hot-path agents). A loop that allocates, measured the same
// way, must produce GC events, or the test fails: the observer is shown to work. Budget 60 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWorker } from './workers/agent-harness.ts';
import type { LoopReport, ZeroGcData } from './workers/spsc-zero-gc-worker.ts';

const EVENTS = 10_000_000;

test('hot loops allocate nothing: zero GC events over 10 M events each', async () => {
  console.log(`config: events=${EVENTS} per loop, warm-up 40×20k, one worker, PerformanceObserver('gc')`);
  const data: ZeroGcData = { events: EVENTS };
  const reports = await runWorker<LoopReport[]>(
    new URL('./workers/spsc-zero-gc-worker.ts', import.meta.url),
    data,
    50_000,
  );
  for (const r of reports) {
    console.log(
      `${r.name}: ${r.events} events, ${r.gcEvents} GC events, ${r.ms.toFixed(0)} ms ` +
        `(${((r.events / r.ms) * 1e-3).toFixed(1)} M/s)`,
    );
  }
  const control = reports.find((r) => r.name === 'allocating control');
  assert.ok(control !== undefined);
  assert.ok(control.gcEvents > 0, 'the allocating control loop must be seen to GC');
  for (const r of reports) {
    assert.equal(r.check, r.expect, `${r.name} did its real work without errors`);
    if (r !== control) {
      assert.equal(r.gcEvents, 0, `${r.name} must not allocate`);
    }
  }
});
