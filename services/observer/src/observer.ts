// The observer service: NATS telemetry from every hot-path host → OpenTelemetry → Prometheus
// (/metrics) and OTLP traces (Jaeger). Off the execution path: if it dies, trading is unaffected.
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { HostRegistry } from './host-registry.ts';
import { observerNatsTarget, parseObserverConfig } from './observer-config.ts';
import type { ObserverConfig } from './observer-config.ts';
import { startOrderSpanExporter } from './order-spans.ts';
import type { OrderSpanExporter } from './order-spans.ts';
import { startPrometheusEndpoint } from './prometheus-metrics.ts';
import { subscribeTelemetry } from './telemetry-subscriber.ts';

export interface ObserverHandle {
  readonly config: ObserverConfig;
  /** `http://127.0.0.1:<port>/metrics`. */
  readonly metricsUrl: string;
  readonly metricsPort: number;
  readonly registry: HostRegistry;
  /** Orders turned into spans so far. */
  spans(): number;
  /** Telemetry messages that did not decode. */
  malformed(): number;
  /** Export queued spans now. */
  flushSpans(): Promise<void>;
  close(): Promise<void>;
}

/** Start the observer. Throws ObserverError (INVALID_CONFIG, LISTEN_FAILED, NATS_CONNECT_FAILED). */
export async function startObserver(configInput: unknown): Promise<ObserverHandle> {
  const config = parseObserverConfig(configInput);
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName });
  const registry = new HostRegistry(config.staleAfterMs, config.latencyWindowMs);
  const endpoint = await startPrometheusEndpoint(registry, resource, config.prometheus);
  let spans: OrderSpanExporter | undefined;
  try {
    spans =
      config.otlpTracesUrl === undefined
        ? undefined
        : startOrderSpanExporter(config.otlpTracesUrl, resource, config.traceExportDelayMs);
    const subscriber = await subscribeTelemetry(observerNatsTarget(config), registry, spans);
    return {
      config,
      metricsUrl: endpoint.url,
      metricsPort: endpoint.port,
      registry,
      spans: subscriber.spans,
      malformed: subscriber.malformed,
      flushSpans: async () => spans?.flush(),
      async close() {
        await subscriber.close();
        await spans?.close();
        await endpoint.close();
      },
    };
  } catch (e) {
    await spans?.close();
    await endpoint.close();
    throw e;
  }
}
