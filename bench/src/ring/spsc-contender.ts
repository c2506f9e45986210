/**
 * Worker side of the SpscQueue row: same 64-byte events and batch sizes as the BroadcastRing
 * rows. The producer claims/commits slots and flushes every PUBLISH_BATCH (throughput) or every
 * event (latency); the consumer polls with a handler object that reads in place.
 */
import { BusySpinIdleStrategy, SpscQueue, SpscStatus, nowNs, spinPause, stampNs } from '@ringside/ring';
import type { SpscHandler } from '@ringside/ring';
import { CONSUMER_BATCH, LATENCY_CONSUMER_BATCH, PUBLISH_BATCH } from './bench-config.ts';
import { benchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { consumeTrials, produceTrials } from './trial-driver.ts';
import { GcWatch, awaitGo } from './worker-support.ts';

const CHUNK = 1 << 16;

function offerBatches(queue: SpscQueue, from: number, to: number, deadlineNs: number): number {
  const f64 = queue.f64;
  const doublesPerSlot = queue.slotBytes >> 3;
  let count = from;
  let pending = 0;
  let spins = 0;
  while (count < to) {
    const offset = queue.claim();
    if (offset === SpscStatus.FULL) {
      queue.flush();
      pending = 0;
      spinPause();
      if ((++spins & 0x3ff) === 0 && nowNs() > deadlineNs) return count;
      continue;
    }
    // The whole 64-byte slot, written as 8 doubles (as the BroadcastRing rows write theirs).
    const base = offset >> 3;
    for (let w = 0; w < doublesPerSlot; w++) f64[base + w] = count + w;
    queue.commit();
    count++;
    if (++pending === PUBLISH_BATCH) {
      queue.flush();
      pending = 0;
    }
  }
  queue.flush();
  return count;
}

function offerAtRate(
  queue: SpscQueue,
  from: number,
  to: number,
  startNs: number,
  intervalNs: number,
  deadlineNs: number,
): number {
  const words = queue.i32;
  let count = from;
  while (count < to) {
    const due = startNs + (count - from) * intervalNs;
    while (nowNs() < due) spinPause();
    const offset = queue.claim();
    if (offset < 0) {
      spinPause(); // full: the consumer is behind; retry (never happens at the rates we run)
    } else {
      words[(offset >> 2) + 2] = count;
      stampNs(queue.f64, offset >> 3);
      queue.commit();
      queue.flush();
      count++;
    }
    if ((count & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  return count;
}

/** Reads each event in place: a checksum (throughput) or now - stamp (latency). */
class BenchSpscHandler implements SpscHandler {
  check = 0;
  now = 0;
  sampled = 0;
  samples: Float64Array | null = null;

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    const samples = this.samples;
    if (samples === null) {
      // Kept below 2^28 so the field stays a small integer (a boxed number would allocate).
      this.check = (this.check + i32[offset >> 2]) & 0xfffffff;
      return;
    }
    if (this.now === 0) this.now = nowNs();
    if (this.sampled < samples.length) samples[this.sampled++] = this.now - f64[offset >> 3];
  }
}

function pollUntil(
  queue: SpscQueue,
  handler: BenchSpscHandler,
  idle: BusySpinIdleStrategy,
  taken: number,
  to: number,
  deadlineNs: number,
): number {
  const limit = handler.samples === null ? CONSUMER_BATCH : LATENCY_CONSUMER_BATCH;
  let loops = 0;
  while (taken < to) {
    handler.now = 0;
    const n = queue.poll(handler, limit);
    taken += n;
    idle.idle(n);
    if ((++loops & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  return taken;
}

export async function runSpscProducer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const queue = SpscQueue.attach(data.rings[0]);
  const gc = new GcWatch();
  const intervalNs = 1e9 / data.rate;
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  const run = (from: number, to: number): number => {
    let at = from;
    const t0 = nowNs();
    while (at < to) {
      const end = to - at < CHUNK ? to : at + CHUNK;
      at =
        data.mode === 'latency'
          ? offerAtRate(queue, at, end, t0 + (at - from) * intervalNs, intervalNs, data.deadlineNs)
          : offerBatches(queue, at, end, data.deadlineNs);
      if (at < end) break;
    }
    return at;
  };
  const outcome = go ? produceTrials(ctrl, data, gc, run) : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  return { role: 'producer', index: 0, ...outcome, lost: 0, gcEvents, check: 0 };
}

export async function runSpscConsumer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const queue = SpscQueue.attach(data.rings[0]);
  const handler = new BenchSpscHandler();
  const samples = data.mode === 'latency' ? new Float64Array(data.events) : null;
  handler.samples = samples;
  const idle = new BusySpinIdleStrategy();
  const gc = new GcWatch();
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  let taken = 0;
  const run = (to: number): number => {
    while (taken < to) {
      const end = Math.min(to, taken + CHUNK);
      taken = pollUntil(queue, handler, idle, taken, end, data.deadlineNs);
      if (taken < end) break;
    }
    return taken;
  };
  const outcome = go
    ? consumeTrials(ctrl, data, gc, run, () => (handler.sampled = 0))
    : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  const report: WorkerReport = {
    role: 'consumer',
    index: 0,
    ...outcome,
    lost: 0,
    gcEvents,
    check: handler.check,
  };
  return samples === null ? report : { ...report, latency: { samples, count: handler.sampled } };
}
