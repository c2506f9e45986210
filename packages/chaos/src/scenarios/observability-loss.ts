// Scenario 4, observability loss, on the Phase 2 topology: the hot path alone in its namespace,
// nats-server and the observer in the control-plane namespace. First nats-server is SIGKILLed
// (and started again), then the data link between the two hosts is cut (`ip link set … down`)
// and restored. Trading must not notice; telemetry is dropped and counted, the observer shows the
// host stale, and everything resumes by itself.
import { createTwoHostTopology, netnsSkipReason } from '@ringside/testkit';
import type { TwoHostTopology } from '@ringside/testkit';
import { ControlPlaneHost, promValue } from '../control-plane.ts';
import { HOST_NAME, HotRig } from '../hot-rig.ts';
import { HotWatch, controlPlaneReason, p99Unchanged, sleep } from '../hot-watch.ts';
import { requireHotpathHost } from '../hotpath-process.ts';
import { orderBalance } from '../order-balance.ts';
import { NotRunnableError } from '../scenario.ts';
import type { ChaosScenario, ScenarioContext, ScenarioRecorder } from '../scenario.ts';
import { TelemetryTap } from '../telemetry-tap.ts';

const STALE_MS = 1_000; // the observer's staleAfterMs (control-plane.ts)

export const observabilityLoss: ChaosScenario = {
  name: 'observability-loss',
  title: 'nats-server killed, then the hot-path ↔ control-plane link cut',
  expectations: [
    {
      id: 'p99',
      text: 'decision p99 during each outage ≤ max(2 × baseline, baseline + 1 ms) (hot path unchanged)',
    },
    {
      id: 'ready',
      text: 'the hot path answers throughout and shows no condition caused by the outage (telemetry loss is not a trading condition)',
    },
    {
      id: 'counted',
      text: 'snapshots not delivered are counted: dropped by the sidecar (its count rises) or lost in flight and counted by the observer (sequence gaps); none missing beyond both counts',
    },
    {
      id: 'stale',
      text: `observer shows the host stale (ringside_host_up 0) within ${STALE_MS} ms + 3 s of each outage`,
    },
    {
      id: 'resume',
      text: 'after NATS returns / the link is restored: snapshots flow and the observer shows the host up within 15 s',
    },
    { id: 'orders', text: 'every order sent has exactly one terminal completion: 0 lost, 0 duplicated' },
  ],
  timeoutMs: (quick) => (quick ? 110_000 : 240_000),
  run: runObservabilityLoss,
};

async function hostUp(cp: ControlPlaneHost): Promise<number | undefined> {
  const text = await cp.metrics();
  return text === undefined ? undefined : promValue(text, 'ringside_host_up', { host: HOST_NAME });
}

/** The observer's count of metrics snapshots missing from the host (-1: not in the scrape). */
async function observerLost(cp: ControlPlaneHost): Promise<number> {
  const text = await cp.metrics();
  const v =
    text === undefined
      ? undefined
      : (promValue(text, 'ringside_telemetry_lost_messages_total', { host: HOST_NAME, kind: 'metrics' }) ??
        promValue(text, 'ringside_telemetry_lost_messages', { host: HOST_NAME, kind: 'metrics' }));
  // Absent while nothing was ever missing: the counter appears with the first gap.
  return text === undefined ? -1 : (v ?? 0);
}

async function waitHostUp(
  cp: ControlPlaneHost,
  want: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs && !signal.aborted) {
    if ((await hostUp(cp)) === want) return Date.now();
    await sleep(100, signal);
  }
  return -1;
}

interface Outage {
  readonly name: string;
  readonly staleMs: number;
  readonly upAgainMs: number;
  readonly flowingAgainMs: number;
}

async function outage(
  name: string,
  inject: () => Promise<void>,
  heal: () => Promise<void>,
  env: { cp: ControlPlaneHost; tap: TelemetryTap; watch: HotWatch; ctx: ScenarioContext; holdMs: number },
): Promise<Outage> {
  const { cp, tap, watch, ctx } = env;
  watch.phase = `fault:${name}`;
  const t0 = Date.now();
  await inject();
  ctx.log(`${name}: injected`);
  const staleAt = await waitHostUp(cp, 0, STALE_MS + 3_000, ctx.signal);
  await sleep(Math.max(0, env.holdMs - (Date.now() - t0)), ctx.signal);
  watch.phase = `recovery:${name}`;
  const t1 = Date.now();
  await heal();
  ctx.log(`${name}: healed`);
  const upAt = await waitHostUp(cp, 1, 15_000, ctx.signal);
  const deadline = Date.now() + 15_000;
  while (tap.countSince(t1) === 0 && Date.now() < deadline && !ctx.signal.aborted)
    await sleep(100, ctx.signal);
  const firstAfter = tap.arrivals.find((t) => t >= t1);
  return {
    name,
    staleMs: staleAt < 0 ? -1 : staleAt - t0,
    upAgainMs: upAt < 0 ? -1 : upAt - t1,
    flowingAgainMs: firstAfter === undefined ? -1 : firstAfter - t1,
  };
}

