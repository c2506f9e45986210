/** The human table and the one-line JSON of `bench ring`. */
import { describeConfiguration } from './ring-bench.ts';
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
  const out: string[] = ['', 'bench ring — same 64-byte events, same machine, one run', ''];
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
    `publish cost of a ${16}-event batch, p50 / p99 / p99.9: stalled consumer attached ${ns(report.stalled.p50Ns)} / ` +
      `${ns(report.stalled.p99Ns)} / ${ns(report.stalled.p999Ns)}; no consumer ${ns(report.unstalled.p50Ns)} / ` +
      `${ns(report.unstalled.p99Ns)} / ${ns(report.unstalled.p999Ns)}`,
    '',
  );
  const r = report.ratios;
  const ours = report.rows.find((row) => row.name === 'BroadcastRing 1P→1C');
  const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  out.push(
    ...table(
      ['target (2 cores)', 'measured', ''],
      [
        [
          'BroadcastRing 1P→1C ≥ 20 M events/s',
          rate(ours?.eventsPerSec ?? Number.NaN),
          check((ours?.eventsPerSec ?? 0) >= 20e6),
        ],
        [
          '≥ 30× MessagePort throughput',
          `${r.throughputVsMessagePort.toFixed(1)}×`,
          check(r.throughputVsMessagePort >= 30),
        ],
        [
          '≥ 2× ringbuf.js throughput',
          `${r.throughputVsRingbufJs.toFixed(2)}×`,
          check(r.throughputVsRingbufJs >= 2),
        ],
        [
          'one-way p99 ≤ 2 µs at 1 M events/s',
          ns(ours?.p99Ns ?? Number.NaN),
          check((ours?.p99Ns ?? Infinity) <= 2000),
        ],
        ['p99 better than MessagePort', `${r.p99VsMessagePort.toFixed(1)}×`, check(r.p99VsMessagePort > 1)],
        [
          'stalled-consumer publish p99 ratio ≤ 1.1',
          r.stalledConsumerPublishP99Ratio.toFixed(3),
          check(r.stalledConsumerPublishP99Ratio <= 1.1),
        ],
        [
          '0 GC events in ringside hot loops',
          String(report.gcEventsInHotLoops),
          check(report.gcEventsInHotLoops === 0),
        ],
      ],
    ),
  );
  out.push('', 'configuration:', ...describeConfiguration(report).map((line) => `  ${line}`), '');
  return out;
}
