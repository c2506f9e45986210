// The observer's configuration (zod). Throws ObserverError INVALID_CONFIG.
// Credentials: the observer connects as NATS user `observer` (deploy/nats/users.conf: may
// subscribe ringside.*.>, publish nothing); without them it connects anonymously, which only an
// open server (deploy/nats/nats.conf) accepts.
import { z } from 'zod';
import { checkNatsCredentials, natsCredentialFields, natsTarget } from '@ringside/nats-auth';
import type { NatsTarget } from '@ringside/nats-auth';
import { ObserverError, ObserverErrorCode } from './observer-error.ts';

const ObserverConfigSchema = z
  .object({
    /** NATS server URL(s) the sidecars publish to. */
    natsServers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    ...natsCredentialFields,
    prometheus: z
      .object({
        /** Interface of the /metrics endpoint. */
        host: z.string().min(1).default('127.0.0.1'),
        /** Port of the /metrics endpoint; 0 = a free port (reported once listening). */
        port: z.number().int().min(0).max(65_535).default(9464),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 9464 }),
    /** OTLP/HTTP protobuf traces endpoint, e.g. http://127.0.0.1:4318/v1/traces; absent = no traces. */
    otlpTracesUrl: z.url().optional(),
    /** Batch span processor delay before an export. */
    traceExportDelayMs: z.number().int().min(10).max(60_000).default(1_000),
    /** A host that sent nothing for this long shows as down (ringside_host_up 0). */
    staleAfterMs: z.number().int().min(100).max(3_600_000).default(5_000),
    /** Latency quantiles cover the histograms received within this window. */
    latencyWindowMs: z.number().int().min(100).max(3_600_000).default(10_000),
    /** OpenTelemetry service.name of the exported spans and metrics. */
    serviceName: z.string().min(1).default('ringside-hotpath'),
  })
  .strict()
  .superRefine(checkNatsCredentials);

export type ObserverConfigInput = z.input<typeof ObserverConfigSchema>;
export type ObserverConfig = z.output<typeof ObserverConfigSchema>;

export function parseObserverConfig(input: unknown): ObserverConfig {
  const result = ObserverConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ObserverError(
      ObserverErrorCode.INVALID_CONFIG,
      `observer config: ${z.prettifyError(result.error)}`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}

/** Where and as whom to connect: the servers and credentials part of NATS connect() options. */
export type ObserverNatsTarget = NatsTarget;

export function observerNatsTarget(config: ObserverConfig): ObserverNatsTarget {
  return natsTarget(config.natsServers, config);
}
