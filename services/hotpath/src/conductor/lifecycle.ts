// The conductor's lifecycle state machine. Pure control plane, driven by explicit calls with a
// monotonic `nowNs` (no timers), so tests can step it. Every transition carries a reason, the
// monotonic and wall-clock stamps, goes into a bounded history, the telemetry state block
// (setLifecycle: untrusted until READY) and the event queue.
import { LifecycleState } from '@ringside/contracts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';
import { DEGRADED_CONDITIONS, DegradedCondition } from './degraded-condition.ts';
import type { ActiveCondition, DegradedConditionName } from './degraded-condition.ts';
import type { LifecycleConfig } from './lifecycle-config.ts';
import { isLegalTransition, lifecycleStateName } from './lifecycle-state.ts';
import type { LifecycleStateValue, LifecycleTransition } from './lifecycle-state.ts';
import { WarmUpGate, checkedP99 } from './warm-up-gate.ts';
import type { LatencyWindow } from './warm-up-gate.ts';

export interface LifecycleSinks {
  readonly state?: TelemetryStateWriter;
  readonly events?: EventQueueWriter;
}

/** Level inputs for one tick; a field left out keeps its previous value. */
export interface LifecycleInputs {
  /** Consumer lines currently ISOLATED / DROPPED (SlowConsumerPolicy.consumerCondition()). */
  readonly consumers?: { readonly isolated: readonly number[]; readonly dropped: readonly number[] };
  readonly shedLevel?: number;
  readonly feedSessionUp?: boolean;
  readonly venueSessionUp?: boolean;
  readonly feedGapOpen?: boolean;
  /** The execution backlog (session up, venue not keeping up); see ExecBacklogReading. */
  readonly execBacklog?: ExecBacklogReading;
}

/** What the gateway's numbers say about execution backing up. */
export interface ExecBacklogReading {
  readonly active: boolean;
  /** Orders in the gateway's in-flight table. */
  readonly inFlight: number;
  /** How long the oldest unanswered order has waited: time since the venue last answered
   *  while orders were in flight (0 when nothing waits). */
  readonly oldestAgeMs: number;
  /** NEW orders the gateway refused LOCAL_REJECT EXEC_BACKLOG so far. */
  readonly localRejects: number;
}

export class Lifecycle {
  readonly config: LifecycleConfig;
  readonly #sinks: LifecycleSinks;
  readonly #gate: WarmUpGate;
  readonly #conditions = new Map<DegradedConditionName, ActiveCondition>();
  readonly #history: LifecycleTransition[] = [];
  #state: LifecycleStateValue = LifecycleState.INIT;
  #sinceNs: number;
  /** When the last condition cleared (NaN while one is active). */
  #clearSinceNs: number;

  constructor(config: LifecycleConfig, sinks: LifecycleSinks = {}, startNs = 0) {
    this.config = config;
    this.#sinks = sinks;
    this.#gate = new WarmUpGate(config.decisionP99BudgetNs, config.warmUpWindows, config.maxSpreadRatio);
    this.#sinceNs = startNs;
    this.#clearSinceNs = startNs;
    sinks.state?.setLifecycle(LifecycleState.INIT, 'starting', startNs, false);
  }

  get state(): LifecycleStateValue {
    return this.#state;
  }

  get stateName(): string {
    return lifecycleStateName(this.#state);
  }

  /** Monotonic ns of the last transition. */
  get sinceNs(): number {
    return this.#sinceNs;
  }

  get trusted(): boolean {
    return this.#state === LifecycleState.READY || this.#state === LifecycleState.DEGRADED;
  }

  /** Consecutive stable warm-up windows so far. */
  get stableWindows(): number {
    return this.#gate.stableWindows;
  }

  /** Transitions, oldest first (at most config.historyLimit). */
  history(): readonly LifecycleTransition[] {
    return this.#history.slice();
  }

  activeConditions(): readonly ActiveCondition[] {
    return DEGRADED_CONDITIONS.flatMap((name) => {
      const c = this.#conditions.get(name);
      return c === undefined ? [] : [c];
    });
  }

  /** INIT → WARM_UP. Throws ConductorError INVALID_TRANSITION from any other state. */
  startWarmUp(nowNs: number, reason = 'warm-up started'): LifecycleTransition {
    if (this.#state !== LifecycleState.INIT) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_TRANSITION,
        `cannot start warm-up from ${this.stateName}`,
      );
    }
    return this.#transition(LifecycleState.WARM_UP, reason, nowNs);
  }

