// Issuing side of the approval token (format in token-format.ts): the approvals service signs
// with its nkeys seed. Only this module touches the private key.
import { randomUUID } from 'node:crypto';
import type { KeyPair } from '@nats-io/nkeys';
import { TOKEN_PREFIX, base64url } from './token-format.ts';
import type { ApprovalClaims } from './token-format.ts';

export interface IssueTokenInput {
  readonly requestId: string;
  readonly action: string;
  readonly target: string;
  readonly host: string;
  readonly approvers: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Default: a fresh random UUID. */
  readonly id?: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly claims: ApprovalClaims;
}

export function issueApprovalToken(signer: KeyPair, input: IssueTokenInput): IssuedToken {
  const claims: ApprovalClaims = {
    v: 1,
    id: input.id ?? randomUUID(),
    req: input.requestId,
    act: input.action,
    tgt: input.target,
    host: input.host,
    apr: [...input.approvers],
    iat: input.issuedAt,
    exp: input.expiresAt,
    kid: signer.getPublicKey(),
  };
  const signed = `${TOKEN_PREFIX}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
  const signature = signer.sign(new TextEncoder().encode(signed));
  return { token: `${signed}.${base64url(signature)}`, claims };
}
