// The AdminBackend over the real pieces: status from the telemetry state block the conductor
// writes (the same bytes the sidecar publishes), consumers through the SlowConsumerPolicy, shed
// pin/unpin through the ShedController, halt/resume through the decision workers' HALT flag,
// restarts only scheduled (the host never kills itself), latency from the gateway's segments.
// Watchers and readiness listeners are told on every change, checked after each conductor tick
// and after each admin call. Main thread, control plane.
import { ConsumerState as WireState, LifecycleState, StateSnapshot } from '@ringside/contracts';
import type { ConsumerStatus, LatencyReportResponse } from '@ringside/contracts';
import { ConsumerState as RingState } from '@ringside/ring';
import { nowNs } from '@ringside/ring';
import type { Logger } from 'pino';
import type {
  AdminBackend,
  AdminStatus,
  ShedLevelChange,
  StrategyParamChange,
} from '../admin/admin-backend.ts';
import { AdminError, AdminErrorCode } from '../admin/admin-error.ts';
import { sendStrategyParam } from '../admin/strategy-param-command.ts';
import { ConductorError, ConductorErrorCode } from '../conductor/conductor-error.ts';
import type { Lifecycle } from '../conductor/lifecycle.ts';
import { MAX_SHED_LEVEL } from '../conductor/shed-levels.ts';
import type { ShedController } from '../conductor/shed-controller.ts';
import type { SlowConsumerAction, SlowConsumerPolicy } from '../conductor/slow-consumer-policy.ts';
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import { TelemetryStateReader } from '../sidecar/telemetry-state.ts';
import type { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import type { Conductor } from './conductor.ts';
import type { SegmentLatencyFolder } from './segment-latency.ts';

export const HOST_VERSION = '0.1.0';

export interface HostAdminParts {
  readonly host: string;
  readonly conductor: Conductor;
  readonly lifecycle: Lifecycle;
  readonly shed: ShedController;
  readonly consumers: SlowConsumerPolicy;
  readonly decision: DecisionWorkersHandle;
  readonly state: TelemetryStateWriter;
  readonly events: EventQueueWriter | undefined;
  readonly latency: SegmentLatencyFolder;
  readonly log: Logger;
  readonly startedAt: Date;
}

/** A scheduled restart: recorded, never executed by the host itself. */
export interface RestartRequest {
  readonly reason: string;
  readonly requestedAt: Date;
  readonly notBefore: Date;
}

function wireStateOf(ringState: number): WireState {
  if (ringState === RingState.ACTIVE) return WireState.ACTIVE;
  if (ringState === RingState.ISOLATED) return WireState.ISOLATED;
  if (ringState === RingState.DROPPED) return WireState.DROPPED;
  return WireState.UNSPECIFIED;
}

/** The part of a snapshot whose change is worth telling watchers (lag and loss move constantly). */
function signatureOf(s: StateSnapshot): string {
  return JSON.stringify([
    s.state,
    s.reason,
    s.shedLevel,
    s.halted,
    s.trusted,
    s.consumers.map((c) => [c.id, c.state, c.reason]),
  ]);
}

export class HostAdminBackend implements AdminBackend {
  readonly #p: HostAdminParts;
  readonly #reader: TelemetryStateReader;
  readonly #watchers = new Map<number, { listener: (s: StateSnapshot) => void; end: () => void }>();
  readonly #serving = new Set<(serving: boolean) => void>();
  #nextWatcher = 0;
  #signature = '';
  #lastServing = false;
  #halted = false;
  #restart: RestartRequest | undefined;
  #closed = false;

  constructor(parts: HostAdminParts, stateBuffer: SharedArrayBuffer) {
    this.#p = parts;
    this.#reader = TelemetryStateReader.attach(stateBuffer);
    parts.conductor.afterTick(() => this.refresh());
  }

  get restart(): RestartRequest | undefined {
    return this.#restart;
  }

  get halted(): boolean {
    return this.#halted;
  }

  snapshot(): StateSnapshot {
    const lifecycle = this.#p.lifecycle;
    const s = this.#reader.read();
    return StateSnapshot.fromPartial({
      state: lifecycle.state,
      reason: s?.reason ?? '',
      sinceMonoNs: lifecycle.sinceNs,
      consumers: [...this.listConsumers()],
      shedLevel: this.#p.shed.level,
      halted: this.#halted,
      trusted: lifecycle.trusted,
    });
  }

  getStatus(): AdminStatus {
    return {
      state: this.snapshot(),
      automaticShedLevel: this.#p.shed.automaticLevel,
      maxShedLevel: MAX_SHED_LEVEL,
      version: HOST_VERSION,
      startedAt: this.#p.startedAt,
    };
  }

  listConsumers(): readonly ConsumerStatus[] {
    return this.#p.consumers.consumers().map((c) => ({
      id: c.index,
      name: c.name,
      state: wireStateOf(c.state),
      lag: Math.max(0, c.lag),
      loss: Math.max(0, c.loss),
      reason: c.state === RingState.ACTIVE ? '' : c.reason,
    }));
  }

  isolate(consumerId: number, reason: string): ConsumerStatus | undefined {
    return this.#consumerCall(consumerId, (now) => this.#p.consumers.isolate(consumerId, now, reason));
  }

  readmit(consumerId: number, reason: string): ConsumerStatus | undefined {
    return this.#consumerCall(consumerId, (now) => this.#p.consumers.readmit(consumerId, now, reason));
  }

  drop(consumerId: number, reason: string): ConsumerStatus | undefined {
    return this.#consumerCall(consumerId, (now) => this.#p.consumers.drop(consumerId, now, reason));
  }

  setShedLevel(level: number, pinned: boolean, reason: string): ShedLevelChange {
    const shed = this.#p.shed;
    const previous = shed.level;
    try {
      const change = pinned
        ? shed.pin(level, reason, nowNs())
        : shed.status().pinnedLevel !== undefined
          ? shed.unpin(reason, nowNs())
          : undefined;
      if (change !== undefined) this.#p.conductor.recordShedChange(change);
    } catch (err) {
      throw this.#adminErrorOf(err);
    }
    this.#p.state.setShedLevel(shed.level);
    this.refresh();
    return { previous, level: shed.level };
  }

  halt(reason: string): StateSnapshot {
    return this.#setHalted(true, reason);
  }

  resume(reason: string): StateSnapshot {
    return this.#setHalted(false, reason);
  }

  requestRestart(reason: string): { readonly notBefore: Date } {
    // The admin server refused it during the trading session already: now is outside it.
    const now = new Date();
    this.#restart = { reason, requestedAt: now, notBefore: now };
    this.#p.log.warn({ reason, notBefore: now.toISOString() }, 'restart requested (scheduled, not executed)');
    this.#p.events?.offer(
      { kind: 'host.restart_requested', reason, numbers: { notBeforeMs: now.getTime() } },
      nowNs(),
    );
    return { notBefore: now };
  }

  latencyReport(includeEncoded: boolean): LatencyReportResponse {
    const latency = this.#p.latency;
    latency.drain();
    const firstReady = this.#p.conductor.transitions.find((t) => t.to === LifecycleState.READY);
    return {
      host: this.#p.host,
      // Only orders the venue answered are folded, and the venue only gets orders after READY.
      trusted: firstReady !== undefined,
      windowStartMonoNs: firstReady?.monoNs ?? 0,
      windowEndMonoNs: nowNs(),
      segments: latency.histograms(includeEncoded),
    };
  }

  setStrategyParam(workerId: number, param: string, value: number, reason: string): StrategyParamChange {
    const change = sendStrategyParam(this.#p.decision, workerId, param, value);
    const { strategy, paramId } = change;
    this.#p.log.warn({ workerId, strategy, param, paramId, value, reason }, 'strategy param set');
    this.#p.events?.offer(
      { kind: 'host.strategy_param', reason, numbers: { workerId, paramId, value } },
      nowNs(),
    );
    return change;
  }

  subscribeServing(listener: (serving: boolean) => void): () => void {
    this.#serving.add(listener);
    listener(this.#isServing());
    return () => this.#serving.delete(listener);
  }

  watchStatus(listener: (state: StateSnapshot) => void, end: () => void): () => void {
    if (this.#closed) {
      end();
      return () => {};
    }
    const id = this.#nextWatcher++;
    this.#watchers.set(id, { listener, end });
    listener(this.snapshot());
    return () => this.#watchers.delete(id);
  }

  /** Tells watchers and readiness listeners if anything they care about changed. */
  refresh(): void {
    if (this.#closed) return;
    const snapshot = this.snapshot();
    const signature = signatureOf(snapshot);
    if (signature !== this.#signature) {
      this.#signature = signature;
      for (const w of this.#watchers.values()) w.listener(snapshot);
    }
    const serving = this.#isServing();
    if (serving !== this.#lastServing) {
      this.#lastServing = serving;
      for (const l of this.#serving) l(serving);
    }
  }

  /** Ends every watch stream (host stop). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.#watchers.values()) w.end();
    this.#watchers.clear();
  }

  #isServing(): boolean {
    const s = this.#p.lifecycle.state;
    return s === LifecycleState.READY || s === LifecycleState.DEGRADED;
  }

  #setHalted(halted: boolean, reason: string): StateSnapshot {
    const decision = this.#p.decision;
    if (halted) decision.halt();
    else decision.resume();
    this.#halted = halted;
    this.#p.state.setHalted(halted);
    this.#p.log.warn({ reason }, halted ? 'order flow halted' : 'order flow resumed');
    this.#p.events?.offer({ kind: halted ? 'host.halted' : 'host.resumed', reason }, nowNs());
    this.refresh();
    return this.snapshot();
  }

  #consumerCall(consumerId: number, act: (now: number) => SlowConsumerAction): ConsumerStatus | undefined {
    if (!this.#p.consumers.consumers().some((c) => c.index === consumerId)) return undefined;
    try {
      this.#p.conductor.recordConsumerAction(act(nowNs()));
    } catch (err) {
      if (err instanceof ConductorError && err.code === ConductorErrorCode.UNKNOWN_CONSUMER) return undefined;
      throw this.#adminErrorOf(err);
    }
    this.refresh();
    return this.listConsumers().find((c) => c.id === consumerId);
  }

  #adminErrorOf(err: unknown): Error {
    if (err instanceof ConductorError) {
      const code =
        err.code === ConductorErrorCode.INVALID_ARGUMENT
          ? AdminErrorCode.INVALID_ARGUMENT
          : AdminErrorCode.FAILED_PRECONDITION;
      return new AdminError(code, err.message, { cause: err });
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
