// The channel between gc-probe.ts (every worker thread) and gc-watch.ts (main thread). Kept
// apart so that importing the watch never runs the probe's side effects.
export const GC_PROBE_CHANNEL = 'ringside-bench-pipeline-gc';

/** What each collection posts: the thread and its epoch time in ms. */
export interface GcProbeMessage {
  readonly threadId: number;
  readonly atMs: number;
}
