// The conductor's handle on the ingest worker: validates the config, allocates the ingest
// counters and the latency sample ring, starts ingest-worker.ts on a real worker thread, and
// turns its messages into promises and status callbacks. Control plane: throws IngestError.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AgentControl, BroadcastRing } from '@ringside/ring';
import { createSampleRingBuffer } from '@ringside/counters';
import type { CountersManager } from '@ringside/counters';
import { MarketEventDescriptor } from '../events/market-event-descriptor.ts';
import { parseIngestConfig } from './ingest-config.ts';
import type { IngestConfig } from './ingest-config.ts';
import { allocateIngestCounters } from './ingest-counters.ts';
import type { IngestCounterIds } from './ingest-counters.ts';
import { IngestError, IngestErrorCode } from './ingest-error.ts';
import type {
  IngestControlMessage,
  IngestStatusEvent,
  IngestSummary,
  IngestWorkerMessage,
} from './ingest-status.ts';
import type { IngestWorkerData } from './ingest-worker.ts';

export interface IngestHandle {
  readonly config: IngestConfig;
  readonly worker: Worker;
  readonly counterIds: IngestCounterIds;
  /** The latency SampleRing the worker writes (ingest stamp → publish, per read). */
  readonly samples: SharedArrayBuffer;
  /** Resolves once the worker holds the producer role and its source is open. */
  readonly ready: Promise<string>;
  /** Resolves with the summary when the worker finishes (source exhausted, session ended, stop). */
  readonly done: Promise<IngestSummary>;
  /** Session and gap events, in order (control plane). */
  onStatus(listener: (event: IngestStatusEvent) => void): void;
  /** Asks the worker to finish (TCP: log out; replay: stop the agent) and waits for it. */
  stop(): Promise<IngestSummary>;
}

/** How the host varies an ingest worker (a paced warm-up source; a latency ring it sized). */
export interface StartIngestOptions {
  /** Another worker entry point speaking the same messages (default ./ingest-worker.ts). */
  readonly worker?: URL;
  /** Extra workerData fields for that worker. */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** The latency SampleRing to write (default: a new one of config.sampleCapacity). */
  readonly samples?: SharedArrayBuffer;
  /** Worker thread name (default 'ingest'). */
  readonly name?: string;
}

/**
 * Starts the ingest worker publishing into the BroadcastRing in `ringBuffer` (64-byte slots, no
 * producer attached yet: a new worker continues the ring's sequence where the last producer
 * left it). Counters are allocated in `counters` (the conductor's manager).
 */
export function startIngest(
  configInput: unknown,
  ringBuffer: SharedArrayBuffer,
  counters: CountersManager,
  options: StartIngestOptions = {},
): IngestHandle {
  const config = parseIngestConfig(configInput);
  checkRing(ringBuffer);
  if (config.source.kind === 'file' && !existsSync(config.source.path)) {
    throw new IngestError(IngestErrorCode.SOURCE_UNAVAILABLE, `ITCH file not found: ${config.source.path}`);
  }
  const counterIds = allocateIngestCounters(counters);
  const samples = options.samples ?? createSampleRingBuffer(config.sampleCapacity);
  const control = AgentControl.create();
  const workerData: IngestWorkerData & Readonly<Record<string, unknown>> = {
    ...options.extra,
    config,
    ring: ringBuffer,
    counters: counters.buffers,
    counterIds,
    samples,
    control: control.buffer,
  };
  const worker = new Worker(options.worker ?? new URL('./ingest-worker.ts', import.meta.url), {
    workerData,
    name: options.name ?? 'ingest',
  });
  const listeners: ((event: IngestStatusEvent) => void)[] = [];
  let resolveReady!: (d: string) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<string>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  let resolveDone!: (s: IngestSummary) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<IngestSummary>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  // Callers may only await `done`; an early failure must not also be an unhandled `ready`.
  ready.catch(() => {});
  let summary: IngestSummary | undefined;
  let failure: IngestError | undefined;
  worker.on('message', (m: IngestWorkerMessage) => {
    switch (m.kind) {
      case 'ready':
        resolveReady(m.description);
        break;
      case 'status':
        for (const l of listeners) l(m.event);
        break;
      case 'done':
        summary = m.summary;
        break;
      case 'error':
        failure = new IngestError(
          (Object.values(IngestErrorCode) as string[]).includes(m.code)
            ? (m.code as IngestError['code'])
            : IngestErrorCode.WORKER_FAILED,
          `ingest worker: ${m.message}`,
        );
        break;
    }
  });
  worker.on('error', (err: Error) => {
    failure = new IngestError(IngestErrorCode.WORKER_FAILED, `ingest worker crashed: ${err.message}`, {
      cause: err,
    });
  });
  worker.on('exit', (code) => {
    if (summary !== undefined) {
      resolveReady('finished');
      resolveDone(summary);
      return;
    }
    const err =
      failure ??
      new IngestError(IngestErrorCode.WORKER_FAILED, `ingest worker exited (code ${code}) without a summary`);
    rejectReady(err);
    rejectDone(err);
  });
  return {
    config,
    worker,
    counterIds,
    samples,
    ready,
    done,
    onStatus: (listener) => {
      listeners.push(listener);
    },
    stop: async () => {
      control.requestStop();
      const stop: IngestControlMessage = { kind: 'stop' };
      worker.postMessage(stop);
      return done;
    },
  };
}

function checkRing(buffer: SharedArrayBuffer): void {
  let ring: BroadcastRing;
  try {
    ring = BroadcastRing.attach(buffer);
  } catch (err) {
    throw new IngestError(IngestErrorCode.BAD_RING, 'ringBuffer is not a BroadcastRing', { cause: err });
  }
  if (ring.slotBytes !== MarketEventDescriptor.SLOT_BYTES) {
    throw new IngestError(
      IngestErrorCode.BAD_RING,
      `the ring's slots are ${ring.slotBytes} bytes; market events need ${MarketEventDescriptor.SLOT_BYTES}`,
    );
  }
}
