// Wires the automation service: NATS (telemetry in, alerts out), the audit stream, the admin
// and approvals gRPC clients, the runbooks and their trigger trackers, and the scheduler for
// actions prepared for after the session close. Never in the execution path: if this process
// dies, trading goes on and nothing is isolated or restarted by it.
import { natsTarget } from '@ringside/nats-auth';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  Event,
  MetricsSnapshot,
  StateSnapshot,
  TELEMETRY_KIND,
  parseTelemetrySubject,
  telemetryWildcard,
} from '@ringside/contracts';
import type { Stamp } from '@ringside/contracts';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { AdminCalls } from './admin-calls.ts';
import { ApprovalGate } from './approval-gate.ts';
import { AutomationAudit } from './audit-stream.ts';
import { evaluate } from './condition-eval.ts';
import type { TelemetryMessage } from './condition-eval.ts';
import type { AutomationConfig } from './config.ts';
import { AutomationError, AutomationErrorCode } from './errors.ts';
import { Incident } from './incident.ts';
import type { IncidentContext } from './incident.ts';
import { loadRunbookDir } from './runbook.ts';
import type { Runbook } from './runbook.ts';
import { TradingSession } from './trading-session.ts';
import { TriggerTracker } from './trigger-tracker.ts';

export interface AutomationOptions {
  /** Wall clock, unix ms (trading session, audit times); tests inject one. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Use these instead of loading config.runbookDir. */
  readonly runbooks?: readonly Runbook[];
}

