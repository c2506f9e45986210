// Worker for zero-alloc.test.ts: runs the hot loops in a fresh isolate and counts the 'gc'
// performance entries whose start falls inside each loop. The allocating control loop must
// produce some, or the observer is not working and a zero would prove nothing.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  COUNTER_STATUS,
  COUNTER_TYPE,
  CountersManager,
  SAMPLE_RING_LAYOUT,
  SampleRing,
  createSampleRingBuffer,
  warmUpWriters,
} from '../src/index.ts';
import type { Counter } from '../src/index.ts';

export interface ZeroAllocResult {
  readonly name: string;
  readonly iterations: number;
  readonly ms: number;
  readonly gcEvents: number;
}

const { iterations } = workerData as { iterations: number };
const gcStarts: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
});
observer.observe({ entryTypes: ['gc'] });

const manager = CountersManager.create({ capacity: 4 });
const events = manager.newCounter('events', COUNTER_TYPE.EVENTS_IN);
const lost = manager.newCounter('lost', COUNTER_TYPE.EVENTS_LOST);
const ringBuffer = createSampleRingBuffer(1 << 12);
const ringWords = new Uint32Array(ringBuffer);
const retained: unknown[] = new Array<unknown>(1024).fill(null);

// Results are checked, not summed: a float accumulator in the caller's loop may be boxed by
// the optimiser, which would be the test's allocation, not the counters'.
function countLoop(n: number, a: Counter, b: Counter): number {
  let failures = 0;
  for (let i = 0; i < n; i++) {
    if (a.increment() !== COUNTER_STATUS.OK) failures++;
    if ((i & 7) === 0 && b.add(3) !== COUNTER_STATUS.OK) failures++;
  }
  return failures;
}

function recordLoop(n: number, r: SampleRing): void {
  for (let i = 0; i < n; i++) r.record(i * 1.25 + 1000.5, i & 7);
}

// Same shape as the loops above, but keeps a small object per step alive for a while.
function allocatingLoop(n: number, keep: unknown[]): number {
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const o = { i, v: i * 1.25 + 0.5 };
    keep[i & 1023] = o;
    if (o.i < 0) failures++;
  }
  return failures;
}

/** A writer for the test ring whose positions start at `position` (no writer is attached). */
function ringAt(position: number): SampleRing {
  for (const index of [SAMPLE_RING_LAYOUT.TAIL_INDEX, SAMPLE_RING_LAYOUT.INTENT_INDEX]) {
    ringWords[index] = position >>> 0;
    ringWords[index + 1] = Math.floor(position / 2 ** 32);
  }
  return SampleRing.attach(ringBuffer);
}

function gcEventsBetween(start: number, end: number): number {
  return gcStarts.filter((t) => t >= start && t <= end).length;
}

async function measure(name: string, n: number, loop: (n: number) => unknown): Promise<ZeroAllocResult> {
  await sleep(20); // let pending GC work and observer callbacks finish outside the window
  const start = performance.now();
  if (loop(n) !== 0) throw new Error(`${name}: a call failed`);
  const end = performance.now();
  await sleep(20); // entries are delivered asynchronously
  return { name, iterations: n, ms: end - start, gcEvents: gcEventsBetween(start, end) };
}

// Before anything is optimised: prime the writer code for values past 2^30 (end of V8 small
// integers), 2^31 and 2^32 (HI carry), which a long-running process reaches. Without this, a
// loop optimised on small values deoptimises at the first crossing (see writer-warm-up.ts).
const warmUpStart = performance.now();
warmUpWriters();
const warmUpGcEvents = gcEventsBetween(warmUpStart, performance.now());

// Warm-up, as in the hot path's WARM-UP phase: the optimiser compiles the loops on small values.
for (let round = 0; round < 5; round++) {
  countLoop(200_000, events, lost);
  recordLoop(200_000, ringAt(round * 200_000));
  allocatingLoop(200_000, retained);
}
// Measured: start below 2^32 so the loops cross it for the first time on these instances
// (carry path, large positions) inside the window.
const nearWrap = 2 ** 32 - Math.floor(iterations / 2);
events.set(nearWrap);
const ring = ringAt(nearWrap);
const results = [
  await measure('counter increment/add', iterations, (n) => countLoop(n, events, lost)),
  await measure('sample record', iterations, (n) => {
    recordLoop(n, ring);
    return 0;
  }),
  await measure('allocating control', iterations, (n) => allocatingLoop(n, retained)),
];
observer.disconnect();
if (events.get() !== nearWrap + iterations || ring.recorded !== nearWrap + iterations) {
  throw new Error('measured loops did not run to completion');
}
parentPort?.postMessage({ results, warmUpGcEvents });
