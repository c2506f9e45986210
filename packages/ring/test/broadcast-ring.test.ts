// Single-thread behaviour of the BroadcastRing: delivery, Int32 wrap, lapping with exact loss,
// validation against a producer mid-write, consumer states, setup errors, parking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BroadcastErrorCode,
  BroadcastRing,
  BroadcastRingDescriptor as D,
  BroadcastStatus,
  ConsumerState,
} from '@ringside/ring';
import type { BroadcastConsumer, BroadcastHandler, BroadcastProducer } from '@ringside/ring';

/** Payload word i of the event with sequence s: a function of both, so any mix-up shows. */
const word = (s: number, i: number): number => Math.imul(s ^ (i * 0x9e3779b9), 0x85ebca6b) | 0;

function publish(producer: BroadcastProducer, count: number): void {
  const payloadWords = producer.payloadBytes >> 2;
  for (let k = 0; k < count; k++) {
    if (producer.pending === producer.capacity >> 1) {
      producer.publish(); // a batch may hold at most capacity/2 claims
    }
    const offset = producer.claim();
    assert.ok(offset >= 0, `claim returned ${offset}`);
    const s = producer.i32[offset >> 2];
    producer.i32[(offset >> 2) + 1] = 7;
    for (let i = 0; i < payloadWords; i++) {
      producer.i32[((offset + D.PAYLOAD_OFFSET) >> 2) + i] = word(s, i);
    }
  }
  producer.publish();
}

/** Receives until empty; checks every event; returns delivered sequences and reported loss. */
function drain(consumer: BroadcastConsumer, limit: number): { seqs: number[]; lost: number } {
  const seqs: number[] = [];
  let lost = 0;
  const payloadWords = (consumer.slotBytes - D.PAYLOAD_OFFSET) >> 2;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const n = consumer.receive(limit);
    if (n === BroadcastStatus.LAPPED || n === BroadcastStatus.ISOLATED) {
      lost += consumer.lastLoss;
      continue;
    }
    assert.ok(n >= 0, `receive returned ${n}`);
    if (n === 0) {
      return { seqs, lost };
    }
    const b = consumer.batchI32;
    for (let e = 0; e < n; e++) {
      const base = (e * consumer.slotBytes) >> 2;
      const s = b[base];
      assert.equal(b[base + 1], 7);
      for (let i = 0; i < payloadWords; i++) {
        assert.equal(b[base + 2 + i], word(s, i), `payload word ${i} of sequence ${s}`);
      }
      seqs.push(s);
    }
  }
  assert.fail('drain did not finish');
}

function assertStrictlyIncreasing(seqs: number[]): void {
  for (let i = 1; i < seqs.length; i++) {
    assert.ok(((seqs[i] - seqs[i - 1]) | 0) > 0, `sequence went ${seqs[i - 1]} → ${seqs[i]}`);
  }
}

test('every consumer receives every event, in order, intact', () => {
  const ring = BroadcastRing.create({ capacity: 64 });
  const producer = ring.attachProducer();
  const a = ring.attachConsumer();
  const b = ring.attachConsumer({ maxBatch: 5 });
  assert.deepEqual([a.index, b.index], [0, 1]);
  const seen: number[][] = [[], []];
  for (let round = 0; round < 50; round++) {
    publish(producer, 1 + (round % 20));
    seen[0].push(...drain(a, 64).seqs);
    seen[1].push(...drain(b, 3).seqs);
  }
  const published = ring.tail();
  assert.equal(seen[0].length, published);
  assert.deepEqual(seen[1], seen[0]);
  assert.deepEqual(
    seen[0],
    Array.from({ length: published }, (_, i) => i),
  );
  assert.equal(ring.loss(0) + ring.loss(1), 0);
  assert.equal(ring.lag(0), 0);
});

