/** Codes of BroadcastRing setup failures (control plane only; hot calls return BroadcastStatus). */
export const BroadcastErrorCode = {
  BAD_CAPACITY: 'BROADCAST_BAD_CAPACITY',
  BAD_SLOT_BYTES: 'BROADCAST_BAD_SLOT_BYTES',
  TOO_LARGE: 'BROADCAST_TOO_LARGE',
  BAD_BUFFER: 'BROADCAST_BAD_BUFFER',
  BAD_CONSUMER_INDEX: 'BROADCAST_BAD_CONSUMER_INDEX',
  BAD_BATCH_LIMIT: 'BROADCAST_BAD_BATCH_LIMIT',
  NO_FREE_CONSUMER: 'BROADCAST_NO_FREE_CONSUMER',
  CONSUMER_IN_USE: 'BROADCAST_CONSUMER_IN_USE',
  PRODUCER_ATTACHED: 'BROADCAST_PRODUCER_ATTACHED',
} as const;

export type BroadcastErrorCodeValue = (typeof BroadcastErrorCode)[keyof typeof BroadcastErrorCode];

export class BroadcastRingError extends Error {
  override readonly name = 'BroadcastRingError';
  readonly code: BroadcastErrorCodeValue;

  constructor(code: BroadcastErrorCodeValue, message: string) {
    super(message);
    this.code = code;
  }
}
