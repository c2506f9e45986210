// Zero-GC check of the ingest replay path, in its own thread: the real ReplayIngestAgent under a
// real AgentRunner normalizes and publishes an in-memory ITCH buffer, replayed over and over,
// into a BroadcastRing, with counters flushed and latency sampled per batch. A PerformanceObserver
// counts this thread's 'gc' entries during the measured run; an allocating control loop under the
// same observer proves the observer sees collections here.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AgentControl, AgentRunner, BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersWriterView, SampleRing } from '@ringside/counters';
import {
  BufferFramedSource,
  IngestCountersPublisher,
  ItchNormalizer,
  ReplayIngestAgent,
  allocateIngestCounters,
} from '@ringside/hotpath';

export interface GcWorkerData {
  readonly itch: Uint8Array;
  readonly messagesPerLoop: number;
  readonly warmupLoops: number;
  readonly loops: number;
  readonly batchMessages: number;
}

const data = workerData as GcWorkerData;
const ring = BroadcastRing.create({ capacity: 1 << 16, slotBytes: 64 });
const normalizer = new ItchNormalizer(ring.attachProducer());
const manager = CountersManager.create({ capacity: 128 });
const publisher = new IngestCountersPublisher(
  normalizer.tallies,
  CountersWriterView.attach(manager.buffers),
  allocateIngestCounters(manager),
);
const samples = SampleRing.allocate(4096);

function run(loops: number): { ms: number; work: number } {
  const control = AgentControl.create();
  const source = new BufferFramedSource(data.itch, loops);
  const agent = new ReplayIngestAgent(source, normalizer, publisher, samples, data.batchMessages, control);
  const runner = new AgentRunner(agent, { idleStrategy: 'busy-spin', control, maxDutyCycles: 1e9 });
  const t0 = performance.now();
  const r = runner.run();
  return { ms: performance.now() - t0, work: r.workCount };
}

let gcEntries = 0;
const observer = new PerformanceObserver((list) => {
  gcEntries += list.getEntries().length;
});

run(data.warmupLoops);
await sleep(50);
observer.observe({ entryTypes: ['gc'] });
const hot = run(data.loops);
await sleep(100); // the observer delivers asynchronously
const hotGc = gcEntries;

let keep: { i: number; s: string }[] = [];
for (let i = 0; i < 2_000_000; i++) {
  keep.push({ i, s: `e${i}` });
  if (keep.length > 10_000) keep = [];
}
await sleep(100);
const controlGc = gcEntries - hotGc;
observer.disconnect();
parentPort?.postMessage({
  hotGc,
  controlGc,
  hotMs: hot.ms,
  messages: hot.work,
  published: normalizer.tallies.scalars[1],
  malformed: normalizer.tallies.malformedTotal(),
  keep: keep.length,
});
