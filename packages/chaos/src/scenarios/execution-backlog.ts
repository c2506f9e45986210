// Scenario 2, execution backlog: the venue stops answering for seconds (venue-sim SIGSTOPped:
// its TCP session stays up, nothing comes back — a hung matching engine). Orders back up in the
// gateway; they must come back as TIMEOUT or LOCAL_REJECT EXEC_BACKLOG completions, market data
// must keep flowing untouched, the host goes DEGRADED (venue down) and READY once the venue
// answers again (SIGCONT), with no order lost.
import { HotWatch, p99Unchanged, sleep } from '../hot-watch.ts';
import type { HotSample } from '../hot-watch.ts';
import { findNumber } from '../order-balance.ts';
import type { ChaosScenario, ScenarioContext, ScenarioRecorder } from '../scenario.ts';
import { ORDERS_EXPECTATION, fmtUs, withRig } from './rig-session.ts';

const CONSUMER_ACTIVE = 1;

export const executionBacklog: ChaosScenario = {
  name: 'execution-backlog',
  title: 'venue stalls for seconds (venue-sim SIGSTOP, session kept)',
  expectations: [
    { id: 'degraded', text: 'DEGRADED within venueStallMs (1 s) + 1.5 s of the stall, with a reason' },
    {
      id: 'completions',
      text: 'backed-up orders complete as TIMEOUT and/or LOCAL_REJECT EXEC_BACKLOG (count > 0)',
    },
    {
      id: 'ingest',
      text: 'ingest untouched: no consumer isolated or losing events; decision p99 of orders decided during the stall ≤ max(2 × baseline, baseline + 1 ms)',
    },
    { id: 'ready', text: 'READY again within 15 s after the venue answers' },
    ORDERS_EXPECTATION,
  ],
  timeoutMs: (quick) => (quick ? 110_000 : 240_000),
  run: runExecutionBacklog,
};

async function runExecutionBacklog(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
  const stallMs = ctx.quick ? 4_000 : 10_000;
  await withRig(
    ctx,
    rec,
    {
      feedRate: 20_000,
      everyEvents: 50,
      tweak: (c) => {
        const d = c['decision'] as Record<string, unknown>;
        d['orderQueueCapacity'] = 64;
        d['risk'] = { maxOrderQty: 1000, maxNotional: 1e9, maxOpenOrders: 1_000, priceBandBps: 10_000 };
      },
    },
    async ({ rig, watch }) => {
      watch.phase = 'fault';
      const t0 = Date.now();
      rig.venue.signal('SIGSTOP');
      ctx.log(`venue-sim stopped for ${stallMs} ms`);
      try {
        await sleep(stallMs, ctx.signal);
      } finally {
        rig.venue.signal('SIGCONT');
      }
      const t1 = Date.now();
      watch.phase = 'recovery';
      const ready = await watch.waitFor((s) => s.state === 'READY', 15_000, ctx.signal);
      watch.phase = 'after';
      await sleep(1_000, ctx.signal);

      const degraded = watch.firstAfter(t0, (s) => s.state === 'DEGRADED');
      const detect = degraded === undefined ? -1 : degraded.atMs - t0;
      rec.figures.detectMs = detect;
      rec.observe(
        'degraded',
        degraded !== undefined && detect <= 2_500 && degraded.reason.length > 0,
        degraded === undefined ? 'never DEGRADED' : `DEGRADED after ${detect} ms (${degraded.reason})`,
      );
      rec.figures.recoverMs = ready === undefined ? -1 : ready.atMs - t1;
      rec.observe(
        'ready',
        ready !== undefined,
        ready === undefined ? 'not READY within 15 s' : `READY ${ready.atMs - t1} ms after SIGCONT`,
      );

      const fault = watch.inPhase('fault').filter((s) => s.state !== '');
      const before = watch
        .inPhase('baseline')
        .filter((s) => s.state !== '')
        .at(-1);
      const lossOf = (s: HotSample | undefined): number =>
        s === undefined ? 0 : s.consumers.reduce((a, c) => a + Number(c.loss), 0);
      const lossDuring = lossOf(fault.at(-1)) - lossOf(before);
      const outOfRing = fault.filter((s) => s.consumers.some((c) => c.state !== CONSUMER_ACTIVE)).length;
      const losing = lossDuring > 0 || outOfRing > 0;
      const baseline = watch.p99Of('baseline');
      // Orders decided during the stall are recorded when the venue answers them (after
      // SIGCONT): from the baseline's end to READY again covers them all.
      const during = HotWatch.p99Between(watch.lastAtOrBefore(t0), ready ?? watch.samples.at(-1)).p99Ns;
      rec.figures.decisionP99BaselineNs = baseline;
      rec.figures.decisionP99DuringNs = during;
      rec.figures.countedLoss = lossDuring;
      rec.figures.uncountedLoss = 0;
      rec.note(
        'uncountedLoss 0 = no ring consumer lost events during the stall (loss read per consumer over the admin API)',
      );
      rec.observe(
        'ingest',
        !losing && p99Unchanged(during, baseline),
        `${fault.length} samples during the stall: ring loss ${lossDuring}, ${outOfRing} sample(s) with a consumer not ACTIVE, ` +
          `decision p99 baseline ${fmtUs(baseline)}, orders decided during the stall ${fmtUs(during)}`,
      );
      // Completions by kind: read from the hot path's final summary after the run (see orders).
      completionsCheck(rig, rig.hot.proc.lines.length, rec);
    },
  );
}

/** Registers a check run once the final summary exists (orderBalance stops the host). */
function completionsCheck(
  rig: { hot: { proc: { lines: readonly { value: Record<string, unknown> }[] } } },
  from: number,
  rec: ScenarioRecorder,
): void {
  rec.deferred.push(() => {
    const stopped = rig.hot.proc.lines.slice(from).find((l) => l.value['event'] === 'stopped')?.value;
    // HostReport: completionsByStatus.TIMEOUT, localRejects.EXEC_BACKLOG.
    const timeouts = findNumber(stopped, ['TIMEOUT']) ?? 0;
    const backlog = findNumber(stopped, ['EXEC_BACKLOG']) ?? 0;
    rec.observe(
      'completions',
      timeouts + backlog > 0,
      stopped === undefined
        ? 'hot path final summary missing'
        : `${timeouts} TIMEOUT and ${backlog} EXEC_BACKLOG completion(s) in the host's final summary`,
    );
  });
}
