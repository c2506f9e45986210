// A worker records millions of samples while this thread drains them. Forbidden outcomes: a
// delivered sample that is not genuine (value and tag disagree with the sample number it
// encodes), samples out of order, a loss that was not counted. Allowed: losses, when counted.
// A tiny ring makes the writer overwrite slots while the reader copies them (the seqlock-style
// validation must discard those); a larger ring with a prompt reader should lose little.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SampleRing, SampleRingReader } from '../src/index.ts';
import { CONTROL } from './worker-control.ts';
import type { RecorderWorkerData } from './worker-control.ts';
import { startWorker } from './worker-result.ts';

const SAMPLES = 5_000_000;
const TAG_MODULUS = 7;
const WRITER_DEADLINE_MS = 8_000;
const READER_DEADLINE_MS = 12_000;

interface Outcome {
  recorded: number;
  delivered: number;
  missed: number;
  gaps: number;
  polls: number;
  bad: string[];
}

async function run(capacity: number, pauseEveryPolls: number): Promise<Outcome> {
  const ring = SampleRing.allocate(capacity);
  const reader = SampleRingReader.attach(ring.buffer);
  const control = new SharedArrayBuffer(16);
  const controlWords = new Int32Array(control);
  const pauseCell = new Int32Array(new SharedArrayBuffer(4));
  const data: RecorderWorkerData = {
    ring: ring.buffer,
    control,
    samples: SAMPLES,
    tagModulus: TAG_MODULUS,
    deadlineMs: WRITER_DEADLINE_MS,
  };
  const started = startWorker<string>(new URL('./sample-recorder-worker.ts', import.meta.url), data, 10_000);
  await started.message; // attached and waiting for START

  let expected = 0; // next sample number in order
  let gaps = 0;
  let polls = 0;
  const bad: string[] = [];
  const onSample = (value: number, tag: number): void => {
    const k = (value - 0.5) / 2;
    if (!Number.isInteger(k) || tag !== k % TAG_MODULUS || k < expected) {
      if (bad.length < 5) bad.push(`sample ${value}/${tag} after #${expected - 1}`);
      return;
    }
    gaps += k - expected;
    expected = k + 1;
  };
  Atomics.store(controlWords, CONTROL.START, 1);
  Atomics.notify(controlWords, CONTROL.START);
  const deadline = performance.now() + READER_DEADLINE_MS;
  while (Atomics.load(controlWords, CONTROL.DONE) === 0 && performance.now() < deadline) {
    reader.poll(onSample);
    // Sometimes fall behind on purpose (a slow sidecar), without spinning a third thread.
    if (++polls % pauseEveryPolls === 0) Atomics.wait(pauseCell, 0, 0, 0.2);
  }
  await started.exited;
  const recorded = Atomics.load(controlWords, CONTROL.ITERATIONS);
  for (let i = 0; i < 4 && reader.position < recorded; i++) reader.poll(onSample);
  gaps += recorded - expected; // trailing samples never delivered (must be none)
  return { recorded, delivered: reader.delivered, missed: reader.missed, gaps, polls, bad };
}

for (const [capacity, pauseEvery] of [
  [64, 2 ** 31], // never pauses: the writer laps the reader mid-copy all the time
  [64, 8],
  [1 << 16, 64],
] as const) {
  test(`sample ring, capacity ${capacity}, pause every ${pauseEvery} polls: every delivered sample genuine and in order, losses counted exactly`, async () => {
    console.log(
      `config: 1 recorder thread, 1 reader thread, ${SAMPLES} samples, capacity ${capacity}, reader pauses 0.2 ms every ${pauseEvery} polls`,
    );
    const o = await run(capacity, pauseEvery);
    console.log(
      `result: recorded ${o.recorded}, delivered ${o.delivered}, missed ${o.missed} (${((100 * o.missed) / o.recorded).toFixed(2)} %), polls ${o.polls}`,
    );
    assert.deepEqual(o.bad, []);
    assert.ok(o.recorded > 500_000, `recorder ran only ${o.recorded} samples`);
    assert.equal(o.delivered + o.missed, o.recorded);
    assert.equal(o.gaps, o.missed, 'gaps in the delivered sequence must equal the counted losses');
    // A 64-slot ring under a writer this fast may deliver only a few hundred samples; the
    // point there is that none of them is torn. The large ring must deliver in bulk.
    assert.ok(o.delivered > (capacity === 64 ? 0 : 10_000), 'the reader must have overlapped the writer');
    if (capacity === 64) assert.ok(o.missed > 0, 'a 64-slot ring must have been lapped');
  });
}
