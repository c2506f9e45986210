// Wires the approvals service together: NATS connection, KV bucket, audit stream, signer and
// gRPC server. Everything durable is in JetStream, so a restarted service (or a second
// instance) picks up exactly where the last one left off.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { Approvals } from './approvals.ts';
import { AuditLog } from './audit-log.ts';
import { approvalsNatsTarget } from './config.ts';
import type { ApprovalsConfig } from './config.ts';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';
import { startApprovalsGrpcServer } from './grpc-server.ts';
import { RequestStore } from './request-store.ts';
import { loadSigner } from './signer.ts';

export interface ApprovalsServiceHandle {
  readonly port: number;
  /** Give this to verifiers (the hot path). */
  readonly publicKey: string;
  readonly approvals: Approvals;
  close(): Promise<void>;
}

export interface ApprovalsServiceOptions {
  /** Wall clock, unix ms; tests inject one to exercise expiry. */
  readonly now?: () => number;
}

export async function startApprovalsService(
  config: ApprovalsConfig,
  logger: Logger,
  options: ApprovalsServiceOptions = {},
): Promise<ApprovalsServiceHandle> {
  const signer = loadSigner(config.seedFile);
  const now = options.now ?? Date.now;
  let nc: NatsConnection;
  try {
    // Reconnect forever once up (LIBRARY-NOTES: the default closes after 10 attempts), but fail
    // fast at start so a wrong URL or a refused login is reported instead of waited on.
    nc = await connect({
      ...approvalsNatsTarget(config),
      maxReconnectAttempts: -1,
      name: 'ringside-approvals',
    });
  } catch (err) {
    const as = config.natsUser === undefined ? '' : ` as user ${config.natsUser}`;
    const why = err instanceof Error ? err.message : String(err);
    throw new ApprovalsError(
      ApprovalsErrorCode.UNAVAILABLE,
      `cannot connect to NATS at ${config.natsUrl}${as}: ${why}`,
      { cause: err },
    );
  }
  try {
    const store = await RequestStore.open(nc, config.bucket);
    const audit = await AuditLog.open(nc, config.auditStream, config.auditSubject, now);
    const approvals = new Approvals(store, audit, signer, {
      twoPersonActions: new Set(config.twoPersonActions),
      tokenTtlMs: config.tokenTtlMs,
      now,
    });
    const grpc = await startApprovalsGrpcServer(approvals, {
      host: config.grpcHost,
      port: config.grpcPort,
      logger,
    });
    void (async () => {
      for await (const s of nc.status()) logger.warn({ nats: s.type }, 'NATS connection status');
    })();
    let closed: Promise<void> | undefined;
    return {
      port: grpc.port,
      publicKey: approvals.publicKey,
      approvals,
      close: () =>
        (closed ??= (async () => {
          await grpc.close();
          await nc.drain();
        })()),
    };
  } catch (err) {
    await nc.close();
    throw err;
  }
}
