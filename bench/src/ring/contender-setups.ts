/**
 * The contenders of `bench ring` and how to start each as a scenario of workers: one producer
 * and its consumers, over fresh shared memory (or a fresh MessageChannel) per run.
 */
import { MessageChannel } from 'node:worker_threads';
import { RingBuffer } from 'ringbuf.js';
import { BroadcastRing, SpscQueue } from '@ringside/ring';
import { EVENT_BYTES, IDLE, PUBLISH_BATCH, RING_CAPACITY } from './bench-config.ts';
import type { RingBenchSizes } from './bench-config.ts';
import type { Contender, Mode } from './bench-worker-data.ts';
import { RINGBUF_EVENT_ELEMENTS } from './ringbuf-contender.ts';
import type { ScenarioWorker } from './scenario-runner.ts';

export interface ContenderSetup {
  readonly name: string;
  readonly contender: Contender;
  readonly consumers: number;
  readonly park: boolean;
  readonly publishBatch: number;
  readonly idle: string;
  readonly countsTowardGc: boolean;
  /** Latency mode is identical to this row's (it publishes every event anyway): reuse it. */
  readonly latencyOf?: string;
  /** Fresh shared memory (or channel) per run. */
  readonly make: () => { rings: SharedArrayBuffer[]; ports?: [ScenarioWorkerPort, ScenarioWorkerPort] };
}
type ScenarioWorkerPort = NonNullable<ScenarioWorker['port']>;

export const CONTENDERS: readonly ContenderSetup[] = [
  {
    name: 'BroadcastRing 1P→1C',
    contender: 'broadcast',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: true,
    make: () => ({
      rings: [BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer],
    }),
  },
  {
    name: 'BroadcastRing 1P→3C',
    contender: 'broadcast',
    consumers: 3,
    park: true,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.fanOutProducer}; consumers ${IDLE.fanOutConsumer}`,
    countsTowardGc: true,
    make: () => ({
      rings: [BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer],
    }),
  },
  {
    name: 'SpscQueue',
    contender: 'spsc',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: true,
    make: () => ({ rings: [SpscQueue.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer] }),
  },
  {
    name: 'ringbuf.js SPSC',
    contender: 'ringbuf',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: false,
    make: () => ({
      rings: [RingBuffer.getStorageForCapacity(RING_CAPACITY * RINGBUF_EVENT_ELEMENTS, Float64Array)],
    }),
  },
  {
    name: 'ringbuf.js SPSC, push per event',
    contender: 'ringbuf',
    consumers: 1,
    park: false,
    publishBatch: 1,
    idle: `producer ${IDLE.pairProducer}; consumer ${IDLE.pairConsumer}`,
    countsTowardGc: false,
    latencyOf: 'ringbuf.js SPSC',
    make: () => ({
      rings: [RingBuffer.getStorageForCapacity(RING_CAPACITY * RINGBUF_EVENT_ELEMENTS, Float64Array)],
    }),
  },
  {
    name: 'MessagePort',
    contender: 'message-port',
    consumers: 1,
    park: false,
    publishBatch: PUBLISH_BATCH,
    idle: 'event loop (message events); producer posts from a busy loop in latency mode',
    countsTowardGc: false,
    make: () => {
      const { port1, port2 } = new MessageChannel();
      return { rings: [], ports: [port1, port2] };
    },
  },
];

export function workersFor(
  setup: ContenderSetup,
  mode: Mode,
  warmup: number,
  events: number,
  rate: number,
  trials: number,
): ScenarioWorker[] {
  const { rings, ports } = setup.make();
  const common = {
    contender: setup.contender,
    mode,
    rings,
    consumers: setup.consumers,
    publishBatch: setup.publishBatch,
    warmup,
    events,
    trials,
    rate,
    park: setup.park,
    rounds: 0,
    batchesPerRound: 0,
  };
  const specs: ScenarioWorker[] = [
    ports
      ? { ...common, role: 'producer', index: 0, port: ports[0], transferList: [ports[0]] }
      : { ...common, role: 'producer', index: 0 },
  ];
  for (let k = 0; k < setup.consumers; k++) {
    specs.push(
      ports
        ? { ...common, role: 'consumer', index: k, port: ports[1], transferList: [ports[1]] }
        : { ...common, role: 'consumer', index: k },
    );
  }
  return specs;
}

export function stallWorkers(sizes: RingBenchSizes): ScenarioWorker[] {
  const rings = [0, 1].map(
    () => BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: EVENT_BYTES }).buffer,
  );
  const common = {
    contender: 'stall' as const,
    mode: 'throughput' as const,
    rings,
    consumers: 1,
    index: 0,
    warmup: 0,
    events: 0,
    trials: 1,
    publishBatch: PUBLISH_BATCH,
    rate: 0,
    park: false,
    rounds: sizes.stallRounds,
    batchesPerRound: sizes.stallBatchesPerRound,
  };
  return [
    { ...common, role: 'producer' },
    { ...common, role: 'consumer' },
  ];
}
