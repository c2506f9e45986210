/**
 * Worker side of the BroadcastRing rows: a producer that publishes batches (throughput) or one
 * event per send time (latency), and consumers that receive batches. Hot functions take
 * everything as arguments and are called per chunk, so warm-up optimises them as functions.
 */
import {
  BroadcastParkIdleStrategy,
  BroadcastRing,
  BroadcastRingDescriptor,
  BroadcastStatus,
  BusySpinIdleStrategy,
  idleStrategyFromConfig,
  nowNs,
  spinPause,
  stampNs,
} from '@ringside/ring';
import type { BroadcastConsumer, BroadcastProducer, IdleStrategy } from '@ringside/ring';
import { CONSUMER_BATCH, LATENCY_CONSUMER_BATCH, PUBLISH_BATCH } from './bench-config.ts';
import { benchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { consumeTrials, produceTrials } from './trial-driver.ts';
import { GcWatch, awaitGo, sleepMicros } from './worker-support.ts';

const PAYLOAD_WORD = BroadcastRingDescriptor.PAYLOAD_OFFSET >> 2;
const PAYLOAD_DOUBLE = BroadcastRingDescriptor.PAYLOAD_OFFSET >> 3;
const CHUNK = 1 << 16;
const FAN_OUT_LATENCY_SLEEP_MICROS = 50;

/** Publishes events [from, to) in batches, never more than the slowest consumer can take. */
function publishBatches(
  ring: BroadcastRing,
  producer: BroadcastProducer,
  consumers: number,
  from: number,
  to: number,
  sleepWhenBlocked: boolean,
  deadlineNs: number,
): number {
  const f64 = producer.f64;
  const doublesPerSlot = producer.slotBytes >> 3;
  const room = ring.capacity - PUBLISH_BATCH - producer.intentChunk;
  let count = from;
  let allowance = 0;
  let spins = 0;
  while (count < to) {
    if (allowance < PUBLISH_BATCH) {
      // Flow control of the benchmark, not of the ring (the ring never waits): re-read the
      // consumers' cursors only when the cached allowance runs out.
      let lag = 0;
      for (let k = 0; k < consumers; k++) {
        const l = ring.lag(k);
        if (l > lag) lag = l;
      }
      allowance = room - lag;
      if (allowance < PUBLISH_BATCH) {
        spins++;
        if (!sleepWhenBlocked || spins < 64) spinPause();
        else sleepMicros(20);
        if ((spins & 0x3ff) === 0 && nowNs() > deadlineNs) return count;
        continue;
      }
      spins = 0;
    }
    const n = to - count < PUBLISH_BATCH ? to - count : PUBLISH_BATCH;
    for (let k = 0; k < n; k++) {
      // The whole 56-byte payload, written as 7 doubles (the ring wrote the 8-byte header).
      const base = producer.claim() >> 3;
      for (let w = PAYLOAD_DOUBLE; w < doublesPerSlot; w++) f64[base + w] = count + w;
      count++;
    }
    producer.publish();
    allowance -= n;
  }
  return count;
}

/** Publishes events [from, to), one per publish, at `intervalNs` from `startNs`. */
function publishAtRate(
  producer: BroadcastProducer,
  from: number,
  to: number,
  startNs: number,
  intervalNs: number,
  deadlineNs: number,
): number {
  const words = producer.i32;
  const f64 = producer.f64;
  let count = from;
  while (count < to) {
    const due = startNs + (count - from) * intervalNs;
    while (nowNs() < due) spinPause();
    const offset = producer.claim();
    words[(offset >> 2) + PAYLOAD_WORD + 2] = count;
    stampNs(f64, (offset + BroadcastRingDescriptor.PAYLOAD_OFFSET) >> 3);
    producer.publish();
    count++;
    if ((count & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  return count;
}

/**
 * Receives until `out[0] + out[1]` (taken + lost) reaches `to`. With `samples`, records
 * now - stamp per event from `out[2]` on (latency mode); out[3] accumulates a checksum.
 */
function receive(
  consumer: BroadcastConsumer,
  idle: IdleStrategy,
  out: Float64Array,
  to: number,
  samples: Float64Array | null,
  deadlineNs: number,
): void {
  const batch = consumer.batchI32;
  const f64 = consumer.batchF64;
  const wordsPerSlot = consumer.slotBytes >> 2;
  const limit = samples === null ? CONSUMER_BATCH : LATENCY_CONSUMER_BATCH;
  let taken = out[0];
  let sampled = out[2];
  let check = out[3] | 0;
  let loops = 0;
  while (taken + out[1] < to) {
    const n = consumer.receive(limit);
    if (n > 0) {
      if (samples !== null) {
        const now = nowNs();
        for (let e = 0; e < n; e++) {
          if (sampled < samples.length)
            samples[sampled++] = now - f64[(e * wordsPerSlot + PAYLOAD_WORD) >> 1];
        }
      } else {
        for (let e = 0; e < n; e++) check = (check + batch[e * wordsPerSlot + PAYLOAD_WORD]) & 0xfffffff;
      }
      taken += n;
    } else if (n === BroadcastStatus.LAPPED) {
      out[1] += consumer.lastLoss;
    }
    idle.idle(n > 0 ? n : 0);
    if ((++loops & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  out[0] = taken;
  out[2] = sampled;
  out[3] = check;
}

/**
 * 1 consumer: it spins (2 threads, 2 cores). 3 consumers cannot spin: in throughput mode they
 * park on the ring and publish wakes them; in latency mode (an event every microsecond) a
 * publish-woken consumer is runnable all the time and three of them fight over one core, so they
 * sleep 50 µs on a private word instead and drain what arrived — latency by timer, no notify.
 */
function idleFor(consumer: BroadcastConsumer, data: BenchWorkerData): IdleStrategy {
  if (!data.park) return new BusySpinIdleStrategy();
  return data.mode === 'latency'
    ? idleStrategyFromConfig(`park:${FAN_OUT_LATENCY_SLEEP_MICROS}`)
    : new BroadcastParkIdleStrategy(consumer, 200, 100);
}

export async function runBroadcastProducer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const ring = BroadcastRing.attach(data.rings[0]);
  const producer = ring.attachProducer();
  const gc = new GcWatch();
  const latency = data.mode === 'latency';
  const intervalNs = 1e9 / data.rate;
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  const run = (from: number, to: number): number => {
    let at = from;
    const t0 = nowNs();
    while (at < to) {
      const end = to - at < CHUNK ? to : at + CHUNK;
      at = latency
        ? publishAtRate(producer, at, end, t0 + (at - from) * intervalNs, intervalNs, data.deadlineNs)
        : publishBatches(ring, producer, data.consumers, at, end, data.park, data.deadlineNs);
      if (at < end) break;
    }
    return at;
  };
  const outcome = go ? produceTrials(ctrl, data, gc, run) : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  producer.close();
  return { role: 'producer', index: 0, ...outcome, lost: 0, gcEvents, check: 0 };
}

export async function runBroadcastConsumer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const ring = BroadcastRing.attach(data.rings[0]);
  const consumer = ring.attachConsumer({ index: data.index, maxBatch: CONSUMER_BATCH });
  const idle = idleFor(consumer, data);
  const samples = data.mode === 'latency' ? new Float64Array(data.events) : null;
  const out = new Float64Array(4);
  const gc = new GcWatch();
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  const run = (to: number): number => {
    while (out[0] + out[1] < to) {
      const end = Math.min(to, out[0] + out[1] + CHUNK);
      receive(consumer, idle, out, end, samples, data.deadlineNs);
      if (out[0] + out[1] < end) break;
    }
    return out[0] + out[1];
  };
  const outcome = go
    ? consumeTrials(ctrl, data, gc, run, () => (out[2] = 0))
    : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  consumer.close();
  const report: WorkerReport = {
    role: 'consumer',
    index: data.index,
    ...outcome,
    lost: out[1],
    gcEvents,
    check: out[3],
  };
  return samples === null ? report : { ...report, latency: { samples, count: out[2] } };
}
