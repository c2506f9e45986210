// The observer's NATS side: one subscription per telemetry kind over every host
// (`ringside.*.<kind>`), decoding protobuf and dispatching to the registry and span exporter.
// A message that does not decode is counted and skipped, never fatal.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  Event,
  MetricsSnapshot,
  OrderTrace,
  StateSnapshot,
  TELEMETRY_KIND,
  parseTelemetrySubject,
  telemetryWildcard,
} from '@ringside/contracts';
import type { TelemetryKind } from '@ringside/contracts';
import type { HostRegistry } from './host-registry.ts';
import type { ObserverNatsTarget } from './observer-config.ts';
import { ObserverError, ObserverErrorCode } from './observer-error.ts';
import type { OrderSpanExporter } from './order-spans.ts';

export interface TelemetrySubscriber {
  readonly connection: NatsConnection;
  /** Messages that did not decode. */
  readonly malformed: () => number;
  /** Orders turned into spans. */
  readonly spans: () => number;
  close(): Promise<void>;
}

/** Throws ObserverError NATS_CONNECT_FAILED if NATS refuses the login (wrong credentials). */
export async function subscribeTelemetry(
  nats: ObserverNatsTarget,
  registry: HostRegistry,
  spans: OrderSpanExporter | undefined,
  now: () => number = Date.now,
): Promise<TelemetrySubscriber> {
  let connection: NatsConnection;
  try {
    // Waits for a server that is not up yet, but gives up on a refused login (nats.js aborts
    // on a repeated authorization error), so bad credentials surface at start.
    connection = await connect({
      ...nats,
      name: 'ringside-observer',
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
      reconnectTimeWait: 500,
    });
  } catch (e) {
    const as = nats.user === undefined ? '' : ` as user ${nats.user}`;
    const why = e instanceof Error ? e.message : String(e);
    throw new ObserverError(
      ObserverErrorCode.NATS_CONNECT_FAILED,
      `observer: cannot connect to NATS at ${String(nats.servers)}${as}: ${why}`,
      { cause: e },
    );
  }
  let malformed = 0;
  let spanCount = 0;
  const handle = (kind: TelemetryKind, subject: string, data: Uint8Array): void => {
    const parsed = parseTelemetrySubject(subject);
    if (parsed === undefined || parsed.kind !== kind) {
      malformed++;
      return;
    }
    const host = parsed.host;
    const t = now();
    switch (kind) {
      case TELEMETRY_KIND.METRICS:
        registry.metrics(host, MetricsSnapshot.decode(data), t);
        break;
      case TELEMETRY_KIND.STATE:
        registry.state(host, StateSnapshot.decode(data), t);
        break;
      case TELEMETRY_KIND.EVENTS:
        registry.event(host, Event.decode(data), t);
        break;
      case TELEMETRY_KIND.TRACES: {
        const order = OrderTrace.decode(data);
        registry.seen(host, kind, order.stamp, t);
        if (spans?.record(host, order) === true) spanCount++;
        break;
      }
    }
  };
  const subscriptions: Subscription[] = Object.values(TELEMETRY_KIND).map((kind) =>
    connection.subscribe(telemetryWildcard(kind), {
      callback: (err, msg) => {
        if (err !== null) return;
        try {
          handle(kind, msg.subject, msg.data);
        } catch {
          malformed++;
        }
      },
    }),
  );
  await connection.flush();
  return {
    connection,
    malformed: () => malformed,
    spans: () => spanCount,
    async close() {
      for (const s of subscriptions) s.unsubscribe();
      await connection.close();
    },
  };
}
