// Verifying side of the approval token: needs only the approvals service's public key, so the
// hot path's conductor can run it without reaching the control plane. Never throws on a bad
// token: every outcome is a status. Checks run in a fixed order — MALFORMED, BAD_SIGNATURE,
// WRONG_SCOPE, EXPIRED, REUSED — so nothing about a token is trusted before its signature is,
// and only a token that passed everything else is recorded as used.
import { verify } from 'node:crypto';
import { ed25519KeyOf } from './nkey-public-key.ts';
import { decodeApprovalToken } from './token-format.ts';
import type { ApprovalClaims } from './token-format.ts';

export const TokenStatus = {
  OK: 'OK',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  EXPIRED: 'EXPIRED',
  WRONG_SCOPE: 'WRONG_SCOPE',
  REUSED: 'REUSED',
  MALFORMED: 'MALFORMED',
} as const;
export type TokenStatus = (typeof TokenStatus)[keyof typeof TokenStatus];

/** The ids a verifier has accepted. A Set works; ids need keeping only until their expiry. */
export interface SeenTokenIds {
  has(id: string): boolean;
  add(id: string): unknown;
}

export interface VerifyTokenOptions {
  /** The approvals service's nkeys public key (U... or A...). */
  readonly publicKey: string;
  readonly action: string;
  readonly target: string;
  readonly host: string;
  /** Unix ms, wall clock (control plane). */
  readonly now: number;
  /** Checked and, on OK, updated. Omit to check without consuming. */
  readonly seenIds?: SeenTokenIds;
  /** A token issued further than this in the future is refused as EXPIRED. Default 30 s. */
  readonly maxClockSkewMs?: number;
}

export type VerifyTokenResult =
  | { readonly status: 'OK'; readonly claims: ApprovalClaims }
  | { readonly status: 'MALFORMED' | 'BAD_SIGNATURE' }
  | { readonly status: 'WRONG_SCOPE' | 'EXPIRED' | 'REUSED'; readonly claims: ApprovalClaims };

const DEFAULT_SKEW_MS = 30_000;
function signatureValid(publicKey: string, signed: Uint8Array, signature: Uint8Array): boolean {
  const key = ed25519KeyOf(publicKey);
  if (key === null) return false;
  try {
    return verify(null, signed, key, signature);
  } catch {
    return false;
  }
}

export function verifyApprovalToken(token: unknown, options: VerifyTokenOptions): VerifyTokenResult {
  const decoded = decodeApprovalToken(token);
  if (decoded === undefined) return { status: TokenStatus.MALFORMED };
  const { claims } = decoded;
  if (!signatureValid(options.publicKey, decoded.signed, decoded.signature))
    return { status: TokenStatus.BAD_SIGNATURE };
  if (claims.act !== options.action || claims.tgt !== options.target || claims.host !== options.host)
    return { status: TokenStatus.WRONG_SCOPE, claims };
  const skew = options.maxClockSkewMs ?? DEFAULT_SKEW_MS;
  if (options.now >= claims.exp || claims.iat > options.now + skew)
    return { status: TokenStatus.EXPIRED, claims };
  if (options.seenIds !== undefined) {
    if (options.seenIds.has(claims.id)) return { status: TokenStatus.REUSED, claims };
    options.seenIds.add(claims.id);
  }
  return { status: TokenStatus.OK, claims };
}
