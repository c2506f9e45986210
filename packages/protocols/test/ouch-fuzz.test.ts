// Bad input never crashes the OUCH decoders: random and mutated bytes (fast-check) either decode
// to a message that re-encodes to the very same bytes, or to a negative status counted once. A
// guard proxy over the bytes throws on any read outside the range handed over, so "never reads
// out of bounds" is checked, not assumed. (Zero allocation is checked in ouch-zero-alloc.test.ts,
// in its own process: the proxies here leave the codecs' call sites megamorphic.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  encodeExecuted,
  ouchErrorName,
  OuchErrorCounters,
  OuchInboundDecoder,
  OuchOutboundDecoder,
  OuchOutboundType,
  OuchStatus,
  OUCH_ERROR_SLOTS,
  writeTokenBase36,
} from '@ringside/protocols';
import type { ExecutedFields } from '@ringside/protocols';
import { OUCH_SPECS, readFields, specOf } from './ouch-catalog.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** `bytes` behind a proxy that throws when an index outside [lo, hi) is read. */
function guarded(bytes: Uint8Array, lo: number, hi: number): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^-?\d+$/.test(key)) {
        const i = Number(key);
        if (i < lo || i >= hi) throw new Error(`out-of-bounds read at ${i}, allowed [${lo}, ${hi})`);
        return target[i];
      }
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

type Decoder = OuchInboundDecoder | OuchOutboundDecoder;

/** Decodes under the guard and checks the contract: re-encodes to its bytes, or counted once. */
function decodeChecked(d: Decoder, dir: 'in' | 'out', b: Uint8Array, o: number, len: number): number {
  const before = d.errors.total();
  const lo = Math.max(0, o);
  const hi = Math.max(lo, Math.min(b.length, o + len));
  const t = d.decode(guarded(b, lo, hi), o, len);
  if (t > 0) {
    assert.equal(d.errors.total(), before, 'no error counted for a valid message');
    const spec = specOf(dir, t);
    assert.ok(spec !== undefined && spec.length === len && b[o] === t);
    // Re-read from an unguarded copy: the flyweight points at the proxy otherwise.
    const copy = b.slice(o, o + len);
    assert.equal(d.decode(copy, 0, len), t);
    const like = fc.sample(spec.fields, { numRuns: 1, seed: 1 })[0]!;
    const again = new Uint8Array(len);
    assert.equal(spec.encode(again, 0, readFields(d, spec, like) as never), len);
    assert.equal(hex(again), hex(copy), 'a valid message re-encodes to its bytes');
  } else {
    assert.ok(t < 0 && ouchErrorName(t) !== '', `a known negative status, got ${t}`);
    assert.equal(d.errors.total(), before + 1, 'the error is counted once');
  }
  return t;
}

test('the guard itself: reads inside pass, reads outside throw', () => {
  const g = guarded(Uint8Array.from([1, 2, 3, 4]), 1, 3);
  assert.equal(g[1], 2);
  assert.throws(() => g[0], /out-of-bounds/);
  assert.throws(() => g[3], /out-of-bounds/);
});

