// Entry point of the ingest worker thread (started by ingest-controller.ts). Setup and teardown
// are control plane (may allocate, report errors as messages); the feed path runs either in
// socket callbacks (TCP: SoupIngestHandler) or in an AgentRunner duty cycle (file, generator:
// ReplayIngestAgent), and only touches preallocated memory.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { AgentControl, AgentRunner, BroadcastRing } from '@ringside/ring';
import { CountersWriterView, SampleRing } from '@ringside/counters';
import type { CountersBuffers } from '@ringside/counters';
import type { IngestConfig } from './ingest-config.ts';
import { IngestCountersPublisher } from './ingest-counters.ts';
import type { IngestCounterIds } from './ingest-counters.ts';
import { IngestError, IngestErrorCode } from './ingest-error.ts';
import type { IngestControlMessage, IngestStatusEvent, IngestWorkerMessage } from './ingest-status.ts';
import { ItchNormalizer } from './itch-normalizer.ts';
import { openFramedSource } from './open-framed-source.ts';
import { ReplayIngestAgent } from './replay-ingest-agent.ts';
import { SoupIngestSource } from './soup-ingest-source.ts';
import { summarize } from './ingest-summary.ts';

export interface IngestWorkerData {
  readonly config: IngestConfig;
  readonly ring: SharedArrayBuffer;
  readonly counters: CountersBuffers;
  readonly counterIds: IngestCounterIds;
  readonly samples: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

function requireParentPort(): MessagePort {
  if (parentPort === null) {
    throw new IngestError(IngestErrorCode.WORKER_FAILED, 'ingest-worker.ts must run in a worker thread');
  }
  return parentPort;
}
const port = requireParentPort();
const post = (m: IngestWorkerMessage): void => port.postMessage(m);

async function main(): Promise<void> {
  const data = workerData as IngestWorkerData;
  const { config } = data;
  const source = config.source;
  // Open a replay source before taking the producer role: a source that fails leaves the ring
  // free for the next attempt.
  const framed = source.kind === 'tcp' ? undefined : await openFramedSource(source);
  const ring = BroadcastRing.attach(data.ring);
  const producer = ring.attachProducer(
    config.intentChunk === undefined ? {} : { intentChunk: config.intentChunk },
  );
  try {
    const normalizer = new ItchNormalizer(producer);
    const publisher = new IngestCountersPublisher(
      normalizer.tallies,
      CountersWriterView.attach(data.counters),
      data.counterIds,
    );
    const samples = SampleRing.attach(data.samples);
    const started = performance.now();
    let reason: string;
    let nextSequence: number;
    if (source.kind === 'tcp') {
      const tcp = new SoupIngestSource(source, normalizer, publisher, samples, (event: IngestStatusEvent) =>
        post({ kind: 'status', event }),
      );
      port.on('message', (m: IngestControlMessage) => {
        if (m.kind === 'stop') void tcp.stop();
      });
      tcp.start();
      post({
        kind: 'ready',
        description: `tcp ${source.host}:${source.port} from sequence ${source.firstSequence}`,
      });
      reason = await tcp.finished;
      await tcp.client.close();
      nextSequence = tcp.handler.tracker.expected;
    } else {
      const control = AgentControl.attach(data.control);
      const agent = new ReplayIngestAgent(
        framed!,
        normalizer,
        publisher,
        samples,
        source.batchMessages,
        control,
      );
      const runner = new AgentRunner(agent, { idleStrategy: config.idleStrategy, control });
      post({ kind: 'ready', description: `${source.kind} replay, ${config.idleStrategy}` });
      // run() blocks this thread until the source is exhausted or the controller requests a
      // stop through the shared control block (messages cannot arrive while it runs).
      const result = runner.run();
      reason = agent.finished ? 'source exhausted' : result.reason;
      nextSequence = agent.nextSequence;
    }
    normalizer.publish();
    publisher.flush();
    const summary = summarize(source.kind, reason, normalizer, nextSequence, performance.now() - started);
    post({ kind: 'done', summary });
  } finally {
    // Publishes anything pending and gives the producer role back (also after a failure).
    producer.close();
  }
  port.close();
}

main().catch((err: unknown) => {
  const code = err instanceof IngestError ? err.code : IngestErrorCode.WORKER_FAILED;
  post({ kind: 'error', code, message: err instanceof Error ? err.message : String(err) });
  port.close();
});
