// The AdminService implementation: per call, authenticate (bearer role), validate arguments,
// check preconditions, consume an approval for high-risk calls, then ask the backend. The order
// matters: an approval token is consumed only by a call that will otherwise succeed, so a typo in
// a consumer id or a restart during the session does not burn a human's approval. Every call,
// refused or not, ends in one audit record (method, caller role, result code).
import { status } from '@grpc/grpc-js';
import type { Metadata, sendUnaryData, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import type {
  ActionContext,
  AdminServiceServer,
  ConsumerStatus,
  Timestamp,
  WatchRequest,
  WatchResponse,
} from '@ringside/contracts';
import type { AdminAuditRecord, AdminBackend } from './admin-backend.ts';
import { AdminError, AdminErrorCode, grpcErrorOf } from './admin-error.ts';
import { AdminRole } from './admin-roles.ts';
import type { RoleTokens } from './admin-roles.ts';
import type { ApprovalGate } from './approval-gate.ts';
import type { TradingSession } from './trading-session.ts';

export interface AdminHandlerDeps {
  readonly backend: AdminBackend;
  readonly roles: RoleTokens;
  readonly approvals: ApprovalGate;
  readonly session: TradingSession;
  readonly now: () => number;
  /** Called once per admin call with its outcome (default: nothing). Must not throw. */
  readonly audit?: (record: AdminAuditRecord) => void;
}

const MAX_REASON = 512;
const MAX_REQUEST_ID = 128;
const MAX_PARAM_NAME = 64;

function timestampOf(date: Date): Timestamp {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** Every state change says who asked (request id) and why (reason), for the audit trail. */
function reasonOf(context: ActionContext | undefined, action: string): string {
  const reason = context?.reason ?? '';
  const id = context?.requestId ?? '';
  if (reason.length === 0 || reason.length > MAX_REASON || id.length === 0 || id.length > MAX_REQUEST_ID)
    throw new AdminError(
      AdminErrorCode.INVALID_ARGUMENT,
      `${action}: context.request_id (1..${MAX_REQUEST_ID}) and context.reason (1..${MAX_REASON}) are required`,
    );
  return reason;
}

const STATUS_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(status).flatMap(([name, code]) => (typeof code === 'number' ? [[code, name]] : [])),
);

type Audit = (method: string, metadata: Metadata, code: number, details: string) => void;

function auditOf(deps: AdminHandlerDeps): Audit {
  const sink = deps.audit;
  if (sink === undefined) return () => {};
  return (method, metadata, code, details) => {
    try {
      sink({
        method,
        role: deps.roles.identify(metadata) ?? 'anonymous',
        code,
        codeName: STATUS_NAMES.get(code) ?? String(code),
        details,
      });
    } catch {
      // An audit sink failure must not change the caller's answer.
    }
  };
}

export function adminHandlers(deps: AdminHandlerDeps): AdminServiceServer {
  const { backend, roles, approvals, session } = deps;
  const audit = auditOf(deps);

  const unary =
    <Req, Res>(
      method: string,
      handler: (request: Req, metadata: Metadata) => Res,
    ): ((call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void) =>
    (call, callback) => {
      let response: Res;
      try {
        response = handler(call.request, call.metadata);
      } catch (err) {
        const { code, details } = grpcErrorOf(err);
        audit(method, call.metadata, code, details);
        callback({ code, details });
        return;
      }
      audit(method, call.metadata, status.OK, '');
      callback(null, response);
    };

  const watch = (call: ServerWritableStream<WatchRequest, WatchResponse>): void => {
    let unsubscribe: (() => void) | undefined;
    try {
      roles.authorize(call.metadata, AdminRole.VIEWER, 'Watch');
      if (backend.watchStatus === undefined)
        throw new AdminError(
          AdminErrorCode.UNIMPLEMENTED,
          'Watch is not served by this backend: poll Status',
        );
      let open = true;
      const finish = (): void => {
        if (!open) return;
        open = false;
        unsubscribe?.();
      };
      call.on('cancelled', finish);
      call.on('close', finish);
      call.on('error', finish);
      unsubscribe = backend.watchStatus(
        (state) => {
          if (open && !call.cancelled) call.write({ state });
        },
        () => {
          if (!open) return;
          finish();
          call.end();
        },
      );
      if (!open) unsubscribe();
    } catch (err) {
      const e = grpcErrorOf(err);
      audit('Watch', call.metadata, e.code, e.details);
      // grpc-js ends a server stream with a status when the handler emits 'error'.
      call.emit('error', e);
      return;
    }
    audit('Watch', call.metadata, status.OK, '');
  };

  const requireConsumer = (id: number, action: string): void => {
    if (!backend.listConsumers().some((c) => c.id === id))
      throw new AdminError(AdminErrorCode.NOT_FOUND, `${action}: no consumer ${id}`);
  };
  const found = (consumer: ConsumerStatus | undefined, id: number, action: string): ConsumerStatus => {
    if (consumer === undefined)
      throw new AdminError(AdminErrorCode.NOT_FOUND, `${action}: no consumer ${id}`);
    return consumer;
  };

  return {
    status: unary('Status', (_req, md) => {
      roles.authorize(md, AdminRole.VIEWER, 'Status');
      const s = backend.getStatus();
      return {
        state: s.state,
        tradingSessionOpen: session.isOpen(new Date(deps.now())),
        version: s.version,
        startedAt: timestampOf(s.startedAt),
      };
    }),

    watch,

    listConsumers: unary('ListConsumers', (_req, md) => {
      roles.authorize(md, AdminRole.VIEWER, 'ListConsumers');
      return { consumers: [...backend.listConsumers()] };
    }),

    isolateConsumer: unary('IsolateConsumer', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'IsolateConsumer');
      const reason = reasonOf(req.context, 'IsolateConsumer');
      const consumer = found(backend.isolate(req.consumerId, reason), req.consumerId, 'IsolateConsumer');
      return { consumer };
    }),

    readmitConsumer: unary('ReadmitConsumer', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'ReadmitConsumer');
      const reason = reasonOf(req.context, 'ReadmitConsumer');
      requireConsumer(req.consumerId, 'ReadmitConsumer');
      approvals.consume(md, 'ReadmitConsumer', String(req.consumerId));
      const consumer = found(backend.readmit(req.consumerId, reason), req.consumerId, 'ReadmitConsumer');
      return { consumer };
    }),

    dropConsumer: unary('DropConsumer', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'DropConsumer');
      const reason = reasonOf(req.context, 'DropConsumer');
      requireConsumer(req.consumerId, 'DropConsumer');
      approvals.consume(md, 'DropConsumer', String(req.consumerId));
      const consumer = found(backend.drop(req.consumerId, reason), req.consumerId, 'DropConsumer');
      return { consumer };
    }),

    setShedLevel: unary('SetShedLevel', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'SetShedLevel');
      const reason = reasonOf(req.context, 'SetShedLevel');
      const s = backend.getStatus();
      if (req.level > s.maxShedLevel)
        throw new AdminError(
          AdminErrorCode.INVALID_ARGUMENT,
          `SetShedLevel: level must be in [0, ${s.maxShedLevel}], got ${req.level}`,
        );
      // Shedding less than the automatic controller wants lets overload through: high risk.
      if (req.level < s.automaticShedLevel) approvals.consume(md, 'SetShedLevel', String(req.level));
      const change = backend.setShedLevel(req.level, true, reason);
      return { previousLevel: change.previous, level: change.level };
    }),

    halt: unary('Halt', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'Halt');
      const reason = reasonOf(req.context, 'Halt');
      return { state: backend.halt(reason) };
    }),

    resume: unary('Resume', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'Resume');
      const reason = reasonOf(req.context, 'Resume');
      // Resuming order flow after a halt is high risk; resuming when not halted changes nothing.
      if (backend.getStatus().state.halted) approvals.consume(md, 'Resume', approvals.host);
      return { state: backend.resume(reason) };
    }),

    requestRestart: unary('RequestRestart', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'RequestRestart');
      const reason = reasonOf(req.context, 'RequestRestart');
      if (session.isOpen(new Date(deps.now())))
        throw new AdminError(
          AdminErrorCode.FAILED_PRECONDITION,
          'RequestRestart refused: the trading session is open (restarts only outside the session, whatever the approval)',
        );
      approvals.consume(md, 'RequestRestart', approvals.host);
      const { notBefore } = backend.requestRestart(reason);
      return { scheduled: true, notBefore: timestampOf(notBefore) };
    }),

    latencyReport: unary('LatencyReport', (req, md) => {
      roles.authorize(md, AdminRole.VIEWER, 'LatencyReport');
      return backend.latencyReport(req.includeEncoded);
    }),

    setStrategyParam: unary('SetStrategyParam', (req, md) => {
      roles.authorize(md, AdminRole.OPERATOR, 'SetStrategyParam');
      const reason = reasonOf(req.context, 'SetStrategyParam');
      if (backend.setStrategyParam === undefined)
        throw new AdminError(AdminErrorCode.UNIMPLEMENTED, 'SetStrategyParam is not served by this backend');
      if (req.param.length === 0 || req.param.length > MAX_PARAM_NAME)
        throw new AdminError(
          AdminErrorCode.INVALID_ARGUMENT,
          `SetStrategyParam: param name (1..${MAX_PARAM_NAME} characters) is required`,
        );
      if (!Number.isFinite(req.value))
        throw new AdminError(
          AdminErrorCode.INVALID_ARGUMENT,
          `SetStrategyParam: value must be a finite number, got ${req.value}`,
        );
      const change = backend.setStrategyParam(req.workerId, req.param, req.value, reason);
      return { strategy: change.strategy, paramId: change.paramId, queued: true };
    }),
  };
}
