// Bad input never crashes the ITCH decoder or the NASDAQ file reader: each kind of damage gets
// its own status, counted once per occurrence and logged once per kind; random and mutated
// bytes (fast-check) either decode to a message that re-encodes to the very same bytes, or to a
// counted error. A guard proxy over the bytes throws on any read outside the range the caller
// handed over, so "never reads out of bounds" is checked, not assumed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  charCode,
  encodeAddOrder,
  encodeSystemEvent,
  FramingStatus,
  ITCH_CATALOG,
  ItchDecoder,
  ItchErrorCounters,
  itchErrorName,
  ITCH_ERROR_SLOTS,
  ItchStatus,
  ItchType,
  itchSpecOf,
  MAX_PRICE4,
  NasdaqFrameReader,
  NS_PER_DAY,
  readItchFields,
  Side,
  stockKey,
  VALID_CHARS,
} from '@ringside/protocols';
import type { AddOrderFields } from '@ringside/protocols';
import { requireSharedData } from '@ringside/testkit';

/** `bytes` behind a proxy that throws when an index outside [lo, hi) is read. */
function guarded(bytes: Uint8Array, lo: number, hi: number): Uint8Array {
  return new Proxy(bytes, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^-?\d+$/.test(key)) {
        const i = Number(key);
        if (i < lo || i >= hi) throw new Error(`out-of-bounds read at ${i}, allowed [${lo}, ${hi})`);
        return target[i];
      }
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function'
        ? (v as (...a: unknown[]) => unknown).bind(target)
        : (v ?? receiver[key]);
    },
  });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const ADD: AddOrderFields = {
  stockLocate: 1,
  trackingNumber: 2,
  timestamp: 34_200_000_000_000,
  orderRef: 12345,
  side: Side.BUY,
  shares: 100,
  stock: stockKey('AMZN'),
  price: 2_238_100,
};

function addOrderBytes(patch: Partial<AddOrderFields> = {}): Uint8Array {
  const b = new Uint8Array(36);
  encodeAddOrder(b, 0, { ...ADD, ...patch });
  return b;
}

/**
 * Decodes `b[o .. o+len)` under the guard and checks the contract: a type byte whose message
 * re-encodes to the same bytes, or a negative status counted exactly once.
 */
function decodeChecked(d: ItchDecoder, b: Uint8Array, o: number, len: number): number {
  const before = d.errors.total();
  const lo = Math.max(0, o);
  const hi = Math.max(lo, Math.min(b.length, o + len));
  const t = d.decode(guarded(b, lo, hi), o, len);
  if (t > 0) {
    assert.equal(d.errors.total(), before, 'no error counted for a valid message');
    const spec = itchSpecOf(t);
    assert.ok(spec !== undefined && spec.length === len && b[o] === t);
    const again = new Uint8Array(len);
    assert.equal(spec.encode(again, 0, readItchFields(d, t)!), len);
    assert.equal(hex(again), hex(b.subarray(o, o + len)), 'a valid message re-encodes to its bytes');
  } else {
    assert.ok(t < 0 && itchErrorName(t) !== '', `a known negative status, got ${t}`);
    assert.equal(d.errors.total(), before + 1, 'the error is counted once');
  }
  return t;
}

test('the guard itself: reads inside pass, reads outside throw', () => {
  const g = guarded(Uint8Array.from([1, 2, 3, 4]), 1, 3);
  assert.equal(g[1], 2);
  assert.equal(g[2], 3);
  assert.equal(g.length, 4);
  assert.throws(() => g[0], /out-of-bounds/);
  assert.throws(() => g[3], /out-of-bounds/);
});

