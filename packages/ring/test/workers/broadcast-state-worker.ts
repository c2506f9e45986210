// State test helper: either the consumer (owns a line, receives on command) or an observer (a
// third thread that only reads lag / state / loss / parked mask). Commands come over postMessage:
// this is test scaffolding, not a hot path.
import { parentPort, workerData } from 'node:worker_threads';
import { BroadcastRing, BroadcastStatus } from '@ringside/ring';

interface StateData {
  readonly ring: SharedArrayBuffer;
  readonly role: 'consumer' | 'observer';
}
type Command = { cmd: 'drain' } | { cmd: 'park'; ms: number } | { cmd: 'read'; index: number };

const data = workerData as StateData;
const ring = BroadcastRing.attach(data.ring);
const consumer = data.role === 'consumer' ? ring.attachConsumer({ maxBatch: 8 }) : undefined;
const port = parentPort;
if (port === null) {
  throw new Error('broadcast-state-worker must run as a worker');
}

function drain(): { seqs: number[]; statuses: number[]; lost: number } {
  const seqs: number[] = [];
  const statuses: number[] = [];
  let lost = 0;
  if (consumer === undefined) return { seqs, statuses, lost };
  for (let i = 0; i < 1000; i++) {
    const n = consumer.receive(8);
    if (n === 0) break;
    if (n < 0) {
      statuses.push(n);
      lost += consumer.lastLoss;
      if (n !== BroadcastStatus.LAPPED) break; // isolated / dropped / closed: nothing more now
      continue;
    }
    for (let e = 0; e < n; e++) seqs.push(consumer.batchI32[(e * consumer.slotBytes) >> 2]);
  }
  return { seqs, statuses, lost };
}

port.on('message', (m: Command) => {
  if (m.cmd === 'drain') {
    port.postMessage(drain());
  } else if (m.cmd === 'park') {
    const t0 = performance.now();
    consumer?.park(m.ms);
    port.postMessage({ parkedMs: performance.now() - t0 });
  } else {
    const k = m.index;
    port.postMessage({
      lag: ring.lag(k),
      state: ring.consumerState(k),
      loss: ring.loss(k),
      cursor: ring.cursor(k),
      parkedMask: ring.parkedMask(),
    });
  }
});
port.postMessage({ ready: true, index: consumer?.index ?? -1 });
