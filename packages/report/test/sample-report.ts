// A realistic demo report for the tests: real HdrHistograms (seeded, so every run is the same),
// all five attribution segments, a full lifecycle with shed and isolation events.
import { createHistogram, encodeHistogram, resolveHistogramOptions } from '@ringside/counters';
import { ATTRIBUTION_SEGMENTS, percentilePointsFromHistogram } from '@ringside/report';
import type { DemoReport } from '@ringside/report';

/** Deterministic 0..1 generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal-ish latencies around `medianNs` with a long tail. */
function latencyHistogram(seed: number, medianNs: number, samples: number) {
  const h = createHistogram(resolveHistogramOptions());
  const next = random(seed);
  for (let i = 0; i < samples; i++) {
    const u = Math.max(1e-9, next());
    const v = Math.max(1e-9, next());
    const gauss = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    h.recordValue(Math.max(1, Math.round(medianNs * Math.exp(0.6 * gauss))));
  }
  return h;
}

export function sampleReport(): DemoReport {
  const decision = latencyHistogram(1, 2_400, 20_000);
  const execution = latencyHistogram(2, 120_000, 5_000);
  const t0 = 5_000_000_000;
  const wall0 = Date.UTC(2026, 10, 25, 21, 0, 0);
  const ms = 1e6;
  return {
    title: 'Ringside demo run',
    generatedAt: new Date(wall0 + 30_000).toISOString(),
    durationMs: 30_000,
    states: [
      { state: 'INIT', reason: 'process start', monoNs: t0, wallMs: wall0 },
      { state: 'WARM-UP', reason: 'feed connected', monoNs: t0 + 400 * ms, wallMs: wall0 + 400 },
      { state: 'READY', reason: 'p99 stable for 3 windows', monoNs: t0 + 5_000 * ms, wallMs: wall0 + 5_000 },
      {
        state: 'DEGRADED',
        reason: 'slow consumer isolated',
        monoNs: t0 + 18_000 * ms,
        wallMs: wall0 + 18_000,
      },
      { state: 'READY', reason: 'consumer caught up', monoNs: t0 + 24_000 * ms, wallMs: wall0 + 24_000 },
    ],
    eventsIn: 4_812_331,
    ordersSent: 20_000,
    completions: 19_998,
    lostOrders: 2,
    decision: { p50Ns: decision.getValueAtPercentile(50), p99Ns: decision.getValueAtPercentile(99) },
    execution: { p50Ns: execution.getValueAtPercentile(50), p99Ns: execution.getValueAtPercentile(99) },
    telemetry: { natsConnected: true, snapshotsPublished: 300, snapshotsDropped: 4 },
    observer: { prometheusSeries: 142, spansExported: 977 },
    automation: { actions: 3 },
    approvals: { requested: 1, approved: 1 },
    distributions: [
      { segment: 'decision', count: decision.totalCount, points: percentilePointsFromHistogram(decision) },
      // The execution curve travels as an encoded histogram, as the sidecar publishes it.
      { segment: 'execution', count: execution.totalCount, encodedHistogram: encodeHistogram(execution) },
      {
        segment: 'warm-up decision',
        label: 'Decision latency during warm-up',
        trusted: false,
        points: percentilePointsFromHistogram(latencyHistogram(3, 9_000, 2_000)),
      },
    ],
    attribution: ATTRIBUTION_SEGMENTS.map((s, i) => ({
      segment: s.segment,
      label: s.label,
      p50Ns: [800, 300, 1_300, 2_000, 118_000][i] ?? 0,
      p99Ns: [2_500, 1_900, 4_800, 9_000, 410_000][i] ?? 0,
    })),
    events: [
      {
        kind: 'isolation',
        subject: 'decision-1',
        reason: 'lag above 75% of ring',
        monoNs: t0 + 18_000 * ms,
        numbers: { lag: 49_152, lost: 0 },
      },
      {
        kind: 'shed',
        subject: 'level 1',
        reason: 'execution backlog',
        monoNs: t0 + 19_500 * ms,
        numbers: { level: 1, inFlight: 512 },
      },
      {
        kind: 'shed',
        subject: 'level 0',
        reason: 'backlog drained',
        monoNs: t0 + 23_000 * ms,
        numbers: { level: 0, inFlight: 12 },
      },
    ],
    config: { strategy: 'momentum', decisionWorkers: 2, ringSlots: 65_536, venue: 'ouch' },
    notes: ['2-core machine shared with other jobs: timings are noisy.'],
  };
}
