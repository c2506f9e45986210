// The conductor loop: the main thread's periodic look at the pipeline (setInterval, tickMs;
// never on the hot path, reads only counters, sample rings and status words). Each tick:
//   0. ShedController.observeLoad: the leading indicators — the LEAST-lagging active decision
//      consumer's ring lag (two Atomics loads per line) and the workers' conflated / shed_dropped
//      counters — every tick, so a burst raises the level before a p99 window shows it
//   1. decision latency window (the workers' sample rings) → Lifecycle.observeWindow (WARM_UP:
//      towards READY; READY / DEGRADED: a p99 over budget sets the latency-budget condition,
//      one under clears it) and ShedController.observeWindow (windows with too few samples
//      are skipped by both)
//   2. SlowConsumerPolicy.tick (isolate / drop / readmit by lag)
//   3. feed (ingest status + GAPS counter), venue session (route block SESSION_UP) and the
//      execution backlog (in flight with no answers, EXEC_BACKLOG rejects) health
//   4. Lifecycle.tick with every level input, then the new transitions: READY the first time
//      flips the gateway's route from the warm-up sink to the venue
// Errors in a tick are logged and counted; the loop survives (an agent's error handler).
import type { CountersReader } from '@ringside/counters';
import { ConsumerState, nowNs } from '@ringside/ring';
import { LifecycleState } from '@ringside/contracts';
import type { Logger } from 'pino';
import type { Lifecycle } from '../conductor/lifecycle.ts';
import { lifecycleStateName } from '../conductor/lifecycle-state.ts';
import type { LifecycleTransition } from '../conductor/lifecycle-state.ts';
import type { ShedChange, ShedController } from '../conductor/shed-controller.ts';
import type { SlowConsumerAction, SlowConsumerPolicy } from '../conductor/slow-consumer-policy.ts';
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import { readDecisionCounters } from '../decision/decision-counters.ts';
import { GatewayRoute, GatewayRouteDescriptor as RD, routeToVenue } from '../gateway/gateway-config.ts';
import type { GatewayHandle } from '../gateway/gateway-controller.ts';
import { readGatewayCounters } from '../gateway/gateway-counters.ts';
import type { IngestHandle } from '../ingest/ingest-controller.ts';
import { readIngestCounters } from '../ingest/ingest-counters.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import { DecisionWindowSampler } from './decision-window.ts';
import type { DecisionWindow } from './decision-window.ts';
import type { HotpathConfig } from './host-config.ts';
import type { FeedHealth } from './session-health.ts';
import { VenueHealth } from './session-health.ts';

export interface ConductorParts {
  readonly config: HotpathConfig;
  readonly counters: CountersReader;
  readonly decision: DecisionWorkersHandle;
  readonly gateway: GatewayHandle;
  readonly ingest: IngestHandle;
  readonly lifecycle: Lifecycle;
  readonly shed: ShedController;
  readonly consumers: SlowConsumerPolicy;
  readonly feed: FeedHealth;
  readonly events: EventQueueWriter | undefined;
  readonly log: Logger;
}

/** What the conductor has seen so far (for the host report). */
export interface ConductorTotals {
  readonly ticks: number;
  readonly tickErrors: number;
  readonly windowsFed: number;
  readonly windowsSkipped: number;
  readonly lastWindow: DecisionWindow | undefined;
  readonly samplesMissed: number;
}

export class Conductor {
  readonly parts: ConductorParts;
  /** Every transition since start (the lifecycle's own history is bounded). */
  readonly transitions: LifecycleTransition[] = [];
  readonly shedChanges: ShedChange[] = [];
  readonly consumerActions: SlowConsumerAction[] = [];
  readonly #window: DecisionWindowSampler;
  readonly #venue: VenueHealth;
  readonly #route: Int32Array;
  readonly #afterTick: (() => void)[] = [];
  readonly #onTransition: ((t: LifecycleTransition) => void)[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastSeen: LifecycleTransition | undefined;
  #eventsAtWindowStart = 0;
  #ticks = 0;
  #tickErrors = 0;
  #windowsFed = 0;
  #windowsSkipped = 0;
  #lastWindow: DecisionWindow | undefined;

