// One firing of one runbook on one host: runs its steps in order and writes every trigger,
// decision, call and result to the audit stream. Low-risk admin calls go straight to the host;
// high-risk ones (and every prepare step) become approval requests and wait for a human. A
// hot-path restart is refused while the trading session is open, approved or not; a prepared
// action `after: session-close` is handed to the scheduler and runs after the close.
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { targetOf } from './admin-calls.ts';
import type { AdminAction, AdminCalls, ApprovedToken } from './admin-calls.ts';
import type { ApprovalGate } from './approval-gate.ts';
import { AuditKind } from './audit-stream.ts';
import type { AuditKind as AuditKindT, AutomationAudit } from './audit-stream.ts';
import type { Match } from './condition-eval.ts';
import { describeGrpcError as describeError } from '@ringside/contracts';
import type { Runbook, RunbookStep } from './runbook.ts';
import type { TradingSession } from './trading-session.ts';

export interface IncidentContext {
  readonly nc: NatsConnection;
  readonly audit: AutomationAudit;
  readonly admin: AdminCalls;
  readonly gate: ApprovalGate;
  readonly session: TradingSession;
  readonly webhooks: Readonly<Record<string, string>>;
  readonly webhookTimeoutMs: number;
  readonly now: () => number;
  readonly logger: Logger;
  /** Runs `task` once the trading session is closed (checked on the service clock). */
  readonly afterClose: (label: string, task: () => Promise<void>) => void;
}

const STOP = Symbol('stop');

export class Incident {
  readonly id = randomUUID();
  readonly #ctx: IncidentContext;
  readonly #runbook: Runbook;
  readonly #host: string;
  readonly #match: Match;
  #records = 0;

  constructor(ctx: IncidentContext, runbook: Runbook, host: string, match: Match) {
    this.#ctx = ctx;
    this.#runbook = runbook;
    this.#host = host;
    this.#match = match;
  }

