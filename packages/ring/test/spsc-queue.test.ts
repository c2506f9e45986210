// Single-thread semantics of SpscQueue: geometry, visibility only after flush, FULL, status codes,
// Int32 wrap-around, poison-event release, and a model-based property test against a plain array.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpscQueue, SpscQueueDescriptor, SpscQueueError, SpscStatus } from '../src/index.ts';
import type { SpscHandler } from '../src/index.ts';

/** Collects the first i32 of every slot it is handed. */
class Collector implements SpscHandler {
  readonly seen: number[] = [];
  onEvent(_b: Uint8Array, i32: Int32Array, _f: Float64Array, _d: DataView, offset: number): void {
    this.seen.push(i32[offset >> 2]);
  }
}

function put(q: SpscQueue, value: number): number {
  const offset = q.claim();
  if (offset >= 0) {
    q.i32[offset >> 2] = value;
    assert.equal(q.commit(), SpscStatus.OK);
  }
  return offset;
}

test('create validates geometry with typed errors', () => {
  for (const capacity of [0, 1, 3, 100, 2 ** 31, 1.5]) {
    assert.throws(
      () => SpscQueue.create({ capacity }),
      (e: unknown) => e instanceof SpscQueueError && e.code === 'SPSC_BAD_CAPACITY',
      `capacity ${capacity}`,
    );
  }
  for (const slotBytes of [0, 4, 12, 65544]) {
    assert.throws(
      () => SpscQueue.create({ capacity: 8, slotBytes }),
      (e: unknown) => e instanceof SpscQueueError && e.code === 'SPSC_BAD_SLOT_BYTES',
    );
  }
  assert.throws(
    () => SpscQueue.create({ capacity: 1 << 20, slotBytes: 4096 }),
    (e: unknown) => e instanceof SpscQueueError && e.code === 'SPSC_TOO_LARGE',
  );
  assert.throws(
    () => SpscQueue.attach(new SharedArrayBuffer(1024)),
    (e: unknown) => e instanceof SpscQueueError && e.code === 'SPSC_BAD_BUFFER',
  );
  const q = SpscQueue.create({ capacity: 16 });
  assert.equal(q.slotBytes, SpscQueueDescriptor.DEFAULT_SLOT_BYTES);
  assert.equal(q.buffer.byteLength, SpscQueueDescriptor.SLOTS_OFFSET + 16 * 64);
});

test('descriptor puts head, tail and park flag on separate 128-byte lines', () => {
  const D = SpscQueueDescriptor;
  const lines = [D.TAIL_INDEX * 4, D.HEAD_INDEX * 4, D.CONSUMER_PARKED_INDEX * 4, D.CONFIG_OFFSET].map(
    (byte) => Math.floor(byte / 128),
  );
  assert.equal(new Set(lines).size, 4);
  assert.equal(D.SLOTS_OFFSET % 128, 0);
});

test('committed slots stay invisible until flush, then arrive in order', () => {
  const q = SpscQueue.create({ capacity: 8 });
  const consumer = SpscQueue.attach(q.buffer);
  const c = new Collector();
  put(q, 10);
  put(q, 11);
  assert.equal(consumer.poll(c, 100), 0, 'nothing visible before flush');
  assert.equal(q.flush(), 2);
  assert.equal(q.flush(), 0, 'second flush publishes nothing new');
  put(q, 12);
  assert.equal(consumer.poll(c, 1), 1, 'limit respected');
  assert.equal(consumer.poll(c, 100), 1);
  q.flush();
  assert.equal(consumer.poll(c, 100), 1);
  assert.deepEqual(c.seen, [10, 11, 12]);
});

test('claim is idempotent until commit; commit without claim is refused', () => {
  const q = SpscQueue.create({ capacity: 4 });
  assert.equal(q.commit(), SpscStatus.NOT_CLAIMED);
  const a = q.claim();
  assert.equal(q.claim(), a);
  q.commit();
  assert.notEqual(q.claim(), a);
  assert.equal(q.commit(), SpscStatus.OK);
  assert.equal(q.commit(), SpscStatus.NOT_CLAIMED);
});

test('full queue returns FULL without writing; space returns after the consumer polls', () => {
  const q = SpscQueue.create({ capacity: 4, slotBytes: 8 });
  const consumer = SpscQueue.attach(q.buffer);
  for (let i = 0; i < 4; i++) assert.ok(put(q, i) >= 0);
  assert.equal(q.claim(), SpscStatus.FULL);
  assert.equal(q.commit(), SpscStatus.NOT_CLAIMED);
  const src = new Uint8Array(8);
  assert.equal(q.offer(src, 0), SpscStatus.FULL);
  q.flush();
  assert.equal(q.size(), 4);
  const c = new Collector();
  assert.equal(consumer.poll(c, 1), 1);
  assert.ok(put(q, 4) >= 0, 'one slot free again');
  assert.equal(q.claim(), SpscStatus.FULL);
  q.flush();
  consumer.poll(c, 10);
  assert.deepEqual(c.seen, [0, 1, 2, 3, 4]);
});

