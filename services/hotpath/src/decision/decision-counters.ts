// The decision worker's counters, through packages/counters. The controller allocates them
// (control plane) and hands the ids to the worker; the worker tallies in private Float64Arrays
// (plain increments) and copies changed tallies into the shared counters once per duty cycle.
import { USER_COUNTER_TYPE_BASE } from '@ringside/counters';
import type { Counter, CountersManager, CountersReader, CountersWriterView } from '@ringside/counters';
import {
  COMPLETION_REASON_SLOTS,
  COMPLETION_STATUS_SLOTS,
  completionReasonName,
  completionStatusName,
} from '../orders/completion-descriptor.ts';

/** Scalar tallies: index into DecisionTallies.scalars. */
export const DecisionTally = {
  /**
   * Market events received from the ring. Strategy calls = EVENTS − CONFLATED − SHED_DROPPED
   * (minus strategy errors' own events, which were handed over but threw).
   */
  EVENTS: 0,
  /** Ring receives that returned events. */
  BATCHES: 1,
  /** Market events lost by this worker's ring consumer (lapped / isolated). */
  RING_LOSS: 2,
  /** NEW commands enqueued to the gateway. */
  ORDERS: 3,
  /** CANCEL commands enqueued. */
  CANCELS: 4,
  /** Completions received from the gateway. */
  COMPLETIONS: 5,
  /** Submits / cancels refused by the worker (by reason in byReason). */
  LOCAL_REJECTS: 6,
  /** LOCAL_REJECT notices that could not be queued for the strategy (pending slots full). */
  REJECT_NOTICES_DROPPED: 7,
  /** Book operations refused (unknown ref, pool full, ...). */
  BOOK_ERRORS: 8,
  /** Exceptions thrown by the strategy (caught; the event is skipped). */
  STRATEGY_ERRORS: 9,
  /** Completions whose stamps are not ingest ≤ publish ≤ read ≤ enqueued ≤ sent ≤ acked. */
  STAMP_VIOLATIONS: 10,
  /** Conductor commands obeyed. */
  COMMANDS: 11,
  /** Strategy callbacks skipped by conflation (the events were applied to the books). */
  CONFLATED: 12,
  /** Events of low-priority instruments skipped whole under DROP_LOW_PRIORITY. */
  SHED_DROPPED: 13,
  /** The shed level (LEVEL flag) this worker acted on in its last drained batch (a gauge). */
  SHED_LEVEL: 14,
  /** Batches drained in conflating mode (level ≥ CONFLATE and the worker was behind). */
  CONFLATED_BATCHES: 15,
} as const;
export const DECISION_TALLY_COUNT = 16;

const SCALAR_LABELS: readonly string[] = [
  'events',
  'batches',
  'ring_loss',
  'orders',
  'cancels',
  'completions',
  'local_rejects',
  'reject_notices_dropped',
  'book_errors',
  'strategy_errors',
  'stamp_violations',
  'commands',
  'conflated',
  'shed_dropped',
  'shed_level',
  'conflated_batches',
];

export const DecisionCounterType = {
  SCALAR: USER_COUNTER_TYPE_BASE + 200,
  /** Local rejects by CompletionReason (key = reason). */
  LOCAL_REJECT: USER_COUNTER_TYPE_BASE + 201,
  /** Gateway completions by CompletionStatus (key = status). */
  COMPLETION: USER_COUNTER_TYPE_BASE + 202,
} as const;

/** Counter ids of one decision worker (plain arrays: they travel in workerData). */
export interface DecisionCounterIds {
  readonly scalars: readonly number[];
  /** Index = CompletionReason (index 0 unused, -1). */
  readonly byReason: readonly number[];
  /** Index = CompletionStatus (index 0 unused, -1). */
  readonly byStatus: readonly number[];
}

