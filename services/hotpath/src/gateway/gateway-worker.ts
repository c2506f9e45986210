// Entry point of the gateway worker thread (started by gateway-controller.ts). Setup and
// teardown are control plane; orders and venue answers then run on this thread's event loop
// (EventLoopDriver + the adapter's socket callbacks) and only touch preallocated memory.
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { CountersWriterView, SampleRing, warmUpWriters } from '@ringside/counters';
import type { CountersBuffers } from '@ringside/counters';
import type { GatewayConfig } from './gateway-config.ts';
import { GatewayAgent } from './gateway-agent.ts';
import type { GatewayLink } from './gateway-agent.ts';
import { GatewayTallies } from './gateway-counters.ts';
import type { GatewayCounterIds } from './gateway-counters.ts';
import { EventLoopDriver } from './event-loop-driver.ts';
import { OuchVenueAdapter } from './ouch/ouch-venue-adapter.ts';
import { FixVenueAdapter } from './fix/fix-venue-adapter.ts';
import type { VenueAdapter } from './venue-adapter.ts';

export interface GatewayWorkerData {
  readonly config: GatewayConfig;
  readonly tokenPrefix: string;
  readonly links: readonly GatewayLink[];
  readonly counters: CountersBuffers;
  readonly counterIds: GatewayCounterIds;
  readonly samples: SharedArrayBuffer;
}

export type GatewayControlMessage = { kind: 'stop' } | { kind: 'stats' };

export type GatewayWorkerMessage =
  | { kind: 'ready'; description: string }
  | { kind: 'session'; up: boolean }
  | {
      kind: 'stats';
      tallies: Record<string, number>;
      adapter: Record<string, number>;
      driver: number[];
      gc: number[];
    }
  | {
      kind: 'done';
      tallies: Record<string, number>;
      adapter: Record<string, number>;
      driver: number[];
      gc: number[];
    }
  | { kind: 'error'; message: string };

function requirePort(): MessagePort {
  if (parentPort === null) throw new Error('gateway-worker.ts must run in a worker thread');
  return parentPort;
}
const port = requirePort();
const post = (m: GatewayWorkerMessage): void => port.postMessage(m);

function main(): void {
  const data = workerData as GatewayWorkerData;
  const { config } = data;
  warmUpWriters();
  const v = config.venue;
  const adapter: VenueAdapter =
    v.kind === 'ouch'
      ? new OuchVenueAdapter({
          host: v.host,
          port: v.port,
          username: v.username,
          password: v.password,
          tokenPrefix: data.tokenPrefix,
          firm: v.firm,
          heartbeatIntervalMs: v.heartbeatIntervalMs,
          idleTimeoutMs: v.idleTimeoutMs,
          reconnectDelayMs: v.reconnectDelayMs,
          sendHighWaterBytes: v.sendHighWaterBytes,
        })
      : new FixVenueAdapter({
          host: v.host,
          port: v.port,
          senderCompId: v.senderCompId,
          targetCompId: v.targetCompId,
          heartbeatSeconds: v.heartbeatSeconds,
          resetSeqNumOnLogon: v.resetSeqNumOnLogon,
          reconnectDelayMs: v.reconnectDelayMs,
          clOrdIdPrefix: data.tokenPrefix,
          sendHighWaterBytes: v.sendHighWaterBytes,
        });
  const tallies = new GatewayTallies(CountersWriterView.attach(data.counters), data.counterIds);
  const agent = new GatewayAgent(data.links, adapter, tallies, SampleRing.attach(data.samples), config);
  const driver = new EventLoopDriver(agent, config);
  // GC seen by this thread since start: [all, minor (scavenge), major (mark-compact)]. The
  // gateway is not allocation-free (socket writes, timers, the driver's setImmediate): this
  // makes its cost visible per order rather than guessed.
  const gc = [0, 0, 0];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc[0]!++;
      // 'gc' entries carry { kind } in `detail` (Node's GC performance entry).
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gc[1]!++;
      else if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) gc[2]!++;
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const report = () => ({
    tallies: tallies.snapshot(),
    adapter: adapter.stats(),
    driver: Array.from(driver.stats),
    gc: [...gc],
  });
  port.on('message', (m: GatewayControlMessage) => {
    if (m.kind === 'stats') {
      post({ kind: 'stats', ...report() });
    } else if (m.kind === 'stop') {
      driver.stop();
      gcObserver.disconnect();
      void adapter.close().then(() => {
        post({ kind: 'done', ...report() });
        port.close();
      });
    }
  });
  driver.start();
  post({ kind: 'ready', description: `ouch ${v.host}:${v.port} token prefix ${data.tokenPrefix}` });
}

try {
  main();
} catch (err: unknown) {
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  port.close();
}