  /**
   * One latency window. In WARM_UP it counts towards the K stable windows (and may end warm-up);
   * in READY/DEGRADED a p99 at or over the budget sets the latency-budget condition and a window
   * under it clears it. Refused (INVALID_TRANSITION) in INIT: there is no pipeline to measure.
   */
  observeWindow(window: LatencyWindow, nowNs: number): LifecycleTransition | undefined {
    const p99 = checkedP99(window);
    const budget = this.config.decisionP99BudgetNs;
    if (this.#state === LifecycleState.INIT) {
      throw new ConductorError(ConductorErrorCode.INVALID_TRANSITION, 'latency window fed before warm-up');
    }
    if (this.#state !== LifecycleState.WARM_UP) {
      const broken = p99 >= budget;
      const reason = broken
        ? `decision p99 ${p99} ns broke the ${budget} ns budget`
        : `decision p99 ${p99} ns back under the ${budget} ns budget`;
      return this.#setCondition(DegradedCondition.LATENCY_BUDGET, broken, reason, nowNs, {
        p99Ns: p99,
        budgetNs: budget,
      });
    }
    const verdict = this.#gate.observe(window);
    this.#event('lifecycle.warmup_window', `warm-up window: ${verdict.outcome}`, nowNs, {
      p99Ns: p99,
      budgetNs: budget,
      stableWindows: verdict.stableWindows,
      requiredWindows: this.config.warmUpWindows,
      spread: verdict.spread,
      maxSpread: this.config.maxSpreadRatio,
    });
    if (!verdict.complete) return undefined;
    const ready = this.#transition(
      LifecycleState.READY,
      `decision p99 under ${budget} ns for ${verdict.stableWindows} windows, spread ${verdict.spread.toFixed(3)} < ${this.config.maxSpreadRatio}`,
      nowNs,
    );
    // Conditions raised during warm-up still hold: trusted now, but degraded at once.
    if (this.#conditions.size > 0)
      return this.#transition(LifecycleState.DEGRADED, this.#degradedReason(), nowNs);
    return ready;
  }

  /** Applies level inputs, then lets DEGRADED recover once every condition has been clear long enough. */
  tick(nowNs: number, inputs: LifecycleInputs = {}): LifecycleTransition | undefined {
    let last: LifecycleTransition | undefined;
    const keep = (t: LifecycleTransition | undefined): void => {
      if (t !== undefined) last = t;
    };
    if (inputs.consumers !== undefined) {
      const { isolated, dropped } = inputs.consumers;
      const parts = [
        ...(isolated.length > 0 ? [`isolated ${isolated.join(',')}`] : []),
        ...(dropped.length > 0 ? [`dropped ${dropped.join(',')}`] : []),
      ];
      const on = parts.length > 0;
      keep(
        this.#setCondition(
          DegradedCondition.CONSUMER,
          on,
          on ? `consumer ${parts.join('; ')}` : 'all consumers active',
          nowNs,
          {
            isolated: isolated.length,
            dropped: dropped.length,
          },
        ),
      );
    }
    if (inputs.shedLevel !== undefined) {
      const level = inputs.shedLevel;
      keep(
        this.#setCondition(
          DegradedCondition.SHEDDING,
          level > 0,
          level > 0 ? `shedding at level ${level}` : 'shedding off',
          nowNs,
          {
            shedLevel: level,
          },
        ),
      );
    }
    if (inputs.feedSessionUp !== undefined) {
      const down = !inputs.feedSessionUp;
      keep(
        this.#setCondition(
          DegradedCondition.FEED_SESSION,
          down,
          down ? 'feed session down' : 'feed session up',
          nowNs,
        ),
      );
    }
    if (inputs.venueSessionUp !== undefined) {
      const down = !inputs.venueSessionUp;
      keep(
        this.#setCondition(
          DegradedCondition.VENUE_SESSION,
          down,
          down ? 'venue session down' : 'venue session up',
          nowNs,
        ),
      );
    }
    if (inputs.feedGapOpen !== undefined) {
      const open = inputs.feedGapOpen;
      keep(
        this.#setCondition(
          DegradedCondition.FEED_GAP,
          open,
          open ? 'feed gap open' : 'feed gap filled',
          nowNs,
        ),
      );
    }
    if (inputs.execBacklog !== undefined) keep(this.#execBacklog(inputs.execBacklog, nowNs));
    keep(this.#maybeRecover(nowNs));
    return last;
  }

  #execBacklog(b: ExecBacklogReading, nowNs: number): LifecycleTransition | undefined {
    const name = DegradedCondition.EXEC_BACKLOG;
    // The reason keeps the numbers of the onset: a reason that changed every tick would be a
    // new event (and state publish) every tick while the backlog lasts.
    if (b.active && this.#conditions.has(name)) return undefined;
    const numbers = { inFlight: b.inFlight, oldestAgeMs: b.oldestAgeMs, localRejects: b.localRejects };
    const reason = b.active
      ? `execution backlog: ${b.inFlight} orders in flight, oldest unanswered for ${Math.round(b.oldestAgeMs)} ms, ${b.localRejects} local EXEC_BACKLOG rejects`
      : `execution backlog cleared: ${b.inFlight} orders in flight`;
    return this.#setCondition(name, b.active, reason, nowNs, numbers);
  }

  #setCondition(
    name: DegradedConditionName,
    active: boolean,
    reason: string,
    nowNs: number,
    numbers: Readonly<Record<string, number>> = {},
  ): LifecycleTransition | undefined {
    const current = this.#conditions.get(name);
    if (active) {
      if (current !== undefined && current.reason === reason) return undefined;
      this.#conditions.set(name, { name, reason, sinceNs: current?.sinceNs ?? nowNs });
      this.#clearSinceNs = Number.NaN;
      this.#event('lifecycle.condition', reason, nowNs, { ...numbers, active: 1 }, { condition: name });
      if (this.#state === LifecycleState.READY)
        return this.#transition(LifecycleState.DEGRADED, this.#degradedReason(), nowNs);
      // Already degraded: the published reason follows the set of conditions.
      if (this.#state === LifecycleState.DEGRADED) this.#publishState(this.#degradedReason(), this.#sinceNs);
      return undefined;
    }
    if (current === undefined) return undefined;
    this.#conditions.delete(name);
    this.#event(
      'lifecycle.condition',
      reason,
      nowNs,
      { ...numbers, active: 0, activeForNs: nowNs - current.sinceNs },
      { condition: name },
    );
    if (this.#conditions.size === 0) this.#clearSinceNs = nowNs;
    else if (this.#state === LifecycleState.DEGRADED)
      this.#publishState(this.#degradedReason(), this.#sinceNs);
    return undefined;
  }

  #maybeRecover(nowNs: number): LifecycleTransition | undefined {
    if (this.#state !== LifecycleState.DEGRADED || this.#conditions.size > 0) return undefined;
    const clearForNs = nowNs - this.#clearSinceNs;
    if (!(clearForNs >= this.config.recoveryStableNs)) return undefined;
    return this.#transition(LifecycleState.READY, `all conditions clear for ${clearForNs} ns`, nowNs);
  }

  #degradedReason(): string {
    return this.activeConditions()
      .map((c) => `${c.name}: ${c.reason}`)
      .join('; ');
  }

  #transition(to: LifecycleStateValue, reason: string, nowNs: number): LifecycleTransition {
    const from = this.#state;
    if (!isLegalTransition(from, to)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_TRANSITION,
        `lifecycle ${lifecycleStateName(from)} → ${lifecycleStateName(to)} is not allowed`,
      );
    }
    this.#state = to;
    this.#sinceNs = nowNs;
    if (to === LifecycleState.WARM_UP) this.#gate.reset();
    const transition: LifecycleTransition = {
      from,
      to,
      reason,
      monoNs: nowNs,
      wallMs: Date.now(),
      trusted: this.trusted,
    };
    this.#history.push(transition);
    if (this.#history.length > this.config.historyLimit) this.#history.shift();
    this.#publishState(reason, nowNs);
    this.#event(
      'lifecycle.transition',
      reason,
      nowNs,
      { from, to, wallMs: transition.wallMs, conditions: this.#conditions.size },
      { from: lifecycleStateName(from), to: lifecycleStateName(to) },
    );
    return transition;
  }

  #publishState(reason: string, sinceNs: number): void {
    this.#sinks.state?.setLifecycle(this.#state, reason, sinceNs, this.trusted);
  }

  #event(
    kind: string,
    reason: string,
    nowNs: number,
    numbers: Readonly<Record<string, number>>,
    labels: Readonly<Record<string, string>> = {},
  ): void {
    // A full queue is counted by the writer itself; the lifecycle never waits for telemetry.
    this.#sinks.events?.offer({ kind, reason, numbers, labels, trusted: this.trusted }, nowNs);
  }
}
