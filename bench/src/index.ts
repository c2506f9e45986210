// @ringside/bench: benchmarks behind `bin/ringside bench …`, each against named baselines.
export { runRingBench } from './ring/ring-bench.ts';
export type { RingBenchOptions, RingBenchReport, RingBenchRow } from './ring/ring-bench.ts';
export { describeConfiguration, formatRingBench, ringBenchJson } from './ring/ring-bench-report.ts';
export type { RingBenchJson } from './ring/ring-bench-report.ts';
export { RING_BENCH_SIZES } from './ring/bench-config.ts';
export type { RingBenchMode, RingBenchSizes } from './ring/bench-config.ts';
export type { LatencySummary } from './ring/latency-summary.ts';
export { runCapacityBench, formatCapacityBench, capacityBenchJson } from './capacity/capacity-bench.ts';
export type {
  CapacityBenchJson,
  CapacityReport,
  CapacityStep,
  CapacityOverload,
} from './capacity/capacity-bench.ts';
export { CAPACITY_SIZES, CAPACITY_DEFAULTS } from './capacity/capacity-config.ts';
export type { CapacityBenchMode, CapacityOptions, CapacityStrategyName } from './capacity/capacity-config.ts';
