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
  })
  .strict()
  .refine((c) => c.lowerRatio < c.raiseRatio, {
    message: 'lowerRatio must be below raiseRatio (hysteresis)',
    path: ['lowerRatio'],
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
