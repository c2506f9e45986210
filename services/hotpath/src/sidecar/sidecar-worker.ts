// The sidecar worker thread: every interval it collects telemetry from shared memory into its
// bounded outbox and hands the outbox to NATS while connected. The interval timer never waits
// for NATS: connecting, reconnecting and flushing happen beside it on the event loop, so a dead
// or slow server only fills (then rotates) the outbox, counted as drops. A publish the server
// refuses (this NATS user may not publish that host's subjects) is counted and reported once,
// never fatal; a refused login (wrong password) is reported and the sidecar keeps collecting.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { PermissionViolationError, connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { nowNs } from '@ringside/ring';
import { SidecarCollector } from './sidecar-collector.ts';
import { sidecarNatsTarget } from './sidecar-config.ts';
import type { ClockReading } from './sidecar-collector.ts';
import type {
  SidecarControlMessage,
  SidecarStats,
  SidecarWorkerData,
  SidecarWorkerMessage,
} from './sidecar-messages.ts';

const CLOSE_TIMEOUT_MS = 2_000;

const { config, buffers } = workerData as SidecarWorkerData;
const port = parentPort;
if (port === null) throw new Error('sidecar-worker.ts must run as a worker thread');

function clock(): ClockReading {
  // Bracket the monotonic read between two wall reads and take their middle (sub-ms wall time).
  const before = performance.timeOrigin + performance.now();
  const monoNs = nowNs();
  const after = performance.timeOrigin + performance.now();
  return { monoNs, wallMs: (before + after) / 2 };
}

const collector = new SidecarCollector(config, buffers, config.bootId ?? randomUUID(), nowNs());
let nc: NatsConnection | undefined;
let connected = false;
let closing = false;
let disconnects = 0;
let reconnects = 0;
let refused = 0;
let lastError: string | undefined;

function stats(): SidecarStats {
  const totals = collector.totals;
  return {
    ticks: totals.ticks,
    published: collector.outbox.published,
    dropped: collector.outbox.dropped,
    held: collector.outbox.size,
    connected,
    disconnects,
    reconnects,
    refused,
    samplesMissed: totals.samplesMissed,
    tracesMissed: totals.tracesMissed,
    tracesPublished: totals.tracesPublished,
    eventsPublished: totals.eventsPublished,
    ...(lastError === undefined ? {} : { lastError }),
  };
}

function post(message: SidecarWorkerMessage): void {
  port?.postMessage(message);
}

function flush(): void {
  const conn = nc;
  if (!connected || conn === undefined) return;
  collector.outbox.flush((subject, data) => conn.publish(subject, data), config.publishLimitPerTick);
}

function tick(): void {
  try {
    collector.collect(clock());
    flush();
  } catch (e) {
    // The loop survives anything one interval throws; the error is reported, not fatal.
    lastError = e instanceof Error ? e.message : String(e);
  }
  post({ kind: 'stats', stats: stats() });
}

async function watchStatus(conn: NatsConnection): Promise<void> {
  for await (const s of conn.status()) {
    switch (s.type) {
      case 'disconnect':
        connected = false;
        disconnects++;
        break;
      case 'reconnect':
        connected = true;
        reconnects++;
        flush();
        break;
      case 'error':
        lastError = String(s.error);
        if (s.error instanceof PermissionViolationError && s.error.operation === 'publish') {
          // Misconfiguration (user of another host), not an outage: say so once, keep counting.
          if (refused++ === 0)
            post({ kind: 'error', message: `sidecar: NATS refused a publish${asUser}: ${lastError}` });
        }
        break;
      default:
        break;
    }
  }
}

const timer = setInterval(tick, config.intervalMs);
const asUser = config.natsUser === undefined ? '' : ` as user ${config.natsUser}`;

connect({
  ...sidecarNatsTarget(config),
  name: `ringside-sidecar-${config.host}`,
  maxReconnectAttempts: -1,
  waitOnFirstConnect: true,
  reconnectTimeWait: config.reconnectTimeWaitMs,
})
  .then((conn) => {
    if (closing) {
      void conn.close();
      return;
    }
    nc = conn;
    connected = true;
    void watchStatus(conn).catch(() => {});
    void conn.closed().then(() => {
      connected = false;
    });
  })
  .catch((e: unknown) => {
    lastError = e instanceof Error ? e.message : String(e);
    post({ kind: 'error', message: `sidecar: NATS connect failed${asUser}: ${lastError}` });
  });

async function stop(): Promise<void> {
  closing = true;
  clearInterval(timer);
  tick();
  const conn = nc;
  if (conn !== undefined) {
    // Flush what was handed over, but never hang the shutdown on a dead server.
    await Promise.race([
      conn.flush().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
    ]);
    await conn.close().catch(() => {});
  }
  collector.close();
  post({ kind: 'stopped', stats: stats() });
  port?.close();
}

port.on('message', (m: SidecarControlMessage) => {
  if (m.kind === 'stop' && !closing) void stop();
});
