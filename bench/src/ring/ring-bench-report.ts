/** The human table and the one-line JSON of `bench ring`. */
import {
  CONSUMER_BATCH,
  EVENT_BYTES,
  LATENCY_CONSUMER_BATCH,
  MESSAGE_PORT_ACK_EVERY,
  MESSAGE_PORT_WINDOW,
  PUBLISH_BATCH,
  RING_CAPACITY,
} from './bench-config.ts';
import type { RingBenchReport } from './ring-bench.ts';

export interface RingBenchJson {
  readonly bench: 'ring';
  readonly results: readonly {
    readonly name: string;
    readonly eventsPerSec: number;
    readonly p50Ns: number;
    readonly p99Ns: number;
    readonly p999Ns: number;
  }[];
  readonly ratios: {
    readonly throughputVsMessagePort: number;
    readonly throughputVsRingbufJs: number;
    readonly p99VsMessagePort: number;
    readonly stalledConsumerPublishP99Ratio: number;
  };
  readonly gcEventsInHotLoops: number;
}

export function ringBenchJson(report: RingBenchReport): RingBenchJson {
  return {
    bench: 'ring',
    results: report.rows.map((r) => ({
      name: r.name,
      eventsPerSec: Math.round(r.eventsPerSec),
      p50Ns: r.p50Ns,
      p99Ns: r.p99Ns,
      p999Ns: r.p999Ns,
    })),
    ratios: {
      throughputVsMessagePort: round(report.ratios.throughputVsMessagePort, 2),
      throughputVsRingbufJs: round(report.ratios.throughputVsRingbufJs, 2),
      p99VsMessagePort: round(report.ratios.p99VsMessagePort, 2),
      stalledConsumerPublishP99Ratio: round(report.ratios.stalledConsumerPublishP99Ratio, 3),
    },
    gcEventsInHotLoops: report.gcEventsInHotLoops,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const ns = (x: number): string =>
  !Number.isFinite(x)
    ? 'n/a'
    : x < 10_000
      ? `${Math.round(x)} ns`
      : x < 10_000_000
        ? `${(x / 1e3).toFixed(1)} µs`
        : `${(x / 1e6).toFixed(1)} ms`;
const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'unknown');
const rate = (x: number): string => (Number.isFinite(x) ? `${(x / 1e6).toFixed(2)} M/s` : 'n/a');

function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)];
}

/** The human-readable report: results, ratios against targets, configuration. */
export function formatRingBench(report: RingBenchReport): string[] {
  const latencyHeader = `@ ${(report.sizes.latencyRate / 1e6).toFixed(2)} M/s`;
  const busy = report.load.others > 0.1 ? ' — MACHINE BUSY, numbers noise-limited' : '';
  const out: string[] = [
    '',
    'bench ring — same 64-byte events, same machine, one run',
    `(other processes used ${pct(report.load.others)} of the ${report.cores} cores meanwhile${busy})`,
    '',
  ];
  out.push(
    ...table(
      [
        'contender',
        'throughput',
        '(segments)',
        `p50 ${latencyHeader}`,
        'p99',
        'p99.9',
        'max',
        'lost',
        'GC',
        'note',
      ],
      report.rows.map((r) => [
        r.name,
        rate(r.eventsPerSec),
        `${(r.eventsPerSecMin / 1e6).toFixed(1)}–${(r.eventsPerSecMax / 1e6).toFixed(1)}`,
        ns(r.p50Ns),
        ns(r.p99Ns),
        ns(r.p999Ns),
        ns(r.maxNs),
        String(r.lost),
        String(r.gcEvents),
        r.timedOut ? 'HIT ITS TIME BOUND' : '',
      ]),
    ),
  );
  const low = report.messagePortLowRate;
  out.push(
    '',
    `MessagePort at ${report.sizes.messagePortLowRate} events/s (a rate it sustains): p50 ${ns(low.p50Ns)}, ` +
      `p99 ${ns(low.p99Ns)}, p99.9 ${ns(low.p999Ns)} (${low.count} samples)`,
    `publish cost of a ${PUBLISH_BATCH}-event batch, p50 / p99 / p99.9: stalled consumer attached ${ns(report.stalled.p50Ns)} / ` +
      `${ns(report.stalled.p99Ns)} / ${ns(report.stalled.p999Ns)}; no consumer ${ns(report.unstalled.p50Ns)} / ` +
      `${ns(report.unstalled.p99Ns)} / ${ns(report.unstalled.p999Ns)}`,
    '',
  );
  out.push(...table(['target (2 cores)', 'measured', ''], targetRows(report)));
  out.push('', 'configuration:', ...describeConfiguration(report).map((line) => `  ${line}`), '');
  return out;
}

