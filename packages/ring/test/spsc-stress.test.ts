// Cross-thread SpscQueue stress: producer and consumer in two workers (the main thread only
// waits), millions of checksummed events, every word of every event verified. Forbidden
// outcomes: an event out of order, lost, duplicated, torn, or a checksum mismatch. The
// configurations cross the signed and unsigned Int32 wraps and hit FULL/empty constantly.
// Budget 60 s (each configuration has a 40 s deadline; on an idle box all three take ~2 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentControl, SpscQueue } from '../src/index.ts';
import { startWorker } from './workers/agent-harness.ts';
import type { CheckingConsumerData, CheckingConsumerResult } from './workers/spsc-checking-consumer.ts';
import type { StressProducerData, StressProducerResult } from './workers/spsc-stress-producer.ts';

interface StressConfig {
  readonly name: string;
  readonly capacity: number;
  readonly slotBytes: number;
  readonly initialSequence: number;
  readonly total: number;
  readonly batchMax: number;
  readonly pollLimit: number;
  readonly idle: string;
}

const DEADLINE_MS = 40_000;

const CONFIGS: readonly StressConfig[] = [
  {
    name: 'wide',
    capacity: 1024,
    slotBytes: 64,
    initialSequence: 0x7fffffff - 5_000,
    total: 4_000_000,
    batchMax: 32,
    pollLimit: 256,
    idle: 'busy-spin',
  },
  {
    name: 'tiny',
    capacity: 4,
    slotBytes: 16,
    initialSequence: -7,
    total: 1_000_000,
    batchMax: 8,
    pollLimit: 3,
    idle: 'spin-yield',
  },
  {
    name: 'parking',
    capacity: 64,
    slotBytes: 64,
    initialSequence: 12_345,
    total: 500_000,
    batchMax: 16,
    pollLimit: 32,
    idle: 'park:200',
  },
];

for (const config of CONFIGS) {
  test(`SPSC stress ${config.name}: order, no loss, no torn payloads`, async () => {
    console.log(
      `config: ${JSON.stringify(config)} deadline=${DEADLINE_MS}ms threads=producer+consumer workers`,
    );
    const queue = SpscQueue.create({
      capacity: config.capacity,
      slotBytes: config.slotBytes,
      initialSequence: config.initialSequence,
    });
    const gate = new Int32Array(new SharedArrayBuffer(16));
    const control = AgentControl.create();
    const consumerData: CheckingConsumerData = {
      queue: queue.buffer,
      gate: gate.buffer as SharedArrayBuffer,
      control: control.buffer,
      deadlineMs: DEADLINE_MS,
      pollLimit: config.pollLimit,
      idle: config.idle,
    };
    const producerData: StressProducerData = {
      queue: queue.buffer,
      gate: gate.buffer as SharedArrayBuffer,
      total: config.total,
      batchMax: config.batchMax,
      seed: 0x5eed + config.capacity,
      deadlineMs: DEADLINE_MS,
    };
    const consumer = startWorker<CheckingConsumerResult>(
      new URL('./workers/spsc-checking-consumer.ts', import.meta.url),
      consumerData,
      DEADLINE_MS + 10_000,
    );
    const producer = startWorker<StressProducerResult>(
      new URL('./workers/spsc-stress-producer.ts', import.meta.url),
      producerData,
      DEADLINE_MS + 10_000,
    );
    const readyBy = Date.now() + 10_000;
    while ((Atomics.load(gate, 1) === 0 || Atomics.load(gate, 2) === 0) && Date.now() < readyBy) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const [p, c] = await Promise.all([producer.result, consumer.result]);
    const mps = (n: number, ns: number): string => ((n / ns) * 1e3).toFixed(1);
    console.log(
      `producer: sent=${p.sent} fulls=${p.fulls} offers=${p.offers} ${mps(p.sent, p.elapsedNs)}M ev/s; ` +
        `consumer: received=${c.received} dutyCycles=${c.dutyCycles} ${mps(c.received, c.elapsedNs)}M ev/s`,
    );
    assert.equal(p.sent, config.total, 'producer finished before the deadline');
    assert.ok(p.offers > 0, 'the offer() path was exercised');
    assert.equal(c.sawSentinel, true, 'consumer saw the end');
    assert.equal(c.orderErrors, 0, 'never out of order');
    assert.equal(c.tornErrors, 0, 'never a torn payload');
    assert.equal(c.received, p.sent, 'exactly once: nothing lost, nothing duplicated');
    assert.equal(c.checksum, p.checksum, 'checksums agree');
    assert.equal(c.errors, 0);
    assert.equal(queue.size(), 0, 'queue drained');
  });
}
