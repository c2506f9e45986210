// Public API of @ringside/hotpath. Named exports only.

// --- Market events: the ring slot layout shared by ingest (writer) and decision workers (readers)
export {
  MarketEventType,
  MarketEventDescriptor,
  MARKET_EVENT_TYPE_SLOTS,
  marketEventTypeName,
} from './events/market-event-descriptor.ts';
export type { MarketEventTypeCode } from './events/market-event-descriptor.ts';
export { MarketEventWriter } from './events/market-event-writer.ts';
export { MarketEventReader } from './events/market-event-reader.ts';

// --- Ingest worker and its controller
export { startIngest } from './ingest/ingest-controller.ts';
export type { IngestHandle } from './ingest/ingest-controller.ts';
export { parseIngestConfig } from './ingest/ingest-config.ts';
export type {
  IngestConfig,
  IngestConfigInput,
  TcpSourceConfig,
  FileSourceConfig,
  GeneratorSourceConfig,
} from './ingest/ingest-config.ts';
export { IngestError, IngestErrorCode } from './ingest/ingest-error.ts';
export type { IngestErrorCodeValue } from './ingest/ingest-error.ts';
export type { IngestStatusEvent, IngestSummary } from './ingest/ingest-status.ts';
export {
  IngestTally,
  INGEST_TALLY_COUNT,
  IngestCounterType,
  IngestTallies,
  IngestCountersPublisher,
  allocateIngestCounters,
  readIngestCounters,
} from './ingest/ingest-counters.ts';
export type { IngestCounterIds, IngestCountersSnapshot } from './ingest/ingest-counters.ts';
export { IngestLatencyTag } from './ingest/ingest-latency.ts';
export { ItchNormalizer, NormalizeStatus, NormalizerContext } from './ingest/itch-normalizer.ts';
export { FeedSequenceTracker, SequenceVerdict } from './ingest/feed-sequence-tracker.ts';
export { SoupIngestHandler } from './ingest/soup-ingest-handler.ts';
export { ReplayIngestAgent } from './ingest/replay-ingest-agent.ts';
export { BufferFramedSource } from './ingest/framed-source.ts';
export type { FramedSource } from './ingest/framed-source.ts';
export { loadItchFile } from './ingest/open-framed-source.ts';
export { GeneratorFramedSource } from './ingest/generator-framed-source.ts';

// --- Orders: decision worker → gateway commands and gateway → decision worker completions
export {
  OrderKind,
  OrderSide,
  TimeInForce,
  OrderCommandDescriptor,
  orderKindName,
} from './orders/order-command-descriptor.ts';
export type { OrderKindCode, OrderSideCode, TimeInForceCode } from './orders/order-command-descriptor.ts';
export {
  CompletionStatus,
  CompletionReason,
  CompletionDescriptor,
  COMPLETION_STATUS_SLOTS,
  COMPLETION_REASON_SLOTS,
  isTerminalCompletion,
  completionStatusName,
  completionReasonName,
} from './orders/completion-descriptor.ts';
export type { CompletionStatusCode, CompletionReasonCode } from './orders/completion-descriptor.ts';
export {
  ClientOrderId,
  clientOrderIdOf,
  workerIdOfClientOrderId,
  counterOfClientOrderId,
  epochOfClientOrderId,
  checkSessionEpoch,
} from './orders/client-order-id.ts';
export {
  claimSessionEpoch,
  epochOfSessionNumber,
  SessionEpochError,
  SessionEpochErrorCode,
  SESSION_GRAIN_MS,
} from './orders/session-epoch.ts';
export type { SessionEpoch, ClaimSessionEpochOptions } from './orders/session-epoch.ts';
export { OrderCommandWriter } from './orders/order-command-writer.ts';
export { OrderCommandReader } from './orders/order-command-reader.ts';
export { CompletionWriter } from './orders/completion-writer.ts';
export { CompletionReader } from './orders/completion-reader.ts';
export { createOrderQueue, createCompletionQueue } from './orders/order-queues.ts';

