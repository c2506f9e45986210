// What the observer knows about each hot-path host: the latest metrics and state, when it last
// heard from it (for staleness), and messages it noticed missing (Stamp.sequence gaps).
import type { Event, MetricsSnapshot, StateSnapshot, Stamp, TelemetryKind } from '@ringside/contracts';
import { LatencyWindow } from './latency-window.ts';

export interface HostTelemetry {
  readonly host: string;
  /** Observer wall clock (ms) when the first message from this host arrived. */
  readonly firstSeenMs: number;
  /** Observer wall clock (ms) when the last message from this host arrived. */
  lastSeenMs: number;
  metrics: MetricsSnapshot | undefined;
  /** The latency histograms received within the window. */
  readonly latency: LatencyWindow;
  state: StateSnapshot | undefined;
  /** Messages seen per kind; missing ones inferred from sequence gaps, per kind. */
  readonly received: Map<TelemetryKind, number>;
  readonly lost: Map<TelemetryKind, number>;
  /** Events seen, per event kind. */
  readonly events: Map<string, number>;
  readonly lastSequence: Map<TelemetryKind, { bootId: string; sequence: number }>;
}

export class HostRegistry {
  readonly #hosts = new Map<string, HostTelemetry>();
  readonly #staleAfterMs: number;
  readonly #latencyWindowMs: number;

  constructor(staleAfterMs: number, latencyWindowMs: number) {
    this.#staleAfterMs = staleAfterMs;
    this.#latencyWindowMs = latencyWindowMs;
  }

  /** Record that a message of `kind` arrived from `host`, and account for sequence gaps. */
  seen(host: string, kind: TelemetryKind, stamp: Stamp | undefined, nowMs: number): HostTelemetry {
    let entry = this.#hosts.get(host);
    if (entry === undefined) {
      entry = {
        host,
        firstSeenMs: nowMs,
        lastSeenMs: nowMs,
        metrics: undefined,
        latency: new LatencyWindow(this.#latencyWindowMs),
        state: undefined,
        received: new Map(),
        lost: new Map(),
        events: new Map(),
        lastSequence: new Map(),
      };
      this.#hosts.set(host, entry);
    }
    entry.lastSeenMs = nowMs;
    entry.received.set(kind, (entry.received.get(kind) ?? 0) + 1);
    if (stamp !== undefined) {
      const last = entry.lastSequence.get(kind);
      // A new boot restarts sequences; within one boot a jump of more than one is loss.
      if (last !== undefined && last.bootId === stamp.bootId && stamp.sequence > last.sequence + 1) {
        entry.lost.set(kind, (entry.lost.get(kind) ?? 0) + stamp.sequence - last.sequence - 1);
      }
      entry.lastSequence.set(kind, { bootId: stamp.bootId, sequence: stamp.sequence });
    }
    return entry;
  }

  metrics(host: string, snapshot: MetricsSnapshot, nowMs: number): void {
    const entry = this.seen(host, 'metrics', snapshot.stamp, nowMs);
    entry.metrics = snapshot;
    entry.latency.add(snapshot, nowMs);
  }

  state(host: string, snapshot: StateSnapshot, nowMs: number): void {
    this.seen(host, 'state', snapshot.stamp, nowMs).state = snapshot;
  }

  event(host: string, event: Event, nowMs: number): void {
    const entry = this.seen(host, 'events', event.stamp, nowMs);
    entry.events.set(event.kind, (entry.events.get(event.kind) ?? 0) + 1);
  }

  isUp(entry: HostTelemetry, nowMs: number): boolean {
    return nowMs - entry.lastSeenMs < this.#staleAfterMs;
  }

  hosts(): HostTelemetry[] {
    return [...this.#hosts.values()];
  }

  get(host: string): HostTelemetry | undefined {
    return this.#hosts.get(host);
  }
}