/** Control plane: allocates every counter of worker `workerId`, labelled `decision.<id>.<name>`. */
export function allocateDecisionCounters(manager: CountersManager, workerId: number): DecisionCounterIds {
  const prefix = `decision.${workerId}`;
  const scalars = SCALAR_LABELS.map((name) =>
    manager.allocate(`${prefix}.${name}`, DecisionCounterType.SCALAR),
  );
  const byReason: number[] = [-1];
  for (let r = 1; r < COMPLETION_REASON_SLOTS; r++) {
    byReason.push(
      manager.allocate(
        `${prefix}.local_reject.${completionReasonName(r)}`,
        DecisionCounterType.LOCAL_REJECT,
        Uint8Array.of(r),
      ),
    );
  }
  const byStatus: number[] = [-1];
  for (let s = 1; s < COMPLETION_STATUS_SLOTS; s++) {
    byStatus.push(
      manager.allocate(
        `${prefix}.completion.${completionStatusName(s)}`,
        DecisionCounterType.COMPLETION,
        Uint8Array.of(s),
      ),
    );
  }
  return { scalars, byReason, byStatus };
}

/** The worker's private tallies (hot path: `scalars[DecisionTally.X]++`). */
export class DecisionTallies {
  readonly scalars = new Float64Array(DECISION_TALLY_COUNT);
  readonly byReason = new Float64Array(COMPLETION_REASON_SLOTS);
  readonly byStatus = new Float64Array(COMPLETION_STATUS_SLOTS);
}

/** Copies changed tallies into the shared counters; flush() is hot-path safe. */
export class DecisionCountersPublisher {
  private readonly counters: Counter[] = [];
  private readonly sources: Float64Array[] = [];
  private readonly indexes: number[] = [];
  private readonly flushed: Float64Array;

  constructor(tallies: DecisionTallies, view: CountersWriterView, ids: DecisionCounterIds) {
    ids.scalars.forEach((id, i) => this.add(view.counter(id), tallies.scalars, i));
    ids.byReason.forEach((id, r) => {
      if (id >= 0) this.add(view.counter(id), tallies.byReason, r);
    });
    ids.byStatus.forEach((id, s) => {
      if (id >= 0) this.add(view.counter(id), tallies.byStatus, s);
    });
    this.flushed = new Float64Array(this.counters.length);
  }

  flush(): void {
    const counters = this.counters;
    const sources = this.sources;
    const indexes = this.indexes;
    const flushed = this.flushed;
    for (let k = 0; k < counters.length; k++) {
      const v = sources[k]![indexes[k]!]!;
      if (v !== flushed[k]) {
        flushed[k] = v;
        counters[k]!.set(v);
      }
    }
  }

  private add(counter: Counter, source: Float64Array, index: number): void {
    this.counters.push(counter);
    this.sources.push(source);
    this.indexes.push(index);
  }
}

/** Control-plane snapshot of one worker's counters. */
export interface DecisionCountersSnapshot {
  readonly scalars: Record<string, number>;
  /** Non-zero local rejects by reason name. */
  readonly localRejects: Record<string, number>;
  /** Non-zero gateway completions by status name. */
  readonly completions: Record<string, number>;
}

/** Reads a worker's counters from any thread (allocates: control plane only). */
export function readDecisionCounters(
  reader: CountersReader,
  ids: DecisionCounterIds,
): DecisionCountersSnapshot {
  const scalars: Record<string, number> = {};
  ids.scalars.forEach((id, i) => (scalars[SCALAR_LABELS[i]!] = reader.getCounterValue(id)));
  const localRejects: Record<string, number> = {};
  ids.byReason.forEach((id, r) => {
    const n = id >= 0 ? reader.getCounterValue(id) : 0;
    if (n > 0) localRejects[completionReasonName(r)] = n;
  });
  const completions: Record<string, number> = {};
  ids.byStatus.forEach((id, s) => {
    const n = id >= 0 ? reader.getCounterValue(id) : 0;
    if (n > 0) completions[completionStatusName(s)] = n;
  });
  return { scalars, localRejects, completions };
}
