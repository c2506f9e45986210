// The approvals workflow, independent of transport: create, list, get, approve, deny, verify,
// audit. Every state transition is read → decide → compare-and-set on the revision read; a lost
// CAS re-reads and decides again, so racing approvers are serialised by the KV bucket, not by
// this process (several service instances may run against the same bucket).
import { randomUUID } from 'node:crypto';
import type { KeyPair } from '@nats-io/nkeys';
import { AuditKind } from './audit-log.ts';
import type { AuditLog, AuditRange, StoredAuditRecord } from './audit-log.ts';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';
import { issueApprovalToken } from '@ringside/approval-token';
import { StoredState } from './request-record.ts';
import type { StoredRequest } from './request-record.ts';
import type { RequestStore, VersionedRequest } from './request-store.ts';
import { TokenStatus, verifyApprovalToken } from '@ringside/approval-token';
import type { TokenStatus as TokenStatusT } from '@ringside/approval-token';
import { createInputSchema, decideInputSchema, idSchema, validate, verifyInputSchema } from './validation.ts';

export interface ApprovalsOptions {
  /** Actions that need two distinct approvers. */
  readonly twoPersonActions: ReadonlySet<string>;
  readonly tokenTtlMs: number;
  /** Wall clock, unix ms (injectable for expiry tests). */
  readonly now: () => number;
}

export type ListFilterName = 'all' | 'pending' | 'decided';

export interface ApproveResult {
  readonly request: VersionedRequest;
  /** Set when this approval completed the request. */
  readonly token?: string;
}

export interface VerifyResult {
  readonly status: TokenStatusT;
  readonly tokenId: string;
  readonly requestId: string;
}

const CAS_ATTEMPTS = 16;

export class Approvals {
  readonly #store: RequestStore;
  readonly #audit: AuditLog;
  readonly #signer: KeyPair;
  readonly #options: ApprovalsOptions;
  readonly publicKey: string;

  constructor(store: RequestStore, audit: AuditLog, signer: KeyPair, options: ApprovalsOptions) {
    this.#store = store;
    this.#audit = audit;
    this.#signer = signer;
    this.#options = options;
    this.publicKey = signer.getPublicKey();
  }

