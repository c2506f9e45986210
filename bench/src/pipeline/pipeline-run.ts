// Shared shapes and helpers of one pipeline run (ours or the baseline) at one offered rate.
import { setTimeout as sleep } from 'node:timers/promises';
import type { PercentileSummary } from './latency-stats.ts';

export interface PipelineRunOptions {
  readonly rate: number;
  readonly warmUpMs: number;
  readonly measureMs: number;
  readonly everyEvents: number;
  /** Decision workers' idle strategy (idleStrategyFromConfig syntax). */
  readonly decisionIdle: string;
  /** Gateway EventLoopDriver: empty turns before parking, and the longest park (ms). */
  readonly gatewaySpinTurns: number;
  readonly gatewayMaxParkMs: number;
  /** feed-sim paceQuantumUs (both pipelines get the same feed). */
  readonly feedQuantumUs: number;
  readonly log: (line: string) => void;
}

export interface PipelineRunResult {
  readonly name: string;
  readonly offeredPerSec: number;
  /** feed-sim's achieved rate over its whole run. */
  readonly achievedPerSec: number;
  /** Feed messages the ingest stage read (whole run, warm-up included). */
  readonly eventsIn: number;
  /** Orders the decision workers enqueued (whole run). */
  readonly ordersSent: number;
  /** Orders that got a terminal completion (FILLED, CANCELED, REJECTED, LOCAL_REJECT). */
  readonly completions: number;
  readonly lostOrders: number;
  /** Ingest stamp → order enqueued, measured window only. */
  readonly decision: PercentileSummary;
  /** Enqueued → venue's first answer (ours only; empty for the baseline). */
  readonly execution: PercentileSummary;
  /** GC entries in the hot threads during the measured window; -1 = not measured. */
  readonly gcEventsInHotWorkers: number;
  readonly notes: readonly string[];
}

/** Polls `done` every few ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(10);
  }
  return done();
}

/** Rejects after `ms` so no stage can hang the bench. */
export async function bounded<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
