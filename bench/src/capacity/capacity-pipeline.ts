// The capacity bench's pipeline, in one process: paced generator feed (its own thread) →
// BroadcastRing → N decision workers (their own threads) → SinkGateway in the main thread,
// which answers every order at once. The main thread also reads the workers' processed-event
// latency samples and counters. Control plane: may throw.
import { Worker } from 'node:worker_threads';
import {
  CountersManager,
  CountersReader,
  SampleRingReader,
  createSampleRingBuffer,
} from '@ringside/counters';
import { AgentControl, BroadcastRing, ConsumerState } from '@ringside/ring';
import {
  DecisionFlagsDescriptor,
  DecisionLatencyTag,
  SinkGateway,
  allocateDecisionCounters,
  createCompletionQueue,
  createOrderQueue,
  readDecisionCounters,
} from '@ringside/hotpath';
import type { DecisionCounterIds, DecisionCountersSnapshot } from '@ringside/hotpath';
import { CapacityControlDescriptor as C } from './capacity-control-descriptor.ts';
import { RING_CAPACITY } from './capacity-config.ts';
import type { CapacityOptions } from './capacity-config.ts';
import type { CapacityDecisionData, CapacityDecisionMessage } from './capacity-decision-worker.ts';
import type { CapacityFeedData } from './capacity-feed-worker.ts';

const SAMPLE_CAPACITY = 1 << 18;

export interface CapacityWorkerDone {
  readonly reason: string;
  readonly gcEvents: number;
}

export class CapacityPipeline {
  /** The decision workers' flags block (DecisionFlagsDescriptor): the ShedController's sink. */
  readonly flags: Int32Array;
  readonly sink: SinkGateway;
  readonly iterationsPerNs: readonly number[];
  readonly lowPriority: readonly number[];
  private readonly ring: BroadcastRing;
  private readonly control: Int32Array;
  private readonly stats: Float64Array;
  private readonly reader: CountersReader;
  private readonly ids: readonly DecisionCounterIds[];
  private readonly samples: readonly SampleRingReader[];
  private readonly agentControls: readonly AgentControl[];
  private readonly feed: Worker;
  private readonly decisions: readonly Worker[];
  private readonly done: readonly Promise<CapacityWorkerDone>[];
  private readonly feedDone: Promise<unknown>;

  private constructor(parts: {
    ring: BroadcastRing;
    control: SharedArrayBuffer;
    reader: CountersReader;
    ids: DecisionCounterIds[];
    samples: SampleRingReader[];
    agentControls: AgentControl[];
    feed: Worker;
    feedDone: Promise<unknown>;
    decisions: Worker[];
    done: Promise<CapacityWorkerDone>[];
    sink: SinkGateway;
    iterationsPerNs: number[];
    lowPriority: number[];
    flags: Int32Array;
  }) {
    this.ring = parts.ring;
    this.control = new Int32Array(parts.control);
    this.stats = new Float64Array(parts.control);
    this.reader = parts.reader;
    this.ids = parts.ids;
    this.samples = parts.samples;
    this.agentControls = parts.agentControls;
    this.feed = parts.feed;
    this.feedDone = parts.feedDone;
    this.decisions = parts.decisions;
    this.done = parts.done;
    this.sink = parts.sink;
    this.iterationsPerNs = parts.iterationsPerNs;
    this.lowPriority = parts.lowPriority;
    this.flags = parts.flags;
  }

