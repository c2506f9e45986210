// Public API of @ringside/automation: YAML runbooks over hot-path telemetry that isolate,
// alert and prepare; high-risk steps wait for a human through the approvals service; hot-path
// restarts are refused during the trading session; every step is audited in JetStream.
export { APPROVAL_TOKEN_METADATA } from './admin-calls.ts';
export type { AdminAction } from './admin-calls.ts';
export { AuditKind, AutomationAudit } from './audit-stream.ts';
export type { AutomationAuditRecord } from './audit-stream.ts';
export { startAutomation } from './automation.ts';
export type { AutomationHandle, AutomationOptions } from './automation.ts';
export { LIFECYCLE_NAMES, OPERATORS, STATS, compare, parseCondition, sourceOf } from './condition.ts';
export type { Condition, ConditionSource, LifecycleName, Operator, Stat } from './condition.ts';
export { evaluate } from './condition-eval.ts';
export type { Match, TelemetryMessage } from './condition-eval.ts';
export { automationConfigSchema, parseAutomationConfig } from './config.ts';
export type { AutomationConfig, AutomationConfigInput } from './config.ts';
export { parseDurationMs } from './duration.ts';
export { AutomationError, AutomationErrorCode, ConditionSyntaxError } from './errors.ts';
export { PREPARE_ACTIONS, loadRunbookDir, loadRunbookFile, parseRunbook, runbookSchema } from './runbook.ts';
export type { PrepareAction, Runbook, RunbookStep } from './runbook.ts';
export { TradingSession } from './trading-session.ts';
export type { TradingSessionConfig } from './trading-session.ts';
export { TriggerTracker } from './trigger-tracker.ts';
export type { Firing } from './trigger-tracker.ts';
