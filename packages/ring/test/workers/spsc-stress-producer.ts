// Worker: SpscQueue producer for the cross-thread stress test. Writes every word of each event in
// place (claim/commit), publishes in pseudo-random batches with one flush each, mixes in offer()
// copies, never waits inside the queue (FULL → flush, back off, retry), then sends the sentinel.
import { workerData, parentPort } from 'node:worker_threads';
import { SpscQueue, nowNs, spinPause, yieldThread } from '../../src/index.ts';
import { foldChecksum, writePayload } from './spsc-payload.ts';

export interface StressProducerData {
  readonly queue: SharedArrayBuffer;
  /** Int32 words: [0] go (main sets 1), [2] producer ready (worker sets 1). */
  readonly gate: SharedArrayBuffer;
  readonly total: number;
  readonly batchMax: number;
  readonly seed: number;
  readonly deadlineMs: number;
}

export interface StressProducerResult {
  readonly sent: number;
  readonly checksum: number;
  readonly fulls: number;
  readonly offers: number;
  readonly elapsedNs: number;
}

const data = workerData as StressProducerData;
const queue = SpscQueue.attach(data.queue);
const gate = new Int32Array(data.gate);
const words = queue.slotBytes >> 2;
const src = new Uint8Array(queue.slotBytes);
const srcI32 = new Int32Array(src.buffer);
const deadlineNs = nowNs() + data.deadlineMs * 1e6;

Atomics.store(gate, 2, 1);
while (Atomics.load(gate, 0) === 0 && nowNs() < deadlineNs) {
  Atomics.wait(gate, 0, 0, 50);
}

// [0] sent, [1] fulls, [2] offers, [3] consecutive fulls; the checksum in an Int32Array.
const stats = new Float64Array(4);
const sums = new Int32Array(2);
sums[1] = data.seed | 1;

function nextRandom(): number {
  let x = sums[1];
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  sums[1] = x;
  return x >>> 0;
}

// Spin briefly on FULL, then yield: on a shared 2-core box the consumer may need our core.
function backOff(): void {
  stats[1]++;
  if (++stats[3] > 100) yieldThread(1);
  else spinPause();
}

function produce(): void {
  const total = data.total;
  const i32 = queue.i32;
  let batches = 0;
  while (stats[0] < total && nowNs() < deadlineNs) {
    let batch = 1 + (nextRandom() % data.batchMax);
    if (batch > total - stats[0]) batch = total - stats[0];
    if ((++batches & 63) === 0) {
      // The copying path: offer() publishes at once (and anything committed before it).
      const seq = stats[0];
      writePayload(srcI32, 0, words, seq);
      if (queue.offer(src, 0) >= 0) {
        sums[0] = foldChecksum(sums[0], seq);
        stats[0]++;
        stats[2]++;
        stats[3] = 0;
      } else {
        backOff();
      }
      continue;
    }
    for (let k = 0; k < batch; k++) {
      const offset = queue.claim();
      if (offset < 0) {
        queue.flush();
        backOff();
        break;
      }
      stats[3] = 0;
      const seq = stats[0];
      writePayload(i32, offset >> 2, words, seq);
      queue.commit();
      sums[0] = foldChecksum(sums[0], seq);
      stats[0]++;
    }
    queue.flush();
  }
  srcI32[0] = -1;
  while (queue.offer(src, 0) < 0 && nowNs() < deadlineNs) {
    yieldThread(1);
  }
}

const startNs = nowNs();
produce();
const result: StressProducerResult = {
  sent: stats[0],
  checksum: sums[0],
  fulls: stats[1],
  offers: stats[2],
  elapsedNs: nowNs() - startNs,
};
parentPort?.postMessage(result);