async function runObservabilityLoss(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
  requireHotpathHost();
  const skip = netnsSkipReason();
  if (skip !== false) throw new NotRunnableError(`SKIPPED: Phase 2 topology needs ${skip}`);
  const holdMs = ctx.quick ? 4_000 : 10_000;
  let topo: TwoHostTopology | undefined;
  let cp: ControlPlaneHost | undefined;
  let rig: HotRig | undefined;
  const tap = new TelemetryTap();
  let watch: HotWatch | undefined;
  try {
    topo = await createTwoHostTopology();
    ctx.log(`topology ${topo.id}: hot ${topo.hot.ns}, control ${topo.control.ns}`);
    const cpHost = new ControlPlaneHost(topo);
    cp = cpHost;
    await cpHost.start();
    const r = new HotRig({
      feedRate: 20_000,
      topology: topo,
      natsUrl: cpHost.natsUrlForHot,
      // Not under test here: lenient so the machine's noise does not take consumers out.
      decisionP99BudgetNs: 20_000_000,
      tweak: (cfg) => {
        cfg['slowConsumer'] = { lagHighWater: 8_192, graceNs: 1e9, restNs: 1e9, autoReadmit: true };
      },
    });
    rig = r;
    await r.start();
    await tap.start(cpHost.natsUrlForHarness, HOST_NAME);
    const w = new HotWatch(() => r.hot.admin);
    watch = w;
    w.start();
    const ready = await w.waitFor((s) => s.state === 'READY', 60_000, ctx.signal);
    if (ready === undefined) {
      const last = w.samples.at(-1);
      throw new Error(
        `hot path never reached READY (last admin sample: ${last === undefined ? 'none' : `${last.state || 'no answer'} ${last.reason}`}); ` +
          `hot path output: ${r.hot.proc.logs().slice(-800)}`,
      );
    }
    if ((await waitHostUp(cpHost, 1, 10_000, ctx.signal)) < 0)
      throw new Error('observer never saw the host up');
    w.phase = 'baseline';
    await sleep(holdMs, ctx.signal);
    const droppedBefore = tap.droppedLatest;
    const missingBefore = tap.missing;
    const observerLostBefore = await observerLost(cpHost);

    const env = { cp: cpHost, tap, watch: w, ctx, holdMs };
    const natsDown = await outage(
      'nats-killed',
      () => cpHost.nats.kill('SIGKILL'),
      () => cpHost.startNats(),
      env,
    );
    const topoNow = topo;
    const linkCut = await outage(
      'link-cut',
      () => topoNow.cutLink(),
      () => topoNow.restoreLink(),
      env,
    );
    w.phase = 'after';
    await sleep(2_000, ctx.signal);
    w.stop();

    const baseline = w.p99Of('baseline');
    // The worse of the two outages.
    const during = Math.max(w.p99Of('fault:nats-killed'), w.p99Of('fault:link-cut'));
    rec.figures.decisionP99BaselineNs = baseline;
    rec.figures.decisionP99DuringNs = during;
    rec.observe(
      'p99',
      p99Unchanged(during, baseline),
      `decision p99 baseline ${(baseline / 1e3).toFixed(0)} µs, during outages ${(during / 1e3).toFixed(0)} µs`,
    );
    const watched = [
      'baseline',
      'fault:nats-killed',
      'recovery:nats-killed',
      'fault:link-cut',
      'recovery:link-cut',
      'after',
    ];
    const states = w.statesIn(...watched);
    const caused = w.samples.filter(
      (s) => watched.includes(s.phase) && (s.state === '' || controlPlaneReason(s.reason)),
    );
    const other = [
      ...new Set(
        w.samples.filter((s) => watched.includes(s.phase) && s.state === 'DEGRADED').map((s) => s.reason),
      ),
    ];
    rec.observe(
      'ready',
      caused.length === 0,
      `states seen: ${[...states].join(', ') || 'none'}; ${caused.length} sample(s) unanswered or with a telemetry reason` +
        (other.length > 0 ? `; DEGRADED for: ${other.slice(0, 2).join('; ')}` : ''),
    );

    // Two counters of loss: the sender's (sidecar outbox drops, all kinds) and the receiver's
    // (observer: metrics snapshots missing by sequence). The harness's own subscriber counts the
    // missing ones independently; anything missing beyond BOTH counts went unnoticed.
    const dropped = tap.droppedLatest - droppedBefore;
    const missing = tap.missing - missingBefore;
    const observerLostAfter = await observerLost(cpHost);
    const observerCounted =
      observerLostAfter < 0 || observerLostBefore < 0 ? -1 : observerLostAfter - observerLostBefore;
    rec.figures.countedLoss = dropped + Math.max(0, missing - dropped);
    rec.figures.uncountedLoss = Math.max(0, missing - Math.max(dropped, observerCounted));
    const inFlight = Math.max(0, missing - dropped);
    rec.observe(
      'counted',
      dropped > 0 && missing <= Math.max(dropped, observerCounted),
      `sidecar counted ${dropped} dropped message(s); ${missing} metrics snapshot(s) missing by sequence at the ` +
        `harness, ${observerCounted} counted missing by the observer` +
        (inFlight > 0
          ? `; ${inFlight} lost in flight (handed to the NATS client, never delivered: the sidecar could not know)`
          : ''),
    );
    const outages = [natsDown, linkCut];
    rec.observe(
      'stale',
      outages.every((o) => o.staleMs >= 0),
      outages.map((o) => `${o.name}: stale after ${o.staleMs} ms`).join('; '),
    );
    rec.observe(
      'resume',
      outages.every((o) => o.upAgainMs >= 0 && o.flowingAgainMs >= 0),
      outages
        .map(
          (o) => `${o.name}: snapshots again after ${o.flowingAgainMs} ms, host up after ${o.upAgainMs} ms`,
        )
        .join('; '),
    );
    rec.figures.detectMs = Math.max(...outages.map((o) => o.staleMs));
    rec.figures.recoverMs = Math.max(...outages.map((o) => o.upAgainMs));

    const balance = await orderBalance(r);
    rec.figures.lostOrders = balance.lost;
    rec.figures.duplicateOrders = balance.duplicated;
    rec.observe('orders', balance.lost === 0 && balance.duplicated === 0 && balance.sent > 0, balance.text);
  } finally {
    watch?.stop();
    await tap.stop();
    await rig?.stop();
    await cp?.stop();
    await topo?.destroy();
  }
}
