// Scenario 5, process restarts, mid-run, each by SIGKILL (a crash, not a polite stop):
//  1. observer, automation, approvals, nats-server — the control plane: trading must not notice;
//  2. feed-sim (same port, session and seed) — the ingest logs in again from its next sequence;
//  3. venue-sim (same port) — the gateway logs in again and reconciles what was in flight;
//  4. a restart request during the trading session — refused by the hot path;
//  5. at the session's end the hot path is stopped; with the session closed a restart request is
//     accepted, the host crashes (SIGKILL) and cold-starts INIT → WARM-UP → READY with its
//     warm-up metrics untrusted; at the end no order is left open at the venue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grpcCodeOf } from '../admin-client.ts';
import { freePort } from '../free-port.ts';
import { HotRig, sessionWindow } from '../hot-rig.ts';
import { HotWatch, controlPlaneReason, p99Unchanged, sleep } from '../hot-watch.ts';
import { requireHotpathHost } from '../hotpath-process.ts';
import { findNumber, orderBalance } from '../order-balance.ts';
import type { OrderBalance } from '../order-balance.ts';
import type { ChaosScenario, ScenarioContext, ScenarioRecorder } from '../scenario.ts';
import { ORDERS_EXPECTATION, READY_TIMEOUT_MS, fmtUs } from './rig-session.ts';
import { RestartServices } from './restart-services.ts';
import type { ServiceRestart } from './restart-services.ts';

const FAILED_PRECONDITION = 9;
const CONTROL_PLANE = ['observer', 'automation', 'approvals', 'nats-server'] as const;

export const processRestarts: ChaosScenario = {
  name: 'process-restarts',
  title: 'control plane, simulators and the hot path itself killed and restarted',
  expectations: [
    {
      id: 'control-plane',
      text: 'observer, automation, approvals (same signing key), nats-server: each back within 20 s; the hot path answers throughout and shows no condition caused by them',
    },
    { id: 'control-p99', text: 'decision p99 while they restart ≤ max(2 × baseline, baseline + 1 ms)' },
    { id: 'feed', text: 'feed-sim restarted: DEGRADED (feed) then READY within 15 s, no feed gap left open' },
    {
      id: 'venue',
      text: 'venue-sim restarted: gateway logs in again, DEGRADED (venue) then READY within 15 s',
    },
    { id: 'refused', text: 'RequestRestart during the trading session is refused (FAILED_PRECONDITION)' },
    {
      id: 'scheduled',
      text: 'RequestRestart outside the session is accepted (scheduled, never self-executed)',
    },
    {
      id: 'cold-start',
      text: 'after a crash: INIT → WARM_UP → READY, untrusted in WARM_UP, trusted in READY',
    },
    { id: 'reconciled', text: 'at the end no order is left open at the venue (resting 0, pending 0)' },
    ORDERS_EXPECTATION,
  ],
  timeoutMs: (quick) => (quick ? 170_000 : 300_000),
  run: runProcessRestarts,
};

interface Ctx {
  readonly ctx: ScenarioContext;
  readonly rec: ScenarioRecorder;
  readonly rig: HotRig;
  readonly watch: HotWatch;
}

async function waitReady(c: Ctx, timeoutMs: number): Promise<number> {
  const s = await c.watch.waitFor((x) => x.state === 'READY', timeoutMs, c.ctx.signal);
  return s === undefined ? -1 : s.atMs;
}

async function controlPlane(c: Ctx, services: RestartServices, hold: number): Promise<void> {
  const results: ServiceRestart[] = [];
  const t0 = Date.now();
  for (const name of CONTROL_PLANE) {
    c.watch.phase = `kill:${name}`;
    results.push(await services.restart(name));
    c.ctx.log(`${name}: ${results.at(-1)?.note ?? ''}`);
    await sleep(hold, c.ctx.signal);
  }
  const t1 = Date.now();
  const phases = CONTROL_PLANE.map((n) => `kill:${n}`);
  const states = c.watch.statesIn(...phases);
  const inKills = c.watch.samples.filter((s) => phases.includes(s.phase));
  const caused = inKills.filter((s) => s.state === '' || controlPlaneReason(s.reason));
  const off = inKills.filter((s) => s.state !== 'READY');
  const offText = [...new Set(off.map((s) => `${s.phase.slice(5)}: ${s.state || 'no answer'} ${s.reason}`))]
    .slice(0, 3)
    .join('; ');
  const ok = results.every((r) => r.restartMs >= 0 && r.note === 'ready again');
  c.rec.observe(
    'control-plane',
    ok && caused.length === 0 && inKills.length > 0,
    `${results.map((r) => `${r.name} ${r.restartMs} ms (${r.note})`).join('; ')}; hot path states: ${[...states].join(', ')}` +
      (off.length > 0 ? ` (not READY in ${off.length} sample(s): ${offText})` : '') +
      `; ${caused.length} sample(s) unanswered or with a control-plane reason`,
  );
  const baseline = c.watch.p99Of('baseline');
  const during = HotWatch.p99Between(c.watch.lastAtOrBefore(t0), c.watch.lastAtOrBefore(t1)).p99Ns;
  c.rec.figures.decisionP99BaselineNs = baseline;
  c.rec.figures.decisionP99DuringNs = during;
  c.rec.observe(
    'control-p99',
    p99Unchanged(during, baseline),
    `p99 baseline ${fmtUs(baseline)}, during restarts ${fmtUs(during)}`,
  );
  c.rec.figures.recoverMs = Math.max(...results.map((r) => r.restartMs));
}

