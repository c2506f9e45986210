// `bin/ringside demo --duration 20 --report DIR --auto-approve` end to end, as a user runs it:
// a child process starting nats-server, feed-sim, venue-sim, the hot path, observer, automation
// and approvals. It must exit 0 and leave a report.json that @ringside/report accepts, with the
// lifecycle walked INIT → WARM-UP → READY, orders that all completed, the injected faults
// visible, and the control-plane figures read back from the services themselves: the observer's
// Prometheus series, automation's audit stream (its calls), approvals' requests (one approved,
// by the demo, because of --auto-approve). Without nats-server the demo must still run and say
// that telemetry is off. Budget: the whole file < 90 s.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseDemoReport } from '@ringside/report';
import { REPO_ROOT, isNatsServerAvailable } from '@ringside/testkit';

const DURATION_S = 20;
const KILL_AFTER_MS = 80_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runDemo(dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(REPO_ROOT, 'bin', 'ringside'),
      ['demo', '--duration', String(DURATION_S), '--report', dir, '--auto-approve'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Bounded: a hung demo is killed (its own exit handler then kills every service it started).
    const timer = setTimeout(() => child.kill('SIGINT'), KILL_AFTER_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test(
  'ringside demo --duration 20 --auto-approve: exits 0 and writes a complete report',
  { timeout: 88_000 },
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ringside-demo-test-'));
    const nats = isNatsServerAvailable();
    console.log(
      `demo e2e: --duration ${DURATION_S} --auto-approve, nats-server ${nats ? 'present' : 'ABSENT'}, report ${dir}`,
    );
    try {
      const started = Date.now();
      const run = await runDemo(dir);
      console.log(`demo e2e: exit ${run.code} after ${Date.now() - started} ms`);
      assert.equal(run.code, 0, `demo failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
      // Non-TTY output: one status line per second, each with the state and the latency figures.
      const statusLines = run.stdout
        .split('\n')
        .filter((l) => / \| (INIT|WARM-UP|READY|DEGRADED) +\| /.test(l));
      assert.ok(statusLines.length >= DURATION_S / 2, `few status lines:\n${run.stdout}`);
      assert.match(run.stdout, /report: .*report\.html/);

      const report = parseDemoReport(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
      assert.ok(html.length > 1000, 'report.html is a page');
      assert.doesNotMatch(html, /(src|href)="https?:/, 'report.html must open offline');

      const names = report.states.map((s) => s.state);
      const at = (s: string): number => names.indexOf(s);
      assert.ok(at('INIT') === 0 && at('WARM-UP') > 0 && at('READY') > at('WARM-UP'), names.join(' → '));
      for (const s of report.states) assert.ok(s.reason.length > 0, `state ${s.state} has a reason`);

      assert.ok(report.eventsIn > 10_000, `eventsIn ${report.eventsIn}`);
      assert.ok(report.ordersSent > 0, 'orders were sent');
      assert.equal(report.lostOrders, 0, 'no order without a terminal completion');
      assert.equal(report.completions, report.ordersSent);
      assert.ok(report.decision.p50Ns > 0 && report.decision.p99Ns >= report.decision.p50Ns);
      assert.ok(report.execution.p50Ns > 0 && report.execution.p99Ns >= report.execution.p50Ns);
      // The venue stall: orders timed out, and the execution tail shows it (decision does not care).
      const orders = report['orders'] as { byStatus: Record<string, number> } | undefined;
      assert.ok(
        (orders?.byStatus['TIMEOUT'] ?? 0) > 0,
        `TIMEOUTs during the venue stall: ${JSON.stringify(orders)}`,
      );
      assert.ok(report.execution.p99Ns > 100e6, `execution p99 ${report.execution.p99Ns} ns shows the stall`);
      // The slow consumer: the hot path's own report has the isolation.
      const kinds = (report.events ?? []).map((e) => e.kind);
      assert.ok(kinds.includes('isolation'), `isolation event: ${kinds.join(',')}`);

      if (!nats) {
        assert.equal(report.telemetry.natsConnected, false);
        assert.ok(
          (report.notes ?? []).some((n) => n.includes('TELEMETRY OFF')),
          'the demo says plainly that telemetry is off',
        );
        return;
      }
      assert.equal(report.telemetry.natsConnected, true);
      assert.ok(report.telemetry.snapshotsPublished > 0);
      assert.ok(report.observer.prometheusSeries > 0, 'observer /metrics had ringside_* series');
      // Automation, from its audit stream: the alert (venue timeouts), the approval request and the
      // approved DropConsumer call at least.
      assert.ok(report.automation.actions >= 3, `automation actions ${report.automation.actions}`);
      assert.ok(report.approvals.requested >= 1, 'automation asked for an approval');
      assert.ok(report.approvals.approved >= 1, '--auto-approve approved it');
      assert.ok(kinds.includes('drop'), `the approved drop reached the hot path: ${kinds.join(',')}`);
      // The host traces one order in ten; the observer turns each into spans, exported over OTLP.
      assert.ok(report.observer.spansExported > 0, 'the observer exported order spans');
      console.log(
        `demo e2e: events ${report.eventsIn}, orders ${report.ordersSent}, decision p50/p99 ${report.decision.p50Ns}/${report.decision.p99Ns} ns, ` +
          `execution p50/p99 ${report.execution.p50Ns}/${report.execution.p99Ns} ns, series ${report.observer.prometheusSeries}, ` +
          `spans ${report.observer.spansExported}, automation ${report.automation.actions}, approvals ${report.approvals.approved}/${report.approvals.requested}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
