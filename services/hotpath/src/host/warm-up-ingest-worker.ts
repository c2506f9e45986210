// Entry point of the WARM-UP ingest worker (started by warm-up-ingest.ts through startIngest's
// worker option): the replay path of ingest-worker.ts over a synthetic source — marketgen's
// books for the decision instruments, or an ITCH file looped — held to a message rate by
// PacedAgent. It speaks the ingest worker's messages (ready / done / error) and gives the ring's
// producer role back when stopped, so the live ingest worker can take it and continue the
// ring's sequence.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { AgentControl, AgentRunner, BroadcastRing } from '@ringside/ring';
import { CountersWriterView, SampleRing } from '@ringside/counters';
import { IngestCountersPublisher } from '../ingest/ingest-counters.ts';
import { IngestError, IngestErrorCode } from '../ingest/ingest-error.ts';
import type { IngestWorkerMessage } from '../ingest/ingest-status.ts';
import type { IngestWorkerData } from '../ingest/ingest-worker.ts';
import { ItchNormalizer } from '../ingest/itch-normalizer.ts';
import { BufferFramedSource } from '../ingest/framed-source.ts';
import type { FramedSource } from '../ingest/framed-source.ts';
import { loadItchFile } from '../ingest/open-framed-source.ts';
import { ReplayIngestAgent } from '../ingest/replay-ingest-agent.ts';
import { summarize } from '../ingest/ingest-summary.ts';
import { PacedAgent, WarmUpGeneratorSource } from './warm-up-sources.ts';

/** What warm-up-ingest.ts adds to the ingest worker's data. */
export interface WarmUpWorkerExtra {
  readonly warmUpSymbols: readonly string[];
  readonly warmUpSeed: number;
  readonly warmUpMessagesPerSecond: number;
}

const FILE_LOOPS = 1_000_000;

function requireParentPort(): MessagePort {
  if (parentPort === null) {
    throw new IngestError(
      IngestErrorCode.WORKER_FAILED,
      'warm-up-ingest-worker.ts must run in a worker thread',
    );
  }
  return parentPort;
}
const port = requireParentPort();
const post = (m: IngestWorkerMessage): void => port.postMessage(m);

async function main(): Promise<void> {
  const data = workerData as IngestWorkerData & WarmUpWorkerExtra;
  const { config } = data;
  const source = config.source;
  if (source.kind === 'tcp')
    throw new IngestError(IngestErrorCode.BAD_CONFIG, 'warm-up traffic is never tcp');
  const framed: FramedSource =
    source.kind === 'file'
      ? new BufferFramedSource(await loadItchFile(source.path), FILE_LOOPS)
      : new WarmUpGeneratorSource(data.warmUpSymbols, data.warmUpSeed);
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
    const control = AgentControl.attach(data.control);
    const agent = new ReplayIngestAgent(
      framed,
      normalizer,
      publisher,
      samples,
      source.batchMessages,
      control,
    );
    const paced = new PacedAgent(agent, data.warmUpMessagesPerSecond, source.batchMessages);
    const runner = new AgentRunner(paced, { idleStrategy: config.idleStrategy, control });
    post({
      kind: 'ready',
      description: `warm-up ${source.kind} at ${data.warmUpMessagesPerSecond} msg/s from ring sequence ${producer.nextSequence}`,
    });
    const result = runner.run();
    normalizer.publish();
    publisher.flush();
    const reason = agent.finished ? 'source exhausted' : result.reason;
    post({
      kind: 'done',
      summary: summarize(source.kind, reason, normalizer, agent.nextSequence, performance.now() - started),
    });
  } finally {
    producer.close();
  }
  port.close();
}

main().catch((err: unknown) => {
  const code = err instanceof IngestError ? err.code : IngestErrorCode.WORKER_FAILED;
  post({ kind: 'error', code, message: err instanceof Error ? err.message : String(err) });
  port.close();
});
