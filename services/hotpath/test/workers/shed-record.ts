// What the shed test and its worker threads share (kept apart from shed-worker.ts, whose module
// body runs the worker: importing it from the main thread would start an agent there).
import type { CountersBuffers } from '@ringside/counters';
import type { DecisionCounterIds } from '@ringside/hotpath';

export interface ShedWorkerData {
  readonly workerId: number;
  readonly ring: SharedArrayBuffer;
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
  readonly flags: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly record: SharedArrayBuffer;
  readonly counters: CountersBuffers;
  readonly counterIds: DecisionCounterIds;
  readonly locates: readonly number[];
  readonly lowPriority: readonly number[];
  readonly conflateLagEvents: number;
  /** Busy work per strategy callback (loop iterations): keeps the worker behind a burst. */
  readonly spin: number;
  readonly orderEvery: number;
}

export interface ShedWorkerResult {
  readonly images: Record<number, number[]>;
  readonly stale: Record<number, boolean>;
  readonly reason: string;
}

/** Float64 indexes of the record, per locate slot `s` (position in `locates`): base s * 8. */
export const ShedRecord = {
  CALLBACKS: 0,
  BID: 1,
  BID_SIZE: 2,
  ASK: 3,
  ASK_SIZE: 4,
  ORDERS: 5,
  /** Submits on a stale book that were NOT refused (must stay 0). */
  STALE_ACCEPTED: 6,
  STALE_REFUSED: 7,
  STRIDE: 8,
} as const;
