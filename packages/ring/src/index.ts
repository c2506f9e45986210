// SpscQueue: bounded single-producer single-consumer queue (packages/ring/src/spsc).
export { SpscQueue } from './spsc/spsc-queue.ts';
export type { SpscQueueOptions } from './spsc/spsc-queue.ts';
export type { SpscHandler } from './spsc/spsc-handler.ts';
export { SpscStatus } from './spsc/spsc-status.ts';
export type { SpscStatusCode } from './spsc/spsc-status.ts';
export { SpscQueueError, SpscErrorCode } from './spsc/spsc-error.ts';
export type { SpscErrorCodeValue } from './spsc/spsc-error.ts';
export { SpscQueueDescriptor, spscQueueByteLength, spscSlotOffset } from './spsc/spsc-descriptor.ts';
// Monotonic clock (packages/ring/src/clock).
export { nowNs, stampNs } from './clock/monotonic-clock.ts';
export { calibratePerformanceClock, perfMsToNs } from './clock/performance-clock-calibration.ts';
export type { PerformanceClockCalibration } from './clock/performance-clock-calibration.ts';
// Park/wake protocol shared by queues and idle strategies (packages/ring/src/agent).
export { parkOn, wakeParked, ParkWord } from './agent/park-signal.ts';
export type { Parkable } from './agent/parkable.ts';
// BroadcastRing: one producer, up to 16 consumers, lossy with counted loss (packages/ring/src/broadcast).
export { BroadcastRing } from './broadcast/broadcast-ring.ts';
export type {
  BroadcastRingOptions,
  BroadcastProducerOptions,
  BroadcastConsumerOptions,
} from './broadcast/broadcast-ring.ts';
export { BroadcastProducer } from './broadcast/broadcast-producer.ts';
export { BroadcastConsumer } from './broadcast/broadcast-consumer.ts';
export type { BroadcastHandler } from './broadcast/broadcast-handler.ts';
export { BroadcastParkIdleStrategy } from './broadcast/broadcast-idle-strategy.ts';
export { BroadcastStatus, ConsumerState, consumerStateName } from './broadcast/broadcast-status.ts';
export type { BroadcastStatusCode, ConsumerStateValue } from './broadcast/broadcast-status.ts';
export { BroadcastRingError, BroadcastErrorCode } from './broadcast/broadcast-error.ts';
export type { BroadcastErrorCodeValue } from './broadcast/broadcast-error.ts';
export {
  BroadcastRingDescriptor,
  broadcastRingByteLength,
  broadcastSlotOffset,
  consumerLineIndex,
} from './broadcast/broadcast-descriptor.ts';
// Agents, idle strategies and command queues (packages/ring/src/agent).
export type { Agent } from './agent/agent.ts';
export { AgentRunner } from './agent/agent-runner.ts';
export type {
  AgentErrorHandler,
  AgentRunnerOptions,
  AgentRunResult,
  AgentStopReason,
} from './agent/agent-runner.ts';
export { AgentControl } from './agent/agent-control.ts';
export { AgentControlDescriptor, AgentState } from './agent/agent-control-descriptor.ts';
export type { AgentStateValue } from './agent/agent-control-descriptor.ts';
export { AgentError, AgentErrorCode } from './agent/agent-error.ts';
export type { AgentErrorCodeValue } from './agent/agent-error.ts';
export { CompositeAgent } from './agent/composite-agent.ts';
export type { IdleStrategy } from './agent/idle-strategy.ts';
export { BusySpinIdleStrategy } from './agent/busy-spin-idle-strategy.ts';
export { SpinThenYieldIdleStrategy } from './agent/spin-then-yield-idle-strategy.ts';
export { ParkIdleStrategy } from './agent/park-idle-strategy.ts';
export { BackoffIdleStrategy, DEFAULT_BACKOFF } from './agent/backoff-idle-strategy.ts';
export type { BackoffOptions } from './agent/backoff-idle-strategy.ts';
export { idleStrategyFromConfig } from './agent/idle-strategy-factory.ts';
export { spinPause, hasAtomicsPause } from './agent/spin-pause.ts';
export { yieldThread } from './agent/thread-yield.ts';
export { CommandQueue } from './agent/command-queue.ts';
export type { CommandHandler } from './agent/command-queue.ts';
export { CommandDescriptor } from './agent/command-descriptor.ts';
