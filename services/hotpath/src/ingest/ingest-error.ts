// Control-plane errors of the ingest worker and its controller: thrown with a stable `code`
// (nats.js style); the hot path never throws, it counts and returns status codes.

export const IngestErrorCode = {
  /** The configuration failed validation; the message lists every problem with its path. */
  BAD_CONFIG: 'INGEST_BAD_CONFIG',
  /** The configured source cannot be opened (missing or unreadable file, ...). */
  SOURCE_UNAVAILABLE: 'INGEST_SOURCE_UNAVAILABLE',
  /** The worker failed to start or died. */
  WORKER_FAILED: 'INGEST_WORKER_FAILED',
  /** The ring or counters given to the controller do not fit the market event layout. */
  BAD_RING: 'INGEST_BAD_RING',
} as const;
export type IngestErrorCodeValue = (typeof IngestErrorCode)[keyof typeof IngestErrorCode];

export class IngestError extends Error {
  readonly code: IngestErrorCodeValue;

  constructor(code: IngestErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
    this.code = code;
  }
}
