// Single-thread behaviour of SampleRing / SampleRingReader, checked against an exact model of
// the lossy protocol under random interleavings of records and polls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  COUNTERS_ERROR_CODE,
  CountersError,
  SAMPLE_RING_LAYOUT,
  SampleRing,
  SampleRingReader,
  createSampleRingBuffer,
} from '../src/index.ts';

const TAG_MODULUS = 5;
const valueOf = (k: number): number => k * 2 + 0.5;
const tagOf = (k: number): number => (k % TAG_MODULUS) - 2; // negative tags too

type Op = { readonly kind: 'record'; readonly n: number } | { readonly kind: 'poll'; readonly limit: number };

test('property: random record/poll interleavings deliver exactly what the lossy model allows', () => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('record' as const), n: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('poll' as const), limit: fc.integer({ min: 1, max: 300 }) }),
  );
  fc.assert(
    fc.property(fc.constantFrom(4, 8, 16, 64, 256), fc.array(op, { maxLength: 80 }), (capacity, ops) => {
      const ring = SampleRing.allocate(capacity);
      const reader = SampleRingReader.attach(ring.buffer);
      const stride = Math.min(SAMPLE_RING_LAYOUT.MAX_INTENT_STRIDE, capacity / 4);
      // Model of the writer's published positions and the reader's cursor.
      let tail = 0;
      let intent = 0;
      let cursor = 0;
      let missed = 0;
      const got: number[] = [];
      const onSample = (value: number, tag: number): void => {
        const k = (value - 0.5) / 2;
        assert.equal(tag, tagOf(k), `tag of sample ${k}`);
        got.push(k);
      };
      const poll = (limit: number): void => {
        got.length = 0;
        const first = Math.max(cursor, intent - capacity);
        const end = Math.min(tail, first + Math.min(limit, capacity));
        const expected = tail > cursor ? Array.from({ length: end - first }, (_, i) => first + i) : [];
        if (tail > cursor) {
          missed += first - cursor;
          cursor = end;
        }
        assert.equal(reader.poll(onSample, limit), expected.length);
        assert.deepEqual(got, expected);
        assert.equal(reader.missed, missed);
        assert.equal(reader.position, cursor);
      };
      for (const o of ops) {
        if (o.kind === 'poll') {
          poll(o.limit);
          continue;
        }
        for (let i = 0; i < o.n; i++) {
          if (tail >= intent) intent = tail + stride;
          ring.record(valueOf(tail), tagOf(tail));
          tail++;
        }
        assert.equal(ring.recorded, tail);
        assert.equal(reader.lag(), tail - cursor);
      }
      // Drain: afterwards every recorded sample was either delivered or counted as missed.
      while (reader.position < tail) poll(capacity);
      assert.equal(reader.delivered + reader.missed, tail);
    }),
    { numRuns: 400 },
  );
});

test('a reader that keeps within capacity - stride of the writer misses nothing', () => {
  const capacity = 64;
  const ring = SampleRing.allocate(capacity);
  const reader = SampleRingReader.attach(ring.buffer);
  let next = 0;
  for (let k = 0; k < 10_000; k++) {
    ring.record(valueOf(k), tagOf(k));
    if (k % 40 === 39) {
      reader.poll((value) => {
        assert.equal(value, valueOf(next++));
      });
    }
  }
  reader.poll((value) => assert.equal(value, valueOf(next++)));
  assert.equal(next, 10_000);
  assert.equal(reader.missed, 0);
});

test('attach: a re-attached writer continues, fromTail skips history, bad inputs are typed errors', () => {
  const buffer = createSampleRingBuffer(16);
  const first = SampleRing.attach(buffer);
  for (let k = 0; k < 10; k++) first.record(valueOf(k), tagOf(k));
  const again = SampleRing.attach(buffer); // e.g. a restarted worker
  assert.equal(again.recorded, 10);
  again.record(valueOf(10), tagOf(10));
  const late = SampleRingReader.attach(buffer, { fromTail: true });
  assert.equal(
    late.poll(() => assert.fail('nothing new yet')),
    0,
  );
  again.record(valueOf(11), tagOf(11));
  const values: number[] = [];
  assert.equal(
    late.poll((v) => values.push(v)),
    1,
  );
  assert.deepEqual(values, [valueOf(11)]);
  const all: number[] = [];
  SampleRingReader.attach(buffer).poll((v) => all.push(v));
  assert.deepEqual(
    all,
    Array.from({ length: 12 }, (_, k) => valueOf(k)),
  );

  const code = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof CountersError);
      return error.code;
    }
    return 'no error';
  };
  assert.equal(
    code(() => SampleRing.allocate(12)),
    COUNTERS_ERROR_CODE.INVALID_CAPACITY,
  );
  assert.equal(
    code(() => SampleRing.allocate(2)),
    COUNTERS_ERROR_CODE.INVALID_CAPACITY,
  );
  assert.equal(
    code(() => SampleRing.attach(new SharedArrayBuffer(4096))),
    COUNTERS_ERROR_CODE.INVALID_BUFFER,
  );
  assert.equal(
    code(() => SampleRingReader.attach(buffer, { batchLimit: 17 })),
    COUNTERS_ERROR_CODE.INVALID_CAPACITY,
  );
});

test('positions beyond 2^32 index the ring correctly (no 32-bit wrap)', () => {
  const capacity = 8;
  const buffer = createSampleRingBuffer(capacity);
  // Start the writer as if 2^32 - 3 samples were already recorded (and all read).
  const start = 2 ** 32 - 3;
  const words = new Uint32Array(buffer);
  for (const index of [SAMPLE_RING_LAYOUT.TAIL_INDEX, SAMPLE_RING_LAYOUT.INTENT_INDEX]) {
    words[index] = start >>> 0;
    words[index + 1] = Math.floor(start / 2 ** 32);
  }
  const ring = SampleRing.attach(buffer);
  const reader = SampleRingReader.attach(buffer, { fromTail: true });
  assert.equal(reader.position, start);
  for (let k = start; k < start + 6; k++) ring.record(valueOf(k), tagOf(k));
  const got: number[] = [];
  reader.poll((value, tag) => {
    got.push(value);
    assert.equal(tag, tagOf((value - 0.5) / 2));
  });
  assert.deepEqual(
    got,
    Array.from({ length: 6 }, (_, i) => valueOf(start + i)),
  );
  assert.equal(reader.position, start + 6);
  assert.equal(reader.missed, 0);
});
