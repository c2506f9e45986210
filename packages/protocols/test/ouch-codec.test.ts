// OUCH 4.2 codecs: lengths and offsets checked against bytes assembled by hand from the spec's
// field order (not from our descriptor), round trips of every message type with fast-check, and
// the order-token helpers against an independent oracle (Number#toString).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  alpha4,
  charCode,
  copyToken,
  encodeAccepted,
  encodeEnterOrder,
  encodeExecuted,
  isValidToken,
  MAX_DECIMAL_TOKEN_ID,
  OUCH_ENTER_ORDER,
  OUCH_INBOUND_LENGTH_BY_TYPE,
  OUCH_MAX_LENGTH,
  OUCH_OUTBOUND_LENGTH_BY_TYPE,
  OuchInboundDecoder,
  OuchInboundType,
  OuchOutboundDecoder,
  OuchOutboundType,
  OuchStatus,
  readTokenBase36,
  readTokenDecimal,
  stockKey,
  tokenEquals,
  tokenToString,
  writeTokenBase36,
  writeTokenDecimal,
  writeTokenString,
} from '@ringside/protocols';
import type { AcceptedFields, EnterOrderFields, ExecutedFields } from '@ringside/protocols';
import { OUCH_SPECS, readFields } from './ouch-catalog.ts';
import type { Fields } from './ouch-catalog.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v);
  return b;
};
const u64 = (v: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(v));
  return b;
};
const tok = (s: string): Uint8Array => {
  const t = new Uint8Array(14);
  writeTokenString(t, 0, s);
  return t;
};

test('catalogue: 4 inbound and 12 outbound types, lengths from the spec', () => {
  const inbound = OUCH_SPECS.filter((s) => s.dir === 'in');
  const outbound = OUCH_SPECS.filter((s) => s.dir === 'out');
  assert.equal(inbound.length, 4);
  assert.equal(outbound.length, 12);
  const expect: Record<string, number> = {
    ENTER_ORDER: 49,
    REPLACE_ORDER: 47,
    CANCEL_ORDER: 19,
    MODIFY_ORDER: 20,
    SYSTEM_EVENT: 10,
    ACCEPTED: 66,
    REPLACED: 80,
    CANCELED: 28,
    AIQ_CANCELED: 37,
    EXECUTED: 40,
    BROKEN_TRADE: 32,
    REJECTED: 24,
    CANCEL_PENDING: 23,
    CANCEL_REJECT: 23,
    ORDER_PRIORITY_UPDATE: 36,
    ORDER_MODIFIED: 28,
  };
  for (const s of OUCH_SPECS) {
    assert.equal(s.length, expect[s.name], s.name);
    const table = s.dir === 'in' ? OUCH_INBOUND_LENGTH_BY_TYPE : OUCH_OUTBOUND_LENGTH_BY_TYPE;
    assert.equal(table[s.type], s.length, `${s.name} in the ${s.dir} length table`);
    assert.ok(s.length <= OUCH_MAX_LENGTH);
  }
  assert.equal(OUCH_INBOUND_LENGTH_BY_TYPE.filter((x) => x > 0).length, 4);
  assert.equal(OUCH_OUTBOUND_LENGTH_BY_TYPE.filter((x) => x > 0).length, 12);
});

