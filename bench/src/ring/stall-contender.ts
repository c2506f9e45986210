/**
 * "The producer must not notice a stalled consumer": one producer thread times every publish of a
 * 16-event batch on two identical rings, alternating between them round by round — ring A has a
 * consumer attached that never reads (its thread sleeps on an unrelated word, so it is lapped
 * over and over), ring B has no consumer. Same thread, same code, same JIT state; only the
 * stalled consumer differs.
 */
import { BroadcastRing, BroadcastRingDescriptor, nowNs } from '@ringside/ring';
import type { BroadcastProducer } from '@ringside/ring';
import { PUBLISH_BATCH } from './bench-config.ts';
import { BenchControl, benchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { GcWatch, awaitGo } from './worker-support.ts';

const PAYLOAD_DOUBLE = BroadcastRingDescriptor.PAYLOAD_OFFSET >> 3;

/** Publishes `batches` batches, recording each publish's cost (claim + write + publish) from `at`. */
function timedBatches(
  producer: BroadcastProducer,
  batches: number,
  samples: Float64Array,
  at: number,
): number {
  const f64 = producer.f64;
  const doublesPerSlot = producer.slotBytes >> 3;
  let i = at;
  for (let b = 0; b < batches; b++) {
    const t0 = nowNs();
    for (let k = 0; k < PUBLISH_BATCH; k++) {
      const base = producer.claim() >> 3;
      for (let w = PAYLOAD_DOUBLE; w < doublesPerSlot; w++) f64[base + w] = b + w;
    }
    producer.publish();
    samples[i++] = nowNs() - t0;
  }
  return i;
}

export async function runStallProducer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const stalledRing = BroadcastRing.attach(data.rings[0]).attachProducer();
  const freeRing = BroadcastRing.attach(data.rings[1]).attachProducer();
  const perRing = data.rounds * data.batchesPerRound;
  const stalled = new Float64Array(perRing);
  const unstalled = new Float64Array(perRing);
  const gc = new GcWatch();
  ready();
  const timedOut = !awaitGo(ctrl, data.deadlineNs);
  const warm = new Float64Array(data.batchesPerRound);
  const warmRounds = Math.max(20, data.rounds / 10);
  for (let r = 0; r < warmRounds && !timedOut; r++) {
    timedBatches(stalledRing, data.batchesPerRound, warm, 0);
    timedBatches(freeRing, data.batchesPerRound, warm, 0);
  }
  gc.start();
  let a = 0;
  let b = 0;
  let rounds = 0;
  for (let r = 0; r < data.rounds && !timedOut && nowNs() < data.deadlineNs; r++) {
    // Alternate which ring goes first, so neither always follows the other.
    if ((r & 1) === 0) {
      a = timedBatches(stalledRing, data.batchesPerRound, stalled, a);
      b = timedBatches(freeRing, data.batchesPerRound, unstalled, b);
    } else {
      b = timedBatches(freeRing, data.batchesPerRound, unstalled, b);
      a = timedBatches(stalledRing, data.batchesPerRound, stalled, a);
    }
    rounds++;
  }
  const gcEvents = await gc.stop();
  stalledRing.close();
  freeRing.close();
  return {
    role: 'producer',
    index: 0,
    stampsNs: [],
    events: 2 * rounds * data.batchesPerRound * PUBLISH_BATCH,
    lost: 0,
    gcEvents,
    timedOut: timedOut || rounds < data.rounds,
    check: 0,
    stalled: { samples: stalled, count: a },
    unstalled: { samples: unstalled, count: b },
  };
}

/** The stalled consumer: attaches, then sleeps until told to stop. It never reads. */
export function runStalledConsumer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const ring = BroadcastRing.attach(data.rings[0]);
  const consumer = ring.attachConsumer({ index: 0 });
  ready();
  awaitGo(ctrl, data.deadlineNs);
  while (Atomics.load(ctrl.i32, BenchControl.STOP) === 0 && nowNs() < data.deadlineNs) {
    Atomics.wait(ctrl.i32, BenchControl.STOP, 0, 100);
  }
  const lag = ring.lag(0);
  consumer.close();
  return Promise.resolve({
    role: 'consumer',
    index: 0,
    stampsNs: [],
    events: 0,
    lost: lag,
    gcEvents: 0,
    timedOut: false,
    check: lag,
  });
}
