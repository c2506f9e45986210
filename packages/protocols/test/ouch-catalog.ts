// Test-side catalogue of the OUCH 4.2 messages: for each type, its direction, length, encoder,
// a fast-check arbitrary of valid field records, and a reader that gets the same record back
// from the decoder's flyweight. The round-trip and fuzz tests are written once over it.
import fc from 'fast-check';
import {
  encodeAccepted,
  encodeAiqCanceled,
  encodeCancelOrder,
  encodeCancelPending,
  encodeCancelReject,
  encodeCanceled,
  encodeEnterOrder,
  encodeExecuted,
  encodeModifyOrder,
  encodeOrderModified,
  encodeOrderPriorityUpdate,
  encodeOuchBrokenTrade,
  encodeOuchSystemEvent,
  encodeRejected,
  encodeReplaceOrder,
  encodeReplaced,
  NS_PER_DAY,
  OUCH_MAX_PRICE,
  OUCH_MAX_TIME_IN_FORCE,
  OUCH_VALID_CHARS,
  OuchInboundLength,
  OuchInboundType,
  OuchOutboundLength,
  OuchOutboundType,
  STOCK_KEY_LIMIT,
  writeTokenBase36,
} from '@ringside/protocols';
import type { OuchFlyweight, OuchInboundDecoder, OuchOutboundDecoder } from '@ringside/protocols';

export type Fields = Record<string, number | Uint8Array>;
export interface OuchSpec {
  name: string;
  dir: 'in' | 'out';
  type: number;
  length: number;
  encode: (b: Uint8Array, o: number, f: never) => number;
  fields: fc.Arbitrary<Fields>;
}

const chars = (s: string): fc.Arbitrary<number> => fc.constantFrom(...[...s].map((c) => c.charCodeAt(0)));
const printable = fc.integer({ min: 0x20, max: 0x7e });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const price = fc.integer({ min: 0, max: OUCH_MAX_PRICE });
const tif = fc.integer({ min: 0, max: OUCH_MAX_TIME_IN_FORCE });
const timestamp = fc.integer({ min: 0, max: NS_PER_DAY - 1 });
const stock = fc.integer({ min: 0, max: STOCK_KEY_LIMIT - 1 });
const firm = fc
  .array(printable, { minLength: 4, maxLength: 4 })
  .map(([a, b, c, d]) => ((a! << 24) | (b! << 16) | (c! << 8) | d!) >>> 0);

/** A valid token: either our base-36 form or any 14 printable bytes that are not all spaces. */
export const token: fc.Arbitrary<Uint8Array> = fc.oneof(
  u64.map((id) => {
    const t = new Uint8Array(14);
    writeTokenBase36(t, 0, id);
    return t;
  }),
  fc
    .array(printable, { minLength: 14, maxLength: 14 })
    .filter((a) => a.some((c) => c !== 0x20))
    .map((a) => Uint8Array.from(a)),
);

const V = OUCH_VALID_CHARS;
const orderView = {
  timestamp,
  token,
  side: chars(V.SIDE),
  shares: u32,
  stock,
  price,
  timeInForce: tif,
  firm,
  display: chars(V.DISPLAY),
  orderRef: u64,
  capacity: chars(V.CAPACITY),
  intermarketSweep: chars(V.INTERMARKET_SWEEP),
  minimumQuantity: u32,
  crossType: chars(V.CROSS_TYPE),
  orderState: chars(V.ORDER_STATE),
  bboWeight: chars(V.BBO_WEIGHT),
};

const rec = (r: Record<string, fc.Arbitrary<number | Uint8Array>>): fc.Arbitrary<Fields> => fc.record(r);
const enc = <F>(f: (b: Uint8Array, o: number, x: F) => number): OuchSpec['encode'] =>
  f as unknown as OuchSpec['encode'];

