// The demo's run loop, once a second for the whole duration: reads the hot path over its admin
// API (lifecycle, shed level, consumers, decision and execution latency), the ingest counter
// for events/s, updates the status line, records shed and isolation changes, injects the slow
// consumer when its time comes, announces the venue stall, and moves the approval flow along.
import { ConsumerState, lifecycleStateToJSON } from '@ringside/contracts';
import type { LifecycleState } from '@ringside/contracts';
import type { Histogram, StateSnapshot } from '@ringside/contracts';
import type { DemoAdminClient } from './admin-client.ts';
import type { ApprovalFlow } from './approval-flow.ts';
import type { DemoContext } from './demo-context.ts';
import type { FaultPlan } from './fault-plan.ts';
import { errorText } from './grpc-unary.ts';
import type { ServiceProcess } from './service-process.ts';

const TICK_MS = 1_000;

/** LIFECYCLE_STATE_WARM_UP → WARM-UP (the spelling of the design and the report). */
export function lifecycleName(state: LifecycleState): string {
  return lifecycleStateToJSON(state).replace('LIFECYCLE_STATE_', '').replace('_', '-');
}

export interface MonitorInputs {
  readonly ctx: DemoContext;
  readonly admin: DemoAdminClient;
  /** Run time origin: when the hot path said ready (performance.now() ms). */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Ingest events so far (read back from the observer), undefined while unknown. */
  readonly eventsIn: () => Promise<number | undefined>;
  readonly faults: FaultPlan | undefined;
  /** venue-sim, frozen for the venue stall. */
  readonly venue: ServiceProcess;
  readonly approvals: ApprovalFlow | undefined;
  /** True once the hot-path process has gone (the loop ends early). */
  readonly hotpathGone: () => boolean;
}

export interface MonitorResult {
  /** The last latency report read while the hot path ran (for the report's attribution). */
  readonly lastLatency: readonly Histogram[];
  readonly slowConsumerInjected: boolean;
}

const pick = (hs: readonly Histogram[], name: string): Histogram | undefined =>
  hs.find((h) => h.name === name);

/** ISOLATED or DROPPED consumers of a snapshot, as `id:isolated` / `id:dropped` keys. */
function offTheRing(snap: StateSnapshot): Set<string> {
  return new Set(
    snap.consumers
      .filter((c) => c.state === ConsumerState.ISOLATED || c.state === ConsumerState.DROPPED)
      .map((c) => `${c.id}:${c.state === ConsumerState.DROPPED ? 'dropped' : 'isolated'}`),
  );
}

/** One tick a second until the duration is over (or the hot path is gone). */
class DemoMonitor {
  readonly #m: MonitorInputs;
  #latency: Histogram[] = [];
  #snap: StateSnapshot | undefined;
  #readyAt: number | undefined;
  #injected = false;
  #stalled = false;
  #shed: number | undefined;
  #offRing = new Set<string>();
  #rate: { at: number; events: number } | undefined;
  #eventsPerSec: number | undefined;

  constructor(m: MonitorInputs) {
    this.#m = m;
  }

  elapsed(): number {
    return performance.now() - this.#m.startedAt;
  }

