// The demo report: what `ringside demo` writes to report.json and renders to report.html.
// The required fields are the run's headline; the optional ones feed the page's plots. The
// top level is loose (unknown keys are kept) so a producer can add data before the page shows
// it; nested objects drop unknown keys.
import { z } from 'zod';
import { parseWithPaths } from './parse-with-paths.ts';

/** Nanoseconds, counts: finite and >= 0 (zod 4 numbers already refuse NaN and ±Infinity). */
const nonNegative = z.number().nonnegative();
const count = z.number().int().nonnegative();

/** Monotonic (hot-path time base, ns) and wall-clock (epoch ms) stamps; both optional. */
const stamps = {
  monoNs: nonNegative.optional(),
  wallMs: nonNegative.optional(),
};

export const stateChangeSchema = z.object({
  /** Lifecycle state entered: INIT, WARM-UP, READY, DEGRADED, ... */
  state: z.string(),
  reason: z.string(),
  ...stamps,
});

export const latencyHeadlineSchema = z.object({ p50Ns: nonNegative, p99Ns: nonNegative });

export const percentilePointSchema = z.object({
  /** 0..100 */
  percentile: z.number().min(0).max(100),
  valueNs: nonNegative,
});

export const latencyDistributionSchema = z.object({
  /** Stable name, e.g. `decision`, `execution`, `ingest-publish`; the plot id is `<segment>-latency`. */
  segment: z.string().min(1),
  label: z.string().optional(),
  /** Samples behind the points (HdrHistogram totalCount). */
  count: count.optional(),
  points: z.array(percentilePointSchema).optional(),
  /** HdrHistogram compressed base64 (`encodeHistogram` of @ringside/counters), values in ns. */
  encodedHistogram: z.string().optional(),
  /** Samples taken during warm-up are untrusted (SPEC: metrics during warm-up marked untrusted). */
  trusted: z.boolean().optional(),
});

export const attributionSegmentSchema = z.object({
  /** One of ATTRIBUTION_SEGMENTS, or any other segment name. */
  segment: z.string().min(1),
  label: z.string().optional(),
  p50Ns: nonNegative,
  p99Ns: nonNegative,
  meanNs: nonNegative.optional(),
  count: count.optional(),
});

export const runEventSchema = z.object({
  /** `shed`, `isolation`, `drop`, `restore`, ... */
  kind: z.string(),
  reason: z.string(),
  /** What it concerns: a consumer name, a shed level, ... */
  subject: z.string().optional(),
  ...stamps,
  /** Figures at the time: lag, lost events, level, ... */
  numbers: z.record(z.string(), z.number()).optional(),
});

export const demoReportSchema = z.looseObject({
  title: z.string().optional(),
  /** ISO-8601 wall-clock time the report was made. */
  generatedAt: z.string().optional(),
  durationMs: nonNegative.optional(),
  states: z.array(stateChangeSchema),
  eventsIn: count,
  ordersSent: count,
  completions: count,
  lostOrders: count,
  decision: latencyHeadlineSchema,
  execution: latencyHeadlineSchema,
  telemetry: z.object({
    natsConnected: z.boolean(),
    snapshotsPublished: count,
    snapshotsDropped: count,
  }),
  observer: z.object({ prometheusSeries: count, spansExported: count }),
  automation: z.object({ actions: count }),
  approvals: z.object({ requested: count, approved: count }),
  distributions: z.array(latencyDistributionSchema).optional(),
  attribution: z.array(attributionSegmentSchema).optional(),
  events: z.array(runEventSchema).optional(),
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  notes: z.array(z.string()).optional(),
});

export type StateChange = z.infer<typeof stateChangeSchema>;
export type LatencyHeadline = z.infer<typeof latencyHeadlineSchema>;
export type PercentilePoint = z.infer<typeof percentilePointSchema>;
export type LatencyDistribution = z.infer<typeof latencyDistributionSchema>;
export type AttributionSegment = z.infer<typeof attributionSegmentSchema>;
export type RunEvent = z.infer<typeof runEventSchema>;
export type DemoReport = z.infer<typeof demoReportSchema>;

/** The hot path's latency segments, in order, from a market-data event to its order's ack. */
export const ATTRIBUTION_SEGMENTS = [
  { segment: 'ingest-publish', label: 'ingest → publish' },
  { segment: 'publish-read', label: 'publish → read' },
  { segment: 'read-enqueued', label: 'read → enqueued' },
  { segment: 'enqueued-sent', label: 'enqueued → sent' },
  { segment: 'sent-acked', label: 'sent → acked' },
] as const;

/**
 * Validate a demo report given as JSON text or as a parsed value. Throws ReportError
 * (INVALID_JSON, or INVALID_REPORT with one `path: message` line per problem).
 */
export function parseDemoReport(json: unknown): DemoReport {
  return parseWithPaths(demoReportSchema, 'demo report', json);
}
