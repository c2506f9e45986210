// A writer thread updates three counters millions of times while this thread reads them.
// Forbidden outcomes: a value going backwards, a torn value (a HI from one store paired with a
// LO from another), a final value that is not exact. Steps are chosen so tearing is visible:
// step1 = 2^31 + 1 crosses 2^32 every second add, step2 = 2^32 + 3 changes HI on every add, and
// a value that is not a multiple of its step can only come from a torn read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTER_TYPE, CountersManager, CountersReader, LONG_READ_CONTENDED } from '../src/index.ts';
import { CONTROL } from './worker-control.ts';
import { startWorker } from './worker-result.ts';
import type { WriterWorkerData } from './worker-control.ts';

const ITERATIONS = 4_000_000; // step1 * ITERATIONS stays below 2^53
const STEP1 = 2 ** 31 + 1;
const STEP2 = 2 ** 32 + 3;
const WRITER_DEADLINE_MS = 10_000;
const READER_DEADLINE_MS = 20_000;

test('concurrent reader never sees a counter go backwards or torn; final values are exact', async () => {
  const manager = CountersManager.create({ capacity: 4 });
  const ids = [
    manager.allocate('writer: increments', COUNTER_TYPE.EVENTS_IN),
    manager.allocate('writer: odd steps ✓', COUNTER_TYPE.ORDERS_SENT, Uint8Array.of(9)),
    manager.allocate('writer: carry steps', COUNTER_TYPE.GAUGE),
  ] as const;
  const control = new SharedArrayBuffer(16);
  const controlWords = new Int32Array(control);
  const data: WriterWorkerData = {
    buffers: manager.buffers,
    ids,
    control,
    iterations: ITERATIONS,
    deadlineMs: WRITER_DEADLINE_MS,
    step1: STEP1,
    step2: STEP2,
  };
  console.log(
    `config: 1 writer thread, 1 reader thread, ${ITERATIONS} iterations, steps 1, ${STEP1}, ${STEP2}`,
  );
  const started = startWorker<unknown>(new URL('./counters-writer-worker.ts', import.meta.url), data, 10_000);
  const labels = await started.message;
  assert.deepEqual(
    labels,
    ids.map((id) => CountersReader.attach(manager.buffers).getCounterMetadata(id)),
  );

  const reader = CountersReader.attach(manager.buffers);
  const steps = [1, STEP1, STEP2];
  const last = [0, 0, 0];
  let reads = 0;
  let contended = 0;
  let changes = 0;
  let violations = 0;
  const violationExamples: string[] = [];
  Atomics.store(controlWords, CONTROL.START, 1);
  Atomics.notify(controlWords, CONTROL.START);
  const deadline = performance.now() + READER_DEADLINE_MS;
  while (Atomics.load(controlWords, CONTROL.DONE) === 0 && performance.now() < deadline) {
    for (let c = 0; c < 3; c++) {
      const value = reader.getCounterValue(ids[c]);
      reads++;
      if (value === LONG_READ_CONTENDED) {
        contended++;
        continue;
      }
      if (value < last[c] || value % steps[c] !== 0) {
        violations++;
        if (violationExamples.length < 5) violationExamples.push(`counter ${c}: ${last[c]} -> ${value}`);
      }
      if (value !== last[c]) changes++;
      last[c] = value;
    }
  }
  await started.exited;
  const iterations = Atomics.load(controlWords, CONTROL.ITERATIONS);
  console.log(
    `result: writer iterations ${iterations}, reads ${reads}, value changes seen ${changes}, contended ${contended}, violations ${violations}`,
  );
  assert.equal(violations, 0, violationExamples.join('; '));
  assert.ok(iterations > 100_000, `writer ran only ${iterations} iterations`);
  // The reads must overlap the writes, or the test proves nothing. When the box is busy both
  // threads may share one core and alternate by time slice, so only a modest number of changes
  // is guaranteed (then 'contended' shows the writer was preempted mid-carry, a good case).
  assert.ok(changes > 50, `only ${changes} value changes observed while the writer ran`);
  assert.equal(reader.getCounterValue(ids[0]), iterations);
  assert.equal(reader.getCounterValue(ids[1]), iterations * STEP1);
  assert.equal(reader.getCounterValue(ids[2]), Math.ceil(iterations / 4) * STEP2);
});
