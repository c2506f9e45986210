// A decision worker of the capacity bench: the real DecisionAgent on the shared ring, flags,
// queues, counters and sample ring, with CostlyStrategy around a shipped strategy, driven by
// AgentRunner (parked on the ring when idle). Processed-event latency sampling is on.
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { Books } from '@ringside/book';
import { CountersWriterView, SampleRing, warmUpWriters } from '@ringside/counters';
import type { CountersBuffers } from '@ringside/counters';
import {
  AgentControl,
  AgentRunner,
  BroadcastRing,
  CommandQueue,
  SpscQueue,
  idleStrategyFromConfig,
} from '@ringside/ring';
import {
  DecisionAgent,
  DecisionCountersPublisher,
  DecisionTallies,
  LatencyProbeStrategy,
  TopOfBookStrategy,
  riskLimitValues,
} from '@ringside/hotpath';
import type { DecisionCounterIds, Strategy } from '@ringside/hotpath';
import { CostlyStrategy, calibrateBurn } from './costly-strategy.ts';
import { DECISION_IDLE, PROBE_EVERY_EVENTS } from './capacity-config.ts';
import type { CapacityStrategyName } from './capacity-config.ts';

export interface CapacityDecisionData {
  readonly workerId: number;
  readonly ring: SharedArrayBuffer;
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
  readonly flags: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly samples: SharedArrayBuffer;
  readonly counters: CountersBuffers;
  readonly counterIds: DecisionCounterIds;
  readonly strategy: CapacityStrategyName;
  readonly costNs: number;
  readonly locates: readonly number[];
  readonly lowPriority: readonly number[];
  readonly conflateLagEvents: number;
}

export type CapacityDecisionMessage =
  { kind: 'ready'; iterationsPerNs: number } | { kind: 'done'; reason: string; gcEvents: number };

const data = workerData as CapacityDecisionData;
const post = (m: CapacityDecisionMessage): void => parentPort!.postMessage(m);
warmUpWriters();
const iterationsPerNs = calibrateBurn();
const setup = { workerId: data.workerId, strategyId: data.workerId, locates: data.locates };
const inner: Strategy =
  data.strategy === 'top-of-book'
    ? new TopOfBookStrategy({ quantity: 10, minSpread: 1 }, setup)
    : new LatencyProbeStrategy({ everyEvents: PROBE_EVERY_EVENTS, timeInForce: 3 }, setup);
const consumer = BroadcastRing.attach(data.ring).attachConsumer({ maxBatch: 64 });
const tallies = new DecisionTallies();
const agent = new DecisionAgent({
  workerId: data.workerId,
  strategyId: data.workerId,
  consumer,
  orders: SpscQueue.attach(data.orders),
  completions: SpscQueue.attach(data.completions),
  commands: CommandQueue.create(16),
  flags: new Int32Array(data.flags),
  books: new Books({ locates: [...data.locates], maxOrders: 1 << 16, maxLevels: 4096 }),
  strategy: new CostlyStrategy(inner, Math.round(data.costNs * iterationsPerNs)),
  limits: riskLimitValues({ maxOrderQty: 1000, maxNotional: 1e9, maxOpenOrders: 512, priceBandBps: 5000 }),
  samples: SampleRing.attach(data.samples),
  publisher: new DecisionCountersPublisher(
    tallies,
    CountersWriterView.attach(data.counters),
    data.counterIds,
  ),
  tallies,
  eventLimit: 64,
  completionLimit: 64,
  openOrderSlots: 2048,
  pendingSlots: 64,
  lowPriorityLocates: data.lowPriority,
  conflateLagEvents: data.conflateLagEvents,
  sampleProcessedLatency: true,
});
const runner = new AgentRunner(agent, {
  idleStrategy: idleStrategyFromConfig(DECISION_IDLE, consumer),
  control: AgentControl.attach(data.control),
});
let gcEvents = 0;
const observer = new PerformanceObserver((list) => (gcEvents += list.getEntries().length));
observer.observe({ entryTypes: ['gc'] });
post({ kind: 'ready', iterationsPerNs });
const result = runner.run();
consumer.close();
await sleep(20);
observer.disconnect();
post({ kind: 'done', reason: result.reason, gcEvents });
