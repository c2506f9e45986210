/**
 * Worker side of the ringbuf.js rows (padenot/ringbuf.js 0.4, a wait-free SPSC ring of typed-array
 * elements). Events are 8 Float64 elements = 64 bytes. The main row gives it the same batching
 * as ours: the producer stages PUBLISH_BATCH events and pushes them with one call (one
 * write-pointer store); a second row pushes each event by itself, as a message queue built on
 * it would. The consumer pops up to CONSUMER_BATCH events per call in both.
 */
import { RingBuffer } from 'ringbuf.js';
import { BusySpinIdleStrategy, nowNs, spinPause, stampNs } from '@ringside/ring';
import { CONSUMER_BATCH, LATENCY_CONSUMER_BATCH, PUBLISH_BATCH } from './bench-config.ts';
import { benchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { consumeTrials, produceTrials } from './trial-driver.ts';
import { GcWatch, awaitGo } from './worker-support.ts';

/** Float64 elements per 64-byte event. */
export const RINGBUF_EVENT_ELEMENTS = 8;
const CHUNK = 1 << 16;

function pushBatches(
  rb: RingBuffer,
  staging: Float64Array,
  batch: number,
  from: number,
  to: number,
  deadlineNs: number,
): number {
  const batchElements = batch * RINGBUF_EVENT_ELEMENTS;
  let count = from;
  let spins = 0;
  while (count < to) {
    const n = to - count < batch ? to - count : batch;
    const elements = n * RINGBUF_EVENT_ELEMENTS;
    if (rb.available_write() < elements) {
      spinPause();
      if ((++spins & 0x3ff) === 0 && nowNs() > deadlineNs) return count;
      continue;
    }
    for (let k = 0; k < n; k++) {
      const base = k * RINGBUF_EVENT_ELEMENTS;
      for (let w = 0; w < RINGBUF_EVENT_ELEMENTS; w++) staging[base + w] = count + w;
      count++;
    }
    rb.push(staging, elements < batchElements ? elements : batchElements, 0);
  }
  return count;
}

function pushAtRate(
  rb: RingBuffer,
  staging: Float64Array,
  from: number,
  to: number,
  startNs: number,
  intervalNs: number,
  deadlineNs: number,
): number {
  let count = from;
  while (count < to) {
    const due = startNs + (count - from) * intervalNs;
    while (nowNs() < due) spinPause();
    // push() writes partial events when nearly full: only push whole events.
    if (rb.available_write() >= RINGBUF_EVENT_ELEMENTS) {
      staging[1] = count;
      stampNs(staging, 0);
      rb.push(staging, RINGBUF_EVENT_ELEMENTS, 0);
      count++;
    } else {
      spinPause();
    }
    if ((count & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  return count;
}

/** Pops until `out[0]` events were taken; out[1] = samples recorded; out[2] = checksum. */
function popUntil(
  rb: RingBuffer,
  buf: Float64Array,
  idle: BusySpinIdleStrategy,
  out: Float64Array,
  to: number,
  samples: Float64Array | null,
  deadlineNs: number,
): void {
  const limit = (samples === null ? CONSUMER_BATCH : LATENCY_CONSUMER_BATCH) * RINGBUF_EVENT_ELEMENTS;
  let taken = out[0];
  let sampled = out[1];
  let check = out[2];
  let loops = 0;
  while (taken < to) {
    const n = rb.pop(buf, limit, 0) / RINGBUF_EVENT_ELEMENTS;
    if (n > 0) {
      if (samples !== null) {
        const now = nowNs();
        for (let e = 0; e < n; e++) {
          if (sampled < samples.length) samples[sampled++] = now - buf[e * RINGBUF_EVENT_ELEMENTS];
        }
      } else {
        for (let e = 0; e < n; e++) check = (check + buf[e * RINGBUF_EVENT_ELEMENTS]) % 1e9;
      }
      taken += n;
    }
    idle.idle(n);
    if ((++loops & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  out[0] = taken;
  out[1] = sampled;
  out[2] = check;
}

export async function runRingbufProducer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const rb = new RingBuffer(data.rings[0], Float64Array);
  const staging = new Float64Array(PUBLISH_BATCH * RINGBUF_EVENT_ELEMENTS);
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
          ? pushAtRate(rb, staging, at, end, t0 + (at - from) * intervalNs, intervalNs, data.deadlineNs)
          : pushBatches(rb, staging, data.publishBatch, at, end, data.deadlineNs);
      if (at < end) break;
    }
    return at;
  };
  const outcome = go ? produceTrials(ctrl, data, gc, run) : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  return { role: 'producer', index: 0, ...outcome, lost: 0, gcEvents, check: 0 };
}

export async function runRingbufConsumer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const rb = new RingBuffer(data.rings[0], Float64Array);
  const buf = new Float64Array(CONSUMER_BATCH * RINGBUF_EVENT_ELEMENTS);
  const samples = data.mode === 'latency' ? new Float64Array(data.events) : null;
  const out = new Float64Array(3);
  const idle = new BusySpinIdleStrategy();
  const gc = new GcWatch();
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  const run = (to: number): number => {
    while (out[0] < to) {
      const end = Math.min(to, out[0] + CHUNK);
      popUntil(rb, buf, idle, out, end, samples, data.deadlineNs);
      if (out[0] < end) break;
    }
    return out[0];
  };
  const outcome = go
    ? consumeTrials(ctrl, data, gc, run, () => (out[1] = 0))
    : { stampsNs: [], events: 0, timedOut: true };
  const gcEvents = await gc.stop();
  const report: WorkerReport = { role: 'consumer', index: 0, ...outcome, lost: 0, gcEvents, check: out[2] };
  return samples === null ? report : { ...report, latency: { samples, count: out[1] } };
}
