// Starts the hot path's gRPC admin server on the conductor's thread: AdminService with per-call
// role and approval checks (no interceptors: each handler states its own role and risk), plus
// grpc.health.v1 driven by the backend's readiness, optional reflection. TLS when a cert and key
// are given.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { AdminServiceService } from '@ringside/contracts';
import { HealthImplementation } from 'grpc-health-check';
import type { AdminAuditRecord, AdminBackend } from './admin-backend.ts';
import { AdminError, AdminErrorCode } from './admin-error.ts';
import { adminHandlers } from './admin-handlers.ts';
import { addAdminReflection } from './admin-reflection.ts';
import { RoleTokens } from './admin-roles.ts';
import type { AdminRoleName } from './admin-roles.ts';
import { ApprovalGate } from './approval-gate.ts';
import type { ApprovalConfig } from './approval-gate.ts';
import { TradingSession } from './trading-session.ts';
import type { TradingSessionConfig } from './trading-session.ts';

export const ADMIN_SERVICE_NAME = 'ringside.admin.v1.AdminService';

export interface AdminTlsConfig {
  /** PEM certificate chain and private key. */
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
}

export interface AdminServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly backend: AdminBackend;
  /** Bearer token → role. */
  readonly tokens: Readonly<Record<string, AdminRoleName>>;
  readonly approvals: ApprovalConfig;
  readonly tradingSession: TradingSessionConfig;
  readonly tls?: AdminTlsConfig;
  /** Serve gRPC reflection, loading admin.proto from this proto root (the repo's proto/). */
  readonly reflectionProtoDir?: string;
  /** Wall clock, unix ms (tests move it). Default Date.now. */
  readonly now?: () => number;
  /** Audit hook: one record per admin call with its outcome (method, caller role, result code). */
  readonly audit?: (record: AdminAuditRecord) => void;
}

export interface AdminServerHandle {
  readonly port: number;
  /** Stops accepting calls, lets running ones finish (up to graceMs, default 2 s), then forces. */
  close(graceMs?: number): Promise<void>;
}

function credentialsOf(tls: AdminTlsConfig | undefined): ServerCredentials {
  if (tls === undefined) return ServerCredentials.createInsecure();
  const pem = (v: Buffer | string): Buffer => (typeof v === 'string' ? Buffer.from(v) : v);
  return ServerCredentials.createSsl(null, [{ cert_chain: pem(tls.cert), private_key: pem(tls.key) }], false);
}

export async function startAdminServer(options: AdminServerOptions): Promise<AdminServerHandle> {
  const now = options.now ?? Date.now;
  if (!/^[UA][A-Z2-7]{55}$/.test(options.approvals.publicKey) || options.approvals.host.length === 0)
    throw new AdminError(AdminErrorCode.BAD_CONFIG, 'approvals needs an nkeys public key and a host name');
  const deps = {
    backend: options.backend,
    roles: new RoleTokens(options.tokens),
    approvals: new ApprovalGate(options.approvals, now),
    session: new TradingSession(options.tradingSession),
    now,
    ...(options.audit === undefined ? {} : { audit: options.audit }),
  };
  const server = new Server();
  server.addService(AdminServiceService, adminHandlers(deps));
  const health = new HealthImplementation({ '': 'NOT_SERVING', [ADMIN_SERVICE_NAME]: 'NOT_SERVING' });
  health.addToServer(server);
  if (options.reflectionProtoDir !== undefined) addAdminReflection(server, options.reflectionProtoDir);
  const unsubscribe = options.backend.subscribeServing((serving) => {
    const value = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', value);
    health.setStatus(ADMIN_SERVICE_NAME, value);
  });
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${options.host}:${options.port}`, credentialsOf(options.tls), (err, bound) =>
        err === null ? resolve(bound) : reject(err),
      );
    });
  } catch (err) {
    unsubscribe();
    server.forceShutdown();
    throw new AdminError(AdminErrorCode.BAD_CONFIG, `cannot listen on ${options.host}:${options.port}`, {
      cause: err,
    });
  }
  return {
    port,
    close: (graceMs = 2000) =>
      new Promise<void>((resolve) => {
        unsubscribe();
        const force = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
