// The gateway's configuration, validated once with zod at the controller (control plane), and
// the route block through which the conductor sends WARM-UP orders to a local sink.
import { z } from 'zod';

/**
 * The gateway's route block: 4 Int32 words and one Float64 (24 bytes) shared by the conductor
 * and the gateway worker, allocated by the conductor (or startGateway).
 *
 *   byte 0          4              8               12             16                   24
 *        +----------+--------------+---------------+--------------+--------------------+
 *        | ROUTE    | SESSION_UP   | SINK_ORDERS   | SINK_ANSWERS | VENUE_SINCE_NS f64 |
 *        +----------+--------------+---------------+--------------+--------------------+
 *   ROUTE          conductor stores, gateway loads once per drained NEW / unknown CANCEL:
 *                  GatewayRoute.VENUE (0) or GatewayRoute.SINK (1, WARM-UP: answered locally)
 *   SESSION_UP     gateway stores: 1 while the venue session is up, 0 otherwise
 *   SINK_ORDERS    gateway stores: commands the sink answered (never sent to the venue)
 *   SINK_ANSWERS   gateway stores: completions the sink wrote
 *   VENUE_SINCE_NS conductor writes BEFORE storing ROUTE = VENUE (the seq-cst store publishes
 *                  it): a NEW enqueued before this monotonic stamp was a warm-up order and
 *                  still goes to the sink, even if the gateway drains it after the flip.
 * Single writer per word; Int32 readers use Atomics.load.
 */
export const GatewayRouteDescriptor = {
  ROUTE_INDEX: 0,
  SESSION_UP_INDEX: 1,
  SINK_ORDERS_INDEX: 2,
  SINK_ANSWERS_INDEX: 3,
  /** Float64 index of VENUE_SINCE_NS (byte 16). */
  VENUE_SINCE_F64_INDEX: 2,
  BYTES: 24,
} as const;

export const GatewayRoute = { VENUE: 0, SINK: 1 } as const;
export type GatewayRouteValue = (typeof GatewayRoute)[keyof typeof GatewayRoute];

/** Conductor side: warm-up is over, orders enqueued from `sinceNs` on go to the venue. */
export function routeToVenue(route: SharedArrayBuffer, sinceNs: number): void {
  new Float64Array(route)[GatewayRouteDescriptor.VENUE_SINCE_F64_INDEX] = sinceNs;
  Atomics.store(new Int32Array(route), GatewayRouteDescriptor.ROUTE_INDEX, GatewayRoute.VENUE);
}

/** A fresh route block, routing to `route` (default the venue). */
export function createGatewayRouteBuffer(route: GatewayRouteValue = GatewayRoute.VENUE): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(GatewayRouteDescriptor.BYTES);
  Atomics.store(new Int32Array(buffer), GatewayRouteDescriptor.ROUTE_INDEX, route);
  return buffer;
}

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
  /** The route block (GatewayRouteDescriptor); set by startGateway, not by a config file. */
  route: z.instanceof(SharedArrayBuffer).optional(),
  /** The trace ring (createTraceRingBuffer) the agent samples orders into; set by startGateway. */
  traces: z.instanceof(SharedArrayBuffer).optional(),
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