// --- Telemetry sidecar: shared state block, event queue, trace sampling, the sidecar worker
export { TELEMETRY_STATE_LAYOUT } from './sidecar/telemetry-state-descriptor.ts';
export {
  TelemetryStateWriter,
  TelemetryStateReader,
  createTelemetryStateBuffer,
} from './sidecar/telemetry-state.ts';
export type { TelemetryState, TelemetryConsumerState } from './sidecar/telemetry-state.ts';
export { EVENT_QUEUE_LAYOUT } from './sidecar/event-queue-descriptor.ts';
export type { EventQueueBuffers } from './sidecar/event-queue-descriptor.ts';
export {
  EventQueueStatus,
  EventQueueWriter,
  EventQueueReader,
  createEventQueueBuffers,
} from './sidecar/event-queue.ts';
export type { EventQueueStatusCode, TelemetryEventInput, QueuedEvent } from './sidecar/event-queue.ts';
export { TRACE_RING_LAYOUT, TRACE_FIELD, TRACE_STAMP, TRACE_FLAG } from './sidecar/trace-ring-descriptor.ts';
export { TraceSampler, createTraceRingBuffer } from './sidecar/trace-sampler.ts';
export { TraceRingReader } from './sidecar/trace-ring-reader.ts';
export type { SampledTrace } from './sidecar/trace-ring-reader.ts';
export { SidecarOutbox } from './sidecar/sidecar-outbox.ts';
export { SidecarCollector, SIDECAR_COUNTER_ID } from './sidecar/sidecar-collector.ts';
export type { ClockReading, CollectorTotals } from './sidecar/sidecar-collector.ts';
export { parseSidecarConfig } from './sidecar/sidecar-config.ts';
export type { SidecarConfig, SidecarConfigInput } from './sidecar/sidecar-config.ts';
export type { SidecarBuffers, TaggedSampleRing } from './sidecar/sidecar-buffers.ts';
export { taggedSampleRing } from './sidecar/sidecar-buffers.ts';
export type { SidecarStats } from './sidecar/sidecar-messages.ts';
export { startSidecar } from './sidecar/sidecar-controller.ts';
export type { SidecarHandle } from './sidecar/sidecar-controller.ts';
export { SidecarError, SidecarErrorCode } from './sidecar/sidecar-error.ts';
export type { SidecarErrorCodeValue } from './sidecar/sidecar-error.ts';
export { SinkGateway } from './orders/sink-gateway.ts';
export type { SinkLink, SinkMode } from './orders/sink-gateway.ts';

// --- Decision workers, the strategy API and the shipped strategies
export { DecisionAgent } from './decision/decision-agent.ts';
export type { DecisionAgentOptions } from './decision/decision-agent.ts';
export { DecisionContext, TriggerStamp } from './decision/decision-context.ts';
export type { Strategy, StrategyFactory, StrategySetup } from './decision/strategy.ts';
export { SubmitStatus, DecisionCommand, DecisionFlagsDescriptor } from './decision/decision-status.ts';
export type { SubmitStatusCode } from './decision/decision-status.ts';
export { RiskLimit, RISK_LIMIT_COUNT, riskLimitValues } from './decision/risk-limits.ts';
export type { RiskLimitsInput } from './decision/risk-limits.ts';
export { OpenOrders } from './decision/open-orders.ts';
export { DecisionLatencyTag } from './decision/decision-latency.ts';
export {
  DecisionTally,
  DECISION_TALLY_COUNT,
  DecisionCounterType,
  DecisionTallies,
  DecisionCountersPublisher,
  allocateDecisionCounters,
  readDecisionCounters,
} from './decision/decision-counters.ts';
export type { DecisionCounterIds, DecisionCountersSnapshot } from './decision/decision-counters.ts';
export {
  parseDecisionConfig,
  describeDecisionConfig,
  DecisionConfigError,
} from './decision/decision-config.ts';
export type { DecisionConfig, DecisionConfigInput } from './decision/decision-config.ts';
export { startDecisionWorkers } from './decision/decision-controller.ts';
export type {
  DecisionWorkersHandle,
  DecisionWorkerHandle,
  DecisionWorkerSummary,
} from './decision/decision-controller.ts';
export { LatencyProbeStrategy, latencyProbeParams } from './strategies/latency-probe-strategy.ts';
export type { LatencyProbeParams } from './strategies/latency-probe-strategy.ts';
export { TopOfBookStrategy, topOfBookParams } from './strategies/top-of-book-strategy.ts';
export type { TopOfBookParams } from './strategies/top-of-book-strategy.ts';
export { strategyRegistry, createStrategy, UnknownStrategyError } from './strategies/strategy-registry.ts';

