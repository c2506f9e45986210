/**
 * A worker's unit of work (Agrona Agent). The runner calls doWork in a loop: it returns how much
 * work it did (0 = idle, so the idle strategy may wait). Start with draining the conductor's
 * command queue up to a fixed limit, then do the job, and return the sum (Aeron Sender.doWork).
 * doWork may throw: the runner counts the error, hands it to the error handler and goes on.
 */
export interface Agent {
  /** Printed in configurations and error reports, e.g. "ingest", "decision-2". */
  readonly roleName: string;
  doWork(): number;
  /** Called once on the runner's thread before the first doWork. */
  onStart?(): void;
  /** Called once on the runner's thread after the last doWork, also after a failed start. */
  onClose?(): void;
}