  async run(): Promise<MonitorResult> {
    const m = this.#m;
    while (this.elapsed() < m.durationMs && !m.hotpathGone()) {
      m.ctx.checkInterrupted();
      const tickStart = performance.now();
      await this.#tick();
      const wait = Math.min(TICK_MS - (performance.now() - tickStart), m.durationMs - this.elapsed());
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    m.ctx.status.finish();
    return { lastLatency: this.#latency, slowConsumerInjected: this.#injected };
  }

  async #tick(): Promise<void> {
    const { ctx, admin } = this.#m;
    try {
      const [status, latency] = await Promise.all([admin.status(), admin.latency()]);
      this.#snap = status.state;
      this.#latency = latency;
    } catch (err) {
      ctx.log.write(`[demo] admin poll failed: ${errorText(err)}\n`);
    }
    if (this.#snap !== undefined) {
      this.#observeState(this.#snap);
      this.#observeShed(this.#snap);
      this.#observeConsumers(this.#snap);
    }
    await this.#observeRate();
    await this.#injectFaults();
    await this.#m.approvals?.poll();
    this.#render();
  }

  #observeState(snap: StateSnapshot): void {
    const state = lifecycleName(snap.state);
    if (state === 'READY' && this.#readyAt === undefined) this.#readyAt = this.elapsed();
    // The host's own report has the exact transitions; these are the fallback if it has none.
    this.#m.ctx.state({ state, reason: snap.reason, wallMs: Date.now() });
  }

  #observeShed(snap: StateSnapshot): void {
    const previous = this.#shed;
    this.#shed = snap.shedLevel;
    if (previous === undefined || previous === snap.shedLevel) return;
    this.#m.ctx.say(`shed level ${previous} → ${snap.shedLevel}`);
    this.#m.ctx.event({
      kind: 'shed',
      reason: snap.reason || `shed level ${snap.shedLevel}`,
      subject: `level ${snap.shedLevel}`,
      wallMs: Date.now(),
      numbers: { from: previous, level: snap.shedLevel },
    });
  }

  #observeConsumers(snap: StateSnapshot): void {
    const now = offTheRing(snap);
    for (const key of now) {
      if (this.#offRing.has(key)) continue;
      const [id, what] = key.split(':');
      const c = snap.consumers.find((x) => String(x.id) === id);
      this.#m.ctx.say(`consumer ${id} (${c?.name ?? '?'}) ${what}: ${c?.reason ?? ''}`);
      this.#m.ctx.event({
        kind: what === 'dropped' ? 'drop' : 'isolation',
        reason: c?.reason || what || 'isolated',
        subject: `consumer ${id}${c?.name ? ` (${c.name})` : ''}`,
        wallMs: Date.now(),
        numbers: { lag: c?.lag ?? 0, loss: c?.loss ?? 0 },
      });
    }
    this.#offRing = now;
  }

  async #observeRate(): Promise<void> {
    const events = await this.#m.eventsIn();
    if (events === undefined) return;
    const now = performance.now();
    if (this.#rate !== undefined && now > this.#rate.at)
      this.#eventsPerSec = ((events - this.#rate.events) * 1000) / (now - this.#rate.at);
    this.#rate = { at: now, events };
  }

  async #injectFaults(): Promise<void> {
    const { faults: f, ctx, admin, durationMs } = this.#m;
    if (f === undefined) return;
    const t = this.elapsed();
    // The slow consumer only once the host is READY (or late in the run): during warm-up a
    // fault shows nothing worth seeing.
    const ready = this.#readyAt !== undefined ? t >= this.#readyAt + 1_000 : t >= durationMs * 0.6;
    if (!this.#injected && t >= f.slowConsumerAtMs && ready) {
      this.#injected = true;
      await injectSlowConsumer(ctx, admin, f.slowConsumerId);
    }
    if (!this.#stalled && t >= f.venueStallAtMs) {
      this.#stalled = true;
      stallVenue(ctx, this.#m.venue, f.venueStallMs);
    }
  }

  #render(): void {
    const snap = this.#snap;
    const decision = pick(this.#latency, 'decision');
    const execution = pick(this.#latency, 'execution');
    this.#m.ctx.status.update({
      elapsedMs: this.elapsed(),
      totalMs: this.#m.durationMs,
      state: snap === undefined ? 'starting' : lifecycleName(snap.state),
      eventsPerSec: this.#eventsPerSec,
      decisionP50Ns: decision?.count ? decision.p50Ns : undefined,
      decisionP99Ns: decision?.count ? decision.p99Ns : undefined,
      executionP50Ns: execution?.count ? execution.p50Ns : undefined,
      executionP99Ns: execution?.count ? execution.p99Ns : undefined,
      shedLevel: snap?.shedLevel,
      isolated: snap === undefined ? undefined : this.#offRing.size,
    });
  }
}

export function runMonitor(m: MonitorInputs): Promise<MonitorResult> {
  return new DemoMonitor(m).run();
}

/**
 * The venue stall: venue-sim frozen (SIGSTOP) for `ms`, then continued: the session stays up,
 * nothing is answered, the gateway times orders out; afterwards the late answers arrive.
 */
function stallVenue(ctx: DemoContext, venue: ServiceProcess, ms: number): void {
  ctx.say(`fault: venue stall — venue-sim frozen for ${ms} ms (no acks, no heartbeats), then resumed`);
  ctx.event({ kind: 'fault', reason: `venue stall ${ms} ms`, subject: 'venue-sim', wallMs: Date.now() });
  venue.pause();
  setTimeout(() => venue.resume(), ms).unref();
}

async function injectSlowConsumer(
  ctx: DemoContext,
  admin: DemoAdminClient,
  consumerId: number,
): Promise<void> {
  ctx.say(
    `fault: slow consumer — ring consumer ${consumerId} (a decision worker) is taken off the ring through the admin API ` +
      '(IsolateConsumer, what the slow-consumer policy does to a worker that lags)',
  );
  ctx.event({
    kind: 'fault',
    reason: 'slow consumer injected (admin IsolateConsumer)',
    subject: `consumer ${consumerId}`,
    wallMs: Date.now(),
  });
  try {
    await admin.isolate(consumerId, 'ringside demo: injected slow consumer');
  } catch (err) {
    ctx.say(`  IsolateConsumer ${consumerId} refused: ${errorText(err)}`);
  }
}
