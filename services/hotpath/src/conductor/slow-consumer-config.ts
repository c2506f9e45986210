// The slow-consumer policy's configuration (zod). Control plane: throws ConductorError.
import { z } from 'zod';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';

const SlowConsumerConfigSchema = z
  .object({
    /** Lag (published events not yet received) above which a consumer counts as slow. */
    lagHighWater: z.number().int().min(1),
    /** How long the lag must stay above the high-water mark before the consumer is isolated. */
    graceNs: z.number().min(0).finite(),
    /** Isolated this long without being lapped → readmitted automatically (if autoReadmit). */
    restNs: z.number().min(0).finite(),
    autoReadmit: z.boolean().default(true),
    /**
     * Loss while isolated (events skipped or overwritten since isolation) at which an isolated
     * consumer counts as lapped and is dropped; default: the ring's capacity (a whole ring missed).
     */
    dropLossThreshold: z.number().int().min(1).optional(),
  })
  .strict();

export type SlowConsumerConfigInput = z.input<typeof SlowConsumerConfigSchema>;
export type SlowConsumerConfig = z.output<typeof SlowConsumerConfigSchema>;

export function parseSlowConsumerConfig(input: unknown): SlowConsumerConfig {
  const result = SlowConsumerConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConductorError(
      ConductorErrorCode.INVALID_CONFIG,
      `slow-consumer config: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