test('each kind of bad input has its own status, counted and logged once per kind', () => {
  const logged: string[] = [];
  const d = new OuchOutboundDecoder(new OuchErrorCounters((kind) => logged.push(kind)));
  const f: ExecutedFields = {
    timestamp: 5,
    token: new Uint8Array(14),
    executedShares: 1,
    executionPrice: 1,
    liquidityFlag: 0x41,
    matchNumber: 1,
  };
  writeTokenBase36(f.token, 0, 7);
  const ex = (patch: Partial<ExecutedFields>): Uint8Array => {
    const b = new Uint8Array(40);
    encodeExecuted(b, 0, { ...f, ...patch });
    return b;
  };
  const good = ex({});
  const cases: [string, Uint8Array, number, number, number][] = [
    ['empty', good, 0, 0, OuchStatus.TRUNCATED],
    ['beyond the buffer', good, 1, 40, OuchStatus.TRUNCATED],
    ['negative offset', good, -1, 40, OuchStatus.TRUNCATED],
    ['unknown type', Uint8Array.from([0x5a, ...good.subarray(1)]), 0, 40, OuchStatus.UNKNOWN_TYPE],
    [
      'inbound type on the outbound decoder',
      Uint8Array.from([0x4f, ...good.subarray(1)]),
      0,
      40,
      OuchStatus.UNKNOWN_TYPE,
    ],
    ['one byte short', good, 0, 39, OuchStatus.WRONG_LENGTH],
    ['timestamp past midnight', ex({ timestamp: 86_400_000_000_000 }), 0, 40, OuchStatus.BAD_FIELD_VALUE],
    ['liquidity flag not a letter', ex({ liquidityFlag: 0x2a }), 0, 40, OuchStatus.BAD_FIELD_VALUE],
    ['match number 2^53', ex({ matchNumber: 2 ** 53 }), 0, 40, OuchStatus.UNSAFE_INTEGER],
    ['blank token', ex({ token: new Uint8Array(14).fill(0x20) }), 0, 40, OuchStatus.BAD_TOKEN],
  ];
  for (const [what, b, o, len, want] of cases) assert.equal(decodeChecked(d, 'out', b, o, len), want, what);
  assert.equal(decodeChecked(d, 'out', good, 0, 40), OuchOutboundType.EXECUTED);
  assert.equal(d.errors.total(), cases.length);
  assert.deepEqual(logged.sort(), [...new Set(cases.map((c) => ouchErrorName(c[4])))].sort());
  const shared = new Float64Array(new SharedArrayBuffer(8 * OUCH_ERROR_SLOTS));
  const onShared = new OuchInboundDecoder(new OuchErrorCounters(undefined, shared));
  onShared.decode(good, 0, 39);
  assert.equal(shared[-OuchStatus.UNKNOWN_TYPE], 1, "'E' is no inbound type");
  assert.throws(() => new OuchErrorCounters(undefined, new Float64Array(3)), RangeError);
});

for (const dir of ['in', 'out'] as const) {
  test(`${dir}bound: random bytes at random offsets and lengths → valid or a counted error`, () => {
    const d = dir === 'in' ? new OuchInboundDecoder() : new OuchOutboundDecoder();
    const arb = fc.tuple(
      fc.uint8Array({ maxLength: 100 }),
      fc.integer({ min: -4, max: 104 }),
      fc.integer({ min: -4, max: 104 }),
    );
    fc.assert(
      fc.property(arb, ([b, o, len]) => void decodeChecked(d, dir, b, o, len)),
      { numRuns: 3000 },
    );
  });

  test(`${dir}bound: random bodies behind every real type byte → valid or a counted error`, () => {
    const d = dir === 'in' ? new OuchInboundDecoder() : new OuchOutboundDecoder();
    const specs = OUCH_SPECS.filter((s) => s.dir === dir);
    const arb = fc.constantFrom(...specs).chain((spec) =>
      fc.uint8Array({ minLength: spec.length, maxLength: spec.length }).map((b) => {
        // Half the bodies printable, so token checks pass and the field checks are reached.
        if ((b[1]! & 1) === 0) for (let i = 1; i < b.length; i++) b[i] = 0x20 + (b[i]! % 95);
        b[0] = spec.type;
        if (dir === 'out') b.fill(0, 1, 5); // timestamps mostly within the day: reach the field checks
        return b;
      }),
    );
    fc.assert(
      fc.property(arb, (b) => void decodeChecked(d, dir, b, 0, b.length)),
      { numRuns: 4000 },
    );
    console.log(`${dir}bound random bodies: errors by kind`, d.errors.snapshot());
  });

  test(`${dir}bound: mutated valid messages → valid or a counted error`, () => {
    const d = dir === 'in' ? new OuchInboundDecoder() : new OuchOutboundDecoder();
    const arb = fc.constantFrom(...OUCH_SPECS.filter((s) => s.dir === dir)).chain((spec) =>
      fc.record({
        spec: fc.constant(spec),
        fields: spec.fields,
        flips: fc.array(fc.tuple(fc.nat(spec.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        dLen: fc.integer({ min: -3, max: 3 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ spec, fields, flips, dLen }) => {
        const b = new Uint8Array(spec.length + 3);
        spec.encode(b, 0, fields as never);
        for (const [at, v] of flips) b[at] = v;
        decodeChecked(d, dir, b, 0, Math.max(0, spec.length + dLen));
      }),
      { numRuns: 4000 },
    );
  });
}
