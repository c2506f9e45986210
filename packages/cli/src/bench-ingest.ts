// `ringside bench ingest`: decode + normalize + publish throughput on one core against named
// baselines (bench/src/ingest). The benchmark runs as its own node process: a clean heap and
// JIT for every run, and the CLI package does not import service code (the ingest path lives
// in services/hotpath). Its stdout is passed through: with --json the last line is the result.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const MAIN = fileURLToPath(new URL('../../../bench/src/ingest/ingest-bench-main.ts', import.meta.url));

interface BenchIngestOptions {
  json?: boolean;
  quick?: boolean;
  file?: string;
  seconds?: string;
}

export function registerBenchIngest(bench: Command): void {
  bench
    .command('ingest')
    .description('ITCH decode + normalize + publish (one core) vs decode-only and a naive Buffer decoder')
    .option('--quick', 'short run (about 3 s)')
    .option('--json', 'last stdout line is one JSON object')
    .option('--file <itch>', 'NASDAQ-framed ITCH file to replay (default: the AMZN sample, else synthetic)')
    .option('--seconds <s>', 'measured seconds per subject (default 3, --quick 0.6)')
    .action(async (options: BenchIngestOptions) => {
      const args = [MAIN];
      if (options.json === true) args.push('--json');
      if (options.quick === true) args.push('--quick');
      if (options.file !== undefined) args.push('--file', options.file);
      if (options.seconds !== undefined) args.push('--seconds', options.seconds);
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      const code = await new Promise<number>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (c, signal) => resolve(c ?? (signal === null ? 1 : 128)));
      });
      if (code !== 0) process.exitCode = code;
    });
}
