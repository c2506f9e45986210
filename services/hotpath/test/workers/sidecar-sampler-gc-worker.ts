// Zero-GC check of the hot side of trace sampling, in its own thread: shouldSample() on every
// completion and, every Nth, staging stamps with stampNs() and commit(). A PerformanceObserver
// counts this thread's 'gc' entries during the measured run (after a warm-up so the code is
// optimized); an allocating control loop proves the observer sees collections here.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stampNs } from '@ringside/ring';
import { TRACE_FIELD, TRACE_STAMP, TraceSampler, createTraceRingBuffer } from '@ringside/hotpath';

export interface SamplerGcData {
  readonly warmup: number;
  readonly completions: number;
  readonly every: number;
}

const data = workerData as SamplerGcData;
const sampler = TraceSampler.attach(createTraceRingBuffer(1024, data.every));
const orderIds = new Float64Array(1);

function run(completions: number): void {
  const stamps = sampler.stamps;
  const fields = sampler.fields;
  for (let i = 0; i < completions; i++) {
    orderIds[0] += 1;
    if (sampler.shouldSample()) {
      stamps[TRACE_STAMP.ORDER_ID] = orderIds[0];
      stampNs(stamps, TRACE_STAMP.INGEST);
      stampNs(stamps, TRACE_STAMP.ENQUEUED);
      stampNs(stamps, TRACE_STAMP.ACKED);
      fields[TRACE_FIELD.STATUS] = 1;
      sampler.commit();
    }
  }
}

let gcEntries = 0;
const observer = new PerformanceObserver((list) => {
  gcEntries += list.getEntries().length;
});
run(data.warmup);
// A full collection first, so garbage left by startup and the warm-up (JIT, module loading)
// cannot trigger a scavenge inside the measured window and be blamed on the sampler.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
await sleep(50);
observer.observe({ entryTypes: ['gc'] });
const t0 = performance.now();
run(data.completions);
const ms = performance.now() - t0;
await sleep(100); // the observer delivers asynchronously
const hotGc = gcEntries;
let keep: { i: number; s: string }[] = [];
for (let i = 0; i < 2_000_000; i++) {
  keep.push({ i, s: `e${i}` });
  if (keep.length > 10_000) keep = [];
}
await sleep(100);
observer.disconnect();
parentPort?.postMessage({
  hotGc,
  controlGc: gcEntries - hotGc,
  ms,
  committed: sampler.committed,
  keep: keep.length,
});