export const OUCH_SPECS: OuchSpec[] = [
  {
    name: 'ENTER_ORDER',
    dir: 'in',
    type: OuchInboundType.ENTER_ORDER,
    length: OuchInboundLength.ENTER_ORDER,
    encode: enc(encodeEnterOrder),
    fields: rec({
      token,
      side: chars(V.SIDE),
      shares: u32,
      stock,
      price,
      timeInForce: tif,
      firm,
      display: chars(V.DISPLAY),
      capacity: chars(V.CAPACITY),
      intermarketSweep: chars(V.INTERMARKET_SWEEP),
      minimumQuantity: u32,
      crossType: chars(V.CROSS_TYPE),
      customerType: chars(V.CUSTOMER_TYPE),
    }),
  },
  {
    name: 'REPLACE_ORDER',
    dir: 'in',
    type: OuchInboundType.REPLACE_ORDER,
    length: OuchInboundLength.REPLACE_ORDER,
    encode: enc(encodeReplaceOrder),
    fields: rec({
      existingToken: token,
      replacementToken: token,
      shares: u32,
      price,
      timeInForce: tif,
      display: chars(V.DISPLAY),
      intermarketSweep: chars(V.INTERMARKET_SWEEP),
      minimumQuantity: u32,
    }),
  },
  {
    name: 'CANCEL_ORDER',
    dir: 'in',
    type: OuchInboundType.CANCEL_ORDER,
    length: OuchInboundLength.CANCEL_ORDER,
    encode: enc(encodeCancelOrder),
    fields: rec({ token, shares: u32 }),
  },
  {
    name: 'MODIFY_ORDER',
    dir: 'in',
    type: OuchInboundType.MODIFY_ORDER,
    length: OuchInboundLength.MODIFY_ORDER,
    encode: enc(encodeModifyOrder),
    fields: rec({ token, side: chars(V.SIDE), shares: u32 }),
  },
  {
    name: 'SYSTEM_EVENT',
    dir: 'out',
    type: OuchOutboundType.SYSTEM_EVENT,
    length: OuchOutboundLength.SYSTEM_EVENT,
    encode: enc(encodeOuchSystemEvent),
    fields: rec({ timestamp, eventCode: chars(V.EVENT_CODE) }),
  },
  {
    name: 'ACCEPTED',
    dir: 'out',
    type: OuchOutboundType.ACCEPTED,
    length: OuchOutboundLength.ACCEPTED,
    encode: enc(encodeAccepted),
    fields: rec(orderView),
  },
  {
    name: 'REPLACED',
    dir: 'out',
    type: OuchOutboundType.REPLACED,
    length: OuchOutboundLength.REPLACED,
    encode: enc(encodeReplaced),
    fields: rec({ ...orderView, previousToken: token }),
  },
  {
    name: 'CANCELED',
    dir: 'out',
    type: OuchOutboundType.CANCELED,
    length: OuchOutboundLength.CANCELED,
    encode: enc(encodeCanceled),
    fields: rec({ timestamp, token, decrementShares: u32, reason: chars(V.CODE) }),
  },
  {
    name: 'AIQ_CANCELED',
    dir: 'out',
    type: OuchOutboundType.AIQ_CANCELED,
    length: OuchOutboundLength.AIQ_CANCELED,
    encode: enc(encodeAiqCanceled),
    fields: rec({
      timestamp,
      token,
      decrementShares: u32,
      reason: chars(V.CODE),
      quantityPrevented: u32,
      executionPrice: price,
      liquidityFlag: chars(V.CODE),
    }),
  },
  {
    name: 'EXECUTED',
    dir: 'out',
    type: OuchOutboundType.EXECUTED,
    length: OuchOutboundLength.EXECUTED,
    encode: enc(encodeExecuted),
    fields: rec({
      timestamp,
      token,
      executedShares: u32,
      executionPrice: price,
      liquidityFlag: chars(V.CODE),
      matchNumber: u64,
    }),
  },
  {
    name: 'BROKEN_TRADE',
    dir: 'out',
    type: OuchOutboundType.BROKEN_TRADE,
    length: OuchOutboundLength.BROKEN_TRADE,
    encode: enc(encodeOuchBrokenTrade),
    fields: rec({ timestamp, token, matchNumber: u64, reason: chars(V.CODE) }),
  },
  {
    name: 'REJECTED',
    dir: 'out',
    type: OuchOutboundType.REJECTED,
    length: OuchOutboundLength.REJECTED,
    encode: enc(encodeRejected),
    fields: rec({ timestamp, token, reason: chars(V.CODE) }),
  },
  {
    name: 'CANCEL_PENDING',
    dir: 'out',
    type: OuchOutboundType.CANCEL_PENDING,
    length: OuchOutboundLength.CANCEL_PENDING,
    encode: enc(encodeCancelPending),
    fields: rec({ timestamp, token }),
  },
  {
    name: 'CANCEL_REJECT',
    dir: 'out',
    type: OuchOutboundType.CANCEL_REJECT,
    length: OuchOutboundLength.CANCEL_REJECT,
    encode: enc(encodeCancelReject),
    fields: rec({ timestamp, token }),
  },
  {
    name: 'ORDER_PRIORITY_UPDATE',
    dir: 'out',
    type: OuchOutboundType.ORDER_PRIORITY_UPDATE,
    length: OuchOutboundLength.ORDER_PRIORITY_UPDATE,
    encode: enc(encodeOrderPriorityUpdate),
    fields: rec({ timestamp, token, price, display: chars(V.DISPLAY), orderRef: u64 }),
  },
  {
    name: 'ORDER_MODIFIED',
    dir: 'out',
    type: OuchOutboundType.ORDER_MODIFIED,
    length: OuchOutboundLength.ORDER_MODIFIED,
    encode: enc(encodeOrderModified),
    fields: rec({ timestamp, token, side: chars(V.SIDE), shares: u32 }),
  },
];

