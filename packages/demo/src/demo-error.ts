// Typed errors of the demo orchestration (control plane: exceptions with a code).
export const DemoErrorCode = {
  BAD_OPTIONS: 'DEMO_BAD_OPTIONS',
  SERVICE_FAILED: 'DEMO_SERVICE_FAILED',
  MISSING_COMPONENT: 'DEMO_MISSING_COMPONENT',
  INTERRUPTED: 'DEMO_INTERRUPTED',
} as const;
export type DemoErrorCodeValue = (typeof DemoErrorCode)[keyof typeof DemoErrorCode];

export class DemoError extends Error {
  readonly code: DemoErrorCodeValue;
  constructor(code: DemoErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoError';
    this.code = code;
  }
}
