// Typed errors of the conductor's control-plane code (config, lifecycle, consumer commands).
// The conductor runs on the main thread and may throw; the hot path never sees these.
export const ConductorErrorCode = {
  INVALID_CONFIG: 'CONDUCTOR_INVALID_CONFIG',
  INVALID_ARGUMENT: 'CONDUCTOR_INVALID_ARGUMENT',
  /** The lifecycle (or a consumer) is not in a state that allows the requested step. */
  INVALID_TRANSITION: 'CONDUCTOR_INVALID_TRANSITION',
  /** A command named a consumer line the policy does not watch. */
  UNKNOWN_CONSUMER: 'CONDUCTOR_UNKNOWN_CONSUMER',
} as const;

export type ConductorErrorCodeValue = (typeof ConductorErrorCode)[keyof typeof ConductorErrorCode];

export class ConductorError extends Error {
  override readonly name = 'ConductorError';
  readonly code: ConductorErrorCodeValue;

  constructor(code: ConductorErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
