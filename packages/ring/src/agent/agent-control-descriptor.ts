/**
 * Shared-memory layout of an AgentControl block: how other threads stop a runner and read its
 * state. Declared once here.
 *
 *   byte 0    ┌──────────── request line, 128 B (written by any thread, rarely) ──────────────────┐
 *             │ i32[0] MAGIC 'AGCT'   i32[1] STOP_REQUESTED (0/1)   i32[2] PARKED (park word)    │
 *   byte 128  ├──────────── status line, 128 B (written only by the runner) ─────────────────────┤
 *             │ i32[32] STATE (NEW 0, RUNNING 1, CLOSED 2)   i32[33] ERROR_COUNT (Atomics.add)   │
 *             │ f64 @ byte 144 DUTY_CYCLES   f64 @ byte 152 WORK_COUNT   (best-effort readings)  │
 *   byte 256  └────────────────────────────────────────────────────────────────────────────────────┘
 *
 * The runner reads STOP_REQUESTED once per duty cycle; its own writes stay on the status line, so
 * readers polling status never slow the stop check and vice versa. PARKED is the word a parking
 * idle strategy sleeps on, so requestStop() can wake a parked runner at once.
 */
const LINE_BYTES = 128;

export const AgentControlDescriptor = {
  MAGIC: 0x54434741, // 'AGCT' little-endian
  LINE_BYTES,
  BYTE_LENGTH: 2 * LINE_BYTES,

  MAGIC_INDEX: 0,
  STOP_REQUESTED_INDEX: 1,
  PARKED_INDEX: 2,

  STATE_INDEX: LINE_BYTES / 4,
  ERROR_COUNT_INDEX: LINE_BYTES / 4 + 1,
  /** Float64Array indexes (byte offset / 8). */
  DUTY_CYCLES_F64_INDEX: (LINE_BYTES + 16) / 8,
  WORK_COUNT_F64_INDEX: (LINE_BYTES + 24) / 8,
} as const;

export const AgentState = {
  NEW: 0,
  RUNNING: 1,
  CLOSED: 2,
} as const;

export type AgentStateValue = (typeof AgentState)[keyof typeof AgentState];
