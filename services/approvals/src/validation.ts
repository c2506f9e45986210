// Validation of every field that reaches the API, with messages a human can act on. Names and
// scopes are restricted to safe characters because they end up in KV keys, audit subjects and
// token scopes that another process compares byte for byte.
import { z } from 'zod';
import { RiskLevel } from '@ringside/contracts';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;
const PRINTABLE = /^[^\p{Cc}]*$/u;

const name = (what: string, max: number): z.ZodString =>
  z
    .string()
    .min(1, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .regex(NAME, `${what} may contain only letters, digits and _ . @ - (and starts with a letter or digit)`);

const freeText = (what: string, min: number, max: number): z.ZodString =>
  z
    .string()
    .min(min, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .regex(PRINTABLE, `${what} must not contain control characters`);

export const ACTION_PATTERN = NAME;

export const createInputSchema = z.strictObject({
  action: name('action', 64),
  target: freeText('target', 1, 256).refine(
    (s) => s.trim() === s,
    'target must not start or end with spaces',
  ),
  host: name('host', 64),
  reason: freeText('reason', 1, 1000),
  requester: name('requester', 64),
  risk: z
    .int()
    .refine(
      (r) =>
        r === RiskLevel.LOW || r === RiskLevel.MEDIUM || r === RiskLevel.HIGH || r === RiskLevel.CRITICAL,
      'risk must be LOW, MEDIUM, HIGH or CRITICAL',
    ),
});
export type CreateInput = z.output<typeof createInputSchema>;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const idSchema = z.string().min(1, 'id is required').regex(ID, 'id must be a request id (a UUID)');

export const decideInputSchema = z.strictObject({
  id: idSchema,
  approver: name('approver', 64),
  comment: freeText('comment', 0, 1000),
});
export type DecideInput = z.output<typeof decideInputSchema>;

export const verifyInputSchema = z.strictObject({
  token: z.string().min(1, 'token is required').max(8192, 'token is too long'),
  action: name('action', 64),
  target: freeText('target', 1, 256),
  host: name('host', 64),
  presenter: freeText('presenter', 0, 64),
});
export type VerifyInput = z.output<typeof verifyInputSchema>;

/** Parses or throws ApprovalsError(INVALID_ARGUMENT) naming every bad field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) =>
    i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
  );
  throw new ApprovalsError(ApprovalsErrorCode.INVALID_ARGUMENT, problems.join('; '), { cause: r.error });
}
