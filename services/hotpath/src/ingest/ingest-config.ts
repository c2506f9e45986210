// Ingest configuration: which feed source, and how the worker runs. Validated once with zod at
// the controller (control plane); a bad config is an IngestError BAD_CONFIG whose message names
// every offending field, never a half-started worker.
import { z } from 'zod';
import { idleStrategyFromConfig } from '@ringside/ring';
import { IngestError, IngestErrorCode } from './ingest-error.ts';

const positiveInt = z.number().int().positive();

/** A SoupBinTCP session carrying ITCH 5.0 (live feed or feed-sim). */
const tcpSource = z.strictObject({
  kind: z.literal('tcp'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  /** SoupBinTCP username (up to 6 characters) and password (up to 10). */
  username: z.string().max(6).default('ingest'),
  password: z.string().max(10).default(''),
  /** Session to join, '' = the current one. */
  session: z.string().max(10).default(''),
  /** First sequence number to request (1 = from the start of the session). */
  firstSequence: positiveInt.default(1),
  /** The socket's static read buffer (one per connection, reused by every read). */
  readBufferBytes: z
    .number()
    .int()
    .min(4096)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  reconnectDelayMs: positiveInt.default(50),
  maxReconnectDelayMs: positiveInt.default(2000),
  heartbeatIntervalMs: positiveInt.default(1000),
  idleTimeoutMs: positiveInt.default(15000),
});

/** An ITCH file with NASDAQ framing (2-byte length before each message), read into memory. */
const fileSource = z.strictObject({
  kind: z.literal('file'),
  path: z.string().min(1),
  /** Replay the file this many times (sequence numbers keep increasing across loops). */
  loops: positiveInt.default(1),
  /** Messages per duty cycle: one ingest stamp and one ring publish per batch. */
  batchMessages: z.number().int().min(1).max(65536).default(256),
});

/** feed-sim's synthetic ITCH generator, run in-process. */
const generatorSource = z.strictObject({
  kind: z.literal('generator'),
  seed: z.number().int().default(1),
  /** Messages to generate in total. */
  messages: positiveInt,
  /** Instruments (stock locates 1..n). */
  instruments: z.number().int().min(1).max(1000).default(8),
  batchMessages: z.number().int().min(1).max(65536).default(256),
});

const ingestConfig = z.strictObject({
  source: z.discriminatedUnion('kind', [tcpSource, fileSource, generatorSource]),
  /** Idle strategy of the file/generator agent (see idleStrategyFromConfig). */
  idleStrategy: z.string().default('backoff'),
  /** BroadcastProducer TAIL_INTENT chunk (default: the ring's). */
  intentChunk: positiveInt.optional(),
  /** Latency sample ring capacity (power of two). */
  sampleCapacity: z
    .number()
    .int()
    .min(2)
    .max(1 << 24)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two')
    .default(4096),
});

export type IngestConfigInput = z.input<typeof ingestConfig>;
export type IngestConfig = z.output<typeof ingestConfig>;
export type TcpSourceConfig = z.output<typeof tcpSource>;
export type FileSourceConfig = z.output<typeof fileSource>;
export type GeneratorSourceConfig = z.output<typeof generatorSource>;

/** Validates and fills defaults; throws IngestError BAD_CONFIG listing every problem. */
export function parseIngestConfig(input: unknown): IngestConfig {
  const r = ingestConfig.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new IngestError(IngestErrorCode.BAD_CONFIG, `invalid ingest config: ${problems.join('; ')}`, {
      cause: r.error,
    });
  }
  try {
    idleStrategyFromConfig(r.data.idleStrategy);
  } catch (err) {
    throw new IngestError(
      IngestErrorCode.BAD_CONFIG,
      `invalid ingest config: idleStrategy: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return r.data;
}
