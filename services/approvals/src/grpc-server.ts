// ApprovalsService over gRPC: decodes nothing itself (ts-proto did), validates through the
// workflow, and maps ApprovalsError codes one-to-one to gRPC status codes. Anything else is
// INTERNAL with a generic message (details go to the log, not to the caller).
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall, ServiceError } from '@grpc/grpc-js';
import { ApprovalsServiceService, ListFilter, TokenVerdict } from '@ringside/contracts';
import type { ApprovalsServiceServer, AuditRecord } from '@ringside/contracts';
import type { Logger } from 'pino';
import type { Approvals, ListFilterName } from './approvals.ts';
import type { StoredAuditRecord } from './audit-log.ts';
import { ApprovalsError, ApprovalsErrorCode, grpcStatusOf } from './errors.ts';
import { timestamp, toWire } from './request-record.ts';
import { TokenStatus } from '@ringside/approval-token';

export interface ApprovalsGrpcServer {
  readonly port: number;
  /** Graceful shutdown, forced after graceMs. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;
const DEFAULT_AUDIT_LIMIT = 1000;
const MAX_AUDIT_LIMIT = 10_000;

const VERDICT = {
  [TokenStatus.OK]: TokenVerdict.OK,
  [TokenStatus.BAD_SIGNATURE]: TokenVerdict.BAD_SIGNATURE,
  [TokenStatus.EXPIRED]: TokenVerdict.EXPIRED,
  [TokenStatus.WRONG_SCOPE]: TokenVerdict.WRONG_SCOPE,
  [TokenStatus.REUSED]: TokenVerdict.REUSED,
  [TokenStatus.MALFORMED]: TokenVerdict.MALFORMED,
} as const;

function invalid(message: string): ApprovalsError {
  return new ApprovalsError(ApprovalsErrorCode.INVALID_ARGUMENT, message);
}

function listFilter(f: number): ListFilterName {
  if (f === ListFilter.UNSPECIFIED) return 'all';
  if (f === ListFilter.PENDING) return 'pending';
  if (f === ListFilter.DECIDED) return 'decided';
  throw invalid(`filter ${f} is not PENDING, DECIDED or unspecified (all)`);
}

function limitOf(limit: number, dflt: number, max: number): number {
  if (limit > max) throw invalid(`limit is at most ${max}`);
  return limit === 0 ? dflt : limit;
}

function auditRecord(r: StoredAuditRecord): AuditRecord {
  return {
    seq: r.seq,
    at: timestamp(r.at),
    kind: r.kind,
    requestId: r.requestId,
    actor: r.actor,
    detailJson: JSON.stringify(r.detail),
  };
}

/** Wraps an async handler: resolves to the reply, or to a status error the client can act on. */
function unary<Req, Res>(
  logger: Logger,
  name: string,
  fn: (req: Req) => Promise<Res>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    fn(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => {
        if (err instanceof ApprovalsError) {
          logger.info({ rpc: name, code: err.code }, err.message);
          callback({ code: grpcStatusOf(err.code), details: err.message } as Partial<ServiceError>, null);
        } else {
          logger.error({ rpc: name, err }, 'unexpected failure');
          callback(
            { code: status.INTERNAL, details: `${name} failed unexpectedly` } as Partial<ServiceError>,
            null,
          );
        }
      },
    );
  };
}

function handlers(approvals: Approvals, logger: Logger): ApprovalsServiceServer {
  return {
    createRequest: unary(logger, 'CreateRequest', async (req) => {
      const { rec, revision } = await approvals.create(req);
      return { request: toWire(rec, revision) };
    }),
    listRequests: unary(logger, 'ListRequests', async (req) => {
      const found = await approvals.list(
        listFilter(req.filter),
        limitOf(req.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT),
      );
      return { requests: found.map((r) => toWire(r.rec, r.revision)) };
    }),
    getRequest: unary(logger, 'GetRequest', async (req) => {
      const { rec, revision } = await approvals.get(req.id);
      return { request: toWire(rec, revision) };
    }),
    approve: unary(logger, 'Approve', async (req) => {
      const r = await approvals.approve(req);
      return { request: toWire(r.request.rec, r.request.revision), token: r.token ?? '' };
    }),
    deny: unary(logger, 'Deny', async (req) => {
      const { rec, revision } = await approvals.deny(req);
      return { request: toWire(rec, revision) };
    }),
    verifyToken: unary(logger, 'VerifyToken', async (req) => {
      const r = await approvals.verify(req);
      return { verdict: VERDICT[r.status], tokenId: r.tokenId, requestId: r.requestId };
    }),
    getAuditLog: unary(logger, 'GetAuditLog', async (req) => {
      if (req.toSeq !== 0 && req.toSeq < req.fromSeq)
        throw invalid('to_seq must be 0 (the end) or >= from_seq');
      const { records, lastSeq } = await approvals.auditLog({
        fromSeq: req.fromSeq,
        toSeq: req.toSeq,
        limit: limitOf(req.limit, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT),
        requestId: req.requestId,
      });
      return { records: records.map(auditRecord), lastSeq };
    }),
  };
}

export async function startApprovalsGrpcServer(
  approvals: Approvals,
  options: { host: string; port: number; logger: Logger },
): Promise<ApprovalsGrpcServer> {
  const server = new Server();
  server.addService(ApprovalsServiceService, handlers(approvals, options.logger));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });
  return {
    port,
    close: (graceMs = 2_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
