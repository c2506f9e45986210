// Builds the demo report (@ringside/report's DemoReport) from what each part reported itself:
// the hot path's own report (its {"event":"stopped"} line: counters, lifecycle transitions,
// latency by segment, shed and isolation history, its sidecar's publish counts), its admin
// LatencyReport (encoded histograms for the plots), and the control plane's figures read back
// from the observer, automation and approvals services. Nothing here is made up: a figure the
// demo could not read is 0 with a note saying why.
import { ATTRIBUTION_SEGMENTS } from '@ringside/report';
import type { DemoReport, LatencyDistribution, RunEvent, StateChange } from '@ringside/report';
import type { Histogram } from '@ringside/contracts';

/** The parts of the host's report (services/hotpath/src/host/host-report.ts) the demo uses. */
interface HostSegment {
  readonly count?: number;
  readonly p50Ns?: number;
  readonly p99Ns?: number;
}
interface HostReportLike {
  readonly transitions?: readonly {
    from?: string;
    to?: string;
    reason?: string;
    monoNs?: number;
    wallMs?: number;
  }[];
  readonly eventsIn?: number;
  readonly ordersSent?: number;
  readonly warmUpOrders?: number;
  readonly venueOrders?: number;
  readonly completions?: number;
  readonly lostOrders?: number;
  readonly completionsByStatus?: Readonly<Record<string, number>>;
  readonly localRejects?: Readonly<Record<string, number>>;
  readonly decision?: HostSegment;
  readonly execution?: HostSegment;
  readonly segments?: Readonly<Record<string, HostSegment>>;
  readonly shed?: {
    readonly level?: number;
    readonly changes?: readonly {
      kind?: string;
      previous?: number;
      level?: number;
      reason?: string;
      monoNs?: number;
    }[];
  };
  readonly isolationEvents?: readonly {
    consumer?: number;
    kind?: string;
    reason?: string;
    monoNs?: number;
  }[];
  readonly ringLoss?: number;
  readonly telemetry?: { enabled?: boolean; connected?: boolean; published?: number; dropped?: number };
}

export interface ReportInputs {
  readonly durationMs: number;
  /** The hot path's {"event":"stopped"} line (its report), or undefined if it never printed one. */
  readonly host: Readonly<Record<string, unknown>> | undefined;
  /** The observer's last scrape showed the host up (ringside_host_up 1): its telemetry arrived. */
  readonly observerSawHost: boolean;
  /** The admin LatencyReport read just before the stop (with encoded histograms). */
  readonly latency: readonly Histogram[];
  readonly observer: { readonly prometheusSeries: number; readonly spansExported: number };
  readonly automation: {
    readonly actions: number;
    readonly incidents: number;
    readonly adminCallsOk: number;
  };
  readonly approvals: { readonly requested: number; readonly approved: number };
  /** What the demo itself saw and did (faults, approvals, status-poll transitions). */
  readonly events: readonly RunEvent[];
  readonly pollStates: readonly StateChange[];
  readonly config: Readonly<Record<string, string | number | boolean>>;
  readonly notes: readonly string[];
}

const n = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) && v >= 0 ? v : 0);
const int = (v: number | undefined): number => Math.round(n(v));

/** WARM_UP → WARM-UP: the spelling of the design document and the report. */
const stateName = (s: string): string => s.replace(/_/g, '-');

const SEGMENT_NAMES: Readonly<Record<string, string>> = {
  'ingest-publish': 'ingest_to_publish',
  'publish-read': 'publish_to_read',
  'read-enqueued': 'read_to_enqueued',
  'enqueued-sent': 'enqueued_to_sent',
  'sent-acked': 'sent_to_acked',
};

function statesOf(host: HostReportLike, pollStates: readonly StateChange[]): StateChange[] {
  const t = host.transitions ?? [];
  if (t.length === 0) return [...pollStates];
  const states: StateChange[] = [];
  const first = t[0];
  if (first?.from !== undefined && first.from !== '' && first.from !== first.to)
    states.push({ state: stateName(first.from), reason: 'host process started' });
  for (const x of t)
    states.push({
      state: stateName(x.to ?? '?'),
      reason: x.reason ?? '',
      ...(x.monoNs !== undefined ? { monoNs: n(x.monoNs) } : {}),
      ...(x.wallMs !== undefined ? { wallMs: n(x.wallMs) } : {}),
    });
  return states;
}

