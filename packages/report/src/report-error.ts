// Control-plane errors of @ringside/report: each carries a stable code (nats.js jserrors style).
export const REPORT_ERROR_CODE = {
  /** The text handed to a parser was not JSON. */
  INVALID_JSON: 'REPORT_INVALID_JSON',
  /** The JSON did not have the report's shape; the message lists every bad path. */
  INVALID_REPORT: 'REPORT_INVALID_REPORT',
} as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODE)[keyof typeof REPORT_ERROR_CODE];

export class ReportError extends Error {
  override readonly name = 'ReportError';
  readonly code: ReportErrorCode;
  /** One `path: message` line per problem (empty for INVALID_JSON). */
  readonly issues: readonly string[];

  constructor(
    code: ReportErrorCode,
    message: string,
    issues: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.issues = issues;
  }
}