test('golden bytes: Enter Order, Accepted, Executed laid out in the spec field order', () => {
  const enter: EnterOrderFields = {
    token: tok('ORD00000000001'),
    side: charCode('B'),
    shares: 100,
    stock: stockKey('AAPL'),
    price: 1_501_234,
    timeInForce: 99_999,
    firm: alpha4('RNGS'),
    display: charCode('Y'),
    capacity: charCode('A'),
    intermarketSweep: charCode('N'),
    minimumQuantity: 0,
    crossType: charCode('N'),
    customerType: charCode('R'),
  };
  const wantEnter = Buffer.concat([
    ascii('O'),
    ascii('ORD00000000001'),
    ascii('B'),
    u32(100),
    ascii('AAPL    '),
    u32(1_501_234),
    u32(99_999),
    ascii('RNGS'),
    ascii('YAN'),
    u32(0),
    ascii('NR'),
  ]);
  assert.equal(wantEnter.length, 49);
  const out = new Uint8Array(60);
  assert.equal(encodeEnterOrder(out, 5, enter), 49);
  assert.equal(hex(out.subarray(5, 54)), hex(wantEnter));
  assert.equal(encodeEnterOrder(out, 12, enter), OuchStatus.NO_ROOM, 'no room: nothing written past the end');

  const acc: AcceptedFields = {
    timestamp: 34_200_123_456_789,
    token: tok('ORD00000000001'),
    side: charCode('S'),
    shares: 300,
    stock: stockKey('MSFT'),
    price: 4_250_000,
    timeInForce: 0,
    firm: alpha4('RNGS'),
    display: charCode('A'),
    orderRef: 9_007_199_254_740_991,
    capacity: charCode('P'),
    intermarketSweep: charCode('Y'),
    minimumQuantity: 100,
    crossType: charCode('O'),
    orderState: charCode('L'),
    bboWeight: charCode('2'),
  };
  const wantAcc = Buffer.concat([
    ascii('A'),
    u64(34_200_123_456_789),
    ascii('ORD00000000001'),
    ascii('S'),
    u32(300),
    ascii('MSFT    '),
    u32(4_250_000),
    u32(0),
    ascii('RNGS'),
    ascii('A'),
    u64(9_007_199_254_740_991),
    ascii('PY'),
    u32(100),
    ascii('OL2'),
  ]);
  assert.equal(wantAcc.length, 66);
  const a = new Uint8Array(66);
  assert.equal(encodeAccepted(a, 0, acc), 66);
  assert.equal(hex(a), hex(wantAcc));

  const ex: ExecutedFields = {
    timestamp: 1,
    token: tok('T1'),
    executedShares: 50,
    executionPrice: 1_000_000,
    liquidityFlag: charCode('R'),
    matchNumber: 123_456_789_012,
  };
  const wantEx = Buffer.concat([
    ascii('E'),
    u64(1),
    ascii('T1            '),
    u32(50),
    u32(1_000_000),
    ascii('R'),
    u64(123_456_789_012),
  ]);
  const e = new Uint8Array(40);
  assert.equal(encodeExecuted(e, 0, ex), 40);
  assert.equal(hex(e), hex(wantEx));

  const inDec = new OuchInboundDecoder();
  const outDec = new OuchOutboundDecoder();
  assert.equal(inDec.decode(wantEnter, 0, 49), OuchInboundType.ENTER_ORDER);
  assert.equal(inDec.enterOrder.price, 1_501_234);
  assert.equal(inDec.enterOrder.tokenString(), 'ORD00000000001');
  assert.equal(outDec.decode(wantAcc, 0, 66), OuchOutboundType.ACCEPTED);
  assert.equal(outDec.accepted.orderRef, 9_007_199_254_740_991);
  assert.equal(outDec.accepted.bboWeight, charCode('2'));
  assert.equal(outDec.decode(wantEx, 0, 40), OuchOutboundType.EXECUTED);
  assert.equal(outDec.executed.matchNumber, 123_456_789_012);
  assert.equal(outDec.executed.tokenString(), 'T1            ');
});

function sameFields(a: Fields, b: Fields, what: string): void {
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), what);
  for (const k of Object.keys(a)) {
    const x = a[k]!;
    const y = b[k]!;
    if (x instanceof Uint8Array) assert.equal(hex(y as Uint8Array), hex(x), `${what}.${k}`);
    else assert.equal(y, x, `${what}.${k}`);
  }
}

for (const spec of OUCH_SPECS) {
  test(`round trip ${spec.dir} ${spec.name}: encode → decode → same fields → same bytes`, () => {
    const inDec = new OuchInboundDecoder();
    const outDec = new OuchOutboundDecoder();
    const dec = spec.dir === 'in' ? inDec : outDec;
    fc.assert(
      fc.property(spec.fields, fc.integer({ min: 0, max: 16 }), (fields, at) => {
        const buf = new Uint8Array(at + spec.length + 3).fill(0xee);
        assert.equal(spec.encode(buf, at, fields as never), spec.length);
        assert.equal(buf[at + spec.length], 0xee, 'nothing written past the message');
        assert.equal(dec.decode(buf, at, spec.length), spec.type);
        const back = readFields(dec, spec, fields);
        sameFields(fields, back, spec.name);
        const again = new Uint8Array(spec.length);
        assert.equal(spec.encode(again, 0, back as never), spec.length);
        assert.equal(hex(again), hex(buf.subarray(at, at + spec.length)));
      }),
      { numRuns: 300 },
    );
    assert.equal(dec.errors.total(), 0);
  });
}

test('tokens: base-36 and decimal round trips against Number#toString', () => {
  const t = new Uint8Array(16);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (id) => {
      assert.equal(writeTokenBase36(t, 1, id), 14);
      assert.equal(tokenToString(t, 1), id.toString(36).toUpperCase().padStart(14, '0'));
      assert.ok(isValidToken(t, 1));
      assert.equal(readTokenBase36(t, 1), id);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX_DECIMAL_TOKEN_ID }), (id) => {
      assert.equal(writeTokenDecimal(t, 0, id), 14);
      assert.equal(tokenToString(t, 0), String(id).padStart(14, '0'));
      assert.equal(readTokenDecimal(t, 0), id);
    }),
    { numRuns: 2000 },
  );
  assert.equal(writeTokenBase36(t, 0, 0), 14);
  assert.equal(tokenToString(t, 0), '00000000000000');
  assert.equal(writeTokenBase36(t, 0, Number.MAX_SAFE_INTEGER), 14);
  assert.equal(tokenToString(t, 0), '0002GOSA7PA2GV');
  assert.equal(writeTokenBase36(t, 0, -1), OuchStatus.BAD_TOKEN);
  assert.equal(writeTokenBase36(t, 0, 1.5), OuchStatus.BAD_TOKEN);
  assert.equal(writeTokenBase36(t, 0, 2 ** 53), OuchStatus.BAD_TOKEN);
  assert.equal(writeTokenDecimal(t, 0, MAX_DECIMAL_TOKEN_ID + 1), OuchStatus.BAD_TOKEN);
  assert.equal(writeTokenBase36(t, 3, 1), OuchStatus.NO_ROOM);
});

