import { Session } from 'node:inspector/promises';
import { readFileSync } from 'node:fs';
import { AgentControl, AgentRunner, BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersWriterView, SampleRing } from '@ringside/counters';
import {
  BufferFramedSource,
  IngestCountersPublisher,
  ItchNormalizer,
  ReplayIngestAgent,
  allocateIngestCounters,
} from '@ringside/hotpath';

const itch = readFileSync('/work/shared/data/itch/AMZN_2012-06-21_lobster_level1.itch');
const ring = BroadcastRing.create({ capacity: 1 << 16, slotBytes: 64 });
const normalizer = new ItchNormalizer(ring.attachProducer());
const manager = CountersManager.create({ capacity: 128 });
const publisher = new IngestCountersPublisher(
  normalizer.tallies,
  CountersWriterView.attach(manager.buffers),
  allocateIngestCounters(manager),
);
const samples = SampleRing.allocate(4096);
function run(loops: number): void {
  const control = AgentControl.create();
  const agent = new ReplayIngestAgent(
    new BufferFramedSource(itch, loops),
    normalizer,
    publisher,
    samples,
    256,
    control,
  );
  new AgentRunner(agent, { idleStrategy: 'busy-spin', control }).run();
}
run(15);
const s = new Session();
s.connect();
await s.post('HeapProfiler.startSampling', {
  samplingInterval: 256,
  includeObjectsCollectedByMinorGC: true,
  includeObjectsCollectedByMajorGC: true,
} as never);
run(40);
const { profile } = (await s.post('HeapProfiler.stopSampling')) as { profile: any };
const out: [number, string][] = [];
function walk(n: any, stack: string[]): void {
  const f = n.callFrame;
  const here = [...stack, `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber + 1}`];
  if (n.selfSize > 0) out.push([n.selfSize, here.slice(-5).join(' <- ')]);
  for (const c of n.children) walk(c, here);
}
walk(profile.head, []);
out.sort((a, b) => b[0] - a[0]);
for (const [size, st] of out.slice(0, 15)) console.log(size, st);
