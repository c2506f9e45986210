// An approval request as stored in the KV bucket (JSON, one key per request) and its mapping to
// the wire message. Stored values are parsed back through the schema: the bucket is shared
// infrastructure, so a value we did not write is refused, not trusted.
import { z } from 'zod';
import { RequestState } from '@ringside/contracts';
import type { ApprovalRequest, Decision } from '@ringside/contracts';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';

export const StoredState = { PENDING: 'PENDING', APPROVED: 'APPROVED', DENIED: 'DENIED' } as const;
export type StoredState = (typeof StoredState)[keyof typeof StoredState];

const decisionSchema = z.strictObject({ approver: z.string(), comment: z.string(), at: z.number() });

export const storedRequestSchema = z.strictObject({
  v: z.literal(1),
  id: z.string(),
  action: z.string(),
  target: z.string(),
  host: z.string(),
  reason: z.string(),
  requester: z.string(),
  risk: z.int(),
  state: z.enum([StoredState.PENDING, StoredState.APPROVED, StoredState.DENIED]),
  createdAt: z.number(),
  approvalsRequired: z.int().min(1).max(2),
  approvals: z.array(decisionSchema),
  denial: decisionSchema.optional(),
  decidedAt: z.number().optional(),
  token: z.strictObject({ id: z.string(), value: z.string(), expiresAt: z.number() }).optional(),
});

export type StoredRequest = z.output<typeof storedRequestSchema>;
export type StoredDecision = z.output<typeof decisionSchema>;

export function encodeStored(rec: StoredRequest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(rec));
}

export function decodeStored(key: string, bytes: Uint8Array): StoredRequest {
  try {
    return storedRequestSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (err) {
    throw new ApprovalsError(
      ApprovalsErrorCode.UNAVAILABLE,
      `KV value at ${key} is not an approval request`,
      {
        cause: err,
      },
    );
  }
}

export function timestamp(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round(ms - seconds * 1000) * 1_000_000 };
}

function decision(d: StoredDecision): Decision {
  return { approver: d.approver, comment: d.comment, at: timestamp(d.at) };
}

const WIRE_STATE = {
  [StoredState.PENDING]: RequestState.PENDING,
  [StoredState.APPROVED]: RequestState.APPROVED,
  [StoredState.DENIED]: RequestState.DENIED,
} as const;

export function toWire(rec: StoredRequest, revision: number): ApprovalRequest {
  return {
    id: rec.id,
    action: rec.action,
    target: rec.target,
    host: rec.host,
    reason: rec.reason,
    requester: rec.requester,
    risk: rec.risk as ApprovalRequest['risk'],
    state: WIRE_STATE[rec.state],
    createdAt: timestamp(rec.createdAt),
    approvals: rec.approvals.map(decision),
    approvalsRequired: rec.approvalsRequired,
    denial: rec.denial === undefined ? undefined : decision(rec.denial),
    decidedAt: rec.decidedAt === undefined ? undefined : timestamp(rec.decidedAt),
    tokenId: rec.token?.id ?? '',
    token: rec.token?.value ?? '',
    tokenExpiresAt: rec.token === undefined ? undefined : timestamp(rec.token.expiresAt),
    revision,
  };
}
