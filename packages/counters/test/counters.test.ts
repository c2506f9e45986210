// Single-thread behaviour of the counters set: registration, metadata round trips, typed
// errors, value arithmetic across the 2^32 boundary, free and reuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  COUNTERS_ERROR_CODE,
  COUNTERS_LAYOUT,
  COUNTER_STATUS,
  COUNTER_TYPE,
  CountersError,
  CountersManager,
  CountersReader,
  CountersWriterView,
  NULL_COUNTER_ID,
  RECORD_STATE,
} from '../src/index.ts';
import type { CountersErrorCode } from '../src/index.ts';

const TWO_32 = 2 ** 32;
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function throwsCode(fn: () => unknown, code: CountersErrorCode): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof CountersError, `expected CountersError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.name, 'CountersError');
    return true;
  });
}

test('allocate: labels, types and keys round-trip through another view of the buffers', () => {
  const manager = CountersManager.create({ capacity: 8 });
  const a = manager.allocate('ingest: events in', COUNTER_TYPE.EVENTS_IN);
  const b = manager.allocate('decision 1: lost', COUNTER_TYPE.EVENTS_LOST, Uint8Array.of(1, 2, 3));
  const c = manager.allocate('décision 2 — perdus ✓', COUNTER_TYPE.EVENTS_LOST);
  assert.deepEqual([a, b, c], [0, 1, 2]);

  const reader = CountersReader.attach({
    metadata: manager.buffers.metadata,
    values: manager.buffers.values,
  });
  assert.equal(reader.capacity, 8);
  assert.deepEqual(reader.getCounterMetadata(b), {
    id: b,
    typeId: COUNTER_TYPE.EVENTS_LOST,
    label: 'decision 1: lost',
    key: Uint8Array.of(1, 2, 3),
  });
  assert.equal(reader.getCounterLabel(c), 'décision 2 — perdus ✓');
  assert.equal(reader.getCounterTypeId(a), COUNTER_TYPE.EVENTS_IN);
  assert.equal(reader.getCounterState(a), RECORD_STATE.ALLOCATED);
  assert.equal(reader.getCounterState(5), RECORD_STATE.FREE);
  assert.equal(reader.getCounterMetadata(5), undefined);
  assert.equal(reader.findByLabel('decision 1: lost'), b);
  assert.equal(reader.findByLabel('decision 1: lost', COUNTER_TYPE.EVENTS_IN), NULL_COUNTER_ID);
  assert.equal(reader.findByLabel('nope'), NULL_COUNTER_ID);
  assert.deepEqual(reader.findByType(COUNTER_TYPE.EVENTS_LOST), [b, c]);

  const writers = CountersWriterView.attach(manager.buffers);
  writers.counter(a).add(7);
  writers.counter(c).set(TWO_32 + 5);
  const seen: [number, number, string, number][] = [];
  reader.forEach((id, typeId, label, value) => seen.push([id, typeId, label, value]));
  assert.deepEqual(seen, [
    [a, COUNTER_TYPE.EVENTS_IN, 'ingest: events in', 7],
    [b, COUNTER_TYPE.EVENTS_LOST, 'decision 1: lost', 0],
    [c, COUNTER_TYPE.EVENTS_LOST, 'décision 2 — perdus ✓', TWO_32 + 5],
  ]);
});

test('registration and attach errors are typed', () => {
  const manager = CountersManager.create({ capacity: 2 });
  const max = COUNTERS_LAYOUT.MAX_LABEL_LENGTH;
  assert.equal(max, 380);
  manager.allocate('x'.repeat(max), 1); // exactly at the limit is fine
  throwsCode(() => manager.allocate('x'.repeat(max + 1), 1), COUNTERS_ERROR_CODE.LABEL_TOO_LONG);
  // 127 three-byte characters = 381 bytes although only 127 UTF-16 units long.
  throwsCode(() => manager.allocate('€'.repeat(127), 1), COUNTERS_ERROR_CODE.LABEL_TOO_LONG);
  throwsCode(() => manager.allocate('bad \ud800 surrogate', 1), COUNTERS_ERROR_CODE.INVALID_LABEL);
  throwsCode(() => manager.allocate('k', 1, new Uint8Array(113)), COUNTERS_ERROR_CODE.KEY_TOO_LONG);
  throwsCode(() => manager.allocate('t', 2 ** 31), COUNTERS_ERROR_CODE.INVALID_TYPE_ID);
  throwsCode(() => manager.allocate('t', 1.5), COUNTERS_ERROR_CODE.INVALID_TYPE_ID);
  manager.allocate('second', 1, new Uint8Array(112));
  throwsCode(() => manager.allocate('third', 1), COUNTERS_ERROR_CODE.FULL);
  throwsCode(() => manager.free(2), COUNTERS_ERROR_CODE.INVALID_ID);
  throwsCode(() => CountersManager.create({ capacity: 0 }), COUNTERS_ERROR_CODE.INVALID_CAPACITY);

  const reader = CountersReader.attach(manager.buffers);
  throwsCode(() => reader.getCounterValue(-1), COUNTERS_ERROR_CODE.INVALID_ID);
  throwsCode(() => reader.getCounterValue(2), COUNTERS_ERROR_CODE.INVALID_ID);
  throwsCode(
    () =>
      CountersReader.attach({ metadata: manager.buffers.metadata, values: new SharedArrayBuffer(128 * 3) }),
    COUNTERS_ERROR_CODE.INVALID_BUFFER,
  );
  throwsCode(
    () =>
      CountersWriterView.attach({
        metadata: new ArrayBuffer(1024) as unknown as SharedArrayBuffer,
        values: manager.buffers.values,
      }),
    COUNTERS_ERROR_CODE.INVALID_BUFFER,
  );
  const writers = CountersWriterView.attach(manager.buffers);
  manager.free(1);
  throwsCode(() => writers.counter(1), COUNTERS_ERROR_CODE.NOT_ALLOCATED);
  throwsCode(() => manager.free(1), COUNTERS_ERROR_CODE.NOT_ALLOCATED);
  throwsCode(() => writers.counter(9), COUNTERS_ERROR_CODE.INVALID_ID);
});

test('counter arithmetic crosses 2^32 exactly and refuses out-of-range results', () => {
  const manager = CountersManager.create({ capacity: 1 });
  const counter = manager.newCounter('c', COUNTER_TYPE.ORDERS_SENT);
  const reader = CountersReader.attach(manager.buffers);
  const OK = COUNTER_STATUS.OK;
  assert.equal(counter.set(TWO_32 - 2), OK);
  assert.equal(counter.increment(), OK);
  assert.equal(counter.get(), TWO_32 - 1);
  assert.equal(counter.increment(), OK); // carry into HI via increment's slow path
  assert.equal(reader.getCounterValue(0), TWO_32);
  assert.equal(counter.add(-1), OK); // borrow back out of HI
  assert.equal(reader.getCounterValue(0), TWO_32 - 1);
  assert.equal(counter.add(3 * TWO_32 + 10), OK);
  assert.equal(reader.getCounterValue(0), 4 * TWO_32 + 9);
  assert.equal(counter.get(), 4 * TWO_32 + 9);

  const before = counter.get();
  for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
    assert.equal(counter.set(bad), COUNTER_STATUS.OUT_OF_RANGE, `set(${bad})`);
  }
  assert.equal(counter.add(-before - 1), COUNTER_STATUS.OUT_OF_RANGE);
  assert.equal(counter.get(), before);
  assert.equal(counter.set(Number.MAX_SAFE_INTEGER), OK);
  assert.equal(reader.getCounterValue(0), Number.MAX_SAFE_INTEGER);
  assert.equal(counter.increment(), COUNTER_STATUS.OUT_OF_RANGE);
  assert.equal(reader.getCounterValue(0), Number.MAX_SAFE_INTEGER);
});

test('free then reuse: never-used ids go first, a reused id starts at 0 with its new label', () => {
  const manager = CountersManager.create({ capacity: 3 });
  const first = manager.newCounter('first', COUNTER_TYPE.ERRORS);
  first.set(TWO_32 * 3 + 1);
  manager.allocate('second', COUNTER_TYPE.ERRORS);
  manager.free(first.id);
  const reader = CountersReader.attach(manager.buffers);
  assert.equal(reader.getCounterState(first.id), RECORD_STATE.RECLAIMED);
  assert.equal(reader.findByLabel('first'), NULL_COUNTER_ID);
  assert.equal(manager.allocate('third', COUNTER_TYPE.GAUGE), 2); // fresh id before the freed one
  const reused = manager.allocate('reused', COUNTER_TYPE.QUEUE_FULL);
  assert.equal(reused, first.id);
  assert.equal(reader.getCounterValue(reused), 0);
  assert.equal(reader.getCounterLabel(reused), 'reused');
  assert.equal(reader.getCounterTypeId(reused), COUNTER_TYPE.QUEUE_FULL);
});

test('property: any well-formed label up to 380 UTF-8 bytes round-trips; longer ones are refused', () => {
  const manager = CountersManager.create({ capacity: 1 });
  const reader = CountersReader.attach(manager.buffers);
  let id = -1;
  fc.assert(
    fc.property(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.uint8Array({ maxLength: COUNTERS_LAYOUT.MAX_KEY_LENGTH }),
      (label, typeId, key) => {
        if (id >= 0) manager.free(id);
        if (utf8Length(label) > COUNTERS_LAYOUT.MAX_LABEL_LENGTH) {
          id = -1;
          throwsCode(() => manager.allocate(label, typeId, key), COUNTERS_ERROR_CODE.LABEL_TOO_LONG);
          return;
        }
        id = manager.allocate(label, typeId, key);
        assert.deepEqual(reader.getCounterMetadata(id), { id, typeId, label, key });
        assert.equal(reader.findByLabel(label, typeId), id);
      },
    ),
    { numRuns: 500 },
  );
});

test('property: a counter matches a plain-number model under random set/add/increment', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), n: fc.maxSafeNat() }),
    fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }) }),
    fc.record({ kind: fc.constant('inc' as const), n: fc.constant(1) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const manager = CountersManager.create({ capacity: 1 });
      const counter = manager.newCounter('model', COUNTER_TYPE.GAUGE);
      const reader = CountersReader.attach(manager.buffers);
      let model = 0;
      for (const { kind, n } of ops) {
        const next = kind === 'set' ? n : model + n;
        const ok = next >= 0 && next <= Number.MAX_SAFE_INTEGER;
        const result =
          kind === 'set' ? counter.set(n) : kind === 'add' ? counter.add(n) : counter.increment();
        assert.equal(result, ok ? COUNTER_STATUS.OK : COUNTER_STATUS.OUT_OF_RANGE);
        if (ok) model = next;
        assert.equal(reader.getCounterValue(0), model);
        assert.equal(counter.get(), model);
      }
    }),
    { numRuns: 300 },
  );
});