test('each kind of bad input has its own status, counted and logged once per kind', () => {
  const logged: string[] = [];
  const errors = new ItchErrorCounters((kind) => logged.push(kind));
  const d = new ItchDecoder(errors);
  const good = addOrderBytes();
  const cases: [string, Uint8Array, number, number, number][] = [
    ['empty', good, 0, 0, ItchStatus.TRUNCATED],
    ['beyond the buffer', good, 1, 36, ItchStatus.TRUNCATED],
    ['negative offset', good, -1, 36, ItchStatus.TRUNCATED],
    ['unknown type Z', Uint8Array.from([0x5a, ...good.subarray(1)]), 0, 36, ItchStatus.UNKNOWN_TYPE],
    ['unknown type 0', new Uint8Array(36), 0, 36, ItchStatus.UNKNOWN_TYPE],
    ['A one byte short', good, 0, 35, ItchStatus.WRONG_LENGTH],
    ['A one byte long', Uint8Array.from([...good, 0]), 0, 37, ItchStatus.WRONG_LENGTH],
    ['side not B/S', addOrderBytes({ side: charCode('X') }), 0, 36, ItchStatus.BAD_FIELD_VALUE],
    ['price above 200,000', addOrderBytes({ price: MAX_PRICE4 + 1 }), 0, 36, ItchStatus.BAD_FIELD_VALUE],
    ['timestamp past midnight', addOrderBytes({ timestamp: NS_PER_DAY }), 0, 36, ItchStatus.BAD_FIELD_VALUE],
    ['order ref 2^53', addOrderBytes({ orderRef: 2 ** 53 }), 0, 36, ItchStatus.UNSAFE_INTEGER],
  ];
  const nonPrintable = addOrderBytes();
  nonPrintable[24 + 3] = 0x00; // a NUL inside the stock symbol
  cases.push(['stock byte not printable', nonPrintable, 0, 36, ItchStatus.BAD_FIELD_VALUE]);
  const badEvent = new Uint8Array(12);
  encodeSystemEvent(badEvent, 0, {
    stockLocate: 0,
    trackingNumber: 0,
    timestamp: 0,
    eventCode: charCode('Z'),
  });
  cases.push(['system event code unknown', badEvent, 0, 12, ItchStatus.BAD_FIELD_VALUE]);

  for (const [what, b, o, len, want] of cases) assert.equal(decodeChecked(d, b, o, len), want, what);
  assert.equal(decodeChecked(d, good, 0, 36), ItchType.ADD_ORDER, 'the undamaged message still decodes');
  const expected = new Map<number, number>();
  for (const c of cases) expected.set(c[4], (expected.get(c[4]) ?? 0) + 1);
  for (const [status, n] of expected) assert.equal(errors.count(status), n, itchErrorName(status));
  assert.equal(errors.total(), cases.length);
  assert.deepEqual(
    logged.sort(),
    [...new Set(cases.map((c) => itchErrorName(c[4])))].sort(),
    'logged once per kind',
  );
  errors.reset();
  assert.equal(errors.total(), 0);
  // Counts can live in shared memory for a reader on another thread.
  const shared = new Float64Array(new SharedArrayBuffer(8 * ITCH_ERROR_SLOTS));
  const onShared = new ItchDecoder(new ItchErrorCounters(undefined, shared));
  onShared.decode(good, 0, 35);
  assert.equal(shared[-ItchStatus.WRONG_LENGTH], 1);
  assert.throws(() => new ItchErrorCounters(undefined, new Float64Array(3)), RangeError);
});

test('random bytes at random offsets and lengths: a valid message or a counted error', () => {
  const d = new ItchDecoder();
  const arb = fc.tuple(
    fc.uint8Array({ maxLength: 80 }),
    fc.integer({ min: -4, max: 84 }),
    fc.integer({ min: -4, max: 84 }),
  );
  fc.assert(
    fc.property(arb, ([b, o, len]) => {
      decodeChecked(d, b, o, len);
    }),
    { numRuns: 3000 },
  );
});

test('random bodies behind every real type byte and length: a valid message or a counted error', () => {
  const d = new ItchDecoder();
  const arb = fc.constantFrom(...ITCH_CATALOG).chain((spec) =>
    fc.uint8Array({ minLength: spec.length, maxLength: spec.length }).map((b) => {
      b[0] = spec.type;
      b[5] = 0; // keep most timestamps within the day so the field checks are reached
      return b;
    }),
  );
  let valid = 0;
  fc.assert(
    fc.property(arb, (b) => {
      if (decodeChecked(d, b, 0, b.length) > 0) valid++;
    }),
    { numRuns: 5000 },
  );
  console.log(`random bodies: ${valid} of 5000 happened to be valid messages; errors`, d.errors.snapshot());
});

