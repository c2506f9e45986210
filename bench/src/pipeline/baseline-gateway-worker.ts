// Baseline gateway worker: answers every order from a decision worker with a FILLED completion
// on the same MessagePort (a sink: the baseline's venue leg is not what it is measured on —
// its decision latency ends when the decision worker posts the order).
import { parentPort, workerData } from 'node:worker_threads';
import type {
  BaselineCompletion,
  BaselineControl,
  BaselineOrder,
  BaselineReport,
  BaselineWorkerData,
} from './baseline-messages.ts';

const data = workerData as Extract<BaselineWorkerData, { role: 'gateway' }>;
for (const port of data.decisions) {
  port.on('message', (o: BaselineOrder) => {
    const c: BaselineCompletion = { id: o.id, status: 'FILLED' };
    port.postMessage(c);
  });
}
parentPort!.on('message', (m: BaselineControl) => {
  if (m.kind === 'stop') {
    for (const p of data.decisions) p.close();
    parentPort!.close();
  }
});
const ready: BaselineReport = { kind: 'ready' };
parentPort!.postMessage(ready);
