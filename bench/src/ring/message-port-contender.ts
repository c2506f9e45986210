/**
 * Worker side of the MessagePort row: Node's built-in way between workers. Each event is a
 * 64-byte Float64Array posted on a MessageChannel (structured clone). Throughput mode keeps at
 * most MESSAGE_PORT_WINDOW messages in flight (the consumer acknowledges every
 * MESSAGE_PORT_ACK_EVERY), because postMessage never pushes back and an unbounded queue would
 * measure memory growth, not messaging. Latency mode posts at a fixed rate from a busy loop.
 */
import type { MessagePort } from 'node:worker_threads';
import { nowNs, spinPause, stampNs } from '@ringside/ring';
import { MESSAGE_PORT_ACK_EVERY, MESSAGE_PORT_WINDOW } from './bench-config.ts';
import { benchControlViews } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { GcWatch, awaitGo } from './worker-support.ts';

const EVENT_ELEMENTS = 8;

function portOf(data: BenchWorkerData): MessagePort {
  if (data.port === undefined) throw new Error('message-port contender needs a port');
  return data.port;
}

/** Posts [from, to) at `intervalNs` apart from `startNs` (latency mode). */
function postAtRate(
  port: MessagePort,
  msg: Float64Array,
  from: number,
  to: number,
  intervalNs: number,
  deadlineNs: number,
): number {
  const startNs = nowNs();
  let count = from;
  while (count < to) {
    const due = startNs + (count - from) * intervalNs;
    while (nowNs() < due) spinPause();
    msg[1] = count;
    stampNs(msg, 0);
    port.postMessage(msg);
    count++;
    if ((count & 0xfff) === 0 && nowNs() > deadlineNs) break;
  }
  return count;
}

export function runMessagePortProducer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const port = portOf(data);
  const msg = new Float64Array(EVENT_ELEMENTS);
  const gc = new GcWatch();
  const total = data.warmup + data.events;
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  return new Promise<WorkerReport>((resolve) => {
    let sent = 0;
    let acked = 0;
    let startNs = 0;
    const finish = (timedOut: boolean): void => {
      port.close();
      void gc.stop().then((gcEvents) =>
        resolve({
          role: 'producer',
          index: 0,
          stampsNs: startNs === 0 ? [] : [startNs],
          events: sent - data.warmup,
          lost: 0,
          gcEvents,
          timedOut,
          check: 0,
        }),
      );
    };
    const beginMeasured = (): void => {
      gc.start();
      startNs = nowNs();
    };
    if (!go) {
      finish(true);
      return;
    }
    if (data.mode === 'latency') {
      // The consumer acknowledges the end of the warm-up; then the measured part follows.
      port.on('message', (m: number) => {
        if (m !== data.warmup) return;
        beginMeasured();
        sent = postAtRate(port, msg, data.warmup, total, 1e9 / data.rate, data.deadlineNs);
        finish(sent < total);
      });
      sent = postAtRate(port, msg, 0, data.warmup, 1e9 / data.rate, data.deadlineNs);
      return;
    }
    const pump = (): void => {
      const limit = acked < data.warmup ? data.warmup : total; // pause at the end of warm-up
      while (sent < limit && sent - acked < MESSAGE_PORT_WINDOW) {
        msg[0] = sent;
        port.postMessage(msg);
        sent++;
      }
    };
    port.on('message', (m: number) => {
      acked = m;
      if (acked === data.warmup && startNs === 0) beginMeasured();
      if (acked >= total) finish(false);
      else if (nowNs() > data.deadlineNs) finish(true);
      else pump();
    });
    pump();
  });
}

export function runMessagePortConsumer(data: BenchWorkerData, ready: () => void): Promise<WorkerReport> {
  const ctrl = benchControlViews(data.ctrl);
  const port = portOf(data);
  const gc = new GcWatch();
  const total = data.warmup + data.events;
  const samples = data.mode === 'latency' ? new Float64Array(data.events) : null;
  const clock = new Float64Array(1);
  ready();
  const go = awaitGo(ctrl, data.deadlineNs);
  return new Promise<WorkerReport>((resolve) => {
    let received = 0;
    let check = 0;
    let sampled = 0;
    const finish = (timedOut: boolean): void => {
      const endNs = nowNs();
      clearTimeout(watchdog);
      port.close();
      void gc.stop().then((gcEvents) => {
        const report: WorkerReport = {
          role: 'consumer',
          index: 0,
          stampsNs: [endNs],
          events: received - data.warmup,
          lost: 0,
          gcEvents,
          timedOut,
          check,
        };
        resolve(samples === null ? report : { ...report, latency: { samples, count: sampled } });
      });
    };
    const watchdog = setTimeout(() => finish(true), Math.max(0, (data.deadlineNs - nowNs()) / 1e6));
    if (!go) {
      finish(true);
      return;
    }
    port.on('message', (m: Float64Array) => {
      if (samples !== null && received >= data.warmup) {
        stampNs(clock, 0);
        samples[sampled++] = clock[0] - m[0];
      } else {
        check = (check + m[0]) % 1e9;
      }
      received++;
      if (received === data.warmup) {
        gc.start();
        port.postMessage(received);
      } else if (received === total) {
        port.postMessage(received);
        finish(false);
      } else if (samples === null && received % MESSAGE_PORT_ACK_EVERY === 0) {
        port.postMessage(received);
      }
    });
  });
}
