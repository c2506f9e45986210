// Typed errors of the approvals control plane, each mapped one-to-one to a gRPC status so the
// API, the CLI and the tests all speak the same codes.
import { status } from '@grpc/grpc-js';

export const ApprovalsErrorCode = {
  /** A field is missing, too long or has characters we refuse. */
  INVALID_ARGUMENT: 'APPROVALS_INVALID_ARGUMENT',
  /** No request with that id. */
  NOT_FOUND: 'APPROVALS_NOT_FOUND',
  /** The request is already approved or denied. */
  ALREADY_DECIDED: 'APPROVALS_ALREADY_DECIDED',
  /** This approver already approved; the two-person rule needs someone else. */
  SAME_APPROVER: 'APPROVALS_SAME_APPROVER',
  /** Whoever asked for an action cannot approve it. */
  SELF_APPROVAL: 'APPROVALS_SELF_APPROVAL',
  /** Compare-and-set lost too many times in a row (heavy contention on one request). */
  CONFLICT: 'APPROVALS_CONFLICT',
  /** NATS/JetStream did not answer or refused; state may be ahead of the audit log. */
  UNAVAILABLE: 'APPROVALS_UNAVAILABLE',
  /** Service configuration is unusable (bad seed file, bad option). */
  BAD_CONFIG: 'APPROVALS_BAD_CONFIG',
} as const;
export type ApprovalsErrorCode = (typeof ApprovalsErrorCode)[keyof typeof ApprovalsErrorCode];

export class ApprovalsError extends Error {
  readonly code: ApprovalsErrorCode;
  constructor(code: ApprovalsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApprovalsError';
    this.code = code;
  }
}

const GRPC_STATUS: Record<ApprovalsErrorCode, status> = {
  [ApprovalsErrorCode.INVALID_ARGUMENT]: status.INVALID_ARGUMENT,
  [ApprovalsErrorCode.NOT_FOUND]: status.NOT_FOUND,
  [ApprovalsErrorCode.ALREADY_DECIDED]: status.FAILED_PRECONDITION,
  [ApprovalsErrorCode.SAME_APPROVER]: status.FAILED_PRECONDITION,
  [ApprovalsErrorCode.SELF_APPROVAL]: status.FAILED_PRECONDITION,
  [ApprovalsErrorCode.CONFLICT]: status.ABORTED,
  [ApprovalsErrorCode.UNAVAILABLE]: status.UNAVAILABLE,
  [ApprovalsErrorCode.BAD_CONFIG]: status.INTERNAL,
};

export function grpcStatusOf(code: ApprovalsErrorCode): status {
  return GRPC_STATUS[code];
}
