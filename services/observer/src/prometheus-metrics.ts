// Telemetry → OpenTelemetry metrics → Prometheus, on our own HTTP server (127.0.0.1, port 0 =
// free). Host liveness is two observable gauges kept for every host ever seen; everything a
// host reports comes from LiveTelemetryProducer, so a stale host (nothing received for
// staleAfterMs) shows ringside_host_up 0 and its last-seen time while its counters and
// latencies vanish from the scrape instead of freezing or turning into zeros.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BatchObservableResult } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { Resource } from '@opentelemetry/resources';
import type { HostRegistry } from './host-registry.ts';
import { LiveTelemetryProducer } from './live-telemetry-producer.ts';
import { ObserverError, ObserverErrorCode } from './observer-error.ts';

export interface PrometheusEndpoint {
  /** `http://<host>:<port>/metrics`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startPrometheusEndpoint(
  registry: HostRegistry,
  resource: Resource,
  listen: { readonly host: string; readonly port: number },
  now: () => number = Date.now,
): Promise<PrometheusEndpoint> {
  const exporter = new PrometheusExporter({
    preventServerStart: true,
    withoutScopeInfo: true,
    metricProducers: [new LiveTelemetryProducer(registry, resource, now)],
  });
  const provider = new MeterProvider({ resource, readers: [exporter] });
  const meter = provider.getMeter('ringside-observer');
  const hostUp = meter.createObservableGauge('ringside_host_up', {
    description: '1 while the host reports telemetry, 0 once it has been silent for staleAfterMs',
  });
  const lastSeen = meter.createObservableGauge('ringside_host_last_seen_seconds', {
    description: 'Unix time the observer last received telemetry from the host',
  });
  meter.addBatchObservableCallback(
    (result: BatchObservableResult) => {
      const nowMs = now();
      for (const entry of registry.hosts()) {
        result.observe(hostUp, registry.isUp(entry, nowMs) ? 1 : 0, { host: entry.host });
        result.observe(lastSeen, entry.lastSeenMs / 1000, { host: entry.host });
      }
    },
    [hostUp, lastSeen],
  );

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      exporter.getMetricsRequestHandler(request, response);
      return;
    }
    response.statusCode = path === '/healthz' ? 200 : 404;
    response.end(path === '/healthz' ? 'ok\n' : 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(
        new ObserverError(ObserverErrorCode.LISTEN_FAILED, `metrics endpoint: ${e.message}`, { cause: e }),
      ),
    );
    server.listen(listen.port, listen.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${hostPart}:${port}/metrics`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider.shutdown();
    },
  };
}
