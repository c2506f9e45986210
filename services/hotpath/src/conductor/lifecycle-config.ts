// The lifecycle's configuration (zod). Control plane: throws ConductorError INVALID_CONFIG.
import { z } from 'zod';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';

const LifecycleConfigSchema = z
  .object({
    /** Decision-latency budget: a window's p99 must stay under it (warm-up and READY). */
    decisionP99BudgetNs: z.number().positive().finite(),
    /** K: consecutive stable windows that end warm-up. */
    warmUpWindows: z.number().int().min(1).max(1_000).default(5),
    /** Stable means max/min of the K window p99s stays under this ratio as well. */
    maxSpreadRatio: z.number().min(1).finite().default(1.5),
    /** DEGRADED → READY only after every condition has been clear this long. */
    recoveryStableNs: z.number().min(0).finite().default(5e9),
    /** Transitions kept in memory (oldest dropped first). */
    historyLimit: z.number().int().min(1).max(100_000).default(256),
  })
  .strict();

export type LifecycleConfigInput = z.input<typeof LifecycleConfigSchema>;
export type LifecycleConfig = z.output<typeof LifecycleConfigSchema>;

export function parseLifecycleConfig(input: unknown): LifecycleConfig {
  const result = LifecycleConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConductorError(
      ConductorErrorCode.INVALID_CONFIG,
      `lifecycle config: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
