import type { Command } from 'commander';

export function registerBench(program: Command): void {
  const bench = program
    .command('bench')
    .description('benchmarks against named baselines, printed side by side');
  bench
    .command('ring')
    .description('BroadcastRing and SpscQueue vs ringbuf.js and MessagePort')
    .option('--quick', 'short run (under 40 s)')
    .option('--json', 'last stdout line is one JSON object')
    .action(() => {
      throw new Error('bench ring: not built yet');
    });
}
