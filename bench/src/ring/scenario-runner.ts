/**
 * Main-thread side of one scenario: spawn its workers, wait until all are set up, say GO, await
 * the producers' reports, tell long-lived helpers to stop, await the consumers'. The main thread
 * only waits; every timer here is a bound, so a stuck worker costs its budget, never a hang.
 */
import { Worker } from 'node:worker_threads';
import type { TransferListItem } from 'node:worker_threads';
import { nowNs } from '@ringside/ring';
import { BenchControl, createBenchControl } from './bench-control-descriptor.ts';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';

const WORKER_URL = new URL('./bench-worker.ts', import.meta.url);
const SETUP_TIMEOUT_MS = 20_000;
/** After the deadline, how long a worker may take to notice it and report. */
const REPORT_GRACE_MS = 10_000;

export type ScenarioWorker = Omit<BenchWorkerData, 'ctrl' | 'deadlineNs'> & {
  readonly transferList?: readonly TransferListItem[];
};

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly code = 'BENCH_SCENARIO_FAILED';
}

interface Spawned {
  readonly worker: Worker;
  readonly role: BenchWorkerData['role'];
  readonly ready: Promise<void>;
  readonly report: Promise<WorkerReport>;
}

function spawn(spec: ScenarioWorker, ctrl: SharedArrayBuffer, deadlineNs: number): Spawned {
  const { transferList, ...rest } = spec;
  const data: BenchWorkerData = { ...rest, ctrl, deadlineNs };
  const worker = new Worker(WORKER_URL, {
    workerData: data,
    transferList: transferList ? [...transferList] : [],
  });
  let onReady: () => void = () => {};
  let onReport: (r: WorkerReport) => void = () => {};
  let onFail: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    const prev = onFail;
    onFail = (e) => {
      prev(e);
      reject(e);
    };
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    onReport = resolve;
    const prev = onFail;
    onFail = (e) => {
      prev(e);
      reject(e);
    };
  });
  // Both promises may be abandoned when the other fails; never leave a rejection unhandled.
  ready.catch(() => {});
  report.catch(() => {});
  worker.on('message', (m: { type: 'ready' } | { type: 'report'; report: WorkerReport }) => {
    if (m.type === 'ready') onReady();
    else onReport(m.report);
  });
  worker.on('error', (e) => onFail(e));
  worker.on('exit', (code) => onFail(new ScenarioError(`${spec.contender} ${spec.role} exited (${code})`)));
  return { worker, role: spec.role, ready, report };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScenarioError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one scenario; reports come back producers first, then consumers, in spawn order. */
export async function runScenario(
  specs: readonly ScenarioWorker[],
  budgetMs: number,
): Promise<WorkerReport[]> {
  const ctrl = createBenchControl();
  const spawned: Spawned[] = [];
  try {
    const deadlineNs = nowNs() + (SETUP_TIMEOUT_MS + budgetMs) * 1e6;
    for (const spec of specs) spawned.push(spawn(spec, ctrl.buffer, deadlineNs));
    await within(Promise.all(spawned.map((s) => s.ready)), SETUP_TIMEOUT_MS, 'worker setup');
    Atomics.store(ctrl.i32, BenchControl.GO, 1);
    Atomics.notify(ctrl.i32, BenchControl.GO);
    const waitMs = (deadlineNs - nowNs()) / 1e6 + REPORT_GRACE_MS;
    const producers = spawned.filter((s) => s.role === 'producer');
    const consumers = spawned.filter((s) => s.role === 'consumer');
    const produced = await within(Promise.all(producers.map((s) => s.report)), waitMs, 'producer report');
    Atomics.store(ctrl.i32, BenchControl.STOP, 1);
    Atomics.notify(ctrl.i32, BenchControl.STOP);
    const consumed = await within(
      Promise.all(consumers.map((s) => s.report)),
      REPORT_GRACE_MS + waitMs,
      'consumer report',
    );
    return [...produced, ...consumed];
  } finally {
    Atomics.store(ctrl.i32, BenchControl.STOP, 1);
    Atomics.notify(ctrl.i32, BenchControl.STOP);
    await Promise.all(spawned.map((s) => s.worker.terminate()));
  }
}
