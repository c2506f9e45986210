// `ringside bench pipeline`: feed-sim → ingest → 2 decision workers → gateway → venue-sim over
// loopback TCP against a worker_threads + MessagePort baseline (bench/src/pipeline). Runs as its
// own node process with the bench's gc probe preloaded into every worker thread; the CLI does
// not import service code. Its stdout is passed through: with --json the last line is the result.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const PIPELINE = new URL('../../../bench/src/pipeline/', import.meta.url);
const MAIN = fileURLToPath(new URL('pipeline-bench-main.ts', PIPELINE));
const GC_PROBE = new URL('gc-probe.ts', PIPELINE).href;

interface BenchPipelineOptions {
  json?: boolean;
  quick?: boolean;
  decisionIdle?: string;
}

export function registerBenchPipeline(bench: Command): void {
  bench
    .command('pipeline')
    .description('feed-sim → hotpath → venue-sim over TCP vs a worker_threads + MessagePort baseline')
    .option('--quick', 'short run (under 40 s)')
    .option('--json', 'last stdout line is one JSON object')
    .option('--decision-idle <strategy>', 'decision workers idle strategy (default park:1000)')
    .action(async (options: BenchPipelineOptions) => {
      const args = ['--import', GC_PROBE, MAIN];
      if (options.json === true) args.push('--json');
      if (options.quick === true) args.push('--quick');
      if (options.decisionIdle !== undefined) args.push('--decision-idle', options.decisionIdle);
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      const code = await new Promise<number>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (c, signal) => resolve(c ?? (signal === null ? 1 : 128)));
      });
      if (code !== 0) process.exitCode = code;
    });
}
