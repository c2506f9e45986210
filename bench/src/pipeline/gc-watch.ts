// Main-thread side of gc-probe.ts: counts the 'gc' entries the probe posts, per worker thread,
// inside a measured window (epoch ms). Without the probe preloaded (e.g. the module API run
// from a test), `active` is false and counts are unknown, not zero.
import { BroadcastChannel } from 'node:worker_threads';
import { GC_PROBE_CHANNEL } from './gc-probe-channel.ts';
import type { GcProbeMessage } from './gc-probe-channel.ts';

export class GcWatch {
  readonly active: boolean;
  readonly #entries: GcProbeMessage[] = [];
  readonly #channel: BroadcastChannel | undefined;

  constructor() {
    this.active = (globalThis as { ringsideGcProbe?: boolean }).ringsideGcProbe === true;
    if (!this.active) return;
    const channel = new BroadcastChannel(GC_PROBE_CHANNEL);
    channel.onmessage = (event: unknown) => {
      this.#entries.push((event as { data: GcProbeMessage }).data);
    };
    channel.unref();
    this.#channel = channel;
  }

  /** Collections seen in these threads between fromMs and toMs (epoch ms). */
  count(threadIds: readonly number[], fromMs: number, toMs: number): number {
    let n = 0;
    for (const e of this.#entries)
      if (threadIds.includes(e.threadId) && e.atMs >= fromMs && e.atMs <= toMs) n++;
    return n;
  }

  close(): void {
    this.#channel?.close();
  }
}

/** Epoch milliseconds, comparable with the probe's stamps from every thread. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
