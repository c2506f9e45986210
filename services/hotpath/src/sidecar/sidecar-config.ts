// The sidecar's configuration (zod): where to publish, how often, and the name tables that
// turn the hot path's integer tags into telemetry names. Control plane: throws SidecarError.
// Credentials: the sidecar connects as its host's NATS user (deploy/nats/users.conf:
// hotpath_<host>, allowed to publish only ringside.<host>.*); without them it connects
// anonymously, which only an open server (deploy/nats/nats.conf) accepts.
import { z } from 'zod';
import { checkNatsCredentials, natsCredentialFields, natsTarget } from '@ringside/nats-auth';
import type { NatsTarget } from '@ringside/nats-auth';
import { SidecarError, SidecarErrorCode } from './sidecar-error.ts';

const SidecarConfigSchema = z
  .object({
    /** Hot-path host name: the <host> of `ringside.<host>.<kind>`. */
    host: z.string().regex(/^[A-Za-z0-9_-]+$/, 'host must be one NATS subject token'),
    /** Process incarnation; default: a random UUID per sidecar start. */
    bootId: z.string().min(1).optional(),
    /** NATS server URL(s). */
    natsServers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    ...natsCredentialFields,
    /** Collection and publish period. */
    intervalMs: z.number().int().min(10).max(60_000).default(1_000),
    /** Messages held while NATS is down or slow; the oldest is dropped (and counted) beyond. */
    outboxCapacity: z.number().int().min(1).max(1_000_000).default(1_024),
    /** Most messages handed to the NATS client per interval (bounds the client's own buffer). */
    publishLimitPerTick: z.number().int().min(1).max(1_000_000).default(4_096),
    /** Delay between reconnect attempts. */
    reconnectTimeWaitMs: z.number().int().min(10).max(60_000).default(500),
    /** Sample-ring tag → histogram name, e.g. {"1": "ingest_to_publish"}. */
    latencyTags: z.record(z.string().regex(/^-?\d+$/), z.string().min(1)).default({}),
    /** TRACE_FIELD.STRATEGY index → strategy name. */
    strategyNames: z.array(z.string()).default([]),
    /** TRACE_FIELD.REASON index → reason text (index 0 = no reason). */
    reasonNames: z.array(z.string()).default([]),
    /**
     * Order traces: the host's gateway samples every traceEvery-th order it answers (warm-up
     * sink included, tagged untrusted) into a trace ring of traceCapacity records (a power of
     * two) that this sidecar publishes on ringside.<host>.traces. 0 = no traces.
     */
    traceEvery: z.number().int().min(0).max(0x7fffffff).default(100),
    traceCapacity: z
      .number()
      .int()
      .min(2)
      .max(1 << 16)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two')
      .default(1024),
    /** Most trace records and events read per ring / queue per interval. */
    traceLimitPerTick: z.number().int().min(1).max(1_000_000).default(1_000),
    eventLimitPerTick: z.number().int().min(1).max(1_000_000).default(1_000),
  })
  .strict()
  .superRefine(checkNatsCredentials);

export type SidecarConfigInput = z.input<typeof SidecarConfigSchema>;
export type SidecarConfig = z.output<typeof SidecarConfigSchema>;

export function parseSidecarConfig(input: unknown): SidecarConfig {
  const result = SidecarConfigSchema.safeParse(input);
  if (!result.success) {
    throw new SidecarError(
      SidecarErrorCode.INVALID_CONFIG,
      `sidecar config: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/** Where and as whom to connect: the servers and credentials part of NATS connect() options. */
export type SidecarNatsTarget = NatsTarget;

export function sidecarNatsTarget(config: SidecarConfig): SidecarNatsTarget {
  return natsTarget(config.natsServers, config);
}
