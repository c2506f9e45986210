// The shed controller's configuration (zod). Control plane: throws ConductorError INVALID_CONFIG.
import { z } from 'zod';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';

const ShedConfigSchema = z
  .object({
    /** Decision-latency budget: the p99 of processed events each window must stay under. */
    decisionP99BudgetNs: z.number().positive().finite(),
    /** A window whose p99 exceeds budget × raiseRatio raises the level by one. */
    raiseRatio: z.number().positive().finite().default(1),
    /**
     * A window whose p99 is under budget × lowerRatio is quiet; lowerAfterWindows quiet windows
     * in a row lower the level by one. Below raiseRatio, so a p99 between the two holds the level.
     */
    lowerRatio: z.number().positive().finite().default(0.7),
    lowerAfterWindows: z.number().int().min(1).max(1_000_000).default(5),
    /** An automatic change waits until the current automatic level has been held this long. */
    minDwellNs: z.number().min(0).finite().default(1e9),
    /** Windows that processed fewer events than this carry no evidence: they change nothing. */
    minProcessed: z.number().int().min(0).default(1),
    // ── Leading indicators (observeLoad, every conductor tick): the least-lagging active
    // consumer's lag behind the ring tail and its growth (every worker behind = overload; one
    // behind = a slow consumer, which the slow-consumer policy isolates instead). A p99 window
    // only shows a burst after the events queued behind it were processed; the lag shows it
    // while it is queueing.
    /** Lag at or above this (and not shrinking) is overload: queued events wait too long. */
    raiseLagEvents: z.number().int().min(1).default(4096),
    /** Lag growing at least this fast (events/s, tick to tick) while above growthMinLagEvents is a burst. */
    raiseLagGrowthPerSec: z.number().positive().finite().default(100_000),
    growthMinLagEvents: z.number().int().min(0).default(1024),
    /** Consecutive ticks with lag evidence before a raise (1 = the first tick; 2 rides out one stall). */
    lagRaiseTicks: z.number().int().min(1).max(1000).default(2),
    /** Lag evidence raises only once the current automatic level has been held this long. */
    lagRaiseDwellNs: z.number().min(0).finite().default(250e6),
    /**
     * Lowering also needs the load to be gone, not only the p99: every active consumer's lag at
     * or under drainedLagEvents for lowerCalmNs.
     */
    drainedLagEvents: z.number().int().min(0).default(1024),
    lowerCalmNs: z.number().min(0).finite().default(1e9),
    /**
     * Optional: conflation faster than this (callbacks/s, tick to tick) also counts as load. Off
     * by default: parking workers conflate at CONFLATE and above whenever they wake to more than
     * conflateLagEvents, even under light load (seen in the host at 100 k msg/s: calm reset every
     * 50–400 ms), which would hold the level for ever. Workers that only fall that far behind
     * under overload (the capacity bench's spinning-while-busy pipeline) can use it.
     */
    calmConflatedPerSec: z.number().min(0).finite().optional(),
  })
  .strict()
  .refine((c) => c.lowerRatio < c.raiseRatio, {
    message: 'lowerRatio must be below raiseRatio (hysteresis)',
    path: ['lowerRatio'],
  })
  .refine((c) => c.drainedLagEvents < c.raiseLagEvents, {
    message: 'drainedLagEvents must be below raiseLagEvents (hysteresis)',
    path: ['drainedLagEvents'],
  });

export type ShedConfigInput = z.input<typeof ShedConfigSchema>;
export type ShedConfig = z.output<typeof ShedConfigSchema>;

export function parseShedConfig(input: unknown): ShedConfig {
  const result = ShedConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConductorError(
      ConductorErrorCode.INVALID_CONFIG,
      `shed config: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
