/**
 * Per-scenario control block shared by the orchestrator and a scenario's workers.
 *
 *   byte 0    ┌──────── i32 words ──────────────────────────────────────────────────────────────┐
 *             │ [0] GO          0 until the orchestrator has seen every worker ready            │
 *             │ [1] WARMED      consumers that finished their warm-up (Atomics.add + notify)    │
 *             │ [2] STOP        1 asks long-lived helpers (the stalled consumer) to leave       │
 *   byte 128  ├──────── f64 words (own line: written once per run) ──────────────────────────────┤
 *             │ f64[16] START_NS  producer's nowNs() when the measured part began               │
 *   byte 256  ├──────── f64 END_NS[k], consumer k's nowNs() when it had everything ─────────────┤
 *             │ f64[32 + k]  (k < MAX_CONSUMERS)                                                 │
 *             └──────────────────────────────────────────────────────────────────────────────────┘
 * Only setup, warm-up barrier and end stamps go through here: never per event.
 */
const MAX_CONSUMERS = 4;

export const BenchControl = {
  GO: 0,
  WARMED: 1,
  STOP: 2,
  START_NS_F64: 16,
  END_NS_F64: 32,
  MAX_CONSUMERS,
  BYTE_LENGTH: 256 + MAX_CONSUMERS * 8,
} as const;

export interface BenchControlViews {
  readonly buffer: SharedArrayBuffer;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
}

export function createBenchControl(): BenchControlViews {
  return benchControlViews(new SharedArrayBuffer(BenchControl.BYTE_LENGTH));
}

export function benchControlViews(buffer: SharedArrayBuffer): BenchControlViews {
  return { buffer, i32: new Int32Array(buffer), f64: new Float64Array(buffer) };
}
