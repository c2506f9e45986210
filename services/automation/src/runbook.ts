// Runbooks: short YAML files in deploy/runbooks. Validated with zod; every problem is reported
// with the file and the field path (`deploy/runbooks/x.yaml: trigger.for: ...`) so an operator
// can fix it without reading this code.
//
//   name: slow-consumer-isolate
//   description: ...
//   trigger: { source: state, condition: "consumer lag > 4096", for: 2s }
//   risk: low            # low: steps run at once; high: admin calls wait for a human approval
//   cooldown: 5m         # per host and key (e.g. per consumer): no second firing inside it
//   steps:
//     - isolate: { consumer: triggering }      # or a consumer id
//     - alert: { subject: "ringside.alerts.{host}", webhook: oncall }   # webhook: a name in config
//     - prepare: { action: restart, after: session-close }              # high risk only
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { parseCondition, sourceOf } from './condition.ts';
import type { Condition } from './condition.ts';
import { parseDurationMs } from './duration.ts';
import { AutomationError, AutomationErrorCode, ConditionSyntaxError } from './errors.ts';

const duration = (what: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = parseDurationMs(v);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a duration like 500ms, 5s, 10m or 1h` });
      return z.NEVER;
    }
    return ms;
  });

const SUBJECT = /^[A-Za-z0-9_{}-]+(\.[A-Za-z0-9_{}-]+)*$/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;

export const PREPARE_ACTIONS = ['restart', 'drop', 'shed', 'resume'] as const;
export type PrepareAction = (typeof PREPARE_ACTIONS)[number];

const isolateStep = z.strictObject({
  isolate: z.strictObject({
    /** `triggering` = the consumer the condition held for (consumer conditions only). */
    consumer: z.union([z.literal('triggering'), z.int().min(0).max(0xffff_ffff)]),
  }),
});
const alertStep = z.strictObject({
  alert: z.strictObject({
    /** `{host}` is replaced by the host; default ringside.alerts.{host}. */
    subject: z
      .string()
      .regex(SUBJECT, 'a NATS subject without wildcards ({host} allowed)')
      .default('ringside.alerts.{host}'),
    /** Name of a webhook URL in the service config. */
    webhook: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'a webhook name from the config')
      .optional(),
  }),
});
const prepareStep = z.strictObject({
  prepare: z.strictObject({
    action: z.enum(PREPARE_ACTIONS),
    /** session-close: run once the trading session has closed; now: as soon as approved. */
    after: z.enum(['session-close', 'now']).default('session-close'),
    /** drop: consumer (triggering or id); shed: the level. */
    consumer: z.union([z.literal('triggering'), z.int().min(0).max(0xffff_ffff)]).optional(),
    level: z.int().min(0).max(255).optional(),
  }),
});

const stepSchema = z.union([isolateStep, alertStep, prepareStep]);

export const runbookSchema = z
  .strictObject({
    name: z.string().regex(NAME, 'lower-case letters, digits and - only'),
    description: z.string().min(1, 'description is required').max(1000),
    trigger: z.strictObject({
      source: z.enum(['metrics', 'state', 'events']),
      condition: z.string().transform((text, ctx) => {
        try {
          return parseCondition(text);
        } catch (e) {
          if (!(e instanceof ConditionSyntaxError)) throw e;
          ctx.addIssue({ code: 'custom', message: `${e.message} in "${text}"` });
          return z.NEVER;
        }
      }),
      for: duration('trigger.for').default(0),
    }),
    risk: z.enum(['low', 'high']),
    cooldown: duration('cooldown').default(300_000),
    steps: z.array(stepSchema).min(1, 'at least one step'),
  })
  .superRefine((rb, ctx) => {
    const src = sourceOf(rb.trigger.condition);
    if (src !== rb.trigger.source)
      ctx.addIssue({
        code: 'custom',
        path: ['trigger', 'condition'],
        message: `this condition reads ${src}, but trigger.source is ${rb.trigger.source}`,
      });
    rb.steps.forEach((s, i) => {
      const consumer = 'isolate' in s ? s.isolate.consumer : 'prepare' in s ? s.prepare.consumer : undefined;
      if (consumer === 'triggering' && rb.trigger.condition.kind !== 'consumer')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i],
          message: 'consumer: triggering needs a consumer condition (consumer lag/loss ...)',
        });
      if ('prepare' in s) {
        // Prepare stages something a human must approve: a low-risk runbook cannot do it.
        if (rb.risk !== 'high')
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prepare'],
            message: 'prepare steps need risk: high',
          });
        if (s.prepare.action === 'drop' && s.prepare.consumer === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prepare', 'consumer'],
            message: 'drop needs a consumer',
          });
        if (s.prepare.action === 'shed' && s.prepare.level === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, 'prepare', 'level'],
            message: 'shed needs a level',
          });
      }
    });
  });

export type Runbook = z.output<typeof runbookSchema> & { readonly file: string };
export type RunbookStep = Runbook['steps'][number];
export type { Condition };

function bad(file: string, problems: string[], cause?: unknown): AutomationError {
  return new AutomationError(
    AutomationErrorCode.BAD_RUNBOOK,
    `runbook ${file}: ${problems.join('; ')}`,
    cause === undefined ? undefined : { cause },
  );
}

/** Parses one runbook's YAML text; throws AutomationError(BAD_RUNBOOK) naming file and fields. */
export function parseRunbook(text: string, file: string): Runbook {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw bad(
      file,
      doc.errors.map((e) => `YAML: ${e.message.split('\n')[0] ?? e.message}`),
      doc.errors[0],
    );
  const r = runbookSchema.safeParse(doc.toJS());
  if (!r.success)
    throw bad(
      file,
      r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(document)'}: ${i.message}`),
      r.error,
    );
  return { ...r.data, file };
}

export function loadRunbookFile(file: string): Runbook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw bad(file, [`cannot read: ${(e as Error).message}`], e);
  }
  return parseRunbook(text, file);
}

/** Every *.yaml / *.yml in a directory, sorted by name; names must be unique. */
export function loadRunbookDir(dir: string): Runbook[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch (e) {
    throw new AutomationError(
      AutomationErrorCode.BAD_CONFIG,
      `cannot read runbook directory ${dir}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const books = names.map((n) => loadRunbookFile(path.join(dir, n)));
  const seen = new Map<string, string>();
  for (const b of books) {
    const other = seen.get(b.name);
    if (other !== undefined) throw bad(b.file, [`name: "${b.name}" is also used by ${other}`]);
    seen.set(b.name, b.file);
  }
  return books;
}
