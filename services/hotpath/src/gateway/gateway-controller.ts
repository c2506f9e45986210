// The conductor's handle on the gateway worker: validates the config, allocates the gateway's
// counters and latency sample ring, starts gateway-worker.ts on a worker thread. Control plane.
import { Worker } from 'node:worker_threads';
import { createSampleRingBuffer } from '@ringside/counters';
import type { CountersManager } from '@ringside/counters';
import { createGatewayRouteBuffer, describeGatewayConfig, parseGatewayConfig } from './gateway-config.ts';
import type { GatewayConfig } from './gateway-config.ts';
import type { GatewayLink } from './gateway-agent.ts';
import { allocateGatewayCounters } from './gateway-counters.ts';
import type { GatewayCounterIds } from './gateway-counters.ts';
import type { GatewayControlMessage, GatewayWorkerData, GatewayWorkerMessage } from './gateway-worker.ts';
import { tokenPrefixOf } from './ouch/ouch-gateway-token.ts';

export interface GatewayReport {
  readonly tallies: Record<string, number>;
  readonly adapter: Record<string, number>;
  /** EventLoopDriver stats: turns, parks, notified wakes, doWork calls. */
  readonly driver: number[];
  /** GC in the gateway thread since start: [all, minor (scavenge), major (mark-compact)]. */
  readonly gc: number[];
}

export interface GatewayHandle {
  readonly config: GatewayConfig;
  readonly worker: Worker;
  readonly counterIds: GatewayCounterIds;
  /** The SampleRing of order latency segments (read it with OrderLatencyReport). */
  readonly samples: SharedArrayBuffer;
  /** The route block (GatewayRouteDescriptor): venue or warm-up sink, session up, sink tallies. */
  readonly route: SharedArrayBuffer;
  readonly ready: Promise<string>;
  /** The worker's own tallies and adapter stats, now. */
  report(): Promise<GatewayReport>;
  stop(): Promise<GatewayReport>;
}

export interface StartGatewayOptions {
  /** A route block made by createGatewayRouteBuffer (default: a new one routing to the venue). */
  readonly route?: SharedArrayBuffer;
  /** A trace ring (createTraceRingBuffer) to sample answered orders into (default: none). */
  readonly traces?: SharedArrayBuffer;
  /** Print the one-line config description (default true). */
  readonly describe?: boolean;
}

export function startGateway(
  configInput: unknown,
  links: readonly GatewayLink[],
  counters: CountersManager,
  options: StartGatewayOptions = {},
): GatewayHandle {
  const route = options.route ?? createGatewayRouteBuffer();
  // The route block travels inside the config: the worker hands its config to the agent as options.
  const config = {
    ...parseGatewayConfig(configInput),
    route,
    ...(options.traces === undefined ? {} : { traces: options.traces }),
  };
  if (options.describe ?? true) console.log(describeGatewayConfig(config));
  const counterIds = allocateGatewayCounters(counters);
  const samples = createSampleRingBuffer(config.sampleCapacity);
  const workerData: GatewayWorkerData = {
    config,
    tokenPrefix:
      (config.venue.kind === 'ouch' ? config.venue.tokenPrefix : undefined) ??
      tokenPrefixOf(Date.now() / 60000),
    links,
    counters: counters.buffers,
    counterIds,
    samples,
  };
  const worker = new Worker(new URL('./gateway-worker.ts', import.meta.url), { workerData, name: 'gateway' });
  let resolveReady!: (d: string) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<string>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {});
  const reportWaiters: ((r: GatewayReport) => void)[] = [];
  let resolveDone!: (r: GatewayReport) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<GatewayReport>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  done.catch(() => {});
  let final: GatewayReport | undefined;
  let failure: Error | undefined;
  worker.on('message', (m: GatewayWorkerMessage) => {
    if (m.kind === 'ready') resolveReady(m.description);
    else if (m.kind === 'stats') reportWaiters.shift()?.(m);
    else if (m.kind === 'done') final = m;
    else if (m.kind === 'error') failure = new Error(`gateway worker: ${m.message}`);
  });
  worker.on('error', (err: Error) => (failure = err));
  worker.on('exit', (code) => {
    if (final !== undefined) {
      resolveDone(final);
      return;
    }
    const err = failure ?? new Error(`gateway worker exited (code ${code}) without a report`);
    rejectReady(err);
    rejectDone(err);
  });
  const send = (m: GatewayControlMessage): void => worker.postMessage(m);
  return {
    config,
    worker,
    counterIds,
    samples,
    route,
    ready,
    report: () =>
      new Promise<GatewayReport>((resolve) => {
        reportWaiters.push(resolve);
        send({ kind: 'stats' });
      }),
    stop: async () => {
      send({ kind: 'stop' });
      return done;
    },
  };
}