function targetRows(report: RingBenchReport): string[][] {
  const r = report.ratios;
  const row = (name: string): RingBenchReport['rows'][number] | undefined =>
    report.rows.find((x) => x.name === name);
  const ours = row('BroadcastRing 1P→1C');
  const perEvent = row('ringbuf.js SPSC, push per event');
  const vsPerEvent = (ours?.eventsPerSec ?? Number.NaN) / (perEvent?.eventsPerSec ?? Number.NaN);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const times = (x: number, digits: number): string => `${x.toFixed(digits)}×`;
  return [
    [
      'BroadcastRing 1P→1C ≥ 20 M events/s',
      rate(ours?.eventsPerSec ?? NaN),
      verdict((ours?.eventsPerSec ?? 0) >= 20e6),
    ],
    [
      '≥ 30× MessagePort throughput',
      times(r.throughputVsMessagePort, 1),
      verdict(r.throughputVsMessagePort >= 30),
    ],
    [
      '≥ 2× ringbuf.js throughput (same batching)',
      times(r.throughputVsRingbufJs, 2),
      verdict(r.throughputVsRingbufJs >= 2),
    ],
    ['   … vs ringbuf.js pushing each event', times(vsPerEvent, 2), verdict(vsPerEvent >= 2)],
    [
      'one-way p99 ≤ 2 µs at 1 M events/s',
      ns(ours?.p99Ns ?? NaN),
      verdict((ours?.p99Ns ?? Infinity) <= 2000),
    ],
    ['p99 vs MessagePort (its p99 / ours)', times(r.p99VsMessagePort, 1), verdict(r.p99VsMessagePort > 1)],
    [
      'stalled-consumer publish p99 ratio ≤ 1.1',
      r.stalledConsumerPublishP99Ratio.toFixed(3),
      verdict(r.stalledConsumerPublishP99Ratio <= 1.1),
    ],
    [
      '0 GC events in ringside hot loops',
      String(report.gcEventsInHotLoops),
      verdict(report.gcEventsInHotLoops === 0),
    ],
  ];
}

/** The settings the table prints under "configuration". */
export function describeConfiguration(report: RingBenchReport): string[] {
  const s = report.sizes;
  return [
    `mode ${report.mode}, ${report.cores} cores, Node ${report.node}, ${report.seconds.toFixed(1)} s; ` +
      `this run used ${pct(report.load.ours)} of the cores, other processes ${pct(report.load.others)}` +
      (report.load.others > 0.1 ? ' — THE MACHINE WAS BUSY: treat these numbers as noise-limited' : ''),
    `events: ${EVENT_BYTES} bytes each (BroadcastRing: 8-byte slot header + 56-byte payload; ringbuf.js: ` +
      `8 Float64; MessagePort: a Float64Array(8)); rings of ${RING_CAPACITY} events`,
    `throughput: ${s.throughputEvents} events (1P→3C ${s.fanOutEvents}, MessagePort ${s.messagePortEvents}) after ` +
      `a warm-up of ${s.warmupFraction * 100}% (at least ${s.minWarmupEvents} events, MessagePort excepted) per run; ${s.throughputRounds} runs per contender, round-robin over the ` +
      `contenders, each in ${s.throughputTrials} back-to-back segments (MessagePort: 1); median segment reported; producer publishes ${PUBLISH_BATCH} events per publish/flush/push, ` +
      `consumers take ≤ ${CONSUMER_BATCH} per receive/poll/pop; BroadcastRing producer is flow-controlled on ` +
      `the slowest consumer's lag (benchmark-side: the ring itself never waits); MessagePort window ` +
      `${MESSAGE_PORT_WINDOW}, ack every ${MESSAGE_PORT_ACK_EVERY}`,
    `latency: ${s.latencyRate} events/s for ${s.latencySeconds} s per contender, one event per publish, ` +
      `consumers take ≤ ${LATENCY_CONSUMER_BATCH} per call; one-way = consumer nowNs() after receive − ` +
      `producer stampNs() before publish (CLOCK_MONOTONIC in both threads); hdr-histogram-js, 3 digits; ` +
      `stamps are taken when sent, so a producer running late is not corrected for (no coordinated-omission fix)`,
    `stalled consumer: ${s.stallRounds} rounds × ${s.stallBatchesPerRound} timed publishes of ${PUBLISH_BATCH} ` +
      `events on two rings, alternating — one with an attached consumer that never reads, one with none`,
    `GC: PerformanceObserver('gc') in every worker over its measured loop, after a forced collection; ` +
      `gcEventsInHotLoops sums the ringside workers (BroadcastRing, SpscQueue, stall producer)`,
    ...report.rows.map((r) => `idle, ${r.name}: ${r.idle}`),
  ];
}
