// Messages between the ingest worker and its controller (control plane, structured-clone
// plain objects). The hot path never posts: status is derived from tallies and session events.

/** Something the conductor should know about the feed (lifecycle: DEGRADED when down). */
export type IngestStatusEvent =
  | {
      readonly kind: 'connected';
      readonly session: string;
      readonly nextSequence: number;
      readonly logins: number;
    }
  | { readonly kind: 'disconnected'; readonly reason: string; readonly willReconnect: boolean }
  | { readonly kind: 'gap'; readonly gaps: number; readonly gapMessages: number }
  | { readonly kind: 'end-of-session' }
  | { readonly kind: 'login-rejected'; readonly reason: string };

/** What the worker reports when it finishes (source ended or stopped). */
export interface IngestSummary {
  readonly source: 'tcp' | 'file' | 'generator';
  readonly reason: string;
  readonly messagesIn: number;
  readonly eventsPublished: number;
  readonly countedOnly: number;
  /** Valid feed messages by ITCH type letter. */
  readonly byType: Record<string, number>;
  /** Malformed messages (and framing damage) by kind. */
  readonly malformed: Record<string, number>;
  readonly malformedTotal: number;
  readonly gaps: number;
  readonly gapMessages: number;
  readonly duplicates: number;
  readonly reads: number;
  readonly bytes: number;
  readonly reconnects: number;
  readonly batchSplits: number;
  /** Next feed sequence number the ring expects (last delivered + 1). */
  readonly nextSequence: number;
  /** Ring sequence the next event will get. */
  readonly ringNextSequence: number;
  readonly elapsedMs: number;
}

export type IngestWorkerMessage =
  | { readonly kind: 'ready'; readonly description: string }
  | { readonly kind: 'status'; readonly event: IngestStatusEvent }
  | { readonly kind: 'done'; readonly summary: IngestSummary }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export type IngestControlMessage = { readonly kind: 'stop' };