test('offer copies exactly one slot and checks its source bounds', () => {
  const q = SpscQueue.create({ capacity: 4, slotBytes: 16 });
  const src = new Uint8Array(40);
  for (let i = 0; i < src.length; i++) src[i] = i;
  assert.equal(q.offer(src, 30), SpscStatus.BAD_ARGUMENT);
  assert.equal(q.offer(src, -1), SpscStatus.BAD_ARGUMENT);
  const offset = q.offer(src, 24);
  assert.ok(offset >= 0);
  assert.deepEqual([...q.bytes.subarray(offset, offset + 16)], [...src.subarray(24, 40)]);
  assert.equal(q.size(), 1, 'offer publishes immediately');
});

test('a throwing handler releases the events handled so far, including the poison one', () => {
  const q = SpscQueue.create({ capacity: 8 });
  for (let i = 0; i < 5; i++) put(q, i);
  q.flush();
  const seen: number[] = [];
  const poison: SpscHandler = {
    onEvent(_b, i32, _f, _d, offset) {
      const v = i32[offset >> 2];
      seen.push(v);
      if (v === 2) throw new Error('poison');
    },
  };
  assert.throws(() => q.poll(poison, 10), /poison/);
  assert.deepEqual(seen, [0, 1, 2]);
  assert.equal(q.size(), 2);
  const c = new Collector();
  q.poll(c, 10);
  assert.deepEqual(c.seen, [3, 4]);
});

test('sequences wrap across the Int32 boundary without losing or reordering slots', () => {
  for (const start of [0x7ffffff0, -16, -0x80000000 + 3, 0xfffffff0 | 0]) {
    const q = SpscQueue.create({ capacity: 8, initialSequence: start });
    const consumer = SpscQueue.attach(q.buffer);
    const c = new Collector();
    let next = 0;
    for (let round = 0; round < 10; round++) {
      while (put(q, next) >= 0) next++;
      q.flush();
      assert.equal(q.size(), 8, `full at round ${round}, start ${start}`);
      consumer.poll(c, 5);
    }
    while (consumer.poll(c, 3) > 0);
    assert.equal(c.seen.length, next);
    assert.deepEqual(
      c.seen,
      Array.from({ length: next }, (_, i) => i),
    );
    const head = Atomics.load(q.i32, SpscQueueDescriptor.HEAD_INDEX);
    assert.equal(head, (start + next) | 0, 'head advanced exactly by the events consumed');
  }
});

test('property: any interleaving of producer and consumer calls matches a FIFO model', () => {
  type Op =
    { kind: 'put'; n: number } | { kind: 'flush' } | { kind: 'poll'; limit: number } | { kind: 'offer' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('put' as const), n: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('flush' as const) }),
    fc.record({ kind: fc.constant('poll' as const), limit: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('offer' as const) }),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: -0x80000000, max: 0x7fffffff }),
      fc.array(op, { maxLength: 60 }),
      (log2Capacity, start, ops) => {
        const capacity = 1 << log2Capacity;
        const producer = SpscQueue.create({ capacity, slotBytes: 8, initialSequence: start });
        const consumer = SpscQueue.attach(producer.buffer);
        const src = new Uint8Array(8);
        const srcI32 = new Int32Array(src.buffer);
        const published: number[] = [];
        const pending: number[] = [];
        const c = new Collector();
        const expected: number[] = [];
        let value = 0;
        for (const o of ops) {
          if (o.kind === 'put') {
            for (let i = 0; i < o.n; i++) {
              const full = published.length + pending.length >= capacity;
              const r = put(producer, value);
              if (full) {
                assert.equal(r, SpscStatus.FULL);
              } else {
                assert.ok(r >= 0);
                pending.push(value++);
              }
            }
          } else if (o.kind === 'offer') {
            const full = published.length + pending.length >= capacity;
            srcI32[0] = value;
            const r = producer.offer(src, 0);
            if (full) {
              assert.equal(r, SpscStatus.FULL);
            } else {
              // offer publishes everything committed before it, then itself.
              published.push(...pending.splice(0), value++);
            }
          } else if (o.kind === 'flush') {
            assert.equal(producer.flush(), pending.length);
            published.push(...pending.splice(0));
          } else {
            const got = consumer.poll(c, o.limit);
            const want = published.splice(0, o.limit);
            assert.equal(got, want.length);
            expected.push(...want);
          }
          assert.equal(producer.size(), published.length);
        }
        assert.deepEqual(c.seen, expected);
      },
    ),
    { numRuns: 300 },
  );
});
