// `ringside demo`: Phase 1 on this host (nats-server, feed-sim, venue-sim, hotpath, observer,
// automation, approvals) for a set duration with a live status line, one injected slow
// consumer and one venue stall, the automation → approval flow, and a report (report.html,
// report.json). The orchestration lives in @ringside/demo; this file only parses flags.
// Exit codes: 0 done, 2 bad arguments, 130 interrupted (Ctrl-C), 1 anything else.
import { DemoError, DemoErrorCode, parseDemoOptions, runDemo } from '@ringside/demo';
import type { Command } from 'commander';

interface DemoFlags {
  duration: string;
  report?: string;
  autoApprove?: boolean;
  file?: string;
  synthetic?: boolean;
  rate?: string;
  faults: boolean;
  seed: string;
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run Phase 1 on this host for a while (live status), inject a slow consumer and a venue stall, write report.html + report.json',
    )
    .option('--duration <seconds>', 'seconds of run, from the hot path up (WARM-UP) to its stop', '30')
    .option('--report <dir>', 'report directory (default: ./ringside-demo-<time>)')
    .option('--auto-approve', 'approve the pending approval request as demo-operator (else a human must)')
    .option('--file <itch>', 'replay this NASDAQ-framed ITCH file (default: ../shared/data AMZN sample)')
    .option('--synthetic', 'generated market data even when the real sample is present')
    .option('--rate <msgPerSec>', 'feed rate (default: the file spread over the run; 20000 generated)')
    .option('--no-faults', 'skip the slow-consumer and venue-stall injections')
    .option('--seed <n>', 'seed of generated data and venue randomness', '7')
    .action(async (flags: DemoFlags) => {
      let options;
      try {
        options = parseDemoOptions(
          JSON.parse(
            JSON.stringify({
              durationS: num(flags.duration),
              reportDir: flags.report,
              autoApprove: flags.autoApprove === true,
              file: flags.file,
              synthetic: flags.synthetic === true,
              rate: num(flags.rate),
              noFaults: !flags.faults,
              seed: num(flags.seed),
            }),
          ),
        );
      } catch (err) {
        console.error(`ringside demo: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(2);
      }
      try {
        await runDemo(options);
        process.exit(0);
      } catch (err) {
        if (err instanceof DemoError && err.code === DemoErrorCode.INTERRUPTED) {
          console.error('ringside demo: interrupted; every service was stopped');
          process.exit(130);
        }
        console.error(`ringside demo: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      }
    });
}
