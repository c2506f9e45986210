// Outlier ejection for BroadcastRing consumers (Envoy outlier detection / Aeron's slow-consumer
// handling): a consumer whose lag stays above a high-water mark for the grace time is isolated
// (it skips to the head and counts the skip as loss, so the producer is never held back); an
// isolated consumer that misses a ring's worth (its loss grew by the drop threshold, or the
// producer lapped its cursor) — or that someone else dropped — is dropped; isolated consumers are
// readmitted after a resting time, any consumer by command. Every step is an event carrying the
// numbers that caused it. Control plane, main thread, driven by tick(nowNs).
import { ConsumerState as RingState, consumerStateName } from '@ringside/ring';
import type { BroadcastRing } from '@ringside/ring';
import { ConsumerState as WireState } from '@ringside/contracts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';
import type { SlowConsumerConfig } from './slow-consumer-config.ts';

export type SlowConsumerActionKind = 'isolated' | 'dropped' | 'readmitted';

/** One step taken (or observed) by the policy, with the numbers behind it. */
export interface SlowConsumerAction {
  readonly consumer: number;
  readonly kind: SlowConsumerActionKind;
  readonly reason: string;
  readonly monoNs: number;
  readonly numbers: Readonly<Record<string, number>>;
}

export interface SlowConsumerSinks {
  readonly events?: EventQueueWriter;
  /** Consumer records go to slot = order of watch() calls. */
  readonly state?: TelemetryStateWriter;
}

/** A watched consumer as the policy sees it (ring state numbering: ConsumerState of @ringside/ring). */
export interface SlowConsumerStatus {
  readonly index: number;
  readonly name: string;
  readonly state: number;
  /** BroadcastStatus.CLOSED (negative) while the line is free. */
  readonly lag: number;
  readonly loss: number;
  /** Why the last step was taken ('' if none yet). */
  readonly reason: string;
}

interface Watched {
  readonly index: number;
  readonly slot: number;
  readonly name: string;
  /** The ring state seen at the last tick (or set by the policy itself). */
  state: number;
  /** When the lag first went above the high-water mark (NaN while under it). */
  aboveSinceNs: number;
  /** When the consumer was isolated or dropped. */
  ejectedAtNs: number;
  lossAtIsolation: number;
  reason: string;
}

export class SlowConsumerPolicy {
  readonly ring: BroadcastRing;
  readonly config: SlowConsumerConfig;
  readonly dropLossThreshold: number;
  readonly #sinks: SlowConsumerSinks;
  readonly #watched = new Map<number, Watched>();

  constructor(ring: BroadcastRing, config: SlowConsumerConfig, sinks: SlowConsumerSinks = {}) {
    this.ring = ring;
    this.config = config;
    this.dropLossThreshold = config.dropLossThreshold ?? ring.capacity;
    this.#sinks = sinks;
  }

  /** Starts watching consumer line `index` (throws INVALID_ARGUMENT if out of range or watched). */
  watch(index: number, name = `consumer-${index}`): void {
    if (
      !Number.isInteger(index) ||
      index < 0 ||
      index >= this.ring.maxConsumers ||
      this.#watched.has(index)
    ) {
      throw new ConductorError(ConductorErrorCode.INVALID_ARGUMENT, `cannot watch consumer line ${index}`);
    }
    const state = this.ring.consumerState(index);
    const w: Watched = {
      index,
      slot: this.#watched.size,
      name,
      state,
      aboveSinceNs: Number.NaN,
      ejectedAtNs: Number.NaN,
      lossAtIsolation: this.ring.loss(index),
      reason: '',
    };
    this.#watched.set(index, w);
    this.#publish(w);
  }

  /** Applies the policy to every watched consumer; returns the steps taken, in order. */
  tick(nowNs: number): SlowConsumerAction[] {
    const actions: SlowConsumerAction[] = [];
    for (const w of this.#watched.values()) {
      const action = this.#check(w, nowNs);
      if (action !== undefined) actions.push(action);
      this.#publish(w);
    }
    return actions;
  }

