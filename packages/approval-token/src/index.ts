// Public API of @ringside/approval-token: the approval token's format, issuing (the approvals
// service, holding the nkeys seed) and verifying (anyone holding the public key, e.g. the hot
// path's admin server). Pure: no NATS, no gRPC, so services can share it without importing each
// other. Token format: see token-format.ts.
export { issueApprovalToken } from './issue-token.ts';
export type { IssueTokenInput, IssuedToken } from './issue-token.ts';
export { ed25519KeyOf } from './nkey-public-key.ts';
export { MAX_TOKEN_CHARS, TOKEN_PREFIX, decodeApprovalToken } from './token-format.ts';
export type { ApprovalClaims, DecodedToken } from './token-format.ts';
export { TokenStatus, verifyApprovalToken } from './verify-token.ts';
export type { SeenTokenIds, VerifyTokenOptions, VerifyTokenResult } from './verify-token.ts';