test('mutated valid messages of every type: a valid message or a counted error', () => {
  const d = new ItchDecoder();
  const arb = fc.record({
    spec: fc.constantFrom(...ITCH_CATALOG),
    seed: fc.uint8Array({ minLength: 50, maxLength: 50 }),
    flips: fc.array(fc.tuple(fc.nat(49), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
    dLen: fc.integer({ min: -3, max: 3 }),
  });
  fc.assert(
    fc.property(arb, ({ spec, seed, flips, dLen }) => {
      // A valid message of the type: every field from a seed byte (in range for every numeric
      // kind), enumerated fields mapped onto their valid characters.
      const fields: Record<string, number> = {};
      let i = 0;
      for (const [name, kind] of Object.entries(spec.fields)) {
        const x = seed[i++ % seed.length]!;
        fields[name] = kind in VALID_CHARS ? validChar(kind as keyof typeof VALID_CHARS, x) : x;
      }
      const b = new Uint8Array(spec.length + 3);
      spec.encode(b, 0, fields);
      assert.ok(d.decode(b, 0, spec.length) === spec.type, 'the seed message is valid');
      for (const [at, v] of flips) b[at % b.length] = v;
      decodeChecked(d, b, 0, Math.max(0, spec.length + dLen));
    }),
    { numRuns: 5000 },
  );
});

function validChar(kind: keyof typeof VALID_CHARS, x: number): number {
  const chars = VALID_CHARS[kind];
  return chars.charCodeAt(x % chars.length);
}

/** Walks `b[start .. end)` with the reader under the guard; checks framing invariants. */
function readAll(
  b: Uint8Array,
  start: number,
  end: number,
  d: ItchDecoder,
): { messages: number; last: number } {
  const errors = d.errors;
  const r = new NasdaqFrameReader(errors).reset(guarded(b, start, end), start, end);
  let expectAt = start;
  let messages = 0;
  for (let guard = 0; guard <= end - start + 1; guard++) {
    const before = errors.total();
    const len = r.next();
    if (len < 0) {
      assert.equal(r.position, expectAt, 'position stays at the damaged frame');
      if (len === FramingStatus.END_OF_DATA) assert.equal(r.position, end);
      else assert.equal(errors.total(), before + 1, 'framing error counted');
      return { messages, last: len };
    }
    assert.equal(r.messageOffset, expectAt + 2);
    assert.ok(r.messageOffset + len <= end, 'message inside the range');
    expectAt = r.messageOffset + len;
    assert.equal(r.position, expectAt);
    decodeChecked(d, b, r.messageOffset, len);
    messages++;
  }
  assert.fail('reader did not terminate');
}

test('file reader over random bytes: terminates, stays in range, counts framing errors', () => {
  const d = new ItchDecoder();
  const arb = fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.nat(8), fc.nat(8));
  fc.assert(
    fc.property(arb, ([b, cutStart, cutEnd]) => {
      const start = Math.min(cutStart, b.length);
      readAll(b, start, Math.max(start, b.length - cutEnd), d);
    }),
    { numRuns: 2000 },
  );
});

test('real ITCH file, mutated and truncated: never throws, every message valid or counted', (t) => {
  const path = requireSharedData(t, 'itch/AAPL_2012-06-21_lobster_level10_first998.itch');
  if (path === undefined) return;
  const file = readFileSync(path);
  const d = new ItchDecoder();
  const whole = readAll(file, 0, file.length, d);
  assert.equal(whole.messages, 1037);
  assert.equal(whole.last, FramingStatus.END_OF_DATA);
  assert.equal(d.errors.total(), 0);
  const arb = fc.record({
    at: fc.nat(file.length - 1),
    span: fc.integer({ min: 16, max: 600 }),
    flips: fc.array(fc.tuple(fc.nat(599), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  });
  let messages = 0;
  fc.assert(
    fc.property(arb, ({ at, span, flips }) => {
      const piece = Uint8Array.from(file.subarray(at, Math.min(file.length, at + span)));
      for (const [i, v] of flips) piece[i % piece.length] = v;
      messages += readAll(piece, 0, piece.length, d).messages;
    }),
    { numRuns: 1500 },
  );
  console.log(
    `mutated slices of the AAPL file: ${messages} frames decoded or counted; errors`,
    d.errors.snapshot(),
  );
});
