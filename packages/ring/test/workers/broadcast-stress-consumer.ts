// Stress consumer: receives until it has accounted for every published event, checking each one.
// It never throws in the loop: it counts forbidden outcomes and reports them to the test.
import { parentPort, workerData } from 'node:worker_threads';
import {
  BroadcastParkIdleStrategy,
  BroadcastRing,
  BroadcastStatus,
  broadcastSlotOffset,
} from '@ringside/ring';
import { SLOT_WORDS, checkEvent } from './broadcast-stress-payload.ts';
import { Ctrl } from './broadcast-stress-ctrl.ts';

interface ConsumerData {
  readonly ring: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
  readonly index: number;
  readonly slow: boolean;
  readonly start: number;
  readonly maxBatch: number;
  readonly deadlineMs: number;
}

const data = workerData as ConsumerData;
const ring = BroadcastRing.attach(data.ring);
const ctrl = new Int32Array(data.ctrl);
const consumer = ring.attachConsumer({ index: data.index, maxBatch: data.maxBatch });
const idle = new BroadcastParkIdleStrategy(consumer, 50, 200);
parentPort?.postMessage({ ready: true, idle: idle.name });

const deadline = performance.now() + data.deadlineMs;
const batch = consumer.batchI32;
// Negative control (slow consumer only): what a ring WITHOUT validation would hand out. Before
// each receive it copies the slot at its cursor straight from shared memory and checks it the
// same way; the test requires these naive reads to fail sometimes, proving the checks can fail.
const raw = new Int32Array(data.ring);
const naive = new Int32Array(SLOT_WORDS);
let naiveReads = 0;
let naiveBad = 0;
// Laps the consumer only noticed after copying (validation against TAIL_INTENT or SEQUENCE).
let lapsAfterCopy = 0;
let delivered = 0;
let lostReported = 0;
let lappedResults = 0;
let badChecksum = 0;
let badIdentity = 0;
let badWords = 0;
let notIncreasing = 0;
let gaps = 0;
let lastSeq = (data.start - 1) | 0;
let sink = 0;
let loops = 0;
let timedOut = false;
for (;;) {
  const available = consumer.available();
  if (data.slow && available > 0) {
    const cursor = consumer.nextSequence;
    const src = broadcastSlotOffset(cursor, ring.capacity - 1, ring.slotBytes) >> 2;
    for (let w = 0; w < SLOT_WORDS; w++) naive[w] = raw[src + w];
    naiveReads++;
    if (naive[0] !== cursor || checkEvent(naive, 0, data.start) !== 0) naiveBad++;
  }
  const n = consumer.receive(data.maxBatch);
  if (n > 0) {
    for (let e = 0; e < n; e++) {
      const base = e * SLOT_WORDS;
      const verdict = checkEvent(batch, base, data.start);
      if (verdict === 1) badChecksum++;
      else if (verdict === 2) badIdentity++;
      else if (verdict === 3) badWords++;
      const seq = batch[base];
      const step = (seq - lastSeq) | 0;
      if (step <= 0) notIncreasing++;
      else if (step !== 1) gaps += step - 1;
      lastSeq = seq;
      if (data.slow) {
        // Deliberately slow: ~a microsecond of work per event, and a 10 ms stall every 8192 events
        // (longer than the producer needs to lap a 4096-slot ring even on a loaded machine).
        for (let j = 0; j < 300; j++) sink = (Math.imul(sink, 31) + j) | 0;
        if ((delivered & 0x1fff) === 0) Atomics.wait(ctrl, Ctrl.SLEEP, 0, 10);
      }
      delivered++;
    }
  } else if (n === BroadcastStatus.LAPPED) {
    lappedResults++;
    if (available > 0 && available <= ring.capacity) lapsAfterCopy++;
    lostReported += consumer.lastLoss;
  } else if (n < 0) {
    break; // ISOLATED / DROPPED / CLOSED: nobody changes states in this test, so reported below
  }
  if (n === 0) {
    if (
      Atomics.load(ctrl, Ctrl.DONE) === 1 &&
      consumer.nextSequence === Atomics.load(ctrl, Ctrl.FINAL_TAIL)
    ) {
      break;
    }
    idle.idle(0);
  } else {
    idle.idle(1);
  }
  if ((++loops & 0xff) === 0 && performance.now() > deadline) {
    timedOut = true;
    break;
  }
}
parentPort?.postMessage({
  index: data.index,
  slow: data.slow,
  delivered,
  lostReported,
  lossCounter: consumer.loss,
  lappedResults,
  lapsAfterCopy,
  naiveReads,
  naiveBad,
  badChecksum,
  badIdentity,
  badWords,
  notIncreasing,
  gaps,
  lastSeq,
  timedOut,
  sink,
});
