// The order table's open addressing under pressure: tiny tables (8 and 16 slots) and a pool of
// keys that collide and wrap around the end of the slot array, checked against a Map after every
// insert and remove (fast-check). Backward-shift deletion must never lose or strand an entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { OrderTable } from '@ringside/book';

type Op = { op: 'put'; key: number; qty: number } | { op: 'remove'; key: number };

const KEYS: [number, number][] = [];
for (let i = 0; i < 24; i++) KEYS.push([i % 3 === 0 ? 0x1fffff : i % 5, (i * 0x9e3779b1) | 0]);

for (const maxOrders of [4, 5, 7]) {
  test(`OrderTable (maxOrders ${maxOrders}) agrees with a Map after every put and remove`, () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({
          op: fc.constant('put' as const),
          key: fc.nat(KEYS.length - 1),
          qty: fc.integer({ min: 1, max: 1e6 }),
        }),
        fc.record({ op: fc.constant('remove' as const), key: fc.nat(KEYS.length - 1) }),
      ),
      { minLength: 1, maxLength: 300, size: 'max' },
    );
    let wrapped = 0;
    fc.assert(
      fc.property(ops, (list: Op[]) => {
        const t = new OrderTable(maxOrders);
        const model = new Map<number, number>();
        for (const o of list) {
          const [hi, lo] = KEYS[o.key]!;
          if (o.op === 'put') {
            const slot = t.slotFor(hi, lo);
            if (model.has(o.key)) assert.equal(slot, -1, 'live key reported');
            else if (model.size >= maxOrders) assert.equal(slot, -2, 'full table reported');
            else {
              assert.ok(slot >= 0);
              t.put(slot, hi, lo, 1, 100, o.qty);
              model.set(o.key, o.qty);
            }
          } else {
            const slot = t.find(hi, lo);
            assert.equal(slot >= 0, model.has(o.key));
            if (slot >= 0) {
              t.removeAt(slot);
              model.delete(o.key);
            }
          }
          assert.equal(t.size, model.size);
          for (let k = 0; k < KEYS.length; k++) {
            const [h, l] = KEYS[k]!;
            const s = t.find(h, l);
            assert.equal(s >= 0, model.has(k), `key ${k} present iff in the model`);
            if (s >= 0) {
              assert.equal(t.qty[s], model.get(k));
              if (s === t.slots - 1) wrapped++;
            }
          }
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(wrapped > 0, 'some runs used the last slot (probe wrap-around exercised)');
  });
}
