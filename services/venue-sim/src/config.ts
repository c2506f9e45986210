// venue-sim configuration: one zod schema for the programmatic API and the CLI. The engine part
// (acks, rejects, fills, stalls) is transport independent; `ouch` configures the OUCH 4.2 /
// SoupBinTCP acceptor. Every random choice comes from one seeded generator, so a run replays.
import { z } from 'zod';

export const VenueSimErrorCode = {
  BAD_CONFIG: 'VENUE_SIM_BAD_CONFIG',
  CLOSED: 'VENUE_SIM_CLOSED',
} as const;
export type VenueSimErrorCode = (typeof VenueSimErrorCode)[keyof typeof VenueSimErrorCode];

export class VenueSimError extends Error {
  readonly code: VenueSimErrorCode;
  constructor(code: VenueSimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VenueSimError';
    this.code = code;
  }
}

const printable = /^[\x20-\x7e]*$/;
/** One OUCH reason character: an ASCII letter or digit. */
const reasonChar = z.string().regex(/^[A-Za-z0-9]$/, 'a reason is one ASCII letter or digit');

/** How long the venue takes before it processes a command (ack delay). */
export const ackDelaySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), ms: z.number().min(0).max(60_000) }),
  z
    .strictObject({
      kind: z.literal('uniform'),
      minMs: z.number().min(0).max(60_000),
      maxMs: z.number().min(0).max(60_000),
    })
    .refine((d) => d.minMs <= d.maxMs, 'uniform: minMs must not exceed maxMs'),
  /** exp(N(ln median, sigma)), capped at maxMs: a long right tail like real venues. */
  z.strictObject({
    kind: z.literal('lognormal'),
    medianMs: z.number().positive().max(60_000),
    sigma: z.number().min(0).max(4),
    maxMs: z.number().positive().max(60_000).default(1000),
  }),
]);
export type AckDelayConfig = z.output<typeof ackDelaySchema>;

const engineSchema = z
  .strictObject({
    seed: z.int().min(0).max(0xffffffff).default(1),
    ackDelay: ackDelaySchema.default({ kind: 'fixed', ms: 0 }),
    /** Fraction of valid new orders rejected at random (0..1). */
    rejectRatio: z.number().min(0).max(1).default(0),
    /** Reasons drawn (uniformly) for random rejects. */
    rejectReasons: z.array(reasonChar).min(1).default(['X', 'Z', 'R', 'H']),
    /** Reason of the Rejected sent for a token already used by the same user. */
    duplicateTokenReason: reasonChar.default('O'),
    /** Orders above this size are rejected ('Z': shares exceed the safety threshold). */
    maxShares: z.int().positive().max(0xffffffff).default(1_000_000),
    fill: z
      .strictObject({
        /** Probability that an accepted order fills completely at once. */
        full: z.number().min(0).max(1).default(1),
        /** Probability that it fills partly at once (the rest rests, or is canceled if IOC). */
        partial: z.number().min(0).max(1).default(0),
        /** Fraction of the shares a partial fill executes (rounded down, at least 1 share). */
        partialFraction: z.number().gt(0).lt(1).default(0.5),
      })
      .refine((f) => f.full + f.partial <= 1, 'fill: full + partial must not exceed 1')
      .default({ full: 1, partial: 0, partialFraction: 0.5 }),
    /** Periodic stall windows: stop acking for durationMs every everyMs, then release the queue. */
    stalls: z
      .strictObject({ everyMs: z.int().positive(), durationMs: z.int().positive() })
      .refine((s) => s.durationMs < s.everyMs, 'stalls: durationMs must be shorter than everyMs')
      .optional(),
    /** Commands waiting beyond this are rejected at once ('O'), counted as overflow. */
    maxPending: z.int().positive().default(100_000),
  })
  .default({
    seed: 1,
    ackDelay: { kind: 'fixed', ms: 0 },
    rejectRatio: 0,
    rejectReasons: ['X', 'Z', 'R', 'H'],
    duplicateTokenReason: 'O',
    maxShares: 1_000_000,
    fill: { full: 1, partial: 0, partialFraction: 0.5 },
    maxPending: 100_000,
  });
export type VenueEngineConfig = z.output<typeof engineSchema>;

export const venueSimConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.int().min(0).max(65535).default(0),
    /** SoupBinTCP session name (1..10 printable characters). */
    session: z
      .string()
      .min(1)
      .max(10)
      .regex(printable)
      .refine((s) => s.trim() === s, 'session must not start or end with spaces')
      .default('VENUE1'),
    /** When set, OUCH users must log in with this password (any username: one stream per user). */
    password: z.string().max(10).regex(printable).optional(),
    heartbeatIntervalMs: z.int().positive().default(1000),
    idleTimeoutMs: z.int().positive().default(15000),
    engine: engineSchema,
    /** Forced disconnects: drop the sending session after every Nth order, and/or at given times. */
    disconnect: z
      .strictObject({
        everyOrders: z.int().positive().optional(),
        /** Milliseconds after start at which every session is dropped. */
        atMs: z.array(z.int().min(0)).max(1000).default([]),
      })
      .default({ atMs: [] }),
  })
  .default({
    host: '127.0.0.1',
    port: 0,
    session: 'VENUE1',
    heartbeatIntervalMs: 1000,
    idleTimeoutMs: 15000,
    engine: {
      seed: 1,
      ackDelay: { kind: 'fixed', ms: 0 },
      rejectRatio: 0,
      rejectReasons: ['X', 'Z', 'R', 'H'],
      duplicateTokenReason: 'O',
      maxShares: 1_000_000,
      fill: { full: 1, partial: 0, partialFraction: 0.5 },
      maxPending: 100_000,
    },
    disconnect: { atMs: [] },
  });

export type VenueSimConfig = z.output<typeof venueSimConfigSchema>;
export type VenueSimConfigInput = z.input<typeof venueSimConfigSchema>;

function problems(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
}

/** Validates and fills defaults; throws VenueSimError(BAD_CONFIG) listing every problem. */
export function parseVenueSimConfig(input: unknown): VenueSimConfig {
  const r = venueSimConfigSchema.safeParse(input ?? {});
  if (!r.success) {
    throw new VenueSimError(VenueSimErrorCode.BAD_CONFIG, `invalid venue-sim config: ${problems(r.error)}`, {
      cause: r.error,
    });
  }
  return r.data;
}

/** The engine part alone (for a transport that embeds the engine). */
export function parseVenueEngineConfig(input: unknown): VenueEngineConfig {
  const r = engineSchema.safeParse(input ?? {});
  if (!r.success) {
    throw new VenueSimError(
      VenueSimErrorCode.BAD_CONFIG,
      `invalid venue engine config: ${problems(r.error)}`,
      {
        cause: r.error,
      },
    );
  }
  return r.data;
}
