// One side (producer or consumer) of the zero-allocation test. It warms the hot path up, then
// counts PerformanceObserver 'gc' entries of ITS OWN thread over `events` events, then runs an
// allocation-heavy control loop under the same observer to prove the observer sees GCs here.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BroadcastParkIdleStrategy,
  BroadcastRing,
  BroadcastStatus,
  BusySpinIdleStrategy,
  nowNs,
  spinPause,
} from '@ringside/ring';
import type { BroadcastConsumer, BroadcastProducer, IdleStrategy } from '@ringside/ring';

interface GcData {
  readonly ring: SharedArrayBuffer;
  readonly role: 'producer' | 'consumer';
  readonly warmup: number;
  readonly events: number;
  readonly batch: number;
  readonly deadlineMs: number;
}

const data = workerData as GcData;
const ring = BroadcastRing.attach(data.ring);
const total = data.warmup + data.events;
// Deadline on nowNs(): Node 24 performance.now() allocates per call (see the clock module).
const deadline = nowNs() + data.deadlineMs * 1e6;

// Start the measured loop with an empty young generation: a scavenge during the loop can then
// only come from allocation by the loop itself, not from whatever the warm-up left behind.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const newSpaceUsed = (): number =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? Number.NaN;

let gcEntries = 0;
const observer = new PerformanceObserver((list) => {
  gcEntries += list.getEntries().length;
});

// Both loops run in chunks, as an agent's doWork would be called: the warm-up calls them often
// enough for V8 to optimise the functions themselves (not just an on-stack-replaced loop), so the
// measured calls start in optimised code.
const CHUNK = 65_536;

/** Publishes events [from, to) in batches; paces on consumer 0 so it never laps it. */
function produce(producer: BroadcastProducer, from: number, to: number): number {
  const words = producer.i32;
  const maxLag = ring.capacity - data.batch - producer.intentChunk;
  let count = from;
  let spins = 0;
  while (count < to) {
    while (ring.lag(0) > maxLag) {
      spinPause();
      if ((++spins & 0xffff) === 0 && nowNs() > deadline) return count;
    }
    let n = to - count < data.batch ? to - count : data.batch;
    while (n-- > 0) {
      const base = producer.claim() >> 2;
      for (let w = 2; w < 16; w++) words[base + w] = (count + w) | 0;
      count++;
    }
    producer.publish();
  }
  return count;
}

/** Receives until taken + lost reaches `to`; keeps [taken, lost, checksum] in `out`. */
function consume(consumer: BroadcastConsumer, idle: IdleStrategy, out: Int32Array, to: number): void {
  const batch = consumer.batchI32;
  let taken = out[0];
  let sum = out[2];
  let loops = 0;
  while (taken + out[1] < to) {
    if ((++loops & 0xffff) === 0 && nowNs() > deadline) break;
    const n = consumer.receive(consumer.maxBatch);
    if (n > 0) {
      for (let e = 0; e < n; e++) sum = (sum + (batch[e * 16 + 2] ^ batch[e * 16 + 15])) | 0;
      taken += n;
    } else if (n === BroadcastStatus.LAPPED) {
      out[1] += consumer.lastLoss;
    }
    idle.idle(n > 0 ? n : 0);
  }
  out[0] = taken;
  out[2] = sum;
}

const producer = data.role === 'producer' ? ring.attachProducer() : null;
const consumer = data.role === 'consumer' ? ring.attachConsumer({ index: 0, maxBatch: 64 }) : null;
const idle: IdleStrategy =
  consumer === null ? new BusySpinIdleStrategy() : new BroadcastParkIdleStrategy(consumer, 1000, 100);

/** Runs [from, to) in chunks; returns how far it got before the deadline. */
function run(out: Int32Array, from: number, to: number): number {
  let at = from;
  while (at < to && nowNs() < deadline) {
    const end = to - at < CHUNK ? to : at + CHUNK;
    if (data.role === 'producer') {
      at = producer === null ? at : produce(producer, at, end);
    } else {
      if (consumer !== null) consume(consumer, idle, out, end);
      at = out[0] + out[1];
    }
  }
  return at;
}

// The test starts the producer only after the consumer has attached (this message).
parentPort?.postMessage({ ready: true });

const out = new Int32Array(3);
let done = run(out, 0, data.warmup);
collectGarbage();
observer.observe({ entryTypes: ['gc'] });
const newSpaceBefore = newSpaceUsed();
const t0 = performance.now();
done = run(out, done, total);
const hotMs = performance.now() - t0;
// Bytes the loop left in the young generation (exact only if no GC ran, which hotGc tells).
const newSpaceGrowth = newSpaceUsed() - newSpaceBefore;
await sleep(100); // let the observer deliver what the loop produced
const hotGc = gcEntries;

// Control: the same observer must see collections when this thread allocates.
let keep: { i: number; s: string }[] = [];
for (let i = 0; i < 3_000_000; i++) {
  keep.push({ i, s: `e${i}` });
  if (keep.length > 10_000) keep = [];
}
await sleep(100);
const controlGc = gcEntries - hotGc;
observer.disconnect();
parentPort?.postMessage({
  role: data.role,
  deadlineHit: nowNs() > deadline,
  hotGc,
  controlGc,
  newSpaceGrowth,
  hotMs,
  published: done,
  taken: out[0],
  lost: out[1],
  sum: out[2],
  keep: keep.length,
});
