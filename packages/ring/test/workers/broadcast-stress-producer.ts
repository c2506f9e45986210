// Stress producer: publishes `events` checksummed events in batches of 1..32, never waiting on
// the ring. It paces itself on the FAST consumers' lag only (test-level flow control, so that
// "fast consumers see every event" is a property of the ring, not of the OS scheduler); the slow
// consumer is never waited for and gets lapped.
import { parentPort, workerData } from 'node:worker_threads';
import { BroadcastRing, spinPause } from '@ringside/ring';
import { SLOT_WORDS, writeEvent } from './broadcast-stress-payload.ts';
import { Ctrl } from './broadcast-stress-ctrl.ts';

interface ProducerData {
  readonly ring: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
  readonly events: number;
  readonly fastConsumers: readonly number[];
  readonly maxBatch: number;
  readonly deadlineMs: number;
}

const data = workerData as ProducerData;
const ring = BroadcastRing.attach(data.ring);
const ctrl = new Int32Array(data.ctrl);
const producer = ring.attachProducer();
const words = producer.i32;
const fast = Int32Array.from(data.fastConsumers);
// Room a fast consumer must keep: a whole batch plus the producer's intent chunk.
const maxLag = ring.capacity - data.maxBatch - producer.intentChunk;
const deadline = performance.now() + data.deadlineMs;

let count = 0;
let rnd = 0x2545f491;
let batches = 0;
let backoffs = 0;
let timedOut = false;
while (count < data.events) {
  let spins = 0;
  for (let i = 0; i < fast.length; i++) {
    while (ring.lag(fast[i]) > maxLag) {
      backoffs++;
      if (++spins < 64) {
        spinPause();
      } else {
        Atomics.wait(ctrl, Ctrl.SLEEP, 0, 0.05); // give the core to the consumers
      }
      if ((spins & 63) === 0 && performance.now() > deadline) {
        timedOut = true;
        break;
      }
    }
  }
  if (timedOut) {
    break;
  }
  rnd ^= rnd << 13;
  rnd ^= rnd >>> 17;
  rnd ^= rnd << 5;
  let batch = 1 + ((rnd >>> 0) % data.maxBatch);
  if (batch > data.events - count) {
    batch = data.events - count;
  }
  for (let k = 0; k < batch; k++) {
    const offset = producer.claim();
    writeEvent(words, offset >> 2, count);
    count++;
  }
  producer.publish();
  batches++;
}
Atomics.store(ctrl, Ctrl.PUBLISHED, count);
Atomics.store(ctrl, Ctrl.FINAL_TAIL, ring.tail());
Atomics.store(ctrl, Ctrl.DONE, 1);
parentPort?.postMessage({ published: count, batches, backoffs, timedOut, slotWords: SLOT_WORDS });