  async create(input: unknown): Promise<VersionedRequest> {
    const c = validate(createInputSchema, input);
    const rec: StoredRequest = {
      v: 1,
      id: randomUUID(),
      ...c,
      state: StoredState.PENDING,
      createdAt: this.#options.now(),
      approvalsRequired: this.#options.twoPersonActions.has(c.action) ? 2 : 1,
      approvals: [],
    };
    const revision = await this.#store.create(rec);
    await this.#audit.append({
      kind: AuditKind.REQUEST_CREATED,
      requestId: rec.id,
      actor: rec.requester,
      detail: { action: rec.action, target: rec.target, host: rec.host, reason: rec.reason, risk: rec.risk },
      msgId: `${rec.id}.created`,
    });
    return { rec, revision };
  }

  async get(id: unknown): Promise<VersionedRequest> {
    const valid = validate(idSchema, id);
    const found = await this.#store.get(valid);
    if (found === undefined)
      throw new ApprovalsError(ApprovalsErrorCode.NOT_FOUND, `no approval request ${valid}`);
    return found;
  }

  /** Newest first. */
  async list(filter: ListFilterName, limit: number): Promise<VersionedRequest[]> {
    const all = await this.#store.list();
    const wanted = all.filter((r) =>
      filter === 'all'
        ? true
        : filter === 'pending'
          ? r.rec.state === StoredState.PENDING
          : r.rec.state !== StoredState.PENDING,
    );
    wanted.sort((a, b) => b.rec.createdAt - a.rec.createdAt || (a.rec.id < b.rec.id ? -1 : 1));
    return wanted.slice(0, limit);
  }

  async approve(input: unknown): Promise<ApproveResult> {
    const d = validate(decideInputSchema, input);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const { rec, revision } = await this.get(d.id);
      if (rec.state !== StoredState.PENDING)
        throw new ApprovalsError(
          ApprovalsErrorCode.ALREADY_DECIDED,
          `request ${rec.id} is already ${rec.state.toLowerCase()}`,
        );
      if (rec.requester === d.approver)
        throw new ApprovalsError(
          ApprovalsErrorCode.SELF_APPROVAL,
          `${d.approver} requested ${rec.id} and cannot approve it`,
        );
      if (rec.approvals.some((a) => a.approver === d.approver))
        throw new ApprovalsError(
          ApprovalsErrorCode.SAME_APPROVER,
          `${d.approver} already approved ${rec.id}; the two-person rule needs a different approver`,
        );
      const now = this.#options.now();
      const approvals = [...rec.approvals, { approver: d.approver, comment: d.comment, at: now }];
      const complete = approvals.length >= rec.approvalsRequired;
      // Signed before the CAS but only handed out (and audited) if the CAS wins: a token from a
      // losing attempt is never seen by anyone.
      const issued = complete
        ? issueApprovalToken(this.#signer, {
            requestId: rec.id,
            action: rec.action,
            target: rec.target,
            host: rec.host,
            approvers: approvals.map((a) => a.approver),
            issuedAt: now,
            expiresAt: now + this.#options.tokenTtlMs,
          })
        : undefined;
      const next: StoredRequest = {
        ...rec,
        approvals,
        ...(issued === undefined
          ? {}
          : {
              state: StoredState.APPROVED,
              decidedAt: now,
              token: { id: issued.claims.id, value: issued.token, expiresAt: issued.claims.exp },
            }),
      };
      const newRevision = await this.#store.update(next, revision);
      if (newRevision === undefined) continue; // someone moved it: re-read and decide again
      await this.#auditApproval(next, newRevision, d.approver, d.comment);
      const request = { rec: next, revision: newRevision };
      return issued === undefined ? { request } : { request, token: issued.token };
    }
    throw new ApprovalsError(ApprovalsErrorCode.CONFLICT, `request ${d.id} kept changing; try again`);
  }

  async #auditApproval(
    rec: StoredRequest,
    revision: number,
    approver: string,
    comment: string,
  ): Promise<void> {
    await this.#audit.append({
      kind: AuditKind.APPROVAL_RECORDED,
      requestId: rec.id,
      actor: approver,
      detail: { comment, approvals: rec.approvals.length, required: rec.approvalsRequired },
      msgId: `${rec.id}.approval.${revision}`,
    });
    if (rec.token === undefined) return;
    await this.#audit.append({
      kind: AuditKind.REQUEST_APPROVED,
      requestId: rec.id,
      actor: approver,
      detail: { approvers: rec.approvals.map((a) => a.approver) },
      msgId: `${rec.id}.approved`,
    });
    await this.#audit.append({
      kind: AuditKind.TOKEN_ISSUED,
      requestId: rec.id,
      actor: approver,
      detail: {
        tokenId: rec.token.id,
        action: rec.action,
        target: rec.target,
        host: rec.host,
        expiresAt: rec.token.expiresAt,
        keyId: this.publicKey,
      },
      msgId: `${rec.id}.token.${rec.token.id}`,
    });
  }

  async deny(input: unknown): Promise<VersionedRequest> {
    const d = validate(decideInputSchema, input);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const { rec, revision } = await this.get(d.id);
      if (rec.state !== StoredState.PENDING)
        throw new ApprovalsError(
          ApprovalsErrorCode.ALREADY_DECIDED,
          `request ${rec.id} is already ${rec.state.toLowerCase()}`,
        );
      const now = this.#options.now();
      const next: StoredRequest = {
        ...rec,
        state: StoredState.DENIED,
        decidedAt: now,
        denial: { approver: d.approver, comment: d.comment, at: now },
      };
      const newRevision = await this.#store.update(next, revision);
      if (newRevision === undefined) continue;
      await this.#audit.append({
        kind: AuditKind.REQUEST_DENIED,
        requestId: rec.id,
        actor: d.approver,
        detail: { comment: d.comment },
        msgId: `${rec.id}.denied`,
      });
      return { rec: next, revision: newRevision };
    }
    throw new ApprovalsError(ApprovalsErrorCode.CONFLICT, `request ${d.id} kept changing; try again`);
  }

  /** Verifies with this service's key and consumes the token (KV-backed single use); audited. */
  async verify(input: unknown): Promise<VerifyResult> {
    const v = validate(verifyInputSchema, input);
    const now = this.#options.now();
    const local = verifyApprovalToken(v.token, {
      publicKey: this.publicKey,
      action: v.action,
      target: v.target,
      host: v.host,
      now,
    });
    const claims = 'claims' in local ? local.claims : undefined;
    let status: TokenStatusT = local.status;
    if (
      status === TokenStatus.OK &&
      claims !== undefined &&
      !(await this.#store.markTokenUsed(claims.id, now))
    )
      status = TokenStatus.REUSED;
    const requestId = claims?.req ?? '';
    const tokenId = claims?.id ?? '';
    const ok = status === TokenStatus.OK;
    await this.#audit.append({
      kind: ok ? AuditKind.TOKEN_VERIFIED : AuditKind.TOKEN_REJECTED,
      requestId,
      actor: v.presenter,
      detail: { verdict: status, tokenId, action: v.action, target: v.target, host: v.host },
      // A consumption happens once per token id; each rejection is its own event.
      msgId: ok ? `token.${tokenId}.verified` : `token.rejected.${randomUUID()}`,
    });
    return { status, tokenId, requestId };
  }

  auditLog(range: AuditRange): Promise<{ records: StoredAuditRecord[]; lastSeq: number }> {
    return this.#audit.read(range);
  }
}
