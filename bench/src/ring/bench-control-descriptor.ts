/**
 * Per-scenario control block shared by the orchestrator and a scenario's workers.
 *
 *   byte 0    ┌──────── i32 words ──────────────────────────────────────────────────────────────┐
 *             │ [0] GO      0 until the orchestrator has seen every worker ready                │
 *             │ [1] WARMED  segments finished, summed over consumers (Atomics.add + notify):    │
 *             │             the producer starts segment t when WARMED = consumers × (t + 1)     │
 *             │ [2] STOP    1 asks long-lived helpers (the stalled consumer) to leave            │
 *   byte 12   └──────────────────────────────────────────────────────────────────────────────────┘
 * Only setup and the barrier between measured segments go through here: never per event.
 */
export const BenchControl = {
  GO: 0,
  WARMED: 1,
  STOP: 2,
  BYTE_LENGTH: 128,
} as const;

export interface BenchControlViews {
  readonly buffer: SharedArrayBuffer;
  readonly i32: Int32Array;
}

export function createBenchControl(): BenchControlViews {
  return benchControlViews(new SharedArrayBuffer(BenchControl.BYTE_LENGTH));
}

export function benchControlViews(buffer: SharedArrayBuffer): BenchControlViews {
  return { buffer, i32: new Int32Array(buffer) };
}
