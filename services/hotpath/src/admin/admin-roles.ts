// Bearer-token roles. viewer < operator < automation: viewers read; operators change state;
// automation may do what an operator may (it is a separate role so audits can tell them apart).
// Tokens are looked up by SHA-256 digest so the map lookup does not compare secrets byte by byte.
import { createHash } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { AdminError, AdminErrorCode } from './admin-error.ts';

export const AdminRole = { VIEWER: 'viewer', OPERATOR: 'operator', AUTOMATION: 'automation' } as const;
export type AdminRoleName = (typeof AdminRole)[keyof typeof AdminRole];

const RANK: Readonly<Record<AdminRoleName, number>> = { viewer: 0, operator: 1, automation: 2 };
const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export class RoleTokens {
  private readonly byDigest = new Map<string, AdminRoleName>();

  constructor(tokens: Readonly<Record<string, AdminRoleName>>) {
    for (const [token, role] of Object.entries(tokens)) {
      if (token.length < 16 || !BEARER.test(`Bearer ${token}`))
        throw new AdminError(AdminErrorCode.BAD_CONFIG, 'role tokens must be 16..512 printable characters');
      if (!(role in RANK)) throw new AdminError(AdminErrorCode.BAD_CONFIG, `unknown role ${String(role)}`);
      this.byDigest.set(digest(token), role);
    }
  }

  /** The caller's role, or undefined for a missing or unknown token (never throws: audits use it). */
  identify(metadata: Metadata): AdminRoleName | undefined {
    const values = metadata.get('authorization');
    const header = values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
    const match = header === undefined ? null : BEARER.exec(header);
    return match === null ? undefined : this.byDigest.get(digest(match[1] ?? ''));
  }

  /** The caller's role, at least `minimum`; throws UNAUTHENTICATED or PERMISSION_DENIED. */
  authorize(metadata: Metadata, minimum: AdminRoleName, action: string): AdminRoleName {
    const role = this.identify(metadata);
    if (role === undefined)
      throw new AdminError(AdminErrorCode.UNAUTHENTICATED, 'missing or unknown bearer token');
    if (RANK[role] < RANK[minimum])
      throw new AdminError(
        AdminErrorCode.PERMISSION_DENIED,
        `${action} needs role ${minimum}, caller is ${role}`,
      );
    return role;
  }
}
