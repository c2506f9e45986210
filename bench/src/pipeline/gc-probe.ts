// Preloaded with `node --import` by pipeline-bench-main.ts, so it runs at the start of every
// worker thread of the bench process (Node runs --import preloads in workers too). It counts
// 'gc' performance entries in ingest and gateway threads, whose code we may not change, and
// posts one message per collection on a BroadcastChannel. With zero collections it posts
// nothing — the probe itself allocates only after a GC already happened.
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';

import { GC_PROBE_CHANNEL } from './gc-probe-channel.ts';
import type { GcProbeMessage } from './gc-probe-channel.ts';

if (isMainThread) {
  (globalThis as { ringsideGcProbe?: boolean }).ringsideGcProbe = true;
} else {
  const channel = new BroadcastChannel(GC_PROBE_CHANNEL);
  channel.unref();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const m: GcProbeMessage = { threadId, atMs: performance.timeOrigin + entry.startTime };
      channel.postMessage(m);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}
