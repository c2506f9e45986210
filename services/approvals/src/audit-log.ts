// The audit trail: a JetStream stream that refuses delete and purge (`deny_delete`,
// `deny_purge`), so a record once acknowledged stays until the limits we set (none by default)
// age it out. Every record is published with a deterministic `msgID`, so a retried publish
// inside the duplicate window is stored once.
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';

export const AuditKind = {
  REQUEST_CREATED: 'REQUEST_CREATED',
  APPROVAL_RECORDED: 'APPROVAL_RECORDED',
  REQUEST_APPROVED: 'REQUEST_APPROVED',
  REQUEST_DENIED: 'REQUEST_DENIED',
  TOKEN_ISSUED: 'TOKEN_ISSUED',
  TOKEN_VERIFIED: 'TOKEN_VERIFIED',
  TOKEN_REJECTED: 'TOKEN_REJECTED',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

export interface AuditEntry {
  readonly kind: AuditKind;
  readonly requestId: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
  /** Dedupe key: the same logical record always gets the same id. */
  readonly msgId: string;
}

export interface StoredAuditRecord {
  readonly seq: number;
  /** Unix ms, as recorded by the service. */
  readonly at: number;
  readonly kind: string;
  readonly requestId: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

export interface AuditRange {
  readonly fromSeq: number;
  /** Inclusive; 0 = the end. */
  readonly toSeq: number;
  readonly limit: number;
  /** Only this request's records; '' = all. */
  readonly requestId: string;
}

const PUBLISH_ATTEMPTS = 3;
const DUPLICATE_WINDOW_MS = 120_000;
const MAX_SCAN = 10_000;

function unavailable(what: string, err: unknown): ApprovalsError {
  const why = err instanceof Error ? err.message : String(err);
  return new ApprovalsError(ApprovalsErrorCode.UNAVAILABLE, `${what}: ${why}`, { cause: err });
}

export class AuditLog {
  readonly stream: string;
  readonly #subjectPrefix: string;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #now: () => number;

  private constructor(
    stream: string,
    prefix: string,
    js: JetStreamClient,
    jsm: JetStreamManager,
    now: () => number,
  ) {
    this.stream = stream;
    this.#subjectPrefix = prefix;
    this.#js = js;
    this.#jsm = jsm;
    this.#now = now;
  }

  /** Opens the stream, creating it (file storage, no delete, no purge) if absent. */
  static async open(
    nc: NatsConnection,
    stream: string,
    subjectPrefix: string,
    now: () => number,
  ): Promise<AuditLog> {
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
            subjects: [`${subjectPrefix}.>`],
            storage: 'file',
            deny_delete: true,
            deny_purge: true,
            duplicate_window: DUPLICATE_WINDOW_MS * 1_000_000, // nanoseconds
          })
        ).config;
      }
    } catch (err) {
      throw unavailable(`cannot open audit stream ${stream}`, err);
    }
    // A stream someone else created without the guards is not an audit log: refuse to use it.
    if (!config.deny_delete || !config.deny_purge)
      throw new ApprovalsError(
        ApprovalsErrorCode.BAD_CONFIG,
        `stream ${stream} exists without deny_delete and deny_purge; it cannot hold the audit log`,
      );
    return new AuditLog(stream, subjectPrefix, jetstream(nc), jsm, now);
  }

  /** Appends one record; retries with the same msgID (stored once). Returns its sequence. */
  async append(entry: AuditEntry): Promise<number> {
    const body = {
      at: this.#now(),
      kind: entry.kind,
      requestId: entry.requestId,
      actor: entry.actor,
      detail: entry.detail,
    };
    const data = new TextEncoder().encode(JSON.stringify(body));
    let last: unknown;
    for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
      try {
        const ack = await this.#js.publish(`${this.#subjectPrefix}.${entry.kind}`, data, {
          msgID: entry.msgId,
        });
        return ack.seq;
      } catch (err) {
        last = err;
      }
    }
    throw unavailable(`audit record ${entry.kind} for ${entry.requestId} not stored`, last);
  }

  async lastSeq(): Promise<number> {
    try {
      return (await this.#jsm.streams.info(this.stream)).state.last_seq;
    } catch (err) {
      throw unavailable('cannot read audit stream state', err);
    }
  }

  /**
   * Records in [fromSeq, toSeq], oldest first, at most `limit`. Read one sequence at a time
   * (the stream message-get API): no consumer state to clean up, and deny_delete means there are no gaps.
   * Bounded: at most MAX_SCAN sequences are examined per call.
   */
  async read(range: AuditRange): Promise<{ records: StoredAuditRecord[]; lastSeq: number }> {
    const lastSeq = await this.lastSeq();
    const from = Math.max(1, range.fromSeq);
    const to = Math.min(range.toSeq === 0 ? lastSeq : Math.min(range.toSeq, lastSeq), from + MAX_SCAN - 1);
    const records: StoredAuditRecord[] = [];
    try {
      for (let seq = from; seq <= to && records.length < range.limit; seq++) {
        const m = await this.#jsm.streams.getMessage(this.stream, { seq });
        if (m === null) continue;
        const body = m.json<Omit<StoredAuditRecord, 'seq'>>();
        if (range.requestId === '' || body.requestId === range.requestId) records.push({ seq, ...body });
      }
    } catch (err) {
      throw unavailable('cannot read audit stream', err);
    }
    return { records, lastSeq };
  }
}
