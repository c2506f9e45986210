// Public API of @ringside/observer: NATS telemetry → OpenTelemetry (Prometheus, OTLP traces).
export { startObserver } from './observer.ts';
export type { ObserverHandle } from './observer.ts';
export { parseObserverConfig } from './observer-config.ts';
export type { ObserverConfig, ObserverConfigInput } from './observer-config.ts';
export { ObserverError, ObserverErrorCode } from './observer-error.ts';
export type { ObserverErrorCodeValue } from './observer-error.ts';
export { HostRegistry } from './host-registry.ts';
export type { HostTelemetry } from './host-registry.ts';
export { LatencyWindow, QUANTILES } from './latency-window.ts';
export type { LatencyQuantiles } from './latency-window.ts';
export { monoToHrTime, stampWallMs } from './wall-clock-mapping.ts';
export { SPAN_NAME, TRUSTED_ATTRIBUTE } from './order-spans.ts';
