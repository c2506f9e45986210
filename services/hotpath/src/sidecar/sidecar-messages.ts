// Messages between the sidecar worker and its controller (structured clone, control plane).
import type { SidecarBuffers } from './sidecar-buffers.ts';
import type { SidecarConfig } from './sidecar-config.ts';

export interface SidecarWorkerData {
  readonly config: SidecarConfig;
  readonly buffers: SidecarBuffers;
}

/** The sidecar's own health, posted after every interval. */
export interface SidecarStats {
  readonly ticks: number;
  /** Messages handed to the NATS client. */
  readonly published: number;
  /** Messages dropped by the bounded outbox (NATS down or slow). */
  readonly dropped: number;
  /** Messages held in the outbox now. */
  readonly held: number;
  readonly connected: boolean;
  readonly disconnects: number;
  readonly reconnects: number;
  /** Publishes the server refused (permission violation: the NATS user may not publish that
   *  subject, e.g. another host's). They were handed to the client, so they are in `published`. */
  readonly refused: number;
  readonly samplesMissed: number;
  readonly tracesMissed: number;
  readonly tracesPublished: number;
  readonly eventsPublished: number;
  /** Last NATS error seen (connection-level), if any. */
  readonly lastError?: string;
}

export type SidecarWorkerMessage =
  | { readonly kind: 'stats'; readonly stats: SidecarStats }
  | { readonly kind: 'stopped'; readonly stats: SidecarStats }
  | { readonly kind: 'error'; readonly message: string };

export type SidecarControlMessage = { readonly kind: 'stop' };
