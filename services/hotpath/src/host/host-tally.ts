// Builds the host report from the shared counters (plus the conductor's and the sidecar's own
// totals). Readable while the host runs and after its workers stopped: counters outlive threads.
import type { CountersReader } from '@ringside/counters';
import type { Lifecycle } from '../conductor/lifecycle.ts';
import { lifecycleStateName } from '../conductor/lifecycle-state.ts';
import type { ShedController } from '../conductor/shed-controller.ts';
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import { readDecisionCounters } from '../decision/decision-counters.ts';
import { GatewayRouteDescriptor as RD } from '../gateway/gateway-config.ts';
import type { GatewayHandle } from '../gateway/gateway-controller.ts';
import { readGatewayCounters } from '../gateway/gateway-counters.ts';
import { SEGMENT_COUNT } from '../gateway/gateway-latency.ts';
import type { IngestHandle } from '../ingest/ingest-controller.ts';
import { readIngestCounters } from '../ingest/ingest-counters.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { SidecarHandle } from '../sidecar/sidecar-controller.ts';
import type { Conductor } from './conductor.ts';
import type { HostAdminBackend } from './host-admin-backend.ts';
import type { HotpathConfig } from './host-config.ts';
import type { HostReport } from './host-report.ts';
import { SEGMENT_ORDER } from './segment-latency.ts';
import type { SegmentLatencyFolder } from './segment-latency.ts';

/** Completion statuses that end an order (a NEW's REJECTED / LOCAL_REJECT included). */
const TERMINAL = ['FILLED', 'CANCELED', 'REJECTED', 'LOCAL_REJECT'] as const;

export function terminalTally(
  reader: CountersReader,
  decision: DecisionWorkersHandle,
): {
  orders: number;
  terminal: number;
  byStatus: Record<string, number>;
  localRejects: Record<string, number>;
  ringLoss: number;
} {
  let orders = 0;
  let terminal = 0;
  let ringLoss = 0;
  const byStatus: Record<string, number> = {};
  const localRejects: Record<string, number> = {};
  for (const w of decision.workers) {
    const s = readDecisionCounters(reader, w.counterIds);
    orders += s.scalars['orders'] ?? 0;
    ringLoss += s.scalars['ring_loss'] ?? 0;
    for (const k of TERMINAL) terminal += s.completions[k] ?? 0;
    for (const [k, v] of Object.entries(s.completions)) byStatus[k] = (byStatus[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.localRejects)) localRejects[k] = (localRejects[k] ?? 0) + v;
  }
  return { orders, terminal, byStatus, localRejects, ringLoss };
}

/**
 * Sidecar histogram names for the gateway ring's tags (strategy id = decision worker id).
 * The host itself uses hostLatencyTagSpace (latency-tag-space.ts), which names every ring.
 */
export function sidecarLatencyTags(workers: number): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let s = 0; s < workers; s++)
    for (const { name, segment } of SEGMENT_ORDER)
      tags[String(s * SEGMENT_COUNT + segment)] = `${name}_s${s}`;
  return tags;
}

export interface ReportSources {
  readonly config: HotpathConfig;
  readonly reader: CountersReader;
  readonly decision: DecisionWorkersHandle;
  readonly gateway: GatewayHandle;
  readonly ingest: IngestHandle;
  readonly lifecycle: Lifecycle;
  readonly shed: ShedController;
  readonly conductor: Conductor;
  readonly backend: HostAdminBackend;
  readonly latency: SegmentLatencyFolder;
  readonly sidecar: SidecarHandle | undefined;
  readonly events: EventQueueWriter | undefined;
}

export function buildHostReport(p: ReportSources): HostReport {
  const t = terminalTally(p.reader, p.decision);
  const ingest = readIngestCounters(p.reader, p.ingest.counterIds);
  const gw = readGatewayCounters(p.reader, p.gateway.counterIds);
  const route = new Int32Array(p.gateway.route);
  p.latency.drain();
  const segments = p.latency.all();
  const shed = p.shed.status();
  const totals = p.conductor.totals();
  const stats = p.sidecar?.stats();
  const restart = p.backend.restart;
  return {
    host: p.config.host,
    state: p.lifecycle.stateName,
    transitions: p.conductor.transitions.map((x) => ({
      from: lifecycleStateName(x.from),
      to: lifecycleStateName(x.to),
      reason: x.reason,
      monoNs: x.monoNs,
      wallMs: x.wallMs,
      trusted: x.trusted,
    })),
    eventsIn: ingest.messagesIn,
    ordersSent: t.orders,
    warmUpOrders: Atomics.load(route, RD.SINK_ORDERS_INDEX),
    venueOrders: gw['orders_sent'] ?? 0,
    completions: t.terminal,
    lostOrders: Math.max(0, t.orders - t.terminal),
    localRejects: t.localRejects,
    completionsByStatus: t.byStatus,
    decision: segments['decision']!,
    execution: segments['execution']!,
    segments,
    shed: {
      level: shed.level,
      automaticLevel: shed.automaticLevel,
      pinnedLevel: shed.pinnedLevel,
      changes: p.conductor.shedChanges.map((c) => ({
        kind: c.kind,
        previous: c.previous,
        level: c.level,
        reason: c.reason,
        monoNs: c.monoNs,
      })),
    },
    isolationEvents: p.conductor.consumerActions.map((a) => ({
      consumer: a.consumer,
      kind: a.kind,
      reason: a.reason,
      monoNs: a.monoNs,
    })),
    ringLoss: t.ringLoss,
    halted: p.backend.halted,
    venueStalled: p.conductor.venueStalled,
    telemetry: {
      enabled: p.sidecar !== undefined,
      connected: stats?.connected ?? false,
      published: stats?.published ?? 0,
      dropped: stats?.dropped ?? 0,
      eventsDropped: p.events?.dropped ?? 0,
      lastError: stats?.lastError,
      tracesPublished: stats?.tracesPublished ?? 0,
      tracesMissed: stats?.tracesMissed ?? 0,
    },
    conductor: {
      ticks: totals.ticks,
      tickErrors: totals.tickErrors,
      windowsFed: totals.windowsFed,
      windowsSkipped: totals.windowsSkipped,
      lastWindowP99Ns: totals.lastWindow?.p99Ns,
    },
    restartRequested:
      restart === undefined
        ? undefined
        : { reason: restart.reason, notBeforeMs: restart.notBefore.getTime() },
  };
}
