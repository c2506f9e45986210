// `ringside chaos <name|all> [--quick] [--json] [--report-dir DIR]`: the failure-injection suite
// (packages/chaos). Progress goes to stderr; a human report (markdown and a self-contained HTML
// page) is written to the report dir, timestamped and again as chaos-latest.md/.html (the copy
// the repo commits under docs/reports); with --json the LAST
// stdout line is exactly {"chaos":[{name,passed,detectMs,…}]}. Exit code 0 only if every
// scenario run passed (a scenario that could not run here counts as not passed).
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CHAOS_SCENARIOS,
  chaosJsonLine,
  runScenarios,
  selectScenarios,
  writeChaosReport,
} from '@ringside/chaos';
import type { ChaosScenario } from '@ringside/chaos';
import { netnsSkipReason } from '@ringside/testkit';
import type { Command } from 'commander';

interface ChaosOptions {
  quick?: boolean;
  json?: boolean;
  reportDir?: string;
}

const EXIT_BAD_ARGS = 2;

export function registerChaos(program: Command): void {
  program
    .command('chaos')
    .description(
      `failure injection: ${CHAOS_SCENARIOS.map((s) => s.name).join(', ')} (or all); ` +
        'expected vs observed per scenario, report written to --report-dir',
    )
    .argument('<name>', 'scenario name, or "all"')
    .option('--quick', 'short fault and hold times (all five in under 10 minutes: CI)')
    .option('--json', 'last stdout line: {"chaos":[…]}')
    .option(
      '--report-dir <dir>',
      'where the report goes: chaos-<timestamp>.md/.html plus chaos-latest.md/.html ' +
        '(the repo keeps its latest in docs/reports)',
      path.join(tmpdir(), 'ringside-chaos'),
    )
    .action(async (name: string, o: ChaosOptions) => {
      let scenarios: ChaosScenario[];
      try {
        scenarios = selectScenarios(name);
      } catch (e) {
        console.error(`ringside chaos: ${(e as Error).message}`);
        process.exit(EXIT_BAD_ARGS);
      }
      const quick = o.quick === true;
      const startedAt = new Date();
      const skip = netnsSkipReason();
      const topology =
        skip === false
          ? 'Phase 2: hot path and control plane in two network namespaces (scenario 4)'
          : 'single host';
      if (skip !== false)
        console.error(`SKIPPED: Phase 2 two-host topology (${skip}); observability-loss cannot run`);
      const log = (m: string): void => console.error(m);
      const results = await runScenarios(scenarios, { quick, log });
      const report = await writeChaosReport(o.reportDir ?? path.join(tmpdir(), 'ringside-chaos'), results, {
        startedAt,
        quick,
        topology,
      });
      for (const r of results) {
        const f = r.figures;
        console.log(
          `${r.passed ? 'PASS' : 'FAIL'}  ${r.name.padEnd(20)} detect ${f.detectMs} ms, recover ${f.recoverMs} ms, ` +
            `orders lost ${f.lostOrders} dup ${f.duplicateOrders}, uncounted loss ${f.uncountedLoss}, ` +
            `decision p99 ${f.decisionP99DuringNs} ns vs baseline ${f.decisionP99BaselineNs} ns`,
        );
        for (const n of r.notes) console.log(`      ${n}`);
      }
      console.log(`report: ${report.markdownPath} and ${report.htmlPath}`);
      console.log(`latest: ${report.latestMarkdownPath} and ${report.latestHtmlPath}`);
      if (o.json === true) console.log(chaosJsonLine(results));
      process.exitCode = results.every((r) => r.passed) ? 0 : 1;
    });
}