  static async start(o: CapacityOptions): Promise<CapacityPipeline> {
    const ring = BroadcastRing.create({ capacity: RING_CAPACITY, slotBytes: 64 });
    const counters = CountersManager.create({ capacity: 64 * (o.workers + 1) });
    const flagsBuffer = new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES);
    const flags = new Int32Array(flagsBuffer);
    const control = new SharedArrayBuffer(C.BYTES);
    const locates = Array.from({ length: o.instruments }, (_, i) => i + 1);
    const lowPriority = locates.filter((l) => l > Math.ceil(o.instruments / 2));
    const ids: DecisionCounterIds[] = [];
    const samples: SampleRingReader[] = [];
    const agentControls: AgentControl[] = [];
    const decisions: Worker[] = [];
    const done: Promise<CapacityWorkerDone>[] = [];
    const links: { orders: SharedArrayBuffer; completions: SharedArrayBuffer }[] = [];
    const iterationsPerNs: number[] = [];
    // Workers start one after the other: each calibrates its busy loop alone on the cores.
    for (let k = 0; k < o.workers; k++) {
      const orders = createOrderQueue(1024).buffer;
      const completions = createCompletionQueue(2048).buffer;
      const sampleBuffer = createSampleRingBuffer(SAMPLE_CAPACITY);
      const agentControl = AgentControl.create();
      const counterIds = allocateDecisionCounters(counters, k);
      const data: CapacityDecisionData = {
        workerId: k + 1,
        ring: ring.buffer,
        orders,
        completions,
        flags: flagsBuffer,
        control: agentControl.buffer,
        samples: sampleBuffer,
        counters: counters.buffers,
        counterIds,
        strategy: o.strategy,
        costNs: o.costNs,
        locates,
        lowPriority,
        conflateLagEvents: o.conflateLagEvents,
      };
      const worker = new Worker(new URL('./capacity-decision-worker.ts', import.meta.url), {
        workerData: data,
        name: `capacity-decision-${k + 1}`,
      });
      const { ready, finished } = watch(worker, `decision-${k + 1}`);
      iterationsPerNs.push(await ready);
      done.push(finished);
      decisions.push(worker);
      agentControls.push(agentControl);
      ids.push(counterIds);
      samples.push(SampleRingReader.attach(sampleBuffer, { fromTail: true }));
      links.push({ orders, completions });
    }
    const feedData: CapacityFeedData = { ring: ring.buffer, control, instruments: o.instruments, seed: 7 };
    const feed = new Worker(new URL('./capacity-feed-worker.ts', import.meta.url), {
      workerData: feedData,
      name: 'capacity-feed',
    });
    const feedReady = new Promise<void>((resolve, reject) => {
      feed.once('message', () => resolve());
      feed.once('error', reject);
    });
    const feedDone = feedReady.then(
      () =>
        new Promise<unknown>((resolve, reject) => {
          feed.once('message', resolve);
          feed.once('error', reject);
        }),
    );
    feedDone.catch(() => undefined);
    await feedReady;
    return new CapacityPipeline({
      ring,
      control,
      reader: CountersReader.attach(counters.buffers),
      ids,
      samples,
      agentControls,
      feed,
      feedDone,
      decisions,
      done,
      sink: new SinkGateway(links, 'expire'),
      iterationsPerNs,
      lowPriority,
      flags,
    });
  }

  /** Offered rate (ITCH messages/s); 0 pauses the feed. */
  setRate(perSec: number): void {
    Atomics.store(this.control, C.RATE_INDEX, Math.round(perSec));
  }

  /** ITCH messages and market events the feed has published so far. */
  published(): { messages: number; events: number } {
    return { messages: this.stats[C.PUBLISHED_D]!, events: this.stats[C.EVENTS_D]! };
  }

  /** Events every worker has received (the slowest). */
  slowestEvents(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const s of this.counters()) min = Math.min(min, s.scalars['events'] ?? 0);
    return min;
  }

  /**
   * The shed controller's per-tick reading, as the host conductor takes it: the LEAST-lagging
   * ACTIVE consumer's lag behind the ring tail (overload = every worker behind; one worker behind
   * is a slow consumer), and the conflated / shed_dropped totals.
   */
  shedLoad(): { lagEvents: number; conflated: number; dropped: number } {
    let lagEvents = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.ring.maxConsumers; k++) {
      if (this.ring.consumerState(k) !== ConsumerState.ACTIVE) continue;
      const lag = this.ring.lag(k);
      if (lag < lagEvents) lagEvents = lag;
    }
    if (lagEvents === Number.POSITIVE_INFINITY) lagEvents = 0;
    let conflated = 0;
    let dropped = 0;
    for (const s of this.counters()) {
      conflated += s.scalars['conflated'] ?? 0;
      dropped += s.scalars['shed_dropped'] ?? 0;
    }
    return { lagEvents, conflated, dropped };
  }

  counters(): DecisionCountersSnapshot[] {
    return this.ids.map((id) => readDecisionCounters(this.reader, id));
  }

  /** Drains every worker's processed-event samples into `onSample`; returns samples missed. */
  pollSamples(onSample: (ns: number) => void): number {
    let missed = 0;
    for (const s of this.samples) {
      const before = s.missed;
      while (
        s.poll((v, tag) => {
          if (tag === DecisionLatencyTag.INGEST_TO_PROCESSED) onSample(v);
        }) > 0
      );
      missed += s.missed - before;
    }
    return missed;
  }

  async stop(): Promise<CapacityWorkerDone[]> {
    Atomics.store(this.control, C.STOP_INDEX, 1);
    for (const c of this.agentControls) c.requestStop();
    await this.feedDone.catch(() => undefined);
    const results = await Promise.all(this.done);
    await this.feed.terminate();
    for (const d of this.decisions) await d.terminate();
    return results;
  }

  /** Last resort (errors): ends every thread. */
  async kill(): Promise<void> {
    Atomics.store(this.control, C.STOP_INDEX, 1);
    for (const c of this.agentControls) c.requestStop();
    await this.feed.terminate();
    for (const d of this.decisions) await d.terminate();
  }
}

function watch(
  worker: Worker,
  name: string,
): { ready: Promise<number>; finished: Promise<CapacityWorkerDone> } {
  let resolveReady!: (n: number) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<number>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  const finished = new Promise<CapacityWorkerDone>((resolve, reject) => {
    worker.on('message', (m: CapacityDecisionMessage) => {
      if (m.kind === 'ready') resolveReady(m.iterationsPerNs);
      else resolve({ reason: m.reason, gcEvents: m.gcEvents });
    });
    worker.on('error', (err: Error) => {
      rejectReady(err);
      reject(err);
    });
    worker.on('exit', (code) => {
      const err = new Error(`${name} exited (code ${code})`);
      rejectReady(err);
      reject(err);
    });
  });
  finished.catch(() => undefined);
  return { ready, finished };
}
