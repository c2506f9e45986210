// Shared by the demo and table parsers: JSON text or a value in, a typed value or a ReportError
// whose message names every bad path (`states[2].reason: ...`) out.
import type { z } from 'zod';
import { REPORT_ERROR_CODE, ReportError } from './report-error.ts';

/** `['states', 2, 'reason']` → `states[2].reason`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export function parseWithPaths<S extends z.ZodType>(schema: S, what: string, input: unknown): z.output<S> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (err) {
      throw new ReportError(
        REPORT_ERROR_CODE.INVALID_JSON,
        `${what}: not JSON (${(err as Error).message})`,
        [],
        {
          cause: err,
        },
      );
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new ReportError(
    REPORT_ERROR_CODE.INVALID_REPORT,
    `${what} is invalid:\n  ${issues.join('\n  ')}`,
    issues,
    { cause: result.error },
  );
}