  async #record(kind: AuditKindT, step: number, detail: Record<string, unknown>): Promise<void> {
    const n = this.#records++;
    try {
      await this.#ctx.audit.append(
        {
          at: this.#ctx.now(),
          kind,
          host: this.#host,
          runbook: this.#runbook.name,
          incident: this.id,
          step,
          detail,
        },
        `${this.id}:${n}`,
      );
    } catch (err) {
      // Losing an audit record is loud, but it must not leave a half-run action unreported.
      this.#ctx.logger.error({ err, incident: this.id, kind, step, detail }, 'audit record not stored');
    }
  }

  async run(heldMs: number): Promise<void> {
    await this.#record(AuditKind.TRIGGER, -1, {
      condition: this.#runbook.trigger.condition,
      observed: this.#match.observed,
      key: this.#match.key,
      heldMs,
      risk: this.#runbook.risk,
    });
    for (const [i, step] of this.#runbook.steps.entries()) {
      try {
        if ((await this.#step(i, step)) === STOP) return;
      } catch (err) {
        await this.#record(AuditKind.RESULT, i, { ok: false, error: describeError(err).message });
      }
    }
  }

  #consumer(spec: 'triggering' | number | undefined): number {
    if (spec === 'triggering' || spec === undefined) {
      if (this.#match.consumerId === undefined) throw new Error('no triggering consumer');
      return this.#match.consumerId;
    }
    return spec;
  }

  async #step(i: number, step: RunbookStep): Promise<typeof STOP | undefined> {
    if ('alert' in step) return this.#alert(i, step.alert.subject, step.alert.webhook);
    if ('isolate' in step) {
      const action: AdminAction = {
        rpc: 'IsolateConsumer',
        consumerId: this.#consumer(step.isolate.consumer),
      };
      if (this.#runbook.risk === 'low') {
        await this.#record(AuditKind.DECISION, i, {
          decision: 'execute',
          why: 'low-risk runbook',
          rpc: action.rpc,
        });
        await this.#execute(i, action, undefined);
        return undefined;
      }
      return this.#approved(i, action, 'now');
    }
    const p = step.prepare;
    const action: AdminAction =
      p.action === 'restart'
        ? { rpc: 'RequestRestart' }
        : p.action === 'drop'
          ? { rpc: 'DropConsumer', consumerId: this.#consumer(p.consumer) }
          : p.action === 'shed'
            ? { rpc: 'SetShedLevel', level: p.level ?? 0 }
            : { rpc: 'Resume' };
    return this.#approved(i, action, p.after);
  }

  async #alert(i: number, subjectTemplate: string, webhook: string | undefined): Promise<undefined> {
    const subject = subjectTemplate.replaceAll('{host}', this.#host);
    const alert = {
      runbook: this.#runbook.name,
      description: this.#runbook.description,
      host: this.#host,
      incident: this.id,
      condition: this.#runbook.trigger.condition,
      observed: this.#match.observed,
      key: this.#match.key,
      at: new Date(this.#ctx.now()).toISOString(),
    };
    const body = JSON.stringify(alert);
    await this.#record(AuditKind.DECISION, i, { decision: 'alert', subject, webhook: webhook ?? null });
    await this.#record(AuditKind.CALL, i, { call: 'nats.publish', subject });
    this.#ctx.nc.publish(subject, body);
    await this.#record(AuditKind.RESULT, i, { ok: true, call: 'nats.publish', subject });
    if (webhook === undefined) return undefined;
    const url = this.#ctx.webhooks[webhook];
    await this.#record(AuditKind.CALL, i, { call: 'webhook', webhook, url: url ?? null });
    if (url === undefined) {
      await this.#record(AuditKind.RESULT, i, {
        ok: false,
        call: 'webhook',
        error: `webhook ${webhook} is not configured`,
      });
      return undefined;
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.#ctx.webhookTimeoutMs),
      });
      await res.body?.cancel();
      await this.#record(AuditKind.RESULT, i, { ok: res.ok, call: 'webhook', status: res.status });
    } catch (err) {
      await this.#record(AuditKind.RESULT, i, {
        ok: false,
        call: 'webhook',
        error: describeError(err).message,
      });
    }
    return undefined;
  }

  /** Files an approval request, waits for the human, then executes (now or after the close). */
  async #approved(
    i: number,
    action: AdminAction,
    after: 'now' | 'session-close',
  ): Promise<typeof STOP | undefined> {
    const target = targetOf(action, this.#host);
    const reason =
      `${this.#runbook.name}: ${this.#runbook.description.split('\n')[0] ?? ''} (observed ${String(this.#match.observed)})`.slice(
        0,
        1000,
      );
    await this.#record(AuditKind.DECISION, i, {
      decision: 'request-approval',
      rpc: action.rpc,
      target,
      after,
    });
    await this.#record(AuditKind.CALL, i, { call: 'approvals.CreateRequest', action: action.rpc, target });
    const request = await this.#ctx.gate.create({ action: action.rpc, target, host: this.#host, reason });
    await this.#record(AuditKind.RESULT, i, {
      ok: true,
      call: 'approvals.CreateRequest',
      requestId: request.id,
    });
    const outcome = await this.#ctx.gate.wait(request);
    if (outcome.decision !== 'approved') {
      const d = outcome.decision === 'denied' ? outcome.request.denial : undefined;
      await this.#record(AuditKind.DECISION, i, {
        decision: outcome.decision,
        requestId: request.id,
        by: d?.approver ?? null,
        comment: d?.comment ?? null,
      });
      return STOP;
    }
    const approved: ApprovedToken = { token: outcome.request.token, approval: outcome.approval };
    await this.#record(AuditKind.DECISION, i, {
      decision: 'approved',
      requestId: request.id,
      by: outcome.request.approvals.map((a) => a.approver),
      tokenId: outcome.request.tokenId,
    });
    const now = this.#ctx.now();
    const open = this.#ctx.session.isOpen(now);
    if (open && action.rpc === 'RequestRestart')
      await this.#record(AuditKind.DECISION, i, {
        decision: 'refused',
        why: 'TRADING_SESSION_OPEN',
        rpc: action.rpc,
        detail: 'hot-path restarts are forbidden during the trading session, approved or not',
      });
    if (open && after === 'session-close') {
      const notBefore = new Date(this.#ctx.session.closesAt(now)).toISOString();
      await this.#record(AuditKind.DECISION, i, { decision: 'scheduled', rpc: action.rpc, notBefore });
      this.#ctx.afterClose(`${this.id}:${i}`, () => this.#executeGuarded(i, action, approved));
      return undefined;
    }
    if (open && action.rpc === 'RequestRestart') return STOP;
    await this.#executeGuarded(i, action, approved);
    return undefined;
  }

  /** The last check before a call: the session (restarts) and the token's expiry. */
  async #executeGuarded(i: number, action: AdminAction, approved: ApprovedToken): Promise<void> {
    const now = this.#ctx.now();
    if (action.rpc === 'RequestRestart' && this.#ctx.session.isOpen(now)) {
      await this.#record(AuditKind.DECISION, i, {
        decision: 'refused',
        why: 'TRADING_SESSION_OPEN',
        rpc: action.rpc,
      });
      return;
    }
    const exp = approved.approval.expiresAt;
    const expMs =
      exp === undefined ? Number.POSITIVE_INFINITY : exp.seconds * 1000 + Math.floor(exp.nanos / 1e6);
    if (expMs <= now) {
      await this.#record(AuditKind.DECISION, i, {
        decision: 'refused',
        why: 'APPROVAL_EXPIRED',
        rpc: action.rpc,
        expiredAt: new Date(expMs).toISOString(),
      });
      return;
    }
    await this.#record(AuditKind.DECISION, i, { decision: 'execute', why: 'approved', rpc: action.rpc });
    await this.#execute(i, action, approved);
  }

  async #execute(i: number, action: AdminAction, approved: ApprovedToken | undefined): Promise<void> {
    const requestId = `${this.id}:${i}`;
    await this.#record(AuditKind.CALL, i, {
      call: `admin.${action.rpc}`,
      ...action,
      requestId,
      approved: approved !== undefined,
    });
    try {
      const res = await this.#ctx.admin.call(
        this.#host,
        action,
        requestId,
        `runbook ${this.#runbook.name}`,
        approved,
      );
      await this.#record(AuditKind.RESULT, i, {
        ok: true,
        call: `admin.${action.rpc}`,
        response: toJson(res),
      });
    } catch (err) {
      const e = describeError(err);
      await this.#record(AuditKind.RESULT, i, {
        ok: false,
        call: `admin.${action.rpc}`,
        grpcCode: e.code ?? null,
        error: e.message,
      });
    }
  }
}

function toJson(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x)),
  ) as unknown;
}
