// Public API of @ringside/approvals: the service (start it, or run src/main.ts), its
// configuration, and the approval token — issue (service side) and verify (anyone holding the
// public key, e.g. the hot path's conductor). The token itself lives in @ringside/approval-token
// (shared with the hot path, which may not import services) and is re-exported here.
export { Approvals } from './approvals.ts';
export type { ApprovalsOptions, ApproveResult, ListFilterName, VerifyResult } from './approvals.ts';
export { startApprovalsService } from './approvals-service.ts';
export type { ApprovalsServiceHandle, ApprovalsServiceOptions } from './approvals-service.ts';
export { AuditKind } from './audit-log.ts';
export type { AuditRange, StoredAuditRecord } from './audit-log.ts';
export { approvalsConfigSchema, parseApprovalsConfig } from './config.ts';
export type { ApprovalsConfig, ApprovalsConfigInput } from './config.ts';
export { ApprovalsError, ApprovalsErrorCode, grpcStatusOf } from './errors.ts';
export { issueApprovalToken } from '@ringside/approval-token';
export type { IssueTokenInput, IssuedToken } from '@ringside/approval-token';
export { loadSigner, signerFromSeed } from './signer.ts';
export { MAX_TOKEN_CHARS, TOKEN_PREFIX, decodeApprovalToken } from '@ringside/approval-token';
export type { ApprovalClaims, DecodedToken } from '@ringside/approval-token';
export { TokenStatus, verifyApprovalToken } from '@ringside/approval-token';
export type { SeenTokenIds, VerifyTokenOptions, VerifyTokenResult } from '@ringside/approval-token';