/** SIGKILL a simulator, start it again on the same port; DEGRADED then READY. */
async function simulator(c: Ctx, which: 'feed' | 'venue'): Promise<{ detectMs: number; recoverMs: number }> {
  const proc = which === 'feed' ? c.rig.feed : c.rig.venue;
  c.watch.phase = `kill:${which}`;
  const t0 = Date.now();
  await proc.kill('SIGKILL');
  await sleep(1_500, c.ctx.signal); // down long enough to be noticed
  const from = proc.lines.length;
  proc.start();
  await proc.waitForLine((v) => v['event'] === 'listening', 15_000, from);
  const t1 = Date.now();
  const readyAt = await waitReady(c, 15_000);
  const degraded = c.watch.firstAfter(
    t0,
    (s) => s.state === 'DEGRADED' && new RegExp(which, 'i').test(s.reason),
  );
  const last = c.watch.samples.filter((s) => s.state !== '').at(-1);
  const gapOpen = last !== undefined && /gap/i.test(last.reason);
  const reasonOk = degraded !== undefined;
  c.rec.observe(
    which,
    reasonOk && readyAt >= 0 && !gapOpen,
    `${degraded === undefined ? `never DEGRADED for the ${which}` : `DEGRADED after ${degraded.atMs - t0} ms (${degraded.reason})`}; ` +
      `${readyAt < 0 ? 'not READY within 15 s' : `READY ${readyAt - t1} ms after the restart`}` +
      `${gapOpen ? `; gap still open: ${last.reason}` : ''}`,
  );
  return {
    detectMs: degraded === undefined ? -1 : degraded.atMs - t0,
    recoverMs: readyAt < 0 ? -1 : readyAt - t1,
  };
}

async function restartRequests(c: Ctx, expectRefusal: boolean): Promise<void> {
  try {
    const res = await c.rig.hot.admin.requestRestart('chaos: restart request');
    if (expectRefusal)
      c.rec.observe('refused', false, `accepted during the session (scheduled=${res.scheduled})`);
    else c.rec.observe('scheduled', res.scheduled, `scheduled=${res.scheduled}`);
  } catch (e) {
    const code = grpcCodeOf(e);
    const text = `refused: code ${code ?? '?'} ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`;
    if (expectRefusal) c.rec.observe('refused', code === FAILED_PRECONDITION, text);
    else c.rec.observe('scheduled', false, text);
  }
}

async function coldStart(c: Ctx): Promise<void> {
  c.rig.reconfigure({ sessionOpen: false });
  await c.rig.startHot();
  if ((await waitReady(c, READY_TIMEOUT_MS)) < 0) throw new Error('hot path (session closed) never READY');
  await restartRequests(c, false);
  c.watch.phase = 'crash';
  await c.rig.hot.proc.kill('SIGKILL');
  c.rig.reconfigure({});
  c.watch.phase = 'cold-start';
  await c.rig.startHot();
  // The state lines are the record (admin samples every 250 ms can miss a short READY).
  const readyLine = await c.rig.hot.proc
    .waitForLine((v) => v['event'] === 'state' && v['to'] === 'READY', READY_TIMEOUT_MS)
    .catch(() => undefined);
  await sleep(1_000, c.ctx.signal);
  const lines = c.rig.hot.stateLines();
  const transitions = lines.map((l) => String(l['to']));
  const firstOf = (s: string): number => transitions.indexOf(s);
  const ordered = firstOf('WARM_UP') >= 0 && firstOf('READY') > firstOf('WARM_UP');
  const warm = c.watch.inPhase('cold-start').filter((s) => s.state === 'WARM_UP');
  const after = c.watch
    .inPhase('cold-start')
    .filter((s) => readyLine !== undefined && s.atMs > readyLine.atMs && s.state !== '');
  const warmLines = lines.filter((l) => l['to'] === 'WARM_UP');
  const untrusted = warm.every((s) => !s.trusted) && warmLines.every((l) => l['trusted'] !== true);
  const trusted = readyLine?.value['trusted'] === true && after.every((s) => s.trusted);
  c.rec.observe(
    'cold-start',
    readyLine !== undefined && ordered && untrusted && trusted,
    `state lines: INIT → ${transitions.join(' → ')}; WARM_UP ${untrusted ? 'untrusted' : 'TRUSTED'} ` +
      `(${warm.length} admin sample(s)), from READY on ${trusted ? 'trusted' : 'UNTRUSTED'} (${after.length} sample(s))` +
      (readyLine === undefined ? `; still ${warm.at(-1)?.reason ?? 'not READY'}` : ''),
  );
}

