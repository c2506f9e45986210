// The common frame of the single-host scenarios: start feed-sim, venue-sim and the hot path,
// watch it over the admin API, wait for READY, hold a baseline, run the fault, then balance the
// orders — and always tear everything down, whatever happened.
import { HotRig } from '../hot-rig.ts';
import type { HotRigOptions } from '../hot-rig.ts';
import { HotWatch, sleep } from '../hot-watch.ts';
import { requireHotpathHost } from '../hotpath-process.ts';
import { orderBalance } from '../order-balance.ts';
import type { ScenarioContext, ScenarioRecorder } from '../scenario.ts';

export interface RigSession {
  readonly rig: HotRig;
  readonly watch: HotWatch;
}

export const READY_TIMEOUT_MS = 60_000;

export async function withRig(
  ctx: ScenarioContext,
  rec: ScenarioRecorder,
  options: HotRigOptions,
  body: (s: RigSession) => Promise<void>,
): Promise<void> {
  requireHotpathHost();
  const rig = new HotRig(options);
  const watch = new HotWatch(() => {
    try {
      return rig.hot.proc.running ? rig.hot.admin : undefined;
    } catch {
      return undefined;
    }
  });
  try {
    await rig.start();
    watch.start();
    const ready = await watch.waitFor((s) => s.state === 'READY', READY_TIMEOUT_MS, ctx.signal);
    if (ready === undefined)
      throw new Error(`hot path never reached READY: ${rig.hot.proc.logs().slice(-1_500)}`);
    ctx.log('READY; holding baseline');
    watch.phase = 'baseline';
    await sleep(ctx.quick ? 3_000 : 8_000, ctx.signal);
    await body({ rig, watch });
    watch.stop();
    if (rig.hot.proc.running) {
      const balance = await orderBalance(rig);
      rec.figures.lostOrders = balance.lost;
      rec.figures.duplicateOrders = balance.duplicated;
      rec.observe('orders', balance.lost === 0 && balance.duplicated === 0 && balance.sent > 0, balance.text);
    }
    for (const check of rec.deferred) check();
  } finally {
    watch.stop();
    await rig.stop();
  }
}

export const ORDERS_EXPECTATION = {
  id: 'orders',
  text: 'every order sent has exactly one terminal completion: 0 lost, 0 duplicated',
} as const;

export const fmtUs = (ns: number): string => (ns < 0 ? 'n/m' : `${(ns / 1e3).toFixed(0)} µs`);
