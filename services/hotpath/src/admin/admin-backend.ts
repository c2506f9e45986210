// What the admin server needs from the process it administers. The conductor implements it; the
// admin server never reaches into hot-path memory itself, so every state change goes through the
// one owner of that state (the conductor), and tests can drive the server over a real ring.
import type { ConsumerStatus, LatencyReportResponse, StateSnapshot } from '@ringside/contracts';

export interface AdminStatus {
  /** Lifecycle, consumers, shed level and halt state, as the conductor publishes them. */
  readonly state: StateSnapshot;
  /** The shed level the automatic controller would choose now; pinning below it is high risk. */
  readonly automaticShedLevel: number;
  /** Highest valid shed level (levels are 0..maxShedLevel). */
  readonly maxShedLevel: number;
  readonly version: string;
  readonly startedAt: Date;
}

export interface ShedLevelChange {
  readonly previous: number;
  readonly level: number;
}

/**
 * Implemented by the conductor. Consumer calls return undefined for an unknown consumer id and
 * throw AdminError(FAILED_PRECONDITION) for a transition the consumer's state does not allow.
 * Any other throw is reported to the caller as INTERNAL.
 */
export interface AdminBackend {
  getStatus(): AdminStatus;
  listConsumers(): readonly ConsumerStatus[];
  isolate(consumerId: number, reason: string): ConsumerStatus | undefined;
  readmit(consumerId: number, reason: string): ConsumerStatus | undefined;
  drop(consumerId: number, reason: string): ConsumerStatus | undefined;
  /** pinned: the level holds until unpinned, whatever the automatic controller decides. */
  setShedLevel(level: number, pinned: boolean, reason: string): ShedLevelChange;
  halt(reason: string): StateSnapshot;
  resume(reason: string): StateSnapshot;
  /** Schedules a restart (the admin server has already refused it during the trading session). */
  requestRestart(reason: string): { readonly notBefore: Date };
  latencyReport(includeEncoded: boolean): LatencyReportResponse;
  /** Readiness for grpc.health.v1: called now with the current value, then on every change. */
  subscribeServing(listener: (serving: boolean) => void): () => void;
}
