// Test-side helper: run a .ts worker to completion and get the last message it posted, with a
// hard timeout that terminates the worker (so a broken queue fails the test instead of hanging CI).
import { Worker } from 'node:worker_threads';

export interface WorkerRun<T> {
  readonly worker: Worker;
  /** Resolves with the last message once the worker exits with code 0. */
  readonly result: Promise<T>;
}

export function startWorker<T>(url: URL, workerData: unknown, timeoutMs: number): WorkerRun<T> {
  const worker = new Worker(url, { workerData });
  const result = new Promise<T>((resolve, reject) => {
    let last: T | undefined;
    let received = false;
    const timer = setTimeout(() => {
      reject(new Error(`worker ${url.pathname} did not finish within ${timeoutMs} ms`));
      void worker.terminate();
    }, timeoutMs);
    worker.on('message', (message: T) => {
      last = message;
      received = true;
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`worker ${url.pathname} exited with code ${code}`));
      } else if (!received) {
        reject(new Error(`worker ${url.pathname} exited without a result`));
      } else {
        resolve(last as T);
      }
    });
  });
  return { worker, result };
}

export function runWorker<T>(url: URL, workerData: unknown, timeoutMs: number): Promise<T> {
  return startWorker<T>(url, workerData, timeoutMs).result;
}
