// `ringside bench pipeline`: our full pipeline against the MessagePort baseline, one after the
// other (never at once: 2 cores), at each offered rate of the mode; JSON for the mode's rate.
import {
  DECISION_IDLE,
  FEED_PACE_QUANTUM_US,
  GATEWAY_MAX_PARK_MS,
  GATEWAY_SPIN_TURNS,
  PIPELINE_BENCH_SIZES,
} from './pipeline-config.ts';
import type { PipelineBenchMode } from './pipeline-config.ts';
import { describeBaselinePipeline, runBaselinePipeline } from './baseline-pipeline.ts';
import { describeRingsidePipeline, runRingsidePipeline } from './ringside-pipeline.ts';
import { GcWatch } from './gc-watch.ts';
import { describeSummary } from './latency-stats.ts';
import type { PipelineRunOptions, PipelineRunResult } from './pipeline-run.ts';

export interface PipelineBenchOptions {
  readonly mode: PipelineBenchMode;
  /** Default DECISION_IDLE. */
  readonly decisionIdle?: string;
  /** Default GATEWAY_SPIN_TURNS / GATEWAY_MAX_PARK_MS. */
  readonly gatewaySpinTurns?: number;
  readonly gatewayMaxParkMs?: number;
  /** Default FEED_PACE_QUANTUM_US. */
  readonly feedQuantumUs?: number;
  readonly log?: (line: string) => void;
}

export interface PipelineBenchRow {
  readonly ours: PipelineRunResult;
  readonly baseline: PipelineRunResult;
}

export interface PipelineBenchReport {
  readonly mode: PipelineBenchMode;
  readonly configuration: readonly string[];
  readonly rows: readonly PipelineBenchRow[];
  readonly jsonRate: number;
  readonly gcProbe: boolean;
}

export interface PipelineBenchJson {
  bench: 'pipeline';
  offeredPerSec: number;
  eventsIn: number;
  ordersSent: number;
  completions: number;
  lostOrders: number;
  decision: { p50Ns: number; p99Ns: number; p999Ns: number };
  execution: { p50Ns: number; p99Ns: number };
  baseline: { decision: { p50Ns: number; p99Ns: number; p999Ns: number } };
  p99VsBaseline: number;
  gcEventsInHotWorkers: number;
}

export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchReport> {
  const log = options.log ?? (() => {});
  const sizes = PIPELINE_BENCH_SIZES[options.mode];
  const gc = new GcWatch();
  const rows: PipelineBenchRow[] = [];
  const configuration: string[] = [];
  try {
    for (const rate of sizes.rates) {
      const o: PipelineRunOptions = {
        rate,
        warmUpMs: sizes.warmUpMs,
        measureMs: sizes.measureMs,
        everyEvents: sizes.everyEvents,
        decisionIdle: options.decisionIdle ?? DECISION_IDLE,
        gatewaySpinTurns: options.gatewaySpinTurns ?? GATEWAY_SPIN_TURNS,
        gatewayMaxParkMs: options.gatewayMaxParkMs ?? GATEWAY_MAX_PARK_MS,
        feedQuantumUs: options.feedQuantumUs ?? FEED_PACE_QUANTUM_US,
        log,
      };
      if (configuration.length === 0) {
        configuration.push(
          `mode ${options.mode}: rates ${sizes.rates.join(', ')} msg/s, warm-up ${sizes.warmUpMs} ms + measured ${sizes.measureMs} ms per pipeline and rate, run one after the other`,
          describeRingsidePipeline(o),
          describeBaselinePipeline(o),
          gc.active
            ? 'gc: PerformanceObserver preloaded into every worker (gc-probe.ts), counted in the measured window'
            : 'gc: probe not preloaded; decision workers self-report (whole run)',
        );
        for (const line of configuration) log(line);
      }
      log(`rate ${rate}: ringside pipeline…`);
      const ours = await runRingsidePipeline(o, gc);
      log(`rate ${rate}: ringside decision ${describeSummary(ours.decision)}`);
      log(`rate ${rate}: baseline pipeline…`);
      const baseline = await runBaselinePipeline(o);
      log(`rate ${rate}: baseline decision ${describeSummary(baseline.decision)}`);
      rows.push({ ours, baseline });
    }
  } finally {
    gc.close();
  }
  return { mode: options.mode, configuration, rows, jsonRate: sizes.jsonRate, gcProbe: gc.active };
}

export function formatPipelineBench(report: PipelineBenchReport): string[] {
  const lines = [...report.configuration];
  for (const { ours, baseline } of report.rows) {
    for (const r of [ours, baseline]) {
      lines.push(
        `${r.name} @ ${r.offeredPerSec} msg/s (achieved ${r.achievedPerSec.toFixed(0)}): events in ${r.eventsIn}, orders ${r.ordersSent}, terminal completions ${r.completions}, lost ${r.lostOrders}`,
        `  decision (ingest → enqueued): ${describeSummary(r.decision)}`,
      );
      if (r.execution.count > 0)
        lines.push(`  execution (enqueued → acked): ${describeSummary(r.execution)}`);
      for (const n of r.notes) lines.push(`  ${n}`);
    }
    lines.push(`  p99 baseline / ours: ${(baseline.decision.p99Ns / ours.decision.p99Ns).toFixed(2)}×`);
  }
  return lines;
}

export function pipelineBenchJson(report: PipelineBenchReport): PipelineBenchJson {
  const row = report.rows.find((r) => r.ours.offeredPerSec === report.jsonRate) ?? report.rows[0];
  if (row === undefined) throw new Error('pipeline bench: no result row');
  const { ours, baseline } = row;
  return {
    bench: 'pipeline',
    offeredPerSec: ours.offeredPerSec,
    eventsIn: ours.eventsIn,
    ordersSent: ours.ordersSent,
    completions: ours.completions,
    lostOrders: ours.lostOrders,
    decision: { p50Ns: ours.decision.p50Ns, p99Ns: ours.decision.p99Ns, p999Ns: ours.decision.p999Ns },
    execution: { p50Ns: ours.execution.p50Ns, p99Ns: ours.execution.p99Ns },
    baseline: {
      decision: {
        p50Ns: baseline.decision.p50Ns,
        p99Ns: baseline.decision.p99Ns,
        p999Ns: baseline.decision.p999Ns,
      },
    },
    p99VsBaseline: ours.decision.p99Ns > 0 ? baseline.decision.p99Ns / ours.decision.p99Ns : 0,
    gcEventsInHotWorkers: ours.gcEventsInHotWorkers,
  };
}
