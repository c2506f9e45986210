// Sampled OrderTraces → OpenTelemetry spans exported over OTLP (to Jaeger). Spans are built
// after the fact with the hot path's own times: each monotonic stamp is placed on the wall
// clock through the message's Stamp (wall-clock-mapping.ts) and passed as HrTime, never as a
// plain number. One trace per order: a root "order" span from the first to the last stamp,
// with "decision" (ingest → enqueued, ours) and "execution" (enqueued → acked, the venue's) as
// children. Warm-up orders carry ringside.trusted=false on every span.
import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Attributes, HrTime, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { orderStatusToJSON } from '@ringside/contracts';
import type { OrderTrace, Stamp } from '@ringside/contracts';
import { monoToHrTime } from './wall-clock-mapping.ts';

export const SPAN_NAME = {
  ORDER: 'order',
  DECISION: 'decision',
  EXECUTION: 'execution',
} as const;

export const TRUSTED_ATTRIBUTE = 'ringside.trusted';

const FAILED_STATUSES = new Set([
  'ORDER_STATUS_REJECTED',
  'ORDER_STATUS_TIMEOUT',
  'ORDER_STATUS_LOCAL_REJECT',
]);

export interface OrderSpanExporter {
  /** Turn one sampled order into spans (queued for export). Returns false if it has no times. */
  record(host: string, order: OrderTrace): boolean;
  /** Export everything queued now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function startOrderSpanExporter(
  url: string,
  resource: Resource,
  exportDelayMs: number,
): OrderSpanExporter {
  const exporter = new OTLPTraceExporter({ url });
  const provider = new TracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: exportDelayMs })],
  });
  const tracer = provider.getTracer('ringside-observer');
  return {
    record: (host, order) => recordOrder(tracer, host, order),
    flush: () => provider.forceFlush(),
    close: () => provider.shutdown(),
  };
}

function recordOrder(tracer: Tracer, host: string, order: OrderTrace): boolean {
  const stamp: Stamp | undefined = order.stamp;
  const times = [
    order.ingestNs,
    order.ringPublishNs,
    order.decisionReadNs,
    order.enqueuedNs,
    order.sentNs,
    order.ackedNs,
  ].filter((t) => t > 0);
  if (stamp === undefined || times.length === 0) return false;
  const at = (monoNs: number): HrTime => monoToHrTime(stamp, monoNs);
  const status = orderStatusToJSON(order.status);
  const common: Attributes = { [TRUSTED_ATTRIBUTE]: order.trusted, 'ringside.host': host };
  const root = tracer.startSpan(SPAN_NAME.ORDER, {
    startTime: at(Math.min(...times)),
    attributes: {
      ...common,
      'ringside.order_id': order.orderId,
      'ringside.worker': order.worker,
      'ringside.strategy': order.strategy,
      'ringside.status': status,
      'ringside.reason': order.reason,
      'ringside.md_sequence': order.mdSequence,
      'ringside.boot_id': stamp.bootId,
      ...segment('ringside.ingest_to_publish_ns', order.ingestNs, order.ringPublishNs),
      ...segment('ringside.publish_to_read_ns', order.ringPublishNs, order.decisionReadNs),
      ...segment('ringside.read_to_enqueue_ns', order.decisionReadNs, order.enqueuedNs),
      ...segment('ringside.enqueue_to_send_ns', order.enqueuedNs, order.sentNs),
      ...segment('ringside.send_to_ack_ns', order.sentNs, order.ackedNs),
    },
  });
  if (FAILED_STATUSES.has(status))
    root.setStatus({ code: SpanStatusCode.ERROR, message: order.reason || status });
  const parent = trace.setSpan(context.active(), root);
  if (order.ingestNs > 0 && order.enqueuedNs >= order.ingestNs) {
    tracer
      .startSpan(
        SPAN_NAME.DECISION,
        {
          startTime: at(order.ingestNs),
          attributes: { ...common, ...segment('ringside.latency_ns', order.ingestNs, order.enqueuedNs) },
        },
        parent,
      )
      .end(at(order.enqueuedNs));
  }
  if (order.enqueuedNs > 0 && order.ackedNs >= order.enqueuedNs) {
    tracer
      .startSpan(
        SPAN_NAME.EXECUTION,
        {
          startTime: at(order.enqueuedNs),
          attributes: { ...common, ...segment('ringside.latency_ns', order.enqueuedNs, order.ackedNs) },
        },
        parent,
      )
      .end(at(order.ackedNs));
  }
  root.end(at(Math.max(...times)));
  return true;
}

/** `{ name: to - from }` when both stamps exist, else nothing. */
function segment(name: string, from: number, to: number): Attributes {
  return from > 0 && to >= from ? { [name]: to - from } : {};
}
