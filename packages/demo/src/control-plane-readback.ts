// The control plane's figures as each service itself reports them, read over its own interface
// (never from the hot path's memory): the observer's Prometheus /metrics (its series), the
// automation audit stream in JetStream (every call automation made, as it recorded it), and the
// approvals service's gRPC ListRequests (what was requested and approved).
import { credentials } from '@grpc/grpc-js';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ApprovalsServiceClient, ListFilter, RequestState } from '@ringside/contracts';
import type { ApprovalRequest } from '@ringside/contracts';
import type { NatsLogin } from './demo-nats.ts';
import { unary } from './grpc-unary.ts';

const CALL_TIMEOUT_MS = 5_000;

export interface PrometheusReadback {
  /** Sample lines of ringside_* metrics in one scrape. */
  readonly series: number;
  /** The scrape's ringside_* sample lines. */
  readonly lines: readonly string[];
}

/** Scrapes the observer's /metrics once and counts the ringside_* series in it. */
export async function scrapeObserver(metricsUrl: string): Promise<PrometheusReadback> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`observer ${metricsUrl}: HTTP ${res.status}`);
  const lines = (await res.text()).split('\n').filter((l) => l.startsWith('ringside_'));
  return { series: lines.length, lines };
}

/**
 * The value of the first sample of `metric` whose labels include every `labels` pair
 * (e.g. ringside_counter with host="edge1", label="ingest.messages_in"), or undefined.
 */
export function sampleValue(
  lines: readonly string[],
  metric: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of lines) {
    const brace = line.indexOf('{');
    if (brace < 0 || !line.slice(0, brace).startsWith(metric)) continue;
    if (!want.every((w) => line.includes(w))) continue;
    // `name{labels} value [timestamp]`: the value is the first field after the labels.
    const value = Number(
      line
        .slice(line.lastIndexOf('}') + 1)
        .trim()
        .split(/\s+/)[0],
    );
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/** One record of the automation audit stream (services/automation/src/audit-stream.ts). */
export interface AutomationAuditEntry {
  readonly at: number;
  readonly kind: string;
  readonly host: string;
  readonly runbook: string;
  readonly incident: string;
  readonly step: number;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AutomationReadback {
  readonly records: readonly AutomationAuditEntry[];
  /** CALL records: every action automation took (admin calls, alerts, approval requests). */
  readonly actions: number;
  /** Runbook firings (TRIGGER records). */
  readonly incidents: number;
  /** admin.* calls that the hot path answered OK. */
  readonly adminCallsOk: number;
}

/**
 * Reads the automation audit stream as NATS user `automation` (deploy/nats/users.conf lets it
 * read its own stream's info and messages, with replies on its own inbox prefix).
 */
export async function readAutomationAudit(
  natsUrl: string,
  login: NatsLogin,
  stream = 'RINGSIDE_AUTOMATION_AUDIT',
  limit = 10_000,
): Promise<AutomationReadback> {
  const nc = await connect({
    servers: natsUrl,
    user: login.user,
    pass: login.pass,
    inboxPrefix: '_INBOX_automation',
    name: 'ringside-demo-readback',
    timeout: CALL_TIMEOUT_MS,
  });
  try {
    const jsm = await jetstreamManager(nc);
    let last = 0;
    try {
      last = (await jsm.streams.info(stream)).state.last_seq;
    } catch {
      last = 0; // automation never started (or never wrote): no stream, no records
    }
    const records: AutomationAuditEntry[] = [];
    for (let seq = 1; seq <= last && records.length < limit; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (m !== null) records.push(m.json<AutomationAuditEntry>());
    }
    const calls = records.filter((r) => r.kind === 'CALL');
    return {
      records,
      actions: calls.length,
      incidents: records.filter((r) => r.kind === 'TRIGGER').length,
      adminCallsOk: records.filter(
        (r) =>
          r.kind === 'RESULT' &&
          r.detail['ok'] === true &&
          String(r.detail['call'] ?? '').startsWith('admin.'),
      ).length,
    };
  } finally {
    await nc.close();
  }
}

/** The approvals service over gRPC, as an operator's CLI talks to it. */
export class ApprovalsReader {
  readonly #client: ApprovalsServiceClient;

  constructor(address: string) {
    this.#client = new ApprovalsServiceClient(address, credentials.createInsecure());
  }

  async list(filter: ListFilter = ListFilter.UNSPECIFIED): Promise<ApprovalRequest[]> {
    const res = await unary(this.#client, (c) => c.listRequests, { filter, limit: 1000 }, CALL_TIMEOUT_MS);
    return res.requests;
  }

  async approve(id: string, approver: string, comment: string): Promise<ApprovalRequest | undefined> {
    const res = await unary(this.#client, (c) => c.approve, { id, approver, comment }, CALL_TIMEOUT_MS);
    return res.request;
  }

  /** requested = every request filed; approved = those in state APPROVED. */
  async counts(): Promise<{ requested: number; approved: number; pending: number; denied: number }> {
    const all = await this.list();
    const n = (s: RequestState): number => all.filter((r) => r.state === s).length;
    return {
      requested: all.length,
      approved: n(RequestState.APPROVED),
      pending: n(RequestState.PENDING),
      denied: n(RequestState.DENIED),
    };
  }

  close(): void {
    this.#client.close();
  }
}
