// The conductor's handle on the sidecar worker: validates the config, starts sidecar-worker.ts
// on its own thread with the shared buffers, keeps the latest stats it posts, and stops it.
// Control plane: throws SidecarError.
import { Worker } from 'node:worker_threads';
import { parseSidecarConfig } from './sidecar-config.ts';
import type { SidecarConfig } from './sidecar-config.ts';
import type { SidecarBuffers } from './sidecar-buffers.ts';
import { SidecarError, SidecarErrorCode } from './sidecar-error.ts';
import type {
  SidecarControlMessage,
  SidecarStats,
  SidecarWorkerData,
  SidecarWorkerMessage,
} from './sidecar-messages.ts';

const STOP_TIMEOUT_MS = 5_000;

export interface SidecarHandle {
  readonly config: SidecarConfig;
  readonly worker: Worker;
  /** The stats of the last interval (undefined before the first). */
  stats(): SidecarStats | undefined;
  /** Called with every interval's stats. */
  onStats(listener: (stats: SidecarStats) => void): void;
  /** Resolves with the first stats for which `predicate` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (stats: SidecarStats) => boolean, timeoutMs: number): Promise<SidecarStats>;
  /** Collects once more, flushes (bounded wait), closes NATS and ends the thread. */
  stop(): Promise<SidecarStats | undefined>;
}

/** Start the sidecar on a worker thread. Throws SidecarError INVALID_CONFIG. */
export function startSidecar(configInput: unknown, buffers: SidecarBuffers): SidecarHandle {
  const config = parseSidecarConfig(configInput);
  const workerData: SidecarWorkerData = { config, buffers };
  const worker = new Worker(new URL('./sidecar-worker.ts', import.meta.url), { workerData, name: 'sidecar' });
  const listeners = new Set<(stats: SidecarStats) => void>();
  let latest: SidecarStats | undefined;
  let failure: Error | undefined;
  let stopped: ((stats: SidecarStats | undefined) => void) | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  worker.on('message', (m: SidecarWorkerMessage) => {
    if (m.kind === 'error') {
      failure = new SidecarError(SidecarErrorCode.WORKER_FAILED, m.message);
      return;
    }
    latest = m.stats;
    for (const l of listeners) l(m.stats);
    if (m.kind === 'stopped') stopped?.(m.stats);
  });
  worker.on('error', (err: Error) => {
    failure = new SidecarError(SidecarErrorCode.WORKER_FAILED, `sidecar worker crashed: ${err.message}`, {
      cause: err,
    });
  });

  return {
    config,
    worker,
    stats: () => latest,
    onStats: (listener) => {
      listeners.add(listener);
    },
    waitFor(predicate, timeoutMs) {
      return new Promise((resolve, reject) => {
        if (latest !== undefined && predicate(latest)) {
          resolve(latest);
          return;
        }
        const timer = setTimeout(() => {
          const why = failure === undefined ? '' : ` (${failure.message})`;
          reject(
            new Error(`sidecar stats condition not met in ${timeoutMs} ms${why}: ${JSON.stringify(latest)}`),
          );
        }, timeoutMs);
        const listener = (s: SidecarStats): void => {
          if (predicate(s)) {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve(s);
          }
        };
        listeners.add(listener);
      });
    },
    async stop() {
      const final = new Promise<SidecarStats | undefined>((resolve) => {
        stopped = resolve;
        setTimeout(() => resolve(undefined), STOP_TIMEOUT_MS).unref();
        void exited.then(() => resolve(latest));
      });
      worker.postMessage({ kind: 'stop' } satisfies SidecarControlMessage);
      const stats = await final;
      // A connect still retrying (server never came up) keeps the thread alive: end it here.
      await worker.terminate();
      return stats ?? latest;
    },
  };
}
