// Automation service configuration (a JSON file for main.ts, an object for startAutomation).
import { z } from 'zod';
import { checkNatsCredentials, natsCredentialFields } from '@ringside/nats-auth';
import { AutomationError, AutomationErrorCode } from './errors.ts';
import { TradingSession } from './trading-session.ts';

const natsUrl = z.string().refine((s) => {
  try {
    return ['nats:', 'tls:', 'ws:', 'wss:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'natsUrl must be a URL like nats://127.0.0.1:4222');

const httpUrl = z.string().refine((s) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'an http(s) URL');

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const automationConfigSchema = z
  .strictObject({
    natsUrl,
    /**
     * NATS user, e.g. automation (deploy/nats/users.conf); needs natsPass. Without credentials it
     * connects anonymously, which only an open server (deploy/nats/nats.conf) accepts.
     */
    natsUser: natsCredentialFields.natsUser,
    natsPass: natsCredentialFields.natsPass,
    /** Directory of runbook YAML files. */
    runbookDir: z.string().min(1, 'runbookDir is required'),
    /** gRPC admin address (host:port) of each hot-path host, by host name. */
    adminAddresses: z.record(
      z.string().regex(/^[A-Za-z0-9_-]+$/),
      z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port'),
    ),
    /** Role token sent as `authorization: Bearer <token>` on admin calls (empty: none). */
    adminToken: z.string().default(''),
    /** Approvals service gRPC address (host:port). */
    approvalsAddress: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port'),
    /** Who files approval requests (the approvals service refuses self-approval by this name). */
    requester: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/)
      .default('automation'),
    /** How often to poll a pending approval request. */
    approvalPollMs: z.int().min(10).max(60_000).default(1_000),
    /** Give up waiting for a human after this long (the request stays pending in approvals). */
    approvalTimeoutMs: z
      .int()
      .min(1_000)
      .default(4 * 3600 * 1000),
    /** How often prepared actions check whether their time has come. */
    schedulerTickMs: z.int().min(10).max(60_000).default(1_000),
    webhooks: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), httpUrl).default({}),
    webhookTimeoutMs: z.int().min(100).max(60_000).default(5_000),
    tradingSession: z
      .strictObject({
        start: z.string().regex(HHMM, 'HH:MM (24 h)'),
        end: z.string().regex(HHMM, 'HH:MM (24 h)'),
        timezone: z.string().refine((tz) => {
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone like America/New_York'),
        /**
         * Weekdays the session runs: ISO 1 = Monday .. 7 = Sunday; 0 is Sunday too, so the hot
         * path's admin.tradingSession.days (0 = Sunday .. 6) can be copied here unchanged.
         */
        days: z.array(z.int().min(0).max(7)).min(1).default([1, 2, 3, 4, 5]),
      })
      .refine((s) => s.start < s.end, { message: 'start must be before end (same day)', path: ['end'] }),
    auditStream: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('RINGSIDE_AUTOMATION_AUDIT'),
    /** Records go to `<auditSubject>.<host>`. */
    auditSubject: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
      .default('ringside.automation.audit'),
    /**
     * Reply-subject prefix for JetStream acks; a per-service prefix lets the NATS account allow
     * automation its own inbox without seeing other services' replies (deploy/nats/users.conf).
     */
    inboxPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('_INBOX_automation'),
  })
  .superRefine(checkNatsCredentials);

export type AutomationConfig = z.output<typeof automationConfigSchema>;
export type AutomationConfigInput = z.input<typeof automationConfigSchema>;

/** Validates and fills defaults; throws AutomationError(BAD_CONFIG) listing every problem. */
export function parseAutomationConfig(input: unknown): AutomationConfig {
  const r = automationConfigSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new AutomationError(
      AutomationErrorCode.BAD_CONFIG,
      `invalid automation config: ${problems.join('; ')}`,
      {
        cause: r.error,
      },
    );
  }
  new TradingSession(r.data.tradingSession);
  return r.data;
}
