// Entry point of a decision worker thread (started by decision-controller.ts). Setup is control
// plane; then AgentRunner drives the DecisionAgent until the controller requests a stop.
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { Books } from '@ringside/book';
import { CountersWriterView, SampleRing, warmUpWriters } from '@ringside/counters';
import type { CountersBuffers } from '@ringside/counters';
import { stockKey } from '@ringside/protocols';
import {
  AgentControl,
  AgentRunner,
  BroadcastRing,
  CommandQueue,
  SpscQueue,
  idleStrategyFromConfig,
} from '@ringside/ring';
import { createStrategy } from '../strategies/strategy-registry.ts';
import { DecisionAgent } from './decision-agent.ts';
import type { DecisionConfig } from './decision-config.ts';
import { DecisionCountersPublisher, DecisionTallies } from './decision-counters.ts';
import type { DecisionCounterIds } from './decision-counters.ts';
import { riskLimitValues } from './risk-limits.ts';

export interface DecisionWorkerData {
  readonly workerId: number;
  readonly config: DecisionConfig;
  readonly ring: SharedArrayBuffer;
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
  readonly commands: SharedArrayBuffer;
  readonly flags: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly samples: SharedArrayBuffer;
  readonly counters: CountersBuffers;
  readonly counterIds: DecisionCounterIds;
}

export type DecisionWorkerMessage =
  | { kind: 'ready'; description: string }
  | { kind: 'done'; reason: string; tallies: number[]; gcEvents: number }
  | { kind: 'error'; message: string };

const port = parentPort;
if (port === null) throw new Error('decision-worker.ts must run in a worker thread');
const data = workerData as DecisionWorkerData;
const post = (m: DecisionWorkerMessage): void => port.postMessage(m);

try {
  const c = data.config;
  const locates = c.instruments.map((i) => i.locate);
  const books = new Books({ locates, maxOrders: c.book.maxOrders, maxLevels: c.book.maxLevels });
  const strategy = createStrategy(c.strategy.name, c.strategy.params, {
    workerId: data.workerId,
    strategyId: data.workerId,
    locates,
  });
  const stockKeys = new Map<number, number>();
  for (const i of c.instruments) if (i.symbol !== undefined) stockKeys.set(i.locate, stockKey(i.symbol));
  warmUpWriters();
  const consumer = BroadcastRing.attach(data.ring).attachConsumer({ maxBatch: c.maxBatch });
  const samples = SampleRing.attach(data.samples);
  const tallies = new DecisionTallies();
  const publisher = new DecisionCountersPublisher(
    tallies,
    CountersWriterView.attach(data.counters),
    data.counterIds,
  );
  const agent = new DecisionAgent({
    workerId: data.workerId,
    strategyId: data.workerId,
    consumer,
    orders: SpscQueue.attach(data.orders),
    completions: SpscQueue.attach(data.completions),
    commands: CommandQueue.attach(data.commands),
    flags: new Int32Array(data.flags),
    books,
    strategy,
    limits: riskLimitValues(c.risk),
    stockKeys,
    samples,
    publisher,
    tallies,
    eventLimit: c.maxBatch,
    completionLimit: c.completionLimit,
    openOrderSlots: c.openOrderSlots,
    pendingSlots: c.pendingSlots,
    lowPriorityLocates: c.instruments.filter((i) => i.priority === 'low').map((i) => i.locate),
    conflateLagEvents: c.shed.conflateLagEvents,
    sampleProcessedLatency: c.shed.sampleProcessedLatency,
    sessionEpoch: c.sessionEpoch,
  });
  const control = AgentControl.attach(data.control);
  const runner = new AgentRunner(agent, {
    idleStrategy: idleStrategyFromConfig(c.idleStrategy, consumer),
    control,
  });
  post({
    kind: 'ready',
    description: `${agent.roleName}: consumer ${consumer.index}, idle ${runner.idleStrategy.name}`,
  });
  // GC seen by this thread while it ran (the agent's warm-up included): the observer's callback
  // only runs once run() returns and the event loop turns, so it costs the hot loop nothing.
  let gcEvents = 0;
  const gcObserver = new PerformanceObserver((list) => (gcEvents += list.getEntries().length));
  gcObserver.observe({ entryTypes: ['gc'] });
  const result = runner.run();
  publisher.flush();
  consumer.close();
  await sleep(20);
  gcObserver.disconnect();
  post({ kind: 'done', reason: result.reason, tallies: Array.from(agent.tallies.scalars), gcEvents });
} catch (err) {
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
}