export function specOf(dir: 'in' | 'out', type: number): OuchSpec | undefined {
  return OUCH_SPECS.find((s) => s.dir === dir && s.type === type);
}

const FLYWEIGHT_KEY: Record<string, string> = {
  ENTER_ORDER: 'enterOrder',
  REPLACE_ORDER: 'replaceOrder',
  CANCEL_ORDER: 'cancelOrder',
  MODIFY_ORDER: 'modifyOrder',
  SYSTEM_EVENT: 'systemEvent',
  ACCEPTED: 'accepted',
  REPLACED: 'replaced',
  CANCELED: 'canceled',
  AIQ_CANCELED: 'aiqCanceled',
  EXECUTED: 'executed',
  BROKEN_TRADE: 'brokenTrade',
  REJECTED: 'rejected',
  CANCEL_PENDING: 'cancelPending',
  CANCEL_REJECT: 'cancelReject',
  ORDER_PRIORITY_UPDATE: 'orderPriorityUpdate',
  ORDER_MODIFIED: 'orderModified',
};

const TOKEN_COPIER: Record<string, string> = {
  token: 'copyToken',
  existingToken: 'copyToken',
  replacementToken: 'copyReplacementToken',
  previousToken: 'copyPreviousToken',
};

/** Reads back, from the decoder's flyweight for `spec`, a record with the same keys as `like`. */
export function readFields(
  decoder: OuchInboundDecoder | OuchOutboundDecoder,
  spec: OuchSpec,
  like: Fields,
): Fields {
  const fw = (decoder as unknown as Record<string, OuchFlyweight>)[FLYWEIGHT_KEY[spec.name]!]!;
  const view = fw as unknown as Record<string, unknown>;
  const out: Fields = {};
  for (const k of Object.keys(like)) {
    const copier = TOKEN_COPIER[k];
    if (copier !== undefined) {
      const t = new Uint8Array(14);
      (view[copier] as (d: Uint8Array, at: number) => number).call(fw, t, 0);
      out[k] = t;
    } else {
      out[k] = view[k] as number;
    }
  }
  return out;
}
