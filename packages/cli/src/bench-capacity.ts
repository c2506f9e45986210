// `ringside bench capacity`: ramps a paced offered rate until the decision workers' processed
// p99 breaks the budget without shedding (the saturation point), then runs at 2× that rate with
// the ShedController driving the shed levels (bench/src/capacity). Runs as its own node process,
// like `bench pipeline`; its stdout is passed through: with --json the last line is the result.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const MAIN = fileURLToPath(new URL('../../../bench/src/capacity/capacity-bench-main.ts', import.meta.url));

interface BenchCapacityOptions {
  json?: boolean;
  quick?: boolean;
  workers?: string;
  strategy?: string;
  costNs?: string;
  budgetUs?: string;
  conflateLag?: string;
}

export function registerBenchCapacity(bench: Command): void {
  bench
    .command('capacity')
    .description('saturation point without shedding, then 2× that rate with the shed controller')
    .option('--quick', 'short run (under 90 s)')
    .option('--json', 'last stdout line is one JSON object')
    .option('--workers <n>', 'decision worker threads (default 1)')
    .option('--strategy <name>', 'latency-probe | top-of-book (default latency-probe)')
    .option('--cost-ns <ns>', 'busy work per strategy callback (default 10000)')
    .option('--budget-us <us>', 'processed-event p99 budget (default 5000)')
    .option('--conflate-lag <events>', 'conflate above this ring lag (default 64)')
    .action(async (options: BenchCapacityOptions) => {
      const args = [MAIN];
      if (options.json === true) args.push('--json');
      if (options.quick === true) args.push('--quick');
      if (options.workers !== undefined) args.push('--workers', options.workers);
      if (options.strategy !== undefined) args.push('--strategy', options.strategy);
      if (options.costNs !== undefined) args.push('--cost-ns', options.costNs);
      if (options.budgetUs !== undefined) args.push('--budget-us', options.budgetUs);
      if (options.conflateLag !== undefined) args.push('--conflate-lag', options.conflateLag);
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      const code = await new Promise<number>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (c, signal) => resolve(c ?? (signal === null ? 1 : 128)));
      });
      if (code !== 0) process.exitCode = code;
    });
}
