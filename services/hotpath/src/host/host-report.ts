// The host's report: what went through, what it cost, what the control loops did. Built from
// counters (never from worker messages), so it can be taken while the host runs.
import type { SegmentLatency } from './segment-latency.ts';

export interface HostTransitionRecord {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** Monotonic ns (process time base) and wall clock (ms since the epoch). */
  readonly monoNs: number;
  readonly wallMs: number;
  readonly trusted: boolean;
}

export interface HostShedReport {
  /** Level in force, the automatic controller's choice, the operator's pin (undefined: none). */
  readonly level: number;
  readonly automaticLevel: number;
  readonly pinnedLevel: number | undefined;
  readonly changes: readonly {
    readonly kind: string;
    readonly previous: number;
    readonly level: number;
    readonly reason: string;
    readonly monoNs: number;
  }[];
}

export interface HostTelemetryReport {
  /** False: no sidecar section in the config (telemetry off). */
  readonly enabled: boolean;
  readonly connected: boolean;
  /** NATS messages handed to the client (state and metrics snapshots, events). */
  readonly published: number;
  /** Messages the bounded outbox dropped (NATS down or slow). */
  readonly dropped: number;
  /** Conductor events (lifecycle, shed, consumers, admin audit) refused by a full event queue. */
  readonly eventsDropped: number;
  readonly lastError: string | undefined;
  /** Order traces the sidecar published, and trace records it missed (the ring lapped it). */
  readonly tracesPublished: number;
  readonly tracesMissed: number;
}

export interface HostReport {
  readonly host: string;
  /** Lifecycle state name now (INIT, WARM_UP, READY, DEGRADED). */
  readonly state: string;
  readonly transitions: readonly HostTransitionRecord[];
  /** Feed messages ingested. */
  readonly eventsIn: number;
  /** Orders the decision workers enqueued (warm-up included). */
  readonly ordersSent: number;
  /** Orders answered by the warm-up sink, and orders sent to the venue. */
  readonly warmUpOrders: number;
  readonly venueOrders: number;
  /** Terminal completions (FILLED, CANCELED, REJECTED, LOCAL_REJECT) the workers received. */
  readonly completions: number;
  /** ordersSent − completions: orders without a terminal completion (after stop(): lost). */
  readonly lostOrders: number;
  /** Orders the decision workers refused themselves, by reason (HALTED, SHED, RISK_...). */
  readonly localRejects: Readonly<Record<string, number>>;
  /** Completions by status, all workers. */
  readonly completionsByStatus: Readonly<Record<string, number>>;
  /** Venue-answered orders only (warm-up orders never reach these histograms). */
  readonly decision: SegmentLatency;
  readonly execution: SegmentLatency;
  /** Every segment by name: decision, execution, ingest_to_publish … sent_to_acked. */
  readonly segments: Readonly<Record<string, SegmentLatency>>;
  readonly shed: HostShedReport;
  /** Consumer isolations, drops and readmissions (automatic and by command). */
  readonly isolationEvents: readonly {
    readonly consumer: number;
    readonly kind: string;
    readonly reason: string;
    readonly monoNs: number;
  }[];
  readonly ringLoss: number;
  readonly halted: boolean;
  readonly venueStalled: boolean;
  readonly telemetry: HostTelemetryReport;
  readonly conductor: {
    readonly ticks: number;
    readonly tickErrors: number;
    readonly windowsFed: number;
    readonly windowsSkipped: number;
    readonly lastWindowP99Ns: number | undefined;
  };
  readonly restartRequested: { readonly reason: string; readonly notBeforeMs: number } | undefined;
}