export interface AutomationHandle {
  readonly runbooks: readonly Runbook[];
  readonly audit: AutomationAudit;
  /** Incidents started so far. */
  incidents(): number;
  /** Messages that did not decode. */
  malformed(): number;
  /** Prepared actions waiting for the session close. */
  scheduled(): number;
  /** Resolves when every running incident has finished (bounded by timeoutMs). */
  idle(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

interface Armed {
  readonly runbook: Runbook;
  readonly tracker: TriggerTracker;
}

function hostMs(stamp: Stamp | undefined): number {
  // The host's monotonic clock; a message without one falls back to ours (still monotonic).
  return stamp !== undefined && stamp.monoNs > 0 ? stamp.monoNs / 1e6 : performance.now();
}

function decode(kind: string, data: Uint8Array): TelemetryMessage | undefined {
  if (kind === TELEMETRY_KIND.METRICS) return { source: 'metrics', msg: MetricsSnapshot.decode(data) };
  if (kind === TELEMETRY_KIND.STATE) return { source: 'state', msg: StateSnapshot.decode(data) };
  if (kind === TELEMETRY_KIND.EVENTS) return { source: 'events', msg: Event.decode(data) };
  return undefined;
}

export async function startAutomation(
  config: AutomationConfig,
  options: AutomationOptions = {},
): Promise<AutomationHandle> {
  const logger = options.logger ?? pino({ name: 'automation' }, pino.destination(2));
  const now = options.now ?? Date.now;
  const runbooks = options.runbooks ?? loadRunbookDir(config.runbookDir);
  for (const rb of runbooks)
    rb.steps.forEach((s, i) => {
      if ('alert' in s && s.alert.webhook !== undefined && !Object.hasOwn(config.webhooks, s.alert.webhook))
        throw new AutomationError(
          AutomationErrorCode.BAD_CONFIG,
          `runbook ${rb.file}: steps.${i}.alert.webhook: "${s.alert.webhook}" is not in the config's webhooks`,
        );
    });
  const session = new TradingSession(config.tradingSession);
  let nc: NatsConnection;
  try {
    nc = await connect({
      ...natsTarget(config.natsUrl, config),
      name: 'ringside-automation',
      maxReconnectAttempts: -1,
      inboxPrefix: config.inboxPrefix,
    });
  } catch (err) {
    // Names the user and the server's reason (e.g. Authorization Violation), never the password.
    const as = config.natsUser === undefined ? '' : ` as user ${config.natsUser}`;
    throw new AutomationError(
      AutomationErrorCode.UNAVAILABLE,
      `cannot connect to NATS at ${config.natsUrl}${as}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  let audit: AutomationAudit;
  try {
    audit = await AutomationAudit.open(nc, config.auditStream, config.auditSubject);
  } catch (err) {
    await nc.close();
    throw err;
  }
  const stop = new AbortController();
  const admin = new AdminCalls(config.adminAddresses, config.adminToken);
  const gate = new ApprovalGate(
    config.approvalsAddress,
    config.requester,
    config.approvalPollMs,
    config.approvalTimeoutMs,
    stop.signal,
  );
  const running = new Set<Promise<void>>();
  const pendingAfterClose = new Map<string, () => Promise<void>>();
  const track = (p: Promise<void>): void => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const ctx: IncidentContext = {
    nc,
    audit,
    admin,
    gate,
    session,
    webhooks: config.webhooks,
    webhookTimeoutMs: config.webhookTimeoutMs,
    now,
    logger,
    afterClose: (label, task) => pendingAfterClose.set(label, task),
  };
  const ticker = setInterval(() => {
    if (pendingAfterClose.size === 0 || session.isOpen(now())) return;
    for (const [label, task] of [...pendingAfterClose]) {
      pendingAfterClose.delete(label);
      track(task().catch((err: unknown) => logger.error({ err, label }, 'scheduled action failed')));
    }
  }, config.schedulerTickMs);

  const armed: Armed[] = runbooks.map((runbook) => ({
    runbook,
    tracker: new TriggerTracker(runbook.trigger.for, runbook.cooldown),
  }));
  let incidents = 0;
  let malformed = 0;
  const onMessage = (subject: string, data: Uint8Array): void => {
    const parsed = parseTelemetrySubject(subject);
    let t: TelemetryMessage | undefined;
    try {
      t = parsed === undefined ? undefined : decode(parsed.kind, data);
    } catch {
      t = undefined;
    }
    if (parsed === undefined || t === undefined) {
      malformed++;
      return;
    }
    const stamp = t.msg.stamp;
    for (const a of armed) {
      if (a.runbook.trigger.source !== t.source) continue;
      const matches = evaluate(a.runbook.trigger.condition, t);
      const fired = a.tracker.observe(
        parsed.host,
        stamp?.bootId ?? '',
        hostMs(stamp),
        matches,
        t.source === 'events',
      );
      for (const f of fired) {
        incidents++;
        const incident = new Incident(ctx, a.runbook, parsed.host, f.match);
        logger.info(
          { runbook: a.runbook.name, host: parsed.host, key: f.match.key, incident: incident.id },
          'runbook fired',
        );
        track(
          incident
            .run(f.heldMs)
            .catch((err: unknown) => logger.error({ err, incident: incident.id }, 'incident failed')),
        );
      }
    }
  };
  const subs: Subscription[] = [TELEMETRY_KIND.METRICS, TELEMETRY_KIND.STATE, TELEMETRY_KIND.EVENTS].map(
    (kind) =>
      nc.subscribe(telemetryWildcard(kind), {
        callback: (err, msg) => {
          if (err === null) onMessage(msg.subject, msg.data);
        },
      }),
  );
  await nc.flush();
  void (async () => {
    for await (const s of nc.status()) logger.warn({ nats: s.type }, 'NATS connection status');
  })();

  const idle = async (timeoutMs = 10_000): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (running.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise((r) => (timer = setTimeout(r, Math.max(1, deadline - Date.now()))));
      await Promise.race([Promise.allSettled([...running]), expired]);
      clearTimeout(timer);
    }
    return running.size === 0;
  };
  let closed: Promise<void> | undefined;
  return {
    runbooks,
    audit,
    incidents: () => incidents,
    malformed: () => malformed,
    scheduled: () => pendingAfterClose.size,
    idle,
    close: () =>
      (closed ??= (async () => {
        clearInterval(ticker);
        for (const s of subs) s.unsubscribe();
        stop.abort();
        await idle(5_000);
        gate.close();
        admin.close();
        await nc.drain();
      })()),
  };
}
