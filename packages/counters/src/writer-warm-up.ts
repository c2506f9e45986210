// V8 speculates on the numbers it has seen: code that has only handled small integers
// (below 2^30) is deoptimised the first time a counter value or ring position passes 2^30 and
// runs unoptimised, allocating heap numbers, until it is recompiled. Type feedback belongs to
// the function, not the object, so running the writer paths once on scratch buffers with large
// values primes every Counter and SampleRing of the thread. Call it during WARM-UP on each
// thread that writes counters or records samples (cost: a few milliseconds).
import { COUNTER_TYPE } from './counter-types.ts';
import { CountersManager } from './counters-manager.ts';
import { SAMPLE_RING_LAYOUT, createSampleRingBuffer } from './sample-ring-descriptor.ts';
import { SampleRing } from './sample-ring.ts';

/** Values each writer path is driven across: end of V8 small integers, int32, uint32 (carry). */
const BOUNDARIES = [2 ** 30, 2 ** 31, 2 ** 32] as const;

/** Returns the number of writer calls made (so the work cannot be optimised away). */
export function warmUpWriters(iterationsPerBoundary = 20_000): number {
  const manager = CountersManager.create({ capacity: 2 });
  const counter = manager.newCounter('warm-up', COUNTER_TYPE.GAUGE);
  const other = manager.newCounter('warm-up', COUNTER_TYPE.GAUGE);
  const buffer = createSampleRingBuffer(1024);
  const words = new Int32Array(buffer);
  let calls = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (const boundary of BOUNDARIES) {
      const start = boundary - iterationsPerBoundary / 2;
      counter.set(start);
      other.set(start);
      for (const index of [SAMPLE_RING_LAYOUT.TAIL_INDEX, SAMPLE_RING_LAYOUT.INTENT_INDEX]) {
        words[index] = start | 0;
        words[index + 1] = Math.floor(start / 2 ** 32);
      }
      const ring = SampleRing.attach(buffer);
      for (let i = 0; i < iterationsPerBoundary; i++) {
        counter.increment();
        other.add(1);
        ring.record(i + 0.5, i & 7);
        calls += 3;
      }
    }
  }
  return calls;
}
