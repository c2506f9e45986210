/**
 * Entry of every `bench ring` worker: runs one role of one contender, posts {type:'ready'} once
 * set up (the orchestrator then sets GO), and {type:'report'} at the end, transferring latency
 * samples instead of copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TransferListItem } from 'node:worker_threads';
import type { BenchWorkerData, WorkerReport } from './bench-worker-data.ts';
import { runBroadcastConsumer, runBroadcastProducer } from './broadcast-contender.ts';
import { runMessagePortConsumer, runMessagePortProducer } from './message-port-contender.ts';
import { runRingbufConsumer, runRingbufProducer } from './ringbuf-contender.ts';
import { runSpscConsumer, runSpscProducer } from './spsc-contender.ts';
import { runStallProducer, runStalledConsumer } from './stall-contender.ts';

type Runner = (data: BenchWorkerData, ready: () => void) => Promise<WorkerReport>;

const RUNNERS: Record<BenchWorkerData['contender'], Record<BenchWorkerData['role'], Runner>> = {
  broadcast: { producer: runBroadcastProducer, consumer: runBroadcastConsumer },
  spsc: { producer: runSpscProducer, consumer: runSpscConsumer },
  ringbuf: { producer: runRingbufProducer, consumer: runRingbufConsumer },
  'message-port': { producer: runMessagePortProducer, consumer: runMessagePortConsumer },
  stall: { producer: runStallProducer, consumer: runStalledConsumer },
};

const port = parentPort;
if (port === null) throw new Error('bench-worker.ts must run in a worker thread');
const data = workerData as BenchWorkerData;
const report = await RUNNERS[data.contender][data.role](data, () => port.postMessage({ type: 'ready' }));
const transfer: TransferListItem[] = [];
for (const s of [report.latency, report.stalled, report.unstalled]) {
  if (s !== undefined) transfer.push(s.samples.buffer as ArrayBuffer);
}
port.postMessage({ type: 'report', report }, transfer);
