// The gateway's configuration, validated once with zod at the controller (control plane).
import { z } from 'zod';

const powerOfTwo = (max: number) =>
  z
    .number()
    .int()
    .min(2)
    .max(max)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two');

/** OUCH 4.2 over SoupBinTCP (services/hotpath/src/gateway/ouch). */
const ouchVenue = z.strictObject({
  kind: z.literal('ouch'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(6),
  password: z.string().max(10).default(''),
  /** 3 of [0-9A-Z]; default: from the start time (minutes), so tokens differ between runs. */
  tokenPrefix: z
    .string()
    .regex(/^[0-9A-Z]{3}$/)
    .optional(),
  firm: z.string().max(4).default('RNGS'),
  heartbeatIntervalMs: z.number().int().min(1).default(1000),
  idleTimeoutMs: z.number().int().min(1).default(15000),
  reconnectDelayMs: z.number().int().min(1).default(50),
  sendHighWaterBytes: z
    .number()
    .int()
    .min(1)
    .default(1 << 20),
});

/** FIX 4.4 through jspurefix (services/hotpath/src/gateway/fix): the second venue adapter. */
const fixVenue = z.strictObject({
  kind: z.literal('fix'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  senderCompId: z.string().min(1).max(32),
  targetCompId: z.string().min(1).max(32),
  heartbeatSeconds: z.number().int().min(1).default(30),
  resetSeqNumOnLogon: z.boolean().default(true),
  reconnectDelayMs: z.number().int().min(1).default(50),
  sendHighWaterBytes: z
    .number()
    .int()
    .min(1)
    .default(1 << 20),
});

const gatewayConfig = z.strictObject({
  venue: z.discriminatedUnion('kind', [ouchVenue, fixVenue]),
  /** No first answer within this long → TIMEOUT completion (the answer is still delivered later). */
  timeoutMs: z.number().min(0.1).default(250),
  maxInFlight: z
    .number()
    .int()
    .min(1)
    .max(1 << 20)
    .default(8192),
  drainLimit: z.number().int().min(1).max(65536).default(64),
  backlogCapacity: powerOfTwo(1 << 20).default(8192),
  sampleCapacity: powerOfTwo(1 << 24).default(1 << 16),
  burst: z.number().int().min(1).default(16),
  spinTurns: z.number().int().min(1).default(64),
  maxParkMs: z.number().min(0.1).default(50),
});

export type GatewayConfigInput = z.input<typeof gatewayConfig>;
export type GatewayConfig = z.output<typeof gatewayConfig>;

export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  readonly code = 'GATEWAY_BAD_CONFIG';
}

export function parseGatewayConfig(input: unknown): GatewayConfig {
  const r = gatewayConfig.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new GatewayConfigError(`invalid gateway config: ${problems.join('; ')}`, { cause: r.error });
  }
  return r.data;
}

/** One line to print: what the gateway runs with. */
export function describeGatewayConfig(c: GatewayConfig): string {
  return (
    `gateway: ${c.venue.kind} ${c.venue.host}:${c.venue.port} ` +
    `${c.venue.kind === 'ouch' ? `user ${c.venue.username}` : `${c.venue.senderCompId}->${c.venue.targetCompId}`}, ` +
    `timeout ${c.timeoutMs} ms, ` +
    `maxInFlight ${c.maxInFlight}, drainLimit ${c.drainLimit}, backlog ${c.backlogCapacity}, burst ${c.burst}, ` +
    `spinTurns ${c.spinTurns}, maxPark ${c.maxParkMs} ms`
  );
}
