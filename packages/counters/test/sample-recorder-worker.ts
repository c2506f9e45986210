// Worker for sample-ring-concurrent.test.ts: records samples whose value encodes their number
// (value = 2k + 0.5, tag = k % tagModulus) as fast as it can, never waiting for the reader.
import { parentPort, workerData } from 'node:worker_threads';
import { SampleRing } from '../src/index.ts';
import { CONTROL } from './worker-control.ts';
import type { RecorderWorkerData } from './worker-control.ts';

const data = workerData as RecorderWorkerData;
const control = new Int32Array(data.control);
const ring = SampleRing.attach(data.ring);
const modulus = data.tagModulus;
parentPort?.postMessage('ready');

Atomics.wait(control, CONTROL.START, 0, 5000);
const deadline = performance.now() + data.deadlineMs;
let k = 0;
for (; k < data.samples; k++) {
  ring.record(k * 2 + 0.5, k % modulus);
  if ((k & 0xffff) === 0 && performance.now() > deadline) break;
}
Atomics.store(control, CONTROL.ITERATIONS, k);
Atomics.store(control, CONTROL.DONE, 1);