// --- Gateway worker: OUCH 4.2 over SoupBinTCP, in-flight table, completions, latency attribution
export { startGateway } from './gateway/gateway-controller.ts';
export type { GatewayHandle, GatewayReport } from './gateway/gateway-controller.ts';
export { parseGatewayConfig, describeGatewayConfig, GatewayConfigError } from './gateway/gateway-config.ts';
export type { GatewayConfig, GatewayConfigInput } from './gateway/gateway-config.ts';
export { GatewayAgent } from './gateway/gateway-agent.ts';
export type { GatewayLink, GatewayAgentOptions } from './gateway/gateway-agent.ts';
export { VenueEvent, VenueEventKind, VenueEventField, VenueSendStatus } from './gateway/venue-adapter.ts';
export type { VenueAdapter, VenueEventSink } from './gateway/venue-adapter.ts';
export { OuchVenueAdapter } from './gateway/ouch/ouch-venue-adapter.ts';
export type { OuchAdapterOptions } from './gateway/ouch/ouch-venue-adapter.ts';
export { OuchGatewayToken, tokenPrefixOf } from './gateway/ouch/ouch-gateway-token.ts';
export { InFlightTable, InFlightStatus } from './gateway/in-flight-table.ts';
export { InFlightDescriptor, InFlightState, InFlightFlag } from './gateway/in-flight-descriptor.ts';
export { EventLoopDriver } from './gateway/event-loop-driver.ts';
export type { EventLoopDriverOptions } from './gateway/event-loop-driver.ts';
export {
  GatewayTally,
  GATEWAY_TALLY_COUNT,
  GatewayCounterType,
  GatewayTallies,
  allocateGatewayCounters,
  readGatewayCounters,
} from './gateway/gateway-counters.ts';
export type { GatewayCounterIds, GatewayCountersSnapshot } from './gateway/gateway-counters.ts';
export {
  LatencySegment,
  SEGMENT_COUNT,
  latencyTag,
  recordOrderLatency,
  recordOrderTrace,
  stageOrderTrace,
  OrderLatencyReport,
} from './gateway/gateway-latency.ts';
export type { SegmentReport } from './gateway/gateway-latency.ts';

// --- Admin: the gRPC admin server (AdminService + grpc.health.v1) over the conductor's AdminBackend
export { startAdminServer, ADMIN_SERVICE_NAME } from './admin/admin-server.ts';
export type { AdminServerOptions, AdminServerHandle, AdminTlsConfig } from './admin/admin-server.ts';
export type { AdminBackend, AdminStatus, ShedLevelChange } from './admin/admin-backend.ts';
export { AdminError, AdminErrorCode } from './admin/admin-error.ts';
export type { AdminErrorCodeValue } from './admin/admin-error.ts';
export { AdminRole } from './admin/admin-roles.ts';
export type { AdminRoleName } from './admin/admin-roles.ts';
export { APPROVAL_METADATA_KEY } from './admin/approval-gate.ts';
export type { ApprovalConfig } from './admin/approval-gate.ts';
export { TradingSession } from './admin/trading-session.ts';
export type { TradingSessionConfig } from './admin/trading-session.ts';

