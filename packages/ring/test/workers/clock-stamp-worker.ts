// Worker for the clock happens-before test. Role "producer" (A) stamps nowNs() into each event and
// then publishes it; role "consumer" (B) stamps nowNs() after reading each event and counts any
// event whose B stamp is earlier than its A stamp. Both also carry a naive per-worker clock
// (performance.now() minus this worker's own start), the control that must show violations.
// Transport: the BroadcastRing (lossy, loss counted) or an SpscQueue (lossless).
import { workerData, parentPort } from 'node:worker_threads';
import {
  BroadcastRing,
  BroadcastRingDescriptor,
  SpscQueue,
  calibratePerformanceClock,
  nowNs,
  spinPause,
  stampNs,
} from '../../src/index.ts';
import type { BroadcastHandler, SpscHandler } from '../../src/index.ts';

const startPerfMs = performance.now();

export interface ClockStampData {
  readonly role: 'producer' | 'consumer';
  readonly transport: 'broadcast' | 'spsc';
  readonly buffer: SharedArrayBuffer;
  /** Int32 words: [0] go, [1] consumer ready, [2] producer ready, [3] producer done. */
  readonly gate: SharedArrayBuffer;
  readonly events: number;
  readonly paceNs: number;
  readonly deadlineMs: number;
}

export interface ClockStampReport {
  readonly role: string;
  readonly startPerfMs: number;
  readonly offsetNs: number;
  readonly errorBoundNs: number;
  readonly events: number;
  readonly violations: number;
  readonly minDeltaNs: number;
  readonly maxDeltaNs: number;
  readonly naiveViolations: number;
  readonly lost: number;
}

const data = workerData as ClockStampData;
const gate = new Int32Array(data.gate);
const calibration = calibratePerformanceClock();
const deadlineNs = nowNs() + data.deadlineMs * 1e6;
// Payload layout (byte offsets from the event's payload start): f64 nowNs @0, f64 naive @8,
// and for SPSC (no header) the sequence as i32 @16.
const PAYLOAD = data.transport === 'broadcast' ? BroadcastRingDescriptor.PAYLOAD_OFFSET : 0;

function naiveNs(): number {
  return (performance.now() - startPerfMs) * 1e6;
}

function waitForGo(readyIndex: number): void {
  Atomics.store(gate, readyIndex, 1);
  while (Atomics.load(gate, 0) === 0 && nowNs() < deadlineNs) {
    Atomics.wait(gate, 0, 0, 50);
  }
}

function pace(sinceNs: number): void {
  while (nowNs() - sinceNs < data.paceNs) spinPause();
}

function produce(): ClockStampReport {
  let sent = 0;
  if (data.transport === 'broadcast') {
    const producer = BroadcastRing.attach(data.buffer).attachProducer();
    waitForGo(2);
    for (; sent < data.events && nowNs() < deadlineNs; sent++) {
      const offset = producer.claim();
      const base = (offset + PAYLOAD) >> 3;
      producer.f64[base + 1] = naiveNs();
      stampNs(producer.f64, base);
      producer.publish();
      pace(producer.f64[base]);
    }
    producer.close();
  } else {
    const queue = SpscQueue.attach(data.buffer);
    waitForGo(2);
    while (sent < data.events && nowNs() < deadlineNs) {
      const offset = queue.claim();
      if (offset < 0) {
        spinPause();
        continue;
      }
      const base = offset >> 3;
      queue.i32[(offset >> 2) + 4] = sent;
      queue.f64[base + 1] = naiveNs();
      stampNs(queue.f64, base);
      queue.commit();
      queue.flush();
      pace(queue.f64[base]);
      sent++;
    }
  }
  Atomics.store(gate, 3, 1);
  return report('producer', sent, new Float64Array(8), 0);
}

// [0] received, [1] violations, [2] min delta, [3] max delta, [4] naive violations, [5] order errors
const stats = new Float64Array(8);
const scratch = new Float64Array(1);

class StampChecker implements BroadcastHandler, SpscHandler {
  onEvent(_b: Uint8Array, i32: Int32Array, f64: Float64Array, _d: DataView, offset: number): void {
    stampNs(scratch, 0);
    const base = (offset + PAYLOAD) >> 3;
    const delta = scratch[0] - f64[base];
    if (delta < 0) stats[1]++;
    if (delta < stats[2]) stats[2] = delta;
    if (delta > stats[3]) stats[3] = delta;
    if (naiveNs() < f64[base + 1]) stats[4]++;
    if (data.transport === 'spsc' && i32[(offset >> 2) + 4] !== stats[0]) stats[5]++;
    stats[0]++;
  }
}

function consume(): ClockStampReport {
  const checker = new StampChecker();
  stats[2] = Number.POSITIVE_INFINITY;
  stats[3] = Number.NEGATIVE_INFINITY;
  let lost = 0;
  if (data.transport === 'broadcast') {
    const consumer = BroadcastRing.attach(data.buffer).attachConsumer({ maxBatch: 64 });
    waitForGo(1);
    while (nowNs() < deadlineNs) {
      const n = consumer.poll(checker, 64);
      if (n === 0) {
        if (Atomics.load(gate, 3) === 1 && consumer.available() === 0) break;
        spinPause();
      }
    }
    lost = consumer.loss;
    consumer.close();
  } else {
    const queue = SpscQueue.attach(data.buffer);
    waitForGo(1);
    while (stats[0] < data.events && nowNs() < deadlineNs) {
      if (queue.poll(checker, 64) === 0) spinPause();
    }
    lost = stats[5];
  }
  return report('consumer', stats[0], stats, lost);
}

function report(role: string, events: number, s: Float64Array, lost: number): ClockStampReport {
  return {
    role,
    startPerfMs,
    offsetNs: calibration.offsetNs,
    errorBoundNs: calibration.errorBoundNs,
    events,
    violations: s[1],
    minDeltaNs: s[2],
    maxDeltaNs: s[3],
    naiveViolations: s[4],
    lost,
  };
}

parentPort?.postMessage(data.role === 'producer' ? produce() : consume());
