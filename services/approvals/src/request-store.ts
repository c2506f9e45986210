// Approval state in a JetStream KV bucket. One key per request (`req.<id>`), written with
// `create` (fails if the key exists) and moved between states only with `update(key, value,
// revision)`: a compare-and-set on the revision we read, so of two approvers racing on the same
// revision exactly one wins and the other re-reads. Used token ids live under `used.<tokenId>`,
// also written with `create`, which makes "single use" hold across every caller of VerifyToken.
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';
import { decodeStored, encodeStored } from './request-record.ts';
import type { StoredRequest } from './request-record.ts';

export interface VersionedRequest {
  readonly rec: StoredRequest;
  readonly revision: number;
}

const REQ = 'req.';
const USED = 'used.';

function isWrongLastSequence(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence ||
      err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

function unavailable(what: string, err: unknown): ApprovalsError {
  const why = err instanceof Error ? err.message : String(err);
  return new ApprovalsError(ApprovalsErrorCode.UNAVAILABLE, `${what}: ${why}`, { cause: err });
}

export class RequestStore {
  readonly #kv: KV;

  private constructor(kv: KV) {
    this.#kv = kv;
  }

  /** Opens the bucket, creating it if absent (file storage: it survives server restarts). */
  static async open(nc: NatsConnection, bucket: string): Promise<RequestStore> {
    try {
      // history keeps the last transitions of each request readable for forensics.
      const kv = await new Kvm(nc).create(bucket, { history: 10, storage: 'file' });
      return new RequestStore(kv);
    } catch (err) {
      throw unavailable(`cannot open KV bucket ${bucket}`, err);
    }
  }

  /** Stores a new request; its id must be fresh. Returns the revision. */
  async create(rec: StoredRequest): Promise<number> {
    try {
      return await this.#kv.create(REQ + rec.id, encodeStored(rec));
    } catch (err) {
      if (isWrongLastSequence(err))
        throw new ApprovalsError(ApprovalsErrorCode.CONFLICT, `request ${rec.id} already exists`, {
          cause: err,
        });
      throw unavailable('cannot store request', err);
    }
  }

  async get(id: string): Promise<VersionedRequest | undefined> {
    let entry;
    try {
      entry = await this.#kv.get(REQ + id);
    } catch (err) {
      throw unavailable(`cannot read request ${id}`, err);
    }
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return { rec: decodeStored(entry.key, entry.value), revision: entry.revision };
  }

  /** Compare-and-set: returns the new revision, or undefined if someone moved it first. */
  async update(rec: StoredRequest, revision: number): Promise<number | undefined> {
    try {
      return await this.#kv.update(REQ + rec.id, encodeStored(rec), revision);
    } catch (err) {
      if (isWrongLastSequence(err)) return undefined;
      throw unavailable(`cannot update request ${rec.id}`, err);
    }
  }

  /** Every request, bounded by what the bucket holds. */
  async list(): Promise<VersionedRequest[]> {
    const out: VersionedRequest[] = [];
    try {
      const ids: string[] = [];
      for await (const key of await this.#kv.keys(`${REQ}>`)) ids.push(key.slice(REQ.length));
      for (const id of ids) {
        const v = await this.get(id);
        if (v !== undefined) out.push(v);
      }
    } catch (err) {
      if (err instanceof ApprovalsError) throw err;
      throw unavailable('cannot list requests', err);
    }
    return out;
  }

  /** Records a token id as used; false if it was already (single use across all callers). */
  async markTokenUsed(tokenId: string, at: number): Promise<boolean> {
    try {
      await this.#kv.create(USED + tokenId, new TextEncoder().encode(JSON.stringify({ at })));
      return true;
    } catch (err) {
      if (isWrongLastSequence(err)) return false;
      throw unavailable('cannot record token use', err);
    }
  }
}
