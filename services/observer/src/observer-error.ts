// Typed errors of the observer (control plane): bad config, a port that cannot be bound, a
// NATS login that fails.
export const ObserverErrorCode = {
  INVALID_CONFIG: 'INVALID_CONFIG',
  LISTEN_FAILED: 'LISTEN_FAILED',
  /** NATS refused the first connection (wrong credentials) or could not be reached. */
  NATS_CONNECT_FAILED: 'NATS_CONNECT_FAILED',
} as const;

export type ObserverErrorCodeValue = (typeof ObserverErrorCode)[keyof typeof ObserverErrorCode];

export class ObserverError extends Error {
  override readonly name = 'ObserverError';
  readonly code: ObserverErrorCodeValue;

  constructor(code: ObserverErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