// --- Conductor: lifecycle state machine (INIT → WARM_UP → READY ⇄ DEGRADED) and slow-consumer policy
export { Lifecycle } from './conductor/lifecycle.ts';
export type { ExecBacklogReading, LifecycleInputs, LifecycleSinks } from './conductor/lifecycle.ts';
export { isLegalTransition, lifecycleStateName } from './conductor/lifecycle-state.ts';
export type { LifecycleStateValue, LifecycleTransition } from './conductor/lifecycle-state.ts';
export { parseLifecycleConfig } from './conductor/lifecycle-config.ts';
export type { LifecycleConfig, LifecycleConfigInput } from './conductor/lifecycle-config.ts';
export { DegradedCondition, DEGRADED_CONDITIONS } from './conductor/degraded-condition.ts';
export type { ActiveCondition, DegradedConditionName } from './conductor/degraded-condition.ts';
export { WarmUpGate } from './conductor/warm-up-gate.ts';
export type { LatencyWindow, WarmUpVerdict } from './conductor/warm-up-gate.ts';
export { SlowConsumerPolicy } from './conductor/slow-consumer-policy.ts';
export type {
  SlowConsumerAction,
  SlowConsumerActionKind,
  SlowConsumerSinks,
  SlowConsumerStatus,
} from './conductor/slow-consumer-policy.ts';
export { parseSlowConsumerConfig } from './conductor/slow-consumer-config.ts';
export type { SlowConsumerConfig, SlowConsumerConfigInput } from './conductor/slow-consumer-config.ts';
export { ConductorError, ConductorErrorCode } from './conductor/conductor-error.ts';
export { ShedController } from './conductor/shed-controller.ts';
export type {
  ShedChange,
  ShedChangeKind,
  ShedSinks,
  ShedStatus,
  ShedWindow,
} from './conductor/shed-controller.ts';
export { parseShedConfig } from './conductor/shed-config.ts';
export type { ShedConfig, ShedConfigInput } from './conductor/shed-config.ts';
export {
  ShedLevel,
  MAX_SHED_LEVEL,
  shedLevelName,
  isShedLevel,
  shedFlagFor,
} from './conductor/shed-levels.ts';
export type { ShedLevelValue } from './conductor/shed-levels.ts';
export type { ConductorErrorCodeValue } from './conductor/conductor-error.ts';

// --- Host: the whole hot path as one process (config, start/stop, conductor loop, admin backend)
export { startHotpathHost, defaultHostLogger } from './host/hotpath-host.ts';
export type { HotpathHost, HotpathHostOptions } from './host/hotpath-host.ts';
export { parseHotpathConfig, loadHotpathConfig } from './host/host-config.ts';
export type { HotpathConfig, HotpathConfigInput, HotpathAdminConfig } from './host/host-config.ts';
export { HostError, HostConfigError, HostErrorCode } from './host/host-error.ts';
export type { HostErrorCodeValue, HostConfigIssue } from './host/host-error.ts';
export type {
  HostReport,
  HostTransitionRecord,
  HostShedReport,
  HostTelemetryReport,
} from './host/host-report.ts';
export type { SegmentLatency } from './host/segment-latency.ts';
export { LatencyTagSpace, decisionTagBase, hostLatencyTagSpace } from './host/latency-tag-space.ts';
export type { HostSampleRings } from './host/latency-tag-space.ts';
export { HostAdminBackend } from './host/host-admin-backend.ts';
export type { RestartRequest } from './host/host-admin-backend.ts';
export type { AdminAuditRecord } from './admin/admin-backend.ts';
export {
  GatewayRoute,
  GatewayRouteDescriptor,
  createGatewayRouteBuffer,
  routeToVenue,
} from './gateway/gateway-config.ts';
export type { GatewayRouteValue } from './gateway/gateway-config.ts';
export type { StartGatewayOptions } from './gateway/gateway-controller.ts';
