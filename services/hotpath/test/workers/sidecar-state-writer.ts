// The conductor stand-in for the state-block seqlock test: alternates between two complete,
// distinguishable states as fast as it can (bounded by count and deadline).
import { parentPort, workerData } from 'node:worker_threads';
import { TelemetryStateWriter } from '@ringside/hotpath';

export interface StateWriterData {
  readonly state: SharedArrayBuffer;
  readonly updates: number;
  readonly deadlineMs: number;
}

const data = workerData as StateWriterData;
const writer = TelemetryStateWriter.attach(data.state);
const deadline = Date.now() + data.deadlineMs;
let done = 0;
for (let i = 0; i < data.updates; i++) {
  const odd = (i & 1) === 1;
  // Every field of state A is 2-ish, of state B 4-ish: a reader must never see a mix.
  writer.setLifecycle(odd ? 4 : 2, odd ? 'latency budget broken' : 'warming up', odd ? 4e9 : 2e9, odd);
  done = i + 1;
  if ((i & 0x3ff) === 0 && Date.now() > deadline) break;
}
parentPort?.postMessage({ done });
