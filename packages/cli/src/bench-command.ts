import type { Command } from 'commander';
import { formatRingBench, ringBenchJson, runRingBench } from '@ringside/bench';
import { registerBenchCapacity } from './bench-capacity.ts';
import { registerBenchIngest } from './bench-ingest.ts';
import { registerBenchPipeline } from './bench-pipeline.ts';

interface RingBenchFlags {
  readonly quick?: boolean;
  readonly json?: boolean;
}

export function registerBench(program: Command): void {
  const bench = program
    .command('bench')
    .description('benchmarks against named baselines, printed side by side');
  bench
    .command('ring')
    .description('BroadcastRing and SpscQueue vs ringbuf.js and MessagePort')
    .option('--quick', 'short run (under 40 s)')
    .option('--json', 'last stdout line is one JSON object')
    .action(async (flags: RingBenchFlags) => {
      const report = await runRingBench({
        mode: flags.quick === true ? 'quick' : 'full',
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${formatRingBench(report).join('\n')}\n`);
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify(ringBenchJson(report))}\n`);
      }
    });
  registerBenchIngest(bench);
  registerBenchPipeline(bench);
  registerBenchCapacity(bench);
}
