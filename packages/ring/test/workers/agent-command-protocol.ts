// Shared between agent-runner.test.ts and agent-command-worker.ts (importing the worker module
// itself from the test would run it).
export const Op = { ADD: 1, THROW: 2, NOOP: 3 } as const;

/** Float64 indexes of the results block. */
export const Result = {
  SUM: 0,
  HANDLED: 1,
  MAX_DRAINED_PER_CYCLE: 2,
  STARTED: 3,
  CLOSED: 4,
  LENGTH: 8,
} as const;

export interface AgentCommandData {
  readonly control: SharedArrayBuffer;
  readonly commands: SharedArrayBuffer;
  readonly results: SharedArrayBuffer;
  /** "queue-park:<micros>" parks on the command queue; anything else is an idle config string. */
  readonly idle: string;
  readonly drainLimit: number;
  readonly deadlineMs: number;
}
