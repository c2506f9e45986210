// Approvals service configuration: one zod schema for the programmatic API and the CLI.
// Credentials: the service connects as NATS user `approvals` (deploy/nats/users.conf: the only
// writer of the approvals KV bucket and audit stream); without them it connects anonymously,
// which only an open server (deploy/nats/nats.conf) accepts.
import { z } from 'zod';
import { checkNatsCredentials, natsCredentialFields, natsTarget } from '@ringside/nats-auth';
import type { NatsTarget } from '@ringside/nats-auth';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';
import { ACTION_PATTERN } from './validation.ts';

const natsUrl = z.string().refine((s) => {
  try {
    return ['nats:', 'tls:', 'ws:', 'wss:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'natsUrl must be a URL like nats://127.0.0.1:4222');

const jsName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1..64)');

export const approvalsConfigSchema = z
  .strictObject({
    natsUrl,
    ...natsCredentialFields,
    grpcHost: z.string().min(1).default('127.0.0.1'),
    /** 0 = a free port, printed on start. */
    grpcPort: z.int().min(0).max(65535).default(0),
    /** File holding the nkeys user/account seed that signs tokens. */
    seedFile: z.string().min(1, 'seedFile is required'),
    /** Actions that need two distinct approvers. */
    twoPersonActions: z
      .array(z.string().regex(ACTION_PATTERN, 'action names: letters, digits, _ . @ -'))
      .default([]),
    tokenTtlMs: z
      .int()
      .min(1_000)
      .max(24 * 3600 * 1000)
      .default(5 * 60 * 1000),
    bucket: jsName.default('ringside_approvals'),
    auditStream: jsName.default('RINGSIDE_APPROVALS_AUDIT'),
    auditSubject: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a NATS subject without wildcards')
      .default('ringside.approvals.audit'),
  })
  .superRefine(checkNatsCredentials);

export type ApprovalsConfig = z.output<typeof approvalsConfigSchema>;
export type ApprovalsConfigInput = z.input<typeof approvalsConfigSchema>;

/** Validates and fills defaults; throws ApprovalsError(BAD_CONFIG) listing every problem. */
export function parseApprovalsConfig(input: unknown): ApprovalsConfig {
  const r = approvalsConfigSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ApprovalsError(
      ApprovalsErrorCode.BAD_CONFIG,
      `invalid approvals config: ${problems.join('; ')}`,
      {
        cause: r.error,
      },
    );
  }
  return r.data;
}

/** Where and as whom to connect: the servers and credentials part of NATS connect() options. */
export type ApprovalsNatsTarget = NatsTarget<string>;

export function approvalsNatsTarget(config: ApprovalsConfig): ApprovalsNatsTarget {
  return natsTarget(config.natsUrl, config);
}
