// Typed errors of the automation service. Setup problems (config, runbooks) are BAD_CONFIG /
// BAD_RUNBOOK and make main.ts exit 2; a condition that does not parse is a ConditionSyntaxError
// (its own class so the parser's contract — parse or throw exactly this — is checkable).

export const AutomationErrorCode = {
  /** The service configuration is unusable. */
  BAD_CONFIG: 'AUTOMATION_BAD_CONFIG',
  /** A runbook file is not valid YAML or has a bad field. */
  BAD_RUNBOOK: 'AUTOMATION_BAD_RUNBOOK',
  /** NATS/JetStream or a gRPC peer did not answer. */
  UNAVAILABLE: 'AUTOMATION_UNAVAILABLE',
} as const;
export type AutomationErrorCode = (typeof AutomationErrorCode)[keyof typeof AutomationErrorCode];

export class AutomationError extends Error {
  readonly code: AutomationErrorCode;
  constructor(code: AutomationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutomationError';
    this.code = code;
  }
}

/** A trigger condition that does not parse; `column` is 1-based into the condition text. */
export class ConditionSyntaxError extends Error {
  readonly code = 'AUTOMATION_CONDITION_SYNTAX';
  readonly column: number;
  constructor(message: string, column: number) {
    super(`${message} (at column ${column})`);
    this.name = 'ConditionSyntaxError';
    this.column = column;
  }
}
