// ITCH 5.0 codecs: every message type against golden bytes packed independently from the spec
// (Python struct; data and script in itch-golden.ts), and encode → decode round trips over random
// field values (fast-check) for all 23 types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AddOrderMessage,
  alpha2,
  alpha4,
  charCode,
  ITCH_CATALOG,
  ItchDecoder,
  ItchLength,
  ItchStatus,
  ItchType,
  MAX_PRICE4,
  NS_PER_DAY,
  OrderDeleteMessage,
  readItchFields,
  STOCK_KEY_LIMIT,
  stockKey,
  stockKeyToString,
  VALID_CHARS,
} from '@ringside/protocols';
import type { ItchFieldKind, ItchFieldRecord, ItchMessageSpec } from '@ringside/protocols';

import { GOLDEN } from './itch-golden.ts';

/** Golden field text → the number our field records carry. */
function toNumber(spec: ItchMessageSpec, name: string, v: number | string): number {
  if (typeof v === 'number') return v;
  const kind = spec.fields[name];
  if (kind === 'stock') return stockKey(v);
  if (kind === 'alpha4') return alpha4(v);
  if (kind === 'alpha2') return alpha2(v);
  assert.equal(v.length, 1, `${spec.name}.${name} is one character`);
  return charCode(v);
}

function specOfLetter(letter: string): ItchMessageSpec {
  const s = ITCH_CATALOG.find((x) => x.type === charCode(letter));
  assert.ok(s, `catalogue has type ${letter}`);
  return s;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('catalogue: 23 types, lengths from the spec, distinct type bytes', () => {
  assert.equal(ITCH_CATALOG.length, 23);
  assert.equal(new Set(ITCH_CATALOG.map((s) => s.type)).size, 23);
  for (const s of ITCH_CATALOG) assert.equal(s.length, ItchLength[s.name]);
  assert.deepEqual(
    new Set(GOLDEN.map((g) => charCode(g.type))),
    new Set(ITCH_CATALOG.map((s) => s.type)),
    'one golden message per type',
  );
});

test('golden bytes: encoders write them, the decoder reads them back field by field', () => {
  const decoder = new ItchDecoder();
  for (const g of GOLDEN) {
    const spec = specOfLetter(g.type);
    const fields: ItchFieldRecord = {};
    for (const [k, v] of Object.entries(g.fields)) fields[k] = toNumber(spec, k, v);
    assert.deepEqual(Object.keys(fields).sort(), Object.keys(spec.fields).sort(), `${g.type} field names`);

    const out = new Uint8Array(spec.length + 8);
    assert.equal(spec.encode(out, 3, fields), spec.length, `${g.type} encoded length`);
    assert.equal(hex(out.subarray(3, 3 + spec.length)), g.hex, `${g.type} encoded bytes`);

    const bytes = Buffer.from(g.hex, 'hex');
    assert.equal(bytes.length, spec.length);
    assert.equal(decoder.decode(bytes, 0, bytes.length), spec.type, `${g.type} decodes`);
    assert.deepEqual(readItchFields(decoder, spec.type), fields, `${g.type} decoded fields`);
  }
  assert.equal(decoder.errors.total(), 0);
});

test('stock helpers: copyStock writes the padded symbol, stockString trims it', () => {
  const g = GOLDEN.find((x) => x.type === 'A')!;
  const decoder = new ItchDecoder();
  const bytes = Buffer.from(g.hex, 'hex');
  assert.equal(decoder.decode(bytes, 0, bytes.length), ItchType.ADD_ORDER);
  const dst = new Uint8Array(10);
  assert.equal(decoder.addOrder.copyStock(dst, 1), 8);
  assert.equal(Buffer.from(dst.subarray(1, 9)).toString('latin1'), 'AMZN    ');
  assert.equal(decoder.addOrder.stockString(), 'AMZN');
  assert.equal(decoder.addOrder.stock, stockKey('AMZN'));
  // The int32 halves the book keys on recombine to the ref.
  const m = decoder.addOrder;
  assert.equal(m.orderRefHi * 2 ** 32 + (m.orderRefLo >>> 0), m.orderRef);
});

function arbitraryOf(kind: ItchFieldKind): fc.Arbitrary<number> {
  const u64 = fc.oneof(fc.constantFrom(0, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1), fc.maxSafeNat());
  switch (kind) {
    case 'u8':
      return fc.integer({ min: 0, max: 0xff });
    case 'u16':
    case 'alpha2':
      return fc.integer({ min: 0, max: 0xffff });
    case 'u32':
    case 'alpha4':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'u64':
    case 'price8':
      return u64;
    case 'timestamp':
      return fc.oneof(fc.constantFrom(0, NS_PER_DAY - 1), fc.integer({ min: 0, max: NS_PER_DAY - 1 }));
    case 'seconds':
      return fc.integer({ min: 0, max: 86_399 });
    case 'price4':
      return fc.integer({ min: 0, max: MAX_PRICE4 });
    case 'stock':
      return fc.oneof(
        fc.constantFrom(0, STOCK_KEY_LIMIT - 1),
        fc.integer({ min: 0, max: STOCK_KEY_LIMIT - 1 }),
      );
    default:
      return fc.constantFrom(...VALID_CHARS[kind]).map(charCode);
  }
}

function fieldsOf(spec: ItchMessageSpec): fc.Arbitrary<ItchFieldRecord> {
  const arbs: Record<string, fc.Arbitrary<number>> = {};
  for (const [name, kind] of Object.entries(spec.fields)) arbs[name] = arbitraryOf(kind);
  return fc.record(arbs, { noNullPrototype: true });
}

for (const spec of ITCH_CATALOG) {
  test(`round trip ${spec.name} ('${String.fromCharCode(spec.type)}'): encode → decode equal, nothing else touched`, () => {
    const decoder = new ItchDecoder();
    fc.assert(
      fc.property(fieldsOf(spec), fc.nat(16), fc.nat(16), (fields, before, after) => {
        const buf = new Uint8Array(before + spec.length + after).fill(0xee);
        assert.equal(spec.encode(buf, before, fields), spec.length);
        for (let i = 0; i < before; i++) assert.equal(buf[i], 0xee);
        for (let i = before + spec.length; i < buf.length; i++) assert.equal(buf[i], 0xee);
        assert.equal(decoder.decode(buf, before, spec.length), spec.type);
        assert.deepEqual(readItchFields(decoder, spec.type), fields);
        // Re-encoding what was read reproduces the bytes exactly.
        const again = new Uint8Array(spec.length);
        spec.encode(again, 0, readItchFields(decoder, spec.type)!);
        assert.equal(hex(again), hex(buf.subarray(before, before + spec.length)));
      }),
      { numRuns: 200 },
    );
    assert.equal(decoder.errors.total(), 0);
  });
}

test('encoders refuse a destination without room, writing nothing', () => {
  for (const spec of ITCH_CATALOG) {
    const fields: ItchFieldRecord = {};
    for (const name of Object.keys(spec.fields)) fields[name] = 0;
    const small = new Uint8Array(spec.length - 1).fill(0xee);
    assert.equal(spec.encode(small, 0, fields), ItchStatus.NO_ROOM, spec.name);
    assert.ok(
      small.every((x) => x === 0xee),
      `${spec.name} wrote nothing`,
    );
    const exact = new Uint8Array(spec.length);
    assert.equal(spec.encode(exact, 1, fields), ItchStatus.NO_ROOM, `${spec.name} at offset 1`);
    assert.equal(spec.encode(exact, -1, fields), ItchStatus.NO_ROOM, `${spec.name} at offset -1`);
    assert.equal(spec.encode(exact, 0, fields), spec.length);
  }
});

test('stock keys: exact, invertible and ordered like the padded symbols', () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 8,
  });
  fc.assert(
    fc.property(printable, printable, (a, b) => {
      const ka = stockKey(a);
      const kb = stockKey(b);
      assert.ok(Number.isSafeInteger(ka) && ka >= 0 && ka < STOCK_KEY_LIMIT);
      assert.equal(stockKeyToString(ka), a.trimEnd());
      const pa = a.padEnd(8, ' ');
      const pb = b.padEnd(8, ' ');
      assert.equal(Math.sign(ka - kb), pa < pb ? -1 : pa > pb ? 1 : 0);
    }),
    { numRuns: 1000 },
  );
  assert.throws(() => stockKey('TOOLONGSYM'), RangeError);
  assert.throws(() => stockKey('A\u0001'), RangeError);
});

test('a typed flyweight refuses a message of another type', () => {
  const d = GOLDEN.find((x) => x.type === 'D')!;
  const bytes = Buffer.from(d.hex, 'hex');
  const add = new AddOrderMessage();
  assert.equal(add.wrap(bytes, 0, bytes.length), ItchStatus.TYPE_MISMATCH);
  const del = new OrderDeleteMessage();
  assert.equal(del.wrap(bytes, 0, bytes.length), ItchStatus.OK);
  assert.equal(del.orderRef, 2 ** 53 - 1);
});
