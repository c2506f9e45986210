// Process entry of `ringside bench capacity` (spawned by the CLI). Progress goes to stderr, the
// report to stdout; with --json the last stdout line is the JSON. Hard time limit per mode.
import { parseArgs } from 'node:util';
import { capacityBenchJson, formatCapacityBench, runCapacityBench } from './capacity-bench.ts';
import { CAPACITY_DEFAULTS } from './capacity-config.ts';
import type { CapacityBenchMode, CapacityStrategyName } from './capacity-config.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    tiny: { type: 'boolean' },
    json: { type: 'boolean' },
    workers: { type: 'string' },
    strategy: { type: 'string' },
    'cost-ns': { type: 'string' },
    'budget-us': { type: 'string' },
    'conflate-lag': { type: 'string' },
  },
});
const mode: CapacityBenchMode = values.tiny === true ? 'tiny' : values.quick === true ? 'quick' : 'full';
const strategy = (values.strategy ?? CAPACITY_DEFAULTS.strategy) as CapacityStrategyName;
if (strategy !== 'latency-probe' && strategy !== 'top-of-book') {
  process.stderr.write(`bench capacity: unknown strategy ${strategy} (latency-probe | top-of-book)\n`);
  process.exit(2);
}
const num = (v: string | undefined, fallback: number, name: string): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(Number.isFinite(n) && n > 0)) {
    process.stderr.write(`bench capacity: --${name} must be a positive number\n`);
    process.exit(2);
  }
  return n;
};
const limit = setTimeout(
  () => {
    process.stderr.write('bench capacity: time limit reached\n');
    process.exit(2);
  },
  mode === 'full' ? 240_000 : mode === 'quick' ? 88_000 : 55_000,
);
limit.unref();
const report = await runCapacityBench({
  mode,
  workers: Math.round(num(values.workers, CAPACITY_DEFAULTS.workers, 'workers')),
  strategy,
  costNs: num(values['cost-ns'], CAPACITY_DEFAULTS.costNs, 'cost-ns'),
  budgetP99Ns: num(values['budget-us'], CAPACITY_DEFAULTS.budgetP99Ns / 1000, 'budget-us') * 1000,
  instruments: CAPACITY_DEFAULTS.instruments,
  conflateLagEvents: Math.round(
    num(values['conflate-lag'], CAPACITY_DEFAULTS.conflateLagEvents, 'conflate-lag'),
  ),
  windowMs: CAPACITY_DEFAULTS.windowMs,
  loadTickMs: CAPACITY_DEFAULTS.loadTickMs,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${formatCapacityBench(report).join('\n')}\n`);
if (values.json === true) process.stdout.write(`${JSON.stringify(capacityBenchJson(report))}\n`);
process.exit(0);
