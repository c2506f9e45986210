// Typed errors of the sidecar's control-plane code (setup, config, layouts). The sidecar's
// periodic work never throws across threads: it counts and reports instead.
export const SidecarErrorCode = {
  INVALID_CONFIG: 'INVALID_CONFIG',
  INVALID_BUFFER: 'INVALID_BUFFER',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  WORKER_FAILED: 'WORKER_FAILED',
} as const;

export type SidecarErrorCodeValue = (typeof SidecarErrorCode)[keyof typeof SidecarErrorCode];

export class SidecarError extends Error {
  override readonly name = 'SidecarError';
  readonly code: SidecarErrorCodeValue;

  constructor(code: SidecarErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
