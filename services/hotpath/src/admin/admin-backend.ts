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

/** A strategy param command queued to a decision worker. */
export interface StrategyParamChange {
  /** The strategy the worker runs. */
  readonly strategy: string;
  /** The id the param name maps to (what the strategy's onCommand receives). */
  readonly paramId: number;
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
  /**
   * Queues DecisionCommand.STRATEGY_PARAM to one decision worker (applied on its next doWork).
   * Throws AdminError NOT_FOUND for an unknown worker, INVALID_ARGUMENT for a param its strategy
   * does not declare, FAILED_PRECONDITION when the worker's command queue is full. Absent:
   * SetStrategyParam answers UNIMPLEMENTED.
   */
  setStrategyParam?(workerId: number, param: string, value: number, reason: string): StrategyParamChange;
  /** Readiness for grpc.health.v1: called now with the current value, then on every change. */
  subscribeServing(listener: (serving: boolean) => void): () => void;
  /**
   * WatchStatus: `listener` is called now with the current snapshot, then on every change
   * (lifecycle, consumer states, shed level, halt); `end` when the backend stops serving (the
   * stream then ends cleanly). Returns the unsubscribe. Absent: Watch answers UNIMPLEMENTED.
   */
  watchStatus?(listener: (state: StateSnapshot) => void, end: () => void): () => void;
}

/** One admin call, as the audit trail records it (after the call's outcome is known). */
export interface AdminAuditRecord {
  /** AdminService method name, e.g. "IsolateConsumer". */
  readonly method: string;
  /** The caller's role, or "anonymous" for a missing or unknown token. */
  readonly role: string;
  /** gRPC status code of the result (0 = OK). */
  readonly code: number;
  /** Its name, e.g. "OK", "PERMISSION_DENIED". */
  readonly codeName: string;
  /** Error details ('' when OK). */
  readonly details: string;
}