  constructor(parts: ConductorParts, startNs: number) {
    this.parts = parts;
    this.#window = new DecisionWindowSampler(
      parts.decision.workers.map((w) => w.samples),
      startNs,
    );
    this.#venue = new VenueHealth(parts.config.conductor.venueStallMs, startNs);
    this.#route = new Int32Array(parts.gateway.route);
    this.#eventsAtWindowStart = this.#decisionEvents();
  }

  /** Called with each new lifecycle transition, in order. */
  onTransition(listener: (t: LifecycleTransition) => void): void {
    this.#onTransition.push(listener);
  }

  /** Called after every tick (the admin backend compares its snapshot there). */
  afterTick(listener: () => void): void {
    this.#afterTick.push(listener);
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.tick(nowNs()), this.parts.config.conductor.tickMs);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  get routedToVenue(): boolean {
    return Atomics.load(this.#route, RD.ROUTE_INDEX) === GatewayRoute.VENUE;
  }

  get venueStalled(): boolean {
    return this.#venue.stalled;
  }

  totals(): ConductorTotals {
    return {
      ticks: this.#ticks,
      tickErrors: this.#tickErrors,
      windowsFed: this.#windowsFed,
      windowsSkipped: this.#windowsSkipped,
      lastWindow: this.#lastWindow,
      samplesMissed: this.#window.missed,
    };
  }

  /** One conductor step at monotonic `now` (public so a test can step it). */
  tick(now: number): void {
    this.#ticks++;
    try {
      this.#step(now);
    } catch (err) {
      this.#tickErrors++;
      this.parts.log.error({ err }, 'conductor tick failed (the loop goes on)');
    }
    this.noteTransitions();
    for (const l of this.#afterTick) l();
  }

  /** Picks up transitions made since the last look (ticks, admin calls). */
  noteTransitions(): void {
    const history = this.parts.lifecycle.history();
    const from = this.#lastSeen === undefined ? 0 : history.lastIndexOf(this.#lastSeen) + 1;
    for (const t of history.slice(from)) {
      this.transitions.push(t);
      this.#lastSeen = t;
      if (t.to === LifecycleState.READY && !this.routedToVenue) this.#flipToVenue(t.monoNs);
      this.parts.log.info(
        {
          from: lifecycleStateName(t.from),
          to: lifecycleStateName(t.to),
          reason: t.reason,
          monoNs: t.monoNs,
        },
        'lifecycle transition',
      );
      for (const l of this.#onTransition) l(t);
    }
  }

  #step(now: number): void {
    const { config, lifecycle, shed, consumers, feed, counters } = this.parts;
    this.#window.poll();
    const load = shed.observeLoad(this.#shedLoad(), now);
    if (load !== undefined) this.recordShedChange(load);
    if (now - this.#window.startNs >= config.conductor.windowMs * 1e6) this.#closeWindow(now);
    for (const a of consumers.tick(now)) this.#consumerAction(a);
    const ingest = readIngestCounters(counters, this.parts.ingest.counterIds);
    const gw = readGatewayCounters(counters, this.parts.gateway.counterIds);
    const sessionUp = Atomics.load(this.#route, RD.SESSION_UP_INDEX) === 1;
    const answers =
      (gw['ack_accepted'] ?? 0) +
      (gw['ack_rejected'] ?? 0) +
      (gw['ack_executed'] ?? 0) +
      (gw['ack_canceled'] ?? 0);
    const inFlight = gw['in_flight'] ?? 0;
    const execBacklogRejects = gw['exec_backlog'] ?? 0;
    const stall = this.#venue.observe({ sessionUp, answers, inFlight, execBacklogRejects }, now);
    if (stall !== undefined) {
      const reason =
        stall === 'stalled'
          ? `venue stalled: ${inFlight} orders in flight, no answer for ${config.conductor.venueStallMs} ms`
          : 'venue answers again';
      this.parts.log.warn({ inFlight, answers }, reason);
      this.parts.events?.offer(
        { kind: `host.venue_${stall}`, reason, numbers: { inFlight, answers }, trusted: lifecycle.trusted },
        now,
      );
    }
    lifecycle.tick(now, {
      consumers: consumers.consumerCondition(),
      shedLevel: shed.level,
      feedSessionUp: feed.up,
      feedGapOpen: feed.gapOpen(ingest.gaps, now),
      venueSessionUp: this.#venue.up(sessionUp),
      execBacklog: this.#venue.backlog(),
    });
  }

  #closeWindow(now: number): void {
    const { config, lifecycle, shed } = this.parts;
    const window = this.#window.close(now);
    const events = this.#decisionEvents();
    // Events per worker: each worker reads every event (broadcast), so divide by the workers.
    const processed = Math.max(0, Math.round((events - this.#eventsAtWindowStart) / config.decision.workers));
    this.#eventsAtWindowStart = events;
    this.#lastWindow = window;
    if (window.samples < config.conductor.minWindowSamples) {
      this.#windowsSkipped++;
      return;
    }
    this.#windowsFed++;
    // Every state past INIT: warm-up counts stable windows, READY / DEGRADED watch the budget.
    if (lifecycle.state !== LifecycleState.INIT) lifecycle.observeWindow({ p99Ns: window.p99Ns }, now);
    const change = shed.observeWindow({ p99Ns: window.p99Ns, processed }, now);
    if (change !== undefined) this.recordShedChange(change);
  }

  recordShedChange(change: ShedChange): void {
    this.shedChanges.push(change);
    this.parts.log.warn(
      { kind: change.kind, previous: change.previous, level: change.level, reason: change.reason },
      'shed level change',
    );
  }

  #consumerAction(a: SlowConsumerAction): void {
    this.consumerActions.push(a);
    this.parts.log.warn({ consumer: a.consumer, kind: a.kind, reason: a.reason, ...a.numbers }, 'consumer');
  }

  /** Records an operator's consumer action (admin calls). */
  recordConsumerAction(a: SlowConsumerAction): void {
    this.#consumerAction(a);
  }

  /**
   * The shed controller's per-tick reading: the lag of the LEAST-lagging ACTIVE consumer, and the
   * shed counters. Overload is every worker falling behind; one worker behind while the others
   * keep up is a slow consumer, the slow-consumer policy's business (isolate, drop), and must not
   * make the whole host shed — which would refuse the healthy workers' orders too (the chaos
   * slow-consumer scenario caught exactly that with the slowest lag as the signal).
   */
  #shedLoad(): { lagEvents: number; conflated: number; dropped: number } {
    let lagEvents = Number.POSITIVE_INFINITY;
    // Isolated / dropped lines skip to the head on their own (slow-consumer policy): not load.
    for (const c of this.parts.consumers.consumers())
      if (c.state === ConsumerState.ACTIVE && c.lag < lagEvents) lagEvents = c.lag;
    if (lagEvents === Number.POSITIVE_INFINITY) lagEvents = 0;
    let conflated = 0;
    let dropped = 0;
    for (const w of this.parts.decision.workers) {
      const s = readDecisionCounters(this.parts.counters, w.counterIds).scalars;
      conflated += s['conflated'] ?? 0;
      dropped += s['shed_dropped'] ?? 0;
    }
    return { lagEvents, conflated, dropped };
  }

  #decisionEvents(): number {
    let n = 0;
    for (const w of this.parts.decision.workers)
      n += readDecisionCounters(this.parts.counters, w.counterIds).scalars['events'] ?? 0;
    return n;
  }

  #flipToVenue(now: number): void {
    routeToVenue(this.parts.gateway.route, now);
    const sink = Atomics.load(this.#route, RD.SINK_ORDERS_INDEX);
    const reason = `warm-up over: orders enqueued from now on go to the venue (${sink} answered by the sink)`;
    this.parts.log.info({ sinkOrders: sink }, reason);
    this.parts.events?.offer(
      { kind: 'host.route', reason, numbers: { sinkOrders: sink }, labels: { route: 'venue' } },
      now,
    );
  }
}
