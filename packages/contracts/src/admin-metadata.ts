// gRPC metadata of the admin API that the proto cannot declare: the key a high-risk call carries
// its approval token under (the Ed25519 token the approvals service issued). One definition for
// the hot path that checks it and every caller that sends it (CLI, automation, chaos harness).
export const APPROVAL_METADATA_KEY = 'ringside-approval-token';