test('tokens: left-justified and lower-case forms parse; junk is BAD_TOKEN, never a number', () => {
  const t = new Uint8Array(14);
  writeTokenString(t, 0, 'zz');
  assert.equal(readTokenBase36(t, 0), 35 * 36 + 35);
  writeTokenString(t, 0, '   42');
  assert.equal(readTokenDecimal(t, 0), 42);
  for (const junk of ['', '4 2', 'AB-1', 'ZZZZZZZZZZZZZZ']) {
    writeTokenString(t, 0, junk);
    assert.equal(readTokenBase36(t, 0), OuchStatus.BAD_TOKEN, `'${junk}'`);
  }
  writeTokenString(t, 0, '12A');
  assert.equal(readTokenDecimal(t, 0), OuchStatus.BAD_TOKEN);
  assert.equal(readTokenBase36(t, 1), OuchStatus.BAD_TOKEN, 'range past the end');
  assert.equal(isValidToken(t, 1), false);
  writeTokenString(t, 0, '');
  assert.equal(isValidToken(t, 0), false, 'all spaces');
  t[3] = 0x09;
  assert.equal(isValidToken(t, 0), false, 'control byte');
  const u = new Uint8Array(20);
  writeTokenString(t, 0, 'SAME');
  copyToken(t, 0, u, 6);
  assert.ok(tokenEquals(t, 0, u, 6));
  u[19] = 0x41;
  assert.ok(!tokenEquals(t, 0, u, 5));
  assert.throws(() => writeTokenString(t, 0, '123456789012345'), RangeError);
});

test('a failed decode names the bad field; the flyweight keeps its last valid message', () => {
  const d = new OuchInboundDecoder();
  const f: EnterOrderFields = {
    token: tok('GOOD'),
    side: charCode('B'),
    shares: 10,
    stock: stockKey('AAPL'),
    price: 100,
    timeInForce: 0,
    firm: alpha4('FIRM'),
    display: charCode('Y'),
    capacity: charCode('A'),
    intermarketSweep: charCode('N'),
    minimumQuantity: 0,
    crossType: charCode('N'),
    customerType: charCode(' '),
  };
  const good = new Uint8Array(49);
  encodeEnterOrder(good, 0, f);
  assert.equal(d.decode(good, 0, 49), OuchInboundType.ENTER_ORDER);
  const cases: [string, Partial<EnterOrderFields>, number, number][] = [
    ['side', { side: charCode('X') }, OUCH_ENTER_ORDER.SIDE, OuchStatus.BAD_FIELD_VALUE],
    ['price', { price: 0x80000000 }, OUCH_ENTER_ORDER.PRICE, OuchStatus.BAD_FIELD_VALUE],
    ['tif', { timeInForce: 100_000 }, OUCH_ENTER_ORDER.TIME_IN_FORCE, OuchStatus.BAD_FIELD_VALUE],
    ['display', { display: charCode('Z') }, OUCH_ENTER_ORDER.DISPLAY, OuchStatus.BAD_FIELD_VALUE],
    ['capacity', { capacity: charCode('Z') }, OUCH_ENTER_ORDER.CAPACITY, OuchStatus.BAD_FIELD_VALUE],
    [
      'iso',
      { intermarketSweep: charCode('Z') },
      OUCH_ENTER_ORDER.INTERMARKET_SWEEP,
      OuchStatus.BAD_FIELD_VALUE,
    ],
    ['cross', { crossType: charCode('Z') }, OUCH_ENTER_ORDER.CROSS_TYPE, OuchStatus.BAD_FIELD_VALUE],
    ['customer', { customerType: charCode('Z') }, OUCH_ENTER_ORDER.CUSTOMER_TYPE, OuchStatus.BAD_FIELD_VALUE],
    ['token', { token: tok('') }, OUCH_ENTER_ORDER.TOKEN, OuchStatus.BAD_TOKEN],
  ];
  for (const [what, patch, field, status] of cases) {
    const b = new Uint8Array(49);
    encodeEnterOrder(b, 0, { ...f, ...patch });
    assert.equal(d.decode(b, 0, 49), status, what);
    assert.equal(d.badField, field, `${what}: badField`);
    assert.equal(d.enterOrder.tokenString().trim(), 'GOOD', `${what}: flyweight unchanged`);
  }
  const stock = good.slice();
  stock[OUCH_ENTER_ORDER.STOCK + 2] = 0x00;
  assert.equal(d.decode(stock, 0, 49), OuchStatus.BAD_FIELD_VALUE);
  assert.equal(d.badField, OUCH_ENTER_ORDER.STOCK);
  assert.equal(d.decode(good, 0, 48), OuchStatus.WRONG_LENGTH);
  assert.equal(d.badField, -1);
  assert.equal(d.decode(good, 0, 49), OuchInboundType.ENTER_ORDER);
  assert.equal(d.badField, -1);
  assert.equal(d.errors.total(), cases.length + 2);
});
