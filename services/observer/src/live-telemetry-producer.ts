// The per-host telemetry series, produced fresh at every scrape as OpenTelemetry MetricData and
// handed to the Prometheus exporter as a MetricProducer. Why not observable instruments for
// these: the SDK's cumulative storage re-reports every attribute set it has ever seen with its
// last value (TemporalMetricProcessor.merge), so a silent host's counters and latencies would
// be exported forever at frozen values, and warm-up (trusted="false") quantiles would never
// go away. A producer reports exactly what is live: a stale host's series vanish (Prometheus
// marks them stale) and only ringside_host_up 0 and its last-seen time remain.
import { ValueType } from '@opentelemetry/api';
import type { Attributes, HrTime } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { CollectionResult, MetricData, MetricProducer } from '@opentelemetry/sdk-metrics';
import type { Resource } from '@opentelemetry/resources';
import { COUNTER_TYPE } from '@ringside/counters';
import type { HostRegistry, HostTelemetry } from './host-registry.ts';
import { QUANTILES } from './latency-window.ts';

const QUANTILE_LABELS = QUANTILES.map(String);

interface Series {
  readonly name: string;
  readonly description: string;
  readonly monotonic: boolean;
  readonly points: { attributes: Attributes; value: number; startTime: HrTime }[];
}

function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

export class LiveTelemetryProducer implements MetricProducer {
  readonly #registry: HostRegistry;
  readonly #resource: Resource;
  readonly #now: () => number;

  constructor(registry: HostRegistry, resource: Resource, now: () => number) {
    this.#registry = registry;
    this.#resource = resource;
    this.#now = now;
  }

  collect(): Promise<CollectionResult> {
    const nowMs = this.#now();
    const series = new Map<string, Series>();
    const add = (
      name: string,
      description: string,
      monotonic: boolean,
      attributes: Attributes,
      value: number,
      startMs: number,
    ): void => {
      let s = series.get(name);
      if (s === undefined) {
        s = { name, description, monotonic, points: [] };
        series.set(name, s);
      }
      s.points.push({ attributes, value, startTime: hrTime(startMs) });
    };
    for (const entry of this.#registry.hosts()) {
      if (this.#registry.isUp(entry, nowMs)) collectHost(entry, nowMs, add);
    }
    const endTime = hrTime(nowMs);
    const metrics: MetricData[] = [...series.values()].map((s) =>
      s.monotonic
        ? {
            descriptor: { name: s.name, description: s.description, unit: '', valueType: ValueType.DOUBLE },
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.SUM,
            isMonotonic: true,
            dataPoints: s.points.map((p) => ({ ...p, endTime })),
          }
        : {
            descriptor: { name: s.name, description: s.description, unit: '', valueType: ValueType.DOUBLE },
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.GAUGE,
            dataPoints: s.points.map((p) => ({ ...p, endTime })),
          },
    );
    return Promise.resolve({
      resourceMetrics: {
        resource: this.#resource,
        scopeMetrics: [{ scope: { name: 'ringside-observer' }, metrics }],
      },
      errors: [],
    });
  }
}

type Add = (
  name: string,
  description: string,
  monotonic: boolean,
  attributes: Attributes,
  value: number,
  startMs: number,
) => void;

function collectHost(entry: HostTelemetry, nowMs: number, add: Add): void {
  const host = entry.host;
  const since = entry.firstSeenMs;
  const snapshot = entry.metrics;
  if (snapshot !== undefined) {
    for (const c of snapshot.counters) {
      if (c.typeId === COUNTER_TYPE.GAUGE) {
        add(
          'ringside_gauge',
          'Hot-path level counters (type GAUGE), by host and label',
          false,
          { host, label: c.label },
          c.value,
          since,
        );
      } else {
        add(
          'ringside_counter',
          'Hot-path counters (Aeron-style), by host and counter label',
          true,
          { host, label: c.label, type: String(c.typeId) },
          c.value,
          since,
        );
      }
    }
  }
  for (const l of entry.latency.quantiles(nowMs)) {
    const trusted = l.trusted ? 'true' : 'false';
    add(
      'ringside_latency_samples',
      'Latency samples in the window',
      false,
      { host, metric: l.metric, trusted },
      l.count,
      since,
    );
    l.values.forEach((value, q) => {
      add(
        'ringside_latency_ns',
        'Latency quantiles over the window, from the sidecar HdrHistograms, in ns',
        false,
        { host, metric: l.metric, quantile: QUANTILE_LABELS[q], trusted },
        value,
        since,
      );
    });
  }
  const state = entry.state;
  if (state !== undefined) {
    add(
      'ringside_lifecycle_state',
      'Lifecycle state (1 INIT, 2 WARM_UP, 3 READY, 4 DEGRADED)',
      false,
      { host },
      state.state,
      since,
    );
    add(
      'ringside_trusted',
      '1 when the host measures trusted data (not warm-up)',
      false,
      { host },
      state.trusted ? 1 : 0,
      since,
    );
    add('ringside_shed_level', 'Load-shedding level', false, { host }, state.shedLevel, since);
    add('ringside_halted', '1 while order flow is halted', false, { host }, state.halted ? 1 : 0, since);
    for (const c of state.consumers) {
      const attrs = { host, consumer: c.name === '' ? String(c.id) : c.name };
      add(
        'ringside_consumer_lag',
        'Events published but not yet read by the consumer',
        false,
        attrs,
        c.lag,
        since,
      );
      add(
        'ringside_consumer_loss',
        'Events the consumer lost by being lapped, since boot',
        false,
        attrs,
        c.loss,
        since,
      );
    }
  }
  for (const [kind, n] of entry.lost) {
    add(
      'ringside_telemetry_lost_messages',
      'Telemetry messages found missing (sequence gaps)',
      true,
      { host, kind },
      n,
      since,
    );
  }
  for (const [kind, n] of entry.events) {
    add('ringside_events', 'Telemetry events received, by event kind', true, { host, kind }, n, since);
  }
}
