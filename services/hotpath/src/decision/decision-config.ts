// Decision workers' configuration, validated once with zod at the controller (control plane):
// a bad config is a DecisionConfigError naming every offending field.
import { z } from 'zod';
import { idleStrategyFromConfig } from '@ringside/ring';
import { ClientOrderId } from '../orders/client-order-id.ts';
import { strategyRegistry } from '../strategies/strategy-registry.ts';

const powerOfTwo = (max: number) =>
  z
    .number()
    .int()
    .min(2)
    .max(max)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two');

const decisionConfig = z.strictObject({
  /** Number of decision worker threads (each its own ring consumer and queue pair). */
  workers: z.number().int().min(1).max(15).default(1),
  strategy: z.strictObject({
    name: z.string().refine((n) => strategyRegistry.has(n), 'unknown strategy'),
    params: z.unknown().optional(),
  }),
  /**
   * Instruments each worker keeps books for; `symbol` presets the stock key before DIRECTORY;
   * `priority: 'low'` instruments are the first skipped under DROP_LOW_PRIORITY (shed-levels.ts).
   */
  instruments: z
    .array(
      z.strictObject({
        locate: z.number().int().min(0).max(65535),
        symbol: z.string().max(8).optional(),
        priority: z.enum(['high', 'low']).default('high'),
      }),
    )
    .min(1),
  /** Load shedding as the workers enforce it (the level comes from the ShedController). */
  shed: z
    .strictObject({
      /**
       * From CONFLATE up, a worker conflates a drained batch when its lag (events received in
       * the batch plus those still waiting in the ring) is above this.
       */
      conflateLagEvents: z.number().int().min(0).default(256),
      /** One INGEST_TO_PROCESSED latency sample per processed event (decision-latency.ts). */
      sampleProcessedLatency: z.boolean().default(false),
    })
    .default({ conflateLagEvents: 256, sampleProcessedLatency: false }),
  book: z.strictObject({ maxOrders: z.number().int().min(1), maxLevels: z.number().int().min(1) }).default({
    maxOrders: 1 << 16,
    maxLevels: 4096,
  }),
  risk: z
    .strictObject({
      maxOrderQty: z.number().int().min(0).default(1000),
      /** Dollars. */
      maxNotional: z.number().min(0).default(100_000),
      maxOpenOrders: z.number().int().min(0).default(64),
      priceBandBps: z.number().min(0).default(500),
    })
    .default({ maxOrderQty: 1000, maxNotional: 100_000, maxOpenOrders: 64, priceBandBps: 500 }),
  /** Idle strategy of each worker; parking strategies sleep on the ring (see idleStrategyFromConfig). */
  idleStrategy: z.string().default('backoff'),
  orderQueueCapacity: powerOfTwo(1 << 20).default(1024),
  completionQueueCapacity: powerOfTwo(1 << 20).default(2048),
  commandQueueCapacity: powerOfTwo(1 << 12).default(64),
  /** Ring events copied per receive. */
  maxBatch: z.number().int().min(1).max(4096).default(64),
  completionLimit: z.number().int().min(1).max(65536).default(64),
  openOrderSlots: powerOfTwo(1 << 20).default(4096),
  pendingSlots: powerOfTwo(1 << 12).default(64),
  sampleCapacity: powerOfTwo(1 << 24).default(4096),
  /**
   * The process run's session epoch, carried in every client order id (client-order-id.ts). The
   * host claims it at start (session-epoch.ts) and sets it here; 0 for standalone use.
   */
  sessionEpoch: z.number().int().min(0).max(ClientOrderId.MAX_EPOCH).default(0),
});

export type DecisionConfigInput = z.input<typeof decisionConfig>;
export type DecisionConfig = z.output<typeof decisionConfig>;

export class DecisionConfigError extends Error {
  override readonly name = 'DecisionConfigError';
  readonly code = 'DECISION_BAD_CONFIG';
}

/** Validates and fills defaults; throws DecisionConfigError listing every problem. */
export function parseDecisionConfig(input: unknown): DecisionConfig {
  const r = decisionConfig.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new DecisionConfigError(`invalid decision config: ${problems.join('; ')}`, { cause: r.error });
  }
  const c = r.data;
  try {
    idleStrategyFromConfig(c.idleStrategy);
  } catch (err) {
    throw new DecisionConfigError(`invalid decision config: idleStrategy: ${String(err)}`, { cause: err });
  }
  if (c.openOrderSlots < 2 * c.risk.maxOpenOrders) {
    throw new DecisionConfigError(
      'invalid decision config: openOrderSlots must be >= 2 × risk.maxOpenOrders',
    );
  }
  return c;
}

/** One line to print: what the workers run with. */
export function describeDecisionConfig(c: DecisionConfig): string {
  return (
    `decision: ${c.workers} worker(s), strategy ${c.strategy.name}, locates ${c.instruments.map((i) => i.locate).join(',')}, ` +
    `session epoch ${c.sessionEpoch}, idle ${c.idleStrategy}, batch ${c.maxBatch}, order queue ${c.orderQueueCapacity}, completion queue ${c.completionQueueCapacity}, ` +
    `risk qty<=${c.risk.maxOrderQty} notional<=$${c.risk.maxNotional} open<=${c.risk.maxOpenOrders} band ${c.risk.priceBandBps}bps, ` +
    `low-priority locates [${c.instruments
      .filter((i) => i.priority === 'low')
      .map((i) => i.locate)
      .join(',')}], conflate above lag ${c.shed.conflateLagEvents}`
  );
}