  /** Operator command: ISOLATED or DROPPED → ACTIVE. Throws UNKNOWN_CONSUMER / INVALID_TRANSITION. */
  readmit(index: number, nowNs: number, reason = 'readmitted by command'): SlowConsumerAction {
    const w = this.#get(index);
    const state = this.ring.consumerState(index);
    if ((state !== RingState.ISOLATED && state !== RingState.DROPPED) || !this.ring.readmit(index)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_TRANSITION,
        `consumer ${index} is ${consumerStateName(state)}: nothing to readmit`,
      );
    }
    const action = this.#readmitted(w, nowNs, reason);
    this.#publish(w);
    return action;
  }

  /** Operator command: ACTIVE → ISOLATED. Throws UNKNOWN_CONSUMER / INVALID_TRANSITION. */
  isolate(index: number, nowNs: number, reason = 'isolated by command'): SlowConsumerAction {
    const w = this.#get(index);
    const state = this.ring.consumerState(index);
    if (!this.ring.isolate(index)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_TRANSITION,
        `consumer ${index} is ${consumerStateName(state)}: cannot isolate`,
      );
    }
    const loss = this.ring.loss(index);
    w.state = RingState.ISOLATED;
    w.ejectedAtNs = nowNs;
    w.lossAtIsolation = loss;
    w.aboveSinceNs = Number.NaN;
    const action = this.#emit(w, 'isolated', reason, nowNs, { lag: this.ring.lag(index), loss });
    this.#publish(w);
    return action;
  }

  /** Operator command: ACTIVE or ISOLATED → DROPPED. Throws UNKNOWN_CONSUMER / INVALID_TRANSITION. */
  drop(index: number, nowNs: number, reason = 'dropped by command'): SlowConsumerAction {
    const w = this.#get(index);
    const state = this.ring.consumerState(index);
    if (!this.ring.drop(index)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_TRANSITION,
        `consumer ${index} is ${consumerStateName(state)}: cannot drop`,
      );
    }
    const action = this.#dropped(w, nowNs, reason, {
      lag: this.ring.lag(index),
      loss: this.ring.loss(index),
    });
    this.#publish(w);
    return action;
  }

  /** What the policy knows of each watched consumer, in watch order. */
  consumers(): SlowConsumerStatus[] {
    return [...this.#watched.values()].map((w) => ({
      index: w.index,
      name: w.name,
      state: this.ring.consumerState(w.index),
      lag: this.ring.lag(w.index),
      loss: this.ring.loss(w.index),
      reason: w.reason,
    }));
  }

  /** Consumer lines now ISOLATED / DROPPED: the lifecycle's consumer condition. */
  consumerCondition(): { isolated: number[]; dropped: number[] } {
    const isolated: number[] = [];
    const dropped: number[] = [];
    for (const w of this.#watched.values()) {
      if (w.state === RingState.ISOLATED) isolated.push(w.index);
      else if (w.state === RingState.DROPPED) dropped.push(w.index);
    }
    return { isolated, dropped };
  }

  #check(w: Watched, nowNs: number): SlowConsumerAction | undefined {
    const k = w.index;
    const state = this.ring.consumerState(k);
    if (state !== RingState.ACTIVE && state !== RingState.ISOLATED && state !== RingState.DROPPED) {
      w.state = state; // Detached (FREE/CLAIMING): nothing to police until it attaches again.
      w.aboveSinceNs = Number.NaN;
      return undefined;
    }
    const lag = this.ring.lag(k);
    const loss = this.ring.loss(k);
    if (state === RingState.DROPPED) {
      if (w.state === RingState.DROPPED) return undefined;
      return this.#dropped(w, nowNs, 'dropped outside the policy', {
        lag,
        loss,
        lossWhileIsolated: 0,
        dropLossThreshold: this.dropLossThreshold,
        capacity: this.ring.capacity,
      });
    }
    if (state === RingState.ISOLATED) return this.#checkIsolated(w, nowNs, lag, loss);
    if (w.state !== RingState.ACTIVE) {
      // Readmitted behind our back: start watching its lag afresh.
      w.state = RingState.ACTIVE;
      w.aboveSinceNs = Number.NaN;
      w.reason = 'readmitted outside the policy';
    }
    const highWater = this.config.lagHighWater;
    if (lag <= highWater) {
      w.aboveSinceNs = Number.NaN;
      return undefined;
    }
    if (Number.isNaN(w.aboveSinceNs)) w.aboveSinceNs = nowNs;
    const durationNs = nowNs - w.aboveSinceNs;
    if (durationNs < this.config.graceNs || !this.ring.isolate(k)) return undefined;
    w.state = RingState.ISOLATED;
    w.ejectedAtNs = nowNs;
    w.lossAtIsolation = loss;
    w.aboveSinceNs = Number.NaN;
    return this.#emit(
      w,
      'isolated',
      `lag ${lag} above ${highWater} for ${durationNs} ns (grace ${this.config.graceNs} ns)`,
      nowNs,
      {
        lag,
        lagHighWater: highWater,
        durationNs,
        graceNs: this.config.graceNs,
        loss,
      },
    );
  }

  #checkIsolated(w: Watched, nowNs: number, lag: number, loss: number): SlowConsumerAction | undefined {
    const k = w.index;
    if (w.state !== RingState.ISOLATED) {
      w.state = RingState.ISOLATED;
      w.ejectedAtNs = nowNs;
      w.lossAtIsolation = loss;
      return this.#emit(w, 'isolated', 'isolated outside the policy', nowNs, { lag, loss });
    }
    const lossWhileIsolated = loss - w.lossAtIsolation;
    const capacity = this.ring.capacity;
    const numbers = {
      lag,
      loss,
      lossWhileIsolated,
      dropLossThreshold: this.dropLossThreshold,
      capacity,
      isolatedForNs: nowNs - w.ejectedAtNs,
    };
    if (lossWhileIsolated >= this.dropLossThreshold) {
      if (!this.ring.drop(k)) return undefined;
      return this.#dropped(
        w,
        nowNs,
        `lost ${lossWhileIsolated} events while isolated (threshold ${this.dropLossThreshold})`,
        numbers,
      );
    }
    if (lag > capacity) {
      if (!this.ring.drop(k)) return undefined;
      return this.#dropped(w, nowNs, `lapped while isolated: lag ${lag} > capacity ${capacity}`, numbers);
    }
    const restedNs = nowNs - w.ejectedAtNs;
    if (!this.config.autoReadmit || restedNs < this.config.restNs || !this.ring.readmit(k)) return undefined;
    return this.#readmitted(w, nowNs, `rested ${restedNs} ns (rest ${this.config.restNs} ns)`);
  }

  #dropped(
    w: Watched,
    nowNs: number,
    reason: string,
    numbers: Readonly<Record<string, number>>,
  ): SlowConsumerAction {
    w.state = RingState.DROPPED;
    w.ejectedAtNs = nowNs;
    w.aboveSinceNs = Number.NaN;
    return this.#emit(w, 'dropped', reason, nowNs, numbers);
  }

  #readmitted(w: Watched, nowNs: number, reason: string): SlowConsumerAction {
    const numbers = {
      lag: this.ring.lag(w.index),
      loss: this.ring.loss(w.index),
      restedNs: nowNs - w.ejectedAtNs,
      restNs: this.config.restNs,
      fromState: w.state,
    };
    w.state = RingState.ACTIVE;
    w.aboveSinceNs = Number.NaN;
    w.ejectedAtNs = Number.NaN;
    return this.#emit(w, 'readmitted', reason, nowNs, numbers);
  }

  #emit(
    w: Watched,
    kind: SlowConsumerActionKind,
    reason: string,
    nowNs: number,
    numbers: Readonly<Record<string, number>>,
  ): SlowConsumerAction {
    w.reason = reason;
    const all = { consumer: w.index, ...numbers };
    this.#sinks.events?.offer(
      { kind: `consumer.${kind}`, reason, numbers: all, labels: { consumer: w.name } },
      nowNs,
    );
    return { consumer: w.index, kind, reason, monoNs: nowNs, numbers: all };
  }

  #publish(w: Watched): void {
    const sink = this.#sinks.state;
    if (sink === undefined) return;
    const lag = this.ring.lag(w.index);
    sink.setConsumer(w.slot, {
      id: w.index,
      name: w.name,
      state: wireState(w.state),
      lag: lag < 0 ? 0 : lag,
      loss: this.ring.loss(w.index),
      reason: w.reason,
    });
  }

  #get(index: number): Watched {
    const w = this.#watched.get(index);
    if (w === undefined)
      throw new ConductorError(ConductorErrorCode.UNKNOWN_CONSUMER, `consumer line ${index} is not watched`);
    return w;
  }
}

/** Ring state word → proto ConsumerState (the numbering differs). */
function wireState(state: number): number {
  switch (state) {
    case RingState.ACTIVE:
      return WireState.ACTIVE;
    case RingState.ISOLATED:
      return WireState.ISOLATED;
    case RingState.DROPPED:
      return WireState.DROPPED;
    default:
      return WireState.UNSPECIFIED;
  }
}