test('sequences cross the Int32 wrap without a hiccup', () => {
  const start = 0x7fffffff - 40;
  const ring = BroadcastRing.create({ capacity: 16, initialSequence: start });
  const producer = ring.attachProducer({ intentChunk: 4 });
  const consumer = ring.attachConsumer({ maxBatch: 8 });
  const seqs: number[] = [];
  for (let round = 0; round < 30; round++) {
    publish(producer, 1 + (round % 7));
    seqs.push(...drain(consumer, 8).seqs);
  }
  assert.equal(seqs[0], start);
  assert.ok(
    seqs.some((s) => s < 0),
    'the run crossed into negative sequences',
  );
  assertStrictlyIncreasing(seqs);
  for (let i = 1; i < seqs.length; i++) {
    assert.equal(seqs[i], (seqs[i - 1] + 1) | 0);
  }
  assert.equal(consumer.loss, 0);
});

test('a lapped consumer is told exactly how many events it lost, and never gets a stale one', () => {
  const ring = BroadcastRing.create({ capacity: 32, initialSequence: -100 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer();
  publish(producer, 100); // 68 more than the ring holds
  assert.equal(consumer.receive(64), BroadcastStatus.LAPPED);
  assert.equal(consumer.lastLoss, 100 - 16, 'resumes half a ring behind the head');
  assert.equal(ring.loss(consumer.index), 84);
  const { seqs } = drain(consumer, 64);
  assert.deepEqual(
    seqs,
    Array.from({ length: 16 }, (_, i) => -100 + 84 + i),
  );
  assert.equal(consumer.loss + seqs.length, 100);
});

test('a copy the producer overwrote meanwhile is rejected and counted as loss', () => {
  const ring = BroadcastRing.create({ capacity: 8 });
  const producer = ring.attachProducer({ intentChunk: 1 });
  const consumer = ring.attachConsumer();
  publish(producer, 8); // ring full: sequences 0..7, consumer at 0
  // The producer starts writing sequence 8 into slot 0 but has not published: intent = 9.
  const offset = producer.claim();
  assert.equal(producer.i32[offset >> 2], 8);
  assert.equal(ring.tail(), 8);
  // Worst case: the consumer's copy caught the old SEQUENCE word (0) but new payload words, so
  // the slot looks like sequence 0; only the TAIL_INTENT check can tell it is torn.
  producer.i32[offset >> 2] = 0;
  producer.i32[(offset + D.PAYLOAD_OFFSET) >> 2] = 12345;
  assert.equal(consumer.receive(8), BroadcastStatus.LAPPED, 'sequence 0 may be torn');
  assert.equal(consumer.lastLoss, 4); // resumes at tail - capacity/2, past the torn slot
  assert.deepEqual(drain(consumer, 8).seqs, [4, 5, 6, 7]);
});

test('fast-check: delivered + counted loss = published, sequences increase, payloads intact', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(4, 8, 16, 64),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.array(
        fc.record({
          publish: fc.integer({ min: 0, max: 40 }),
          consumer: fc.integer({ min: 0, max: 2 }),
          limit: fc.integer({ min: 1, max: 80 }),
        }),
        { maxLength: 60 },
      ),
      (capacity, start, steps) => {
        const ring = BroadcastRing.create({ capacity, slotBytes: 32, initialSequence: start });
        const producer = ring.attachProducer({ intentChunk: Math.max(1, capacity >> 2) });
        const consumers = [0, 1, 2].map(() => ring.attachConsumer({ maxBatch: capacity }));
        const seen: number[][] = [[], [], []];
        const lost = [0, 0, 0];
        let published = 0;
        const take = (c: number, limit: number): void => {
          const r = drain(consumers[c], limit);
          seen[c].push(...r.seqs);
          lost[c] += r.lost;
        };
        for (const step of steps) {
          for (let k = 0; k < step.publish; k += capacity >> 1) {
            const n = Math.min(capacity >> 1, step.publish - k);
            publish(producer, n);
            published += n;
          }
          take(step.consumer, step.limit);
        }
        for (let c = 0; c < 3; c++) {
          take(c, capacity);
          assertStrictlyIncreasing(seen[c]);
          assert.equal(seen[c].length + lost[c], published);
          assert.equal(lost[c], ring.loss(c));
          if (seen[c].length > 0) {
            assert.equal(seen[c][seen[c].length - 1], (start + published - 1) | 0);
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('isolate, drop, readmit and release drive what receive returns', () => {
  const ring = BroadcastRing.create({ capacity: 16 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer();
  const k = consumer.index;
  publish(producer, 3);
  assert.equal(ring.lag(k), 3);
  assert.equal(ring.isolate(k), true);
  assert.equal(ring.consumerState(k), ConsumerState.ISOLATED);
  assert.equal(ring.isolate(k), false, 'already isolated');
  assert.equal(consumer.receive(16), BroadcastStatus.ISOLATED);
  assert.equal(consumer.lastLoss, 3);
  assert.equal(ring.lag(k), 0, 'an isolated consumer follows the head');
  publish(producer, 2);
  assert.equal(consumer.receive(16), BroadcastStatus.ISOLATED);
  assert.equal(ring.loss(k), 5);
  assert.equal(ring.readmit(k), true);
  publish(producer, 4);
  assert.deepEqual(drain(consumer, 16).seqs, [5, 6, 7, 8]);
  assert.equal(ring.drop(k), true);
  assert.equal(consumer.receive(16), BroadcastStatus.DROPPED);
  publish(producer, 40);
  assert.equal(ring.lag(k), 40);
  assert.equal(ring.readmit(k), true);
  const after = drain(consumer, 16);
  assert.equal(after.seqs.length + after.lost, 40, 'the lap while dropped is counted');
  assert.equal(ring.drop(k), true);
  assert.equal(ring.release(k), true);
  assert.equal(ring.lag(k), BroadcastStatus.CLOSED);
  const again = ring.attachConsumer();
  assert.equal(again.index, k, 'the released line is reused');
  assert.equal(consumer.receive(16), BroadcastStatus.CLOSED, 'the old owner sees a new generation');
  assert.equal(ring.loss(k), 0);
  publish(producer, 1);
  assert.equal(drain(again, 16).seqs.length, 1);
  again.close();
  assert.equal(ring.consumerState(k), ConsumerState.FREE);
});

test('poll hands validated events to a handler object', () => {
  const ring = BroadcastRing.create({ capacity: 16 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer();
  publish(producer, 10);
  const got: number[] = [];
  const handler: BroadcastHandler = {
    onEvent(_bytes, i32, _f64, _dv, offset) {
      got.push(i32[offset >> 2]);
    },
  };
  assert.equal(consumer.poll(handler, 4), 4);
  assert.equal(consumer.poll(handler, 100), 6);
  assert.deepEqual(got, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('offer copies one payload and publishes it', () => {
  const ring = BroadcastRing.create({ capacity: 8, slotBytes: 16 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer();
  assert.equal(producer.offer(new Uint8Array(7), 0), BroadcastStatus.BAD_ARGUMENT);
  const src = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(producer.offer(src, 0) >= 0);
  assert.equal(consumer.receive(8), 1);
  assert.deepEqual([...consumer.batchBytes.subarray(8, 16)], [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('claim refuses more than capacity/2 unpublished slots', () => {
  const ring = BroadcastRing.create({ capacity: 8 });
  const producer = ring.attachProducer();
  for (let i = 0; i < 4; i++) {
    assert.ok(producer.claim() >= 0);
  }
  assert.equal(producer.claim(), BroadcastStatus.BATCH_FULL);
  assert.equal(producer.publish(), 4);
  assert.ok(producer.claim() >= 0);
});

test('setup errors carry codes', () => {
  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as { code: string }).code;
    }
    return 'no error';
  };
  assert.equal(
    code(() => BroadcastRing.create({ capacity: 12 })),
    BroadcastErrorCode.BAD_CAPACITY,
  );
  assert.equal(
    code(() => BroadcastRing.create({ capacity: 8, slotBytes: 20 })),
    BroadcastErrorCode.BAD_SLOT_BYTES,
  );
  assert.equal(
    code(() => BroadcastRing.attach(new SharedArrayBuffer(4096))),
    BroadcastErrorCode.BAD_BUFFER,
  );
  const ring = BroadcastRing.create({ capacity: 8 });
  const producer = ring.attachProducer();
  assert.equal(
    code(() => ring.attachProducer()),
    BroadcastErrorCode.PRODUCER_ATTACHED,
  );
  producer.close();
  ring.attachProducer().close();
  assert.equal(
    code(() => ring.attachConsumer({ maxBatch: 9 })),
    BroadcastErrorCode.BAD_BATCH_LIMIT,
  );
  assert.equal(
    code(() => ring.attachProducer({ intentChunk: 5 })),
    BroadcastErrorCode.BAD_BATCH_LIMIT,
  );
  for (let i = 0; i < 16; i++) {
    ring.attachConsumer();
  }
  assert.equal(
    code(() => ring.attachConsumer()),
    BroadcastErrorCode.NO_FREE_CONSUMER,
  );
  assert.equal(
    code(() => ring.lag(16)),
    BroadcastErrorCode.BAD_CONSUMER_INDEX,
  );
  const other = BroadcastRing.attach(ring.buffer);
  assert.equal(
    code(() => other.attachConsumer({ index: 3 })),
    BroadcastErrorCode.CONSUMER_IN_USE,
  );
});

test('park returns at once when events are waiting and sleeps its timeout otherwise', () => {
  const ring = BroadcastRing.create({ capacity: 8 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer();
  let t = performance.now();
  consumer.park(50);
  const idle = performance.now() - t;
  assert.ok(idle >= 40, `slept ${idle} ms`);
  assert.equal(ring.parkedMask(), 0, 'the parked bit is cleared after waking');
  publish(producer, 1);
  t = performance.now();
  consumer.park(1000);
  assert.ok(performance.now() - t < 100, 'did not sleep while an event was waiting');
});

test('payload bits survive the copy exactly, NaN patterns included, cold and optimised', () => {
  // receive() copies slots as doubles; every NaN encoding must come out bit for bit.
  const nanHighWords = [
    0x7ff00000, 0x7ff00001, 0x7ff7ffff, 0x7ff80000, 0x7fffffff, 0xfff00001, 0xfff80000, 0xffffffff,
  ];
  const ring = BroadcastRing.create({ capacity: 64 });
  const producer = ring.attachProducer();
  const consumer = ring.attachConsumer({ maxBatch: 16 });
  const payloadWords = producer.payloadBytes >> 2;
  let mismatches = 0;
  for (let round = 0; round < 20_000; round++) {
    for (let k = 0; k < 8; k++) {
      const base = (producer.claim() + D.PAYLOAD_OFFSET) >> 2;
      for (let i = 0; i < payloadWords; i += 2) {
        producer.i32[base + i] = word(round, k * 16 + i); // low word: any bits
        producer.i32[base + i + 1] = nanHighWords[(round + k + i) & 7] | 0;
      }
    }
    producer.publish();
    const n = consumer.receive(16);
    assert.equal(n, 8);
    const b = consumer.batchI32;
    for (let k = 0; k < 8; k++) {
      const base = (k * consumer.slotBytes + D.PAYLOAD_OFFSET) >> 2;
      for (let i = 0; i < payloadWords; i += 2) {
        if (b[base + i] !== word(round, k * 16 + i)) mismatches++;
        if (b[base + i + 1] !== (nanHighWords[(round + k + i) & 7] | 0)) mismatches++;
      }
    }
  }
  assert.equal(mismatches, 0);
});