function distributionsOf(latency: readonly Histogram[]): LatencyDistribution[] {
  return latency
    .filter((h) => h.count > 0 && h.encodedHdr !== '')
    .map((h) => ({
      segment: h.name.replace(/_to_/g, '-').replace(/_/g, '-'),
      count: h.count,
      encodedHistogram: h.encodedHdr,
      trusted: true,
    }));
}

const ISOLATION_KINDS: Readonly<Record<string, string>> = {
  isolated: 'isolation',
  dropped: 'drop',
  readmitted: 'restore',
};

/** The demo's own isolation/drop sightings only when the host's report has none (no doubles). */
function demoEvents(host: HostReportLike, events: readonly RunEvent[]): RunEvent[] {
  if (host.isolationEvents === undefined) return [...events];
  return events.filter((e) => e.kind !== 'isolation' && e.kind !== 'drop');
}

function hostEvents(host: HostReportLike): RunEvent[] {
  const out: RunEvent[] = [];
  for (const c of host.shed?.changes ?? [])
    out.push({
      kind: 'shed',
      reason: c.reason ?? c.kind ?? 'shed level changed',
      subject: `level ${int(c.previous)} → ${int(c.level)}`,
      ...(c.monoNs !== undefined ? { monoNs: n(c.monoNs) } : {}),
      numbers: { previous: int(c.previous), level: int(c.level) },
    });
  for (const e of host.isolationEvents ?? [])
    out.push({
      kind: ISOLATION_KINDS[e.kind ?? ''] ?? e.kind ?? 'isolation',
      reason: e.reason ?? '',
      subject: `consumer ${int(e.consumer)}`,
      ...(e.monoNs !== undefined ? { monoNs: n(e.monoNs) } : {}),
    });
  return out;
}

export function assembleReport(r: ReportInputs): DemoReport {
  const host = (r.host ?? {}) as HostReportLike;
  const segments = host.segments ?? {};
  return {
    title: 'Ringside demo: Phase 1 on one host',
    generatedAt: new Date().toISOString(),
    durationMs: r.durationMs,
    states: statesOf(host, r.pollStates),
    eventsIn: int(host.eventsIn),
    ordersSent: int(host.ordersSent),
    completions: int(host.completions),
    lostOrders: int(host.lostOrders),
    decision: { p50Ns: n(host.decision?.p50Ns), p99Ns: n(host.decision?.p99Ns) },
    execution: { p50Ns: n(host.execution?.p50Ns), p99Ns: n(host.execution?.p99Ns) },
    telemetry: {
      // The sidecar has closed its connection by the time the host reports; the observer's
      // scrape taken while the host ran says whether its telemetry was arriving over NATS.
      natsConnected: host.telemetry?.connected === true || r.observerSawHost,
      snapshotsPublished: int(host.telemetry?.published),
      snapshotsDropped: int(host.telemetry?.dropped),
    },
    observer: {
      prometheusSeries: int(r.observer.prometheusSeries),
      spansExported: int(r.observer.spansExported),
    },
    automation: { actions: int(r.automation.actions) },
    approvals: { requested: int(r.approvals.requested), approved: int(r.approvals.approved) },
    distributions: distributionsOf(r.latency),
    attribution: ATTRIBUTION_SEGMENTS.flatMap(({ segment, label }) => {
      const s = segments[SEGMENT_NAMES[segment] ?? segment];
      return s === undefined || int(s.count) === 0
        ? []
        : [{ segment, label, p50Ns: n(s.p50Ns), p99Ns: n(s.p99Ns), count: int(s.count) }];
    }),
    events: [...hostEvents(host), ...demoEvents(host, r.events)],
    config: r.config,
    notes: [...r.notes],
    // Richer figures beside the required ones (the report's top level keeps unknown keys).
    orders: {
      warmUp: int(host.warmUpOrders),
      venue: int(host.venueOrders),
      byStatus: host.completionsByStatus ?? {},
      localRejects: host.localRejects ?? {},
      ringLoss: int(host.ringLoss),
    },
    automationDetail: { incidents: r.automation.incidents, adminCallsOk: r.automation.adminCallsOk },
  };
}
