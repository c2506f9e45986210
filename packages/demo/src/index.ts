// Public API of @ringside/demo: `ringside demo` — Phase 1 on one host with a live status line,
// injected faults, the automation → approval flow, and a report read back from every service.
export { runDemo } from './demo-run.ts';
export type { DemoResult } from './demo-run.ts';
export { defaultReportDir, demoOptionsSchema, parseDemoOptions } from './demo-options.ts';
export type { DemoOptions, DemoOptionsInput } from './demo-options.ts';
export { DemoError, DemoErrorCode } from './demo-error.ts';
export type { DemoErrorCodeValue } from './demo-error.ts';
export { StatusLine, formatNs, renderStatus } from './status-line.ts';
export type { StatusFields, StatusSink } from './status-line.ts';
export { spanNamesOf, startSpanCounter } from './span-counter.ts';
export type { SpanCounter } from './span-counter.ts';
export { hotpathDemoConfig } from './hotpath-stage.ts';
export { DEMO_RUNBOOK_DIR, writeDemoRunbooks } from './demo-services.ts';
export { chooseSlowConsumer, planFaults } from './fault-plan.ts';
export type { FaultPlan } from './fault-plan.ts';
