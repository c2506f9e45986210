// feed-sim configuration: one zod schema for the programmatic API and the CLI. Every run is
// bounded: a file ends by itself, a synthetic feed needs durationMs or maxMessages.
import { z } from 'zod';

export const FeedSimErrorCode = {
  BAD_CONFIG: 'FEED_SIM_BAD_CONFIG',
  SOURCE: 'FEED_SIM_SOURCE',
} as const;
export type FeedSimErrorCode = (typeof FeedSimErrorCode)[keyof typeof FeedSimErrorCode];

export class FeedSimError extends Error {
  readonly code: FeedSimErrorCode;
  constructor(code: FeedSimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedSimError';
    this.code = code;
  }
}

const printable = /^[\x20-\x7e]*$/;
const symbol = z
  .string()
  .regex(/^[A-Z][A-Z0-9.]{0,7}$/, 'symbols are 1..8 characters: A-Z first, then A-Z, 0-9 or .');

const fileSource = z.strictObject({
  kind: z.literal('file'),
  /** NASDAQ-framed ITCH 5.0 file (2-byte big-endian length before each message). */
  path: z.string().min(1),
});

const syntheticSource = z.strictObject({
  kind: z.literal('synthetic'),
  symbols: z
    .array(symbol)
    .min(1)
    .max(1000)
    .refine((s) => new Set(s).size === s.length, 'symbols must be unique'),
  seed: z.int().min(0).max(0xffffffff).default(1),
  /** Resting orders the book keeps per symbol and side, roughly. */
  depth: z.int().min(1).max(10_000).default(20),
  /** Starting mid price in dollars. */
  startPrice: z.number().min(1).max(10_000).default(100),
});

const pacing = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('max') }),
  z.strictObject({ mode: z.literal('rate'), messagesPerSecond: z.number().positive().max(10_000_000) }),
  /** Original ITCH timestamps, time scaled: speed 1 = real time, 10 = ten times faster. */
  z.strictObject({ mode: z.literal('timestamps'), speed: z.number().positive().max(1_000_000) }),
]);

const burst = z
  .strictObject({
    /** Rate multiplier during a burst (e.g. 10). */
    multiplier: z.number().min(1).max(1000),
    /** Burst length: the last durationMs of every everyMs period. */
    durationMs: z.int().positive(),
    everyMs: z.int().positive(),
  })
  .refine((b) => b.durationMs < b.everyMs, 'burst durationMs must be shorter than everyMs');

export const feedSimConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.int().min(0).max(65535).default(0),
    /** SoupBinTCP session name; default unique per start so a restart is visible to clients. */
    session: z
      .string()
      .min(1)
      .max(10)
      .regex(printable)
      .refine((s) => s.trim() === s, 'session must not start or end with spaces')
      .optional(),
    /** When set, clients must log in with these credentials. */
    username: z.string().max(6).regex(printable).optional(),
    password: z.string().max(10).regex(printable).optional(),
    source: z.discriminatedUnion('kind', [fileSource, syntheticSource]),
    pacing: pacing.default({ mode: 'max' }),
    burst: burst.optional(),
    /**
     * Shortest wait between paced batches, µs (rate and timestamps pacing). Under 1000 a wait
     * shorter than 1 ms is a blocking sleep in the event loop, so batches stay small (at 100 k
     * msg/s and 100 µs: ~10-15 messages instead of ~120); 1000 = timers only (≥ 1 ms batches).
     */
    paceQuantumUs: z.int().min(0).max(1000).default(100),
    durationMs: z.int().positive().optional(),
    maxMessages: z.int().positive().optional(),
    /** 'listen': stream from the start; 'first-login': wait for the first client. */
    startOn: z.enum(['listen', 'first-login']).default('listen'),
    /** Send End of Session once the source is done (default true). */
    endOfSession: z.boolean().default(true),
    heartbeatIntervalMs: z.int().positive().default(1000),
    idleTimeoutMs: z.int().positive().default(15000),
    store: z
      .strictObject({
        capacityBytes: z.int().min(65538),
        capacityMessages: z.int().positive(),
      })
      .default({ capacityBytes: 64 * 1024 * 1024, capacityMessages: 2 * 1024 * 1024 }),
  })
  .refine((c) => c.burst === undefined || c.pacing.mode === 'rate', {
    message: 'bursts need pacing mode "rate"',
    path: ['burst'],
  })
  .refine((c) => c.source.kind !== 'synthetic' || c.durationMs !== undefined || c.maxMessages !== undefined, {
    message: 'a synthetic feed needs durationMs or maxMessages (every run is bounded)',
    path: ['durationMs'],
  })
  .refine((c) => (c.username === undefined) === (c.password === undefined), {
    message: 'username and password go together',
    path: ['password'],
  });

export type FeedSimConfig = z.output<typeof feedSimConfigSchema>;
export type FeedSimConfigInput = z.input<typeof feedSimConfigSchema>;

/** Validates and fills defaults; throws FeedSimError(BAD_CONFIG) listing every problem. */
export function parseFeedSimConfig(input: unknown): FeedSimConfig {
  const r = feedSimConfigSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new FeedSimError(FeedSimErrorCode.BAD_CONFIG, `invalid feed-sim config: ${problems.join('; ')}`, {
      cause: r.error,
    });
  }
  return r.data;
}
