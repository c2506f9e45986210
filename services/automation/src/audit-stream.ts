// The automation audit trail: every trigger, decision, call and result is one record in a
// JetStream stream that refuses delete and purge (as the approvals audit log does), on
// `<subject>.<host>`. Each record has a deterministic msgID (`<incident>:<n>`), so a retried
// publish inside the duplicate window is stored once. The records are kept apart from the
// approvals stream on purpose: only the approvals service may write that one
// (deploy/nats/users.conf), and an automation record must never pass for a human decision.
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AutomationError, AutomationErrorCode } from './errors.ts';

export const AuditKind = {
  TRIGGER: 'TRIGGER',
  DECISION: 'DECISION',
  CALL: 'CALL',
  RESULT: 'RESULT',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

export interface AutomationAuditRecord {
  /** Unix ms (the service's clock). */
  readonly at: number;
  readonly kind: AuditKind;
  readonly host: string;
  readonly runbook: string;
  /** One firing of one runbook on one host (and key); every record of it shares this id. */
  readonly incident: string;
  /** Index of the step in the runbook, -1 for the trigger. */
  readonly step: number;
  readonly detail: Record<string, unknown>;
}

const PUBLISH_ATTEMPTS = 3;
const DUPLICATE_WINDOW_NS = 120_000 * 1_000_000;

export class AutomationAudit {
  readonly stream: string;
  readonly #subject: string;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;

  private constructor(stream: string, subject: string, js: JetStreamClient, jsm: JetStreamManager) {
    this.stream = stream;
    this.#subject = subject;
    this.#js = js;
    this.#jsm = jsm;
  }

  /** Opens the stream, creating it (file storage, no delete, no purge) if absent. */
  static async open(nc: NatsConnection, stream: string, subject: string): Promise<AutomationAudit> {
    let jsm: JetStreamManager;
    let config: { deny_delete: boolean; deny_purge: boolean };
    try {
      jsm = await jetstreamManager(nc);
      try {
        config = (await jsm.streams.info(stream)).config;
      } catch (err) {
        if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
        config = (
          await jsm.streams.add({
            name: stream,
            subjects: [`${subject}.>`],
            storage: 'file',
            deny_delete: true,
            deny_purge: true,
            duplicate_window: DUPLICATE_WINDOW_NS,
          })
        ).config;
      }
    } catch (err) {
      throw new AutomationError(
        AutomationErrorCode.UNAVAILABLE,
        `cannot open audit stream ${stream}: ${String(err)}`,
        {
          cause: err,
        },
      );
    }
    if (!config.deny_delete || !config.deny_purge)
      throw new AutomationError(
        AutomationErrorCode.BAD_CONFIG,
        `stream ${stream} exists without deny_delete and deny_purge; it cannot hold the audit log`,
      );
    return new AutomationAudit(stream, subject, jetstream(nc), jsm);
  }

  /** Appends one record (retrying with the same msgID); returns its stream sequence. */
  async append(record: AutomationAuditRecord, msgId: string): Promise<number> {
    const data = new TextEncoder().encode(JSON.stringify(record));
    let last: unknown;
    for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
      try {
        return (await this.#js.publish(`${this.#subject}.${record.host}`, data, { msgID: msgId })).seq;
      } catch (err) {
        last = err;
      }
    }
    throw new AutomationError(
      AutomationErrorCode.UNAVAILABLE,
      `audit record ${record.kind} of ${record.incident} not stored: ${String(last)}`,
      { cause: last },
    );
  }

  /** Every record, oldest first (bounded: at most `limit`); for tests and the CLI. */
  async readAll(limit = 10_000): Promise<AutomationAuditRecord[]> {
    const last = (await this.#jsm.streams.info(this.stream)).state.last_seq;
    const out: AutomationAuditRecord[] = [];
    for (let seq = 1; seq <= last && out.length < limit; seq++) {
      const m = await this.#jsm.streams.getMessage(this.stream, { seq });
      if (m !== null) out.push(m.json<AutomationAuditRecord>());
    }
    return out;
  }
}
