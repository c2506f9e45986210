// Start a test worker and wait for its first message, bounded: a worker that throws, exits
// without answering or overruns the deadline fails the test instead of hanging the suite.
import { Worker } from 'node:worker_threads';

export interface StartedWorker<T> {
  readonly worker: Worker;
  /** The worker's first message. */
  readonly message: Promise<T>;
  /** Resolves with the exit code once the worker has stopped. */
  readonly exited: Promise<number>;
}

export function startWorker<T>(url: URL, workerData: unknown, timeoutMs: number): StartedWorker<T> {
  const worker = new Worker(url, { workerData });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const message = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`worker ${url.pathname} sent nothing within ${timeoutMs} ms`));
      void worker.terminate();
    }, timeoutMs);
    const settle = (): void => clearTimeout(timer);
    worker.once('message', (m: T) => {
      settle();
      resolve(m);
    });
    worker.once('error', (error) => {
      settle();
      reject(error);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`worker ${url.pathname} exited with code ${code} before answering`));
    });
  });
  return { worker, message, exited };
}
