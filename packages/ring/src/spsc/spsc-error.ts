/** Codes of SpscQueue setup failures (control plane only; hot calls return SpscStatus codes). */
export const SpscErrorCode = {
  BAD_CAPACITY: 'SPSC_BAD_CAPACITY',
  BAD_SLOT_BYTES: 'SPSC_BAD_SLOT_BYTES',
  TOO_LARGE: 'SPSC_TOO_LARGE',
  BAD_BUFFER: 'SPSC_BAD_BUFFER',
} as const;

export type SpscErrorCodeValue = (typeof SpscErrorCode)[keyof typeof SpscErrorCode];

export class SpscQueueError extends Error {
  override readonly name = 'SpscQueueError';
  readonly code: SpscErrorCodeValue;

  constructor(code: SpscErrorCodeValue, message: string) {
    super(message);
    this.code = code;
  }
}
