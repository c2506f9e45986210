// Worker for counters-concurrent.test.ts: the single writer of three counters. Reports the
// labels it sees (attach across threads) and how many iterations it ran, through shared memory
// so the main thread can keep reading without returning to its event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { CountersReader, CountersWriterView } from '../src/index.ts';
import { CONTROL } from './worker-control.ts';
import type { WriterWorkerData } from './worker-control.ts';

const data = workerData as WriterWorkerData;
const control = new Int32Array(data.control);
const reader = CountersReader.attach(data.buffers);
parentPort?.postMessage(data.ids.map((id) => reader.getCounterMetadata(id)));

const view = CountersWriterView.attach(data.buffers);
const plain = view.counter(data.ids[0]);
const oddStep = view.counter(data.ids[1]);
const carryStep = view.counter(data.ids[2]);

Atomics.wait(control, CONTROL.START, 0, 5000);
const deadline = performance.now() + data.deadlineMs;
let i = 0;
for (; i < data.iterations; i++) {
  plain.increment();
  oddStep.add(data.step1);
  if ((i & 3) === 0) carryStep.add(data.step2);
  if ((i & 0xffff) === 0 && performance.now() > deadline) break;
}
Atomics.store(control, CONTROL.ITERATIONS, i);
Atomics.store(control, CONTROL.DONE, 1);
