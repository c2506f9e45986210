// The harness's own NATS subscriber on the control-plane host: it reads every MetricsSnapshot
// the hot path's sidecar manages to publish, as the observer does, and keeps what the chaos
// verdicts need — when snapshots arrived, the sidecar's own count of dropped snapshots, and the
// snapshots missing by sequence (Stamp.sequence per boot). Loss the sidecar counted is
// acceptable; missing snapshots beyond its count are uncounted loss.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { MetricsSnapshot, telemetrySubject } from '@ringside/contracts';

export class TelemetryTap {
  /** Harness wall-clock ms of every snapshot received. */
  readonly arrivals: number[] = [];
  /** Sidecar's cumulative dropped_snapshots, latest seen (per boot: reset on a new boot). */
  droppedLatest = 0;
  droppedFirst = -1;
  /** Snapshots missing by sequence within a boot. */
  missing = 0;
  #nc: NatsConnection | undefined;
  #last: { boot: string; seq: number } | undefined;

  async start(url: string, host: string): Promise<void> {
    this.#nc = await connect({
      servers: url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 200,
      waitOnFirstConnect: true,
    });
    this.#nc.subscribe(telemetrySubject(host, 'metrics'), {
      callback: (err, msg) => {
        if (err !== null) return;
        const snap = MetricsSnapshot.decode(msg.data);
        this.arrivals.push(Date.now());
        const boot = snap.stamp?.bootId ?? '';
        const seq = Number(snap.stamp?.sequence ?? 0);
        if (this.#last !== undefined && this.#last.boot === boot && seq > this.#last.seq + 1)
          this.missing += seq - this.#last.seq - 1;
        this.#last = { boot, seq };
        const dropped = Number(snap.droppedSnapshots);
        if (this.droppedFirst < 0) this.droppedFirst = dropped;
        this.droppedLatest = dropped;
      },
    });
  }

  /** Snapshots received at or after `ms`. */
  countSince(ms: number): number {
    return this.arrivals.filter((t) => t >= ms).length;
  }

  /** Last arrival before `ms` (or -1). */
  lastBefore(ms: number): number {
    let last = -1;
    for (const t of this.arrivals) if (t < ms) last = t;
    return last;
  }

  async stop(): Promise<void> {
    await this.#nc?.close().catch(() => undefined);
  }
}
