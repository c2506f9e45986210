// High-risk steps go through the approvals service: file a request (CreateRequest), then poll
// GetRequest until a human approves or denies it, the wait times out, or the service stops.
import { credentials } from '@grpc/grpc-js';
import {
  ApprovalsServiceClient,
  RequestState,
  RiskLevel,
  describeGrpcError as describeError,
  unaryCall,
} from '@ringside/contracts';
import type { Approval, ApprovalRequest } from '@ringside/contracts';

const CALL_TIMEOUT_MS = 5_000;

export type ApprovalOutcome =
  | { readonly decision: 'approved'; readonly request: ApprovalRequest; readonly approval: Approval }
  | { readonly decision: 'denied'; readonly request: ApprovalRequest }
  | { readonly decision: 'timeout' | 'stopped'; readonly request: ApprovalRequest };

export interface ApprovalAsk {
  readonly action: string;
  readonly target: string;
  readonly host: string;
  readonly reason: string;
}

function approvalOf(r: ApprovalRequest): Approval {
  return {
    approvalId: r.tokenId,
    action: r.action,
    target: r.target,
    host: r.host,
    approver: r.approvals.map((d) => d.approver).join(','),
    issuedAt: r.decidedAt,
    expiresAt: r.tokenExpiresAt,
    keyId: '',
    signature: Buffer.alloc(0),
  };
}

export class ApprovalGate {
  readonly #client: ApprovalsServiceClient;
  readonly #requester: string;
  readonly #pollMs: number;
  readonly #timeoutMs: number;
  readonly #stopped: AbortSignal;

  constructor(address: string, requester: string, pollMs: number, timeoutMs: number, stopped: AbortSignal) {
    this.#client = new ApprovalsServiceClient(address, credentials.createInsecure());
    this.#requester = requester;
    this.#pollMs = pollMs;
    this.#timeoutMs = timeoutMs;
    this.#stopped = stopped;
  }

  async create(ask: ApprovalAsk): Promise<ApprovalRequest> {
    const res = await unaryCall(
      this.#client,
      (c) => c.createRequest,
      { ...ask, requester: this.#requester, risk: RiskLevel.HIGH },
      { timeoutMs: CALL_TIMEOUT_MS },
    );
    if (res.request === undefined) throw new Error('CreateRequest returned no request');
    return res.request;
  }

  /** Polls until decided; transient GetRequest failures are retried until the timeout. */
  async wait(request: ApprovalRequest): Promise<ApprovalOutcome> {
    const deadline = Date.now() + this.#timeoutMs;
    let last = request;
    while (!this.#stopped.aborted && Date.now() < deadline) {
      try {
        const res = await unaryCall(
          this.#client,
          (c) => c.getRequest,
          { id: request.id },
          { timeoutMs: CALL_TIMEOUT_MS },
        );
        if (res.request !== undefined) last = res.request;
      } catch (err) {
        // The approvals service being down delays a decision; it does not make one.
        void describeError(err);
      }
      if (last.state === RequestState.APPROVED)
        return { decision: 'approved', request: last, approval: approvalOf(last) };
      if (last.state === RequestState.DENIED) return { decision: 'denied', request: last };
      await sleep(this.#pollMs, this.#stopped);
    }
    return { decision: this.#stopped.aborted ? 'stopped' : 'timeout', request: last };
  }

  close(): void {
    this.#client.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
