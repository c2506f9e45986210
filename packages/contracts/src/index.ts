// Public API of @ringside/contracts: the wire contracts, generated from proto/ by
// scripts/gen-proto.sh (ts-proto through buf), plus the NATS telemetry subjects.
// Each message name is both a type and a codec object (encode/decode/fromPartial/fromJSON).

export {
  ConsumerState,
  ConsumerStatus,
  Counter,
  Event,
  Histogram,
  LifecycleState,
  MetricsSnapshot,
  OrderStatus,
  OrderTrace,
  Stamp,
  StateSnapshot,
  consumerStateFromJSON,
  consumerStateToJSON,
  lifecycleStateFromJSON,
  lifecycleStateToJSON,
  orderStatusFromJSON,
  orderStatusToJSON,
} from './gen/ringside/telemetry/v1/telemetry.ts';
export type { MessageFns } from './gen/ringside/telemetry/v1/telemetry.ts';

export {
  ActionContext,
  AdminServiceClient,
  AdminServiceService,
  Approval,
  DropConsumerRequest,
  DropConsumerResponse,
  HaltRequest,
  HaltResponse,
  IsolateConsumerRequest,
  IsolateConsumerResponse,
  LatencyReportRequest,
  LatencyReportResponse,
  ListConsumersRequest,
  ListConsumersResponse,
  ReadmitConsumerRequest,
  ReadmitConsumerResponse,
  RequestRestartRequest,
  RequestRestartResponse,
  ResumeRequest,
  ResumeResponse,
  SetShedLevelRequest,
  SetShedLevelResponse,
  SetStrategyParamRequest,
  SetStrategyParamResponse,
  StatusRequest,
  StatusResponse,
  WatchRequest,
  WatchResponse,
} from './gen/ringside/admin/v1/admin.ts';
export type { AdminServiceServer } from './gen/ringside/admin/v1/admin.ts';

export {
  ApprovalRequest,
  ApprovalsServiceClient,
  ApprovalsServiceService,
  ApproveRequest,
  ApproveResponse,
  AuditRecord,
  CreateRequestRequest,
  CreateRequestResponse,
  Decision,
  DenyRequest,
  DenyResponse,
  GetAuditLogRequest,
  GetAuditLogResponse,
  GetRequestRequest,
  GetRequestResponse,
  ListFilter,
  ListRequestsRequest,
  ListRequestsResponse,
  RequestState,
  RiskLevel,
  TokenVerdict,
  VerifyTokenRequest,
  VerifyTokenResponse,
  listFilterFromJSON,
  listFilterToJSON,
  requestStateFromJSON,
  requestStateToJSON,
  riskLevelFromJSON,
  riskLevelToJSON,
  tokenVerdictFromJSON,
  tokenVerdictToJSON,
} from './gen/ringside/approvals/v1/approvals.ts';
export type { ApprovalsServiceServer } from './gen/ringside/approvals/v1/approvals.ts';

export { Timestamp } from './gen/google/protobuf/timestamp.ts';

export {
  TELEMETRY_KIND,
  TelemetrySubjectError,
  parseTelemetrySubject,
  telemetrySubject,
  telemetryWildcard,
} from './telemetry-subjects.ts';
export type { TelemetryKind } from './telemetry-subjects.ts';

// --- Promisified unary calls with deadlines, for every gRPC caller
export { unaryCall, describeGrpcError, grpcErrorText } from './grpc-unary.ts';
export type { UnaryMethod, UnaryCallOptions } from './grpc-unary.ts';

// --- Admin API metadata keys
export { APPROVAL_METADATA_KEY } from './admin-metadata.ts';
