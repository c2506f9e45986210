// High-risk calls carry an approval token (metadata `ringside-approval-token`) signed by the
// approvals service. The hot path verifies it itself, with the public key alone: scope (action,
// target, host), expiry, and single use. Used ids are kept until their token expires, then
// forgotten (a reuse after expiry is refused as EXPIRED anyway), so memory stays bounded.
import type { Metadata } from '@grpc/grpc-js';
import { TokenStatus, verifyApprovalToken } from '@ringside/approval-token';
import { AdminError, AdminErrorCode } from './admin-error.ts';
import { APPROVAL_METADATA_KEY } from '@ringside/contracts';

export { APPROVAL_METADATA_KEY } from '@ringside/contracts';

export interface ApprovalConfig {
  /** The approvals service's nkeys public key (U... or A...). */
  readonly publicKey: string;
  /** This hot path's host name, the scope every token must name. */
  readonly host: string;
}

export class ApprovalGate {
  private readonly seen = new Map<string, number>();
  private readonly config: ApprovalConfig;
  private readonly now: () => number;

  constructor(config: ApprovalConfig, now: () => number) {
    this.config = config;
    this.now = now;
  }

  get host(): string {
    return this.config.host;
  }

  /** Consumes the call's approval for (action, target) or throws PERMISSION_DENIED with why. */
  consume(metadata: Metadata, action: string, target: string): void {
    const values = metadata.get(APPROVAL_METADATA_KEY);
    const token = values.length === 1 ? values[0] : undefined;
    if (typeof token !== 'string')
      throw new AdminError(
        AdminErrorCode.PERMISSION_DENIED,
        `${action} is high risk: it needs an approval token in metadata ${APPROVAL_METADATA_KEY}`,
      );
    const now = this.now();
    const result = verifyApprovalToken(token, {
      publicKey: this.config.publicKey,
      action,
      target,
      host: this.config.host,
      now,
    });
    let reason: string = result.status;
    if (result.status === TokenStatus.OK && this.seen.has(result.claims.id)) reason = TokenStatus.REUSED;
    if (reason !== TokenStatus.OK)
      throw new AdminError(
        AdminErrorCode.PERMISSION_DENIED,
        `approval refused: ${reason} (needs ${action} on ${target} at ${this.config.host})`,
      );
    if (result.status === TokenStatus.OK) {
      this.forgetExpired(now);
      this.seen.set(result.claims.id, result.claims.exp);
    }
  }

  private forgetExpired(now: number): void {
    for (const [id, exp] of this.seen) if (exp <= now) this.seen.delete(id);
  }
}