function recordOrders(rec: ScenarioRecorder, balances: readonly OrderBalance[]): void {
  const measured = balances.every((b) => b.lost >= 0);
  const lost = balances.reduce((a, b) => a + Math.max(0, b.lost), 0);
  const dup = balances.reduce((a, b) => a + Math.max(0, b.duplicated), 0);
  rec.figures.lostOrders = measured ? lost : -1;
  rec.figures.duplicateOrders = measured ? dup : -1;
  rec.observe(
    'orders',
    measured && lost === 0 && dup === 0 && balances.every((b) => b.sent > 0),
    `${balances.map((b, k) => `process ${k + 1}: ${b.text}`).join('; ')} (the crashed process has no final report)`,
  );
}

async function runProcessRestarts(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
  requireHotpathHost();
  const hold = ctx.quick ? 1_000 : 3_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-chaos-restarts-'));
  let services: RestartServices | undefined;
  let rig: HotRig | undefined;
  let watch: HotWatch | undefined;
  try {
    services = await RestartServices.start(dir);
    const [feedPort, venuePort] = [await freePort(), await freePort()];
    const r = new HotRig({
      feedRate: 20_000,
      natsUrl: services.natsUrl,
      sessionOpen: true,
      feedArgs: ['--port', String(feedPort), '--session', 'CHAOSFEED'],
      venueArgs: ['--port', String(venuePort)],
      tweak: (cfg) => {
        cfg['decisionP99BudgetNs'] = 20_000_000;
      },
    });
    rig = r;
    await r.start();
    const w = new HotWatch(() => {
      try {
        return r.hot.proc.running ? r.hot.admin : undefined;
      } catch {
        return undefined;
      }
    });
    watch = w;
    w.start();
    const c: Ctx = { ctx, rec, rig: r, watch: w };
    if ((await waitReady(c, READY_TIMEOUT_MS)) < 0) throw new Error('hot path never READY');
    await services.startAutomation(r.hot.adminPort, sessionWindow(true));
    w.phase = 'baseline';
    await sleep(ctx.quick ? 3_000 : 6_000, ctx.signal);
    await controlPlane(c, services, hold);
    const feed = await simulator(c, 'feed');
    const venue = await simulator(c, 'venue');
    rec.figures.detectMs = Math.max(feed.detectMs, venue.detectMs);
    rec.figures.recoverMs = Math.max(rec.figures.recoverMs, feed.recoverMs, venue.recoverMs);
    w.phase = 'session';
    await restartRequests(c, true);
    // End of the trading day: the operator stops the hot path (drains), keeping the venue.
    const first = await orderBalance(r, false);
    rec.note(
      `feed gaps/duplicates in the first process's report: ${findNumber(r.hot.proc.lines.at(-1)?.value, ['gaps']) ?? 'not reported'}`,
    );
    await coldStart(c);
    await sleep(2_000, ctx.signal);
    w.stop();
    const fromVenue = r.venue.lines.length;
    const last = await orderBalance(r, true);
    const closed = r.venue.lines.slice(fromVenue).find((l) => l.value['event'] === 'closed')?.value;
    const resting = findNumber(closed, ['resting']);
    const pending = findNumber(closed, ['pending']);
    rec.observe(
      'reconciled',
      resting === 0 && pending === 0,
      closed === undefined
        ? 'venue final stats missing'
        : `venue at the end: resting ${resting ?? '?'}, pending ${pending ?? '?'}`,
    );
    recordOrders(rec, [first, last]);
  } finally {
    watch?.stop();
    await rig?.stop();
    await services?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
