// A synthetic, self-consistent ITCH 5.0 day for a set of symbols: start of messages, a stock
// directory (R) and a trading action (H 'T') per symbol, start of system and market hours, then
// adds / executes / cancels / deletes / replaces of resting orders priced around a random-walk
// mid per symbol, and at finish() the closing system events. Every E/X/D/U references a live
// order with enough shares: a book built from the stream never sees an unknown ref.
//
// The books never cross (best bid < best ask whenever both sides exist). As the mid walks, a
// new order priced through the other side's best is marketable: it trades against the resting
// order first in time priority there (an E for that order) and does not rest; a replace that
// would cross keeps its price. Stale orders on the far side of a moving mid are so executed away.
//
// Deterministic for a seed: the sequence of message types, refs, prices and shares repeats
// exactly; timestamps are the emission time (09:30 + time since the feed started), so paced
// bursts show in them.
//
// Allocation-free per message: one fields record per type, the live orders in typed arrays
// (LiveOrders).
import {
  Side,
  SystemEventCode,
  TradingState,
  alpha2,
  alpha4,
  charCode,
  encodeAddOrder,
  encodeOrderCancel,
  encodeOrderDelete,
  encodeOrderExecuted,
  encodeOrderReplace,
  encodeStockDirectory,
  encodeStockTradingAction,
  encodeSystemEvent,
  stockKey,
} from '@ringside/protocols';
import type {
  AddOrderFields,
  OrderCancelFields,
  OrderDeleteFields,
  OrderExecutedFields,
  OrderReplaceFields,
  StockDirectoryFields,
  StockTradingActionFields,
  SystemEventFields,
} from '@ringside/protocols';
import type { FeedSource } from './feed-source.ts';
import { LiveOrders } from './live-orders.ts';
import { SeededRandom } from './seeded-random.ts';

export interface SyntheticBookOptions {
  symbols: readonly string[];
  seed: number;
  /** Target resting orders per symbol and side. */
  depth: number;
  /** Starting mid in dollars. */
  startPrice: number;
}

/** 09:30:00.000 in ns since midnight: the synthetic day starts at the open. */
export const SYNTHETIC_START_NS = 34_200_000_000_000;
const TICK = 100; // $0.01 in Price(4)
const LOT = 100;
const Phase = { PREAMBLE: 0, BOOK: 1, EPILOGUE: 2, DONE: 3 } as const;
const EPILOGUE = [
  SystemEventCode.END_OF_MARKET_HOURS,
  SystemEventCode.END_OF_SYSTEM_HOURS,
  SystemEventCode.END_OF_MESSAGES,
];

const header = { stockLocate: 0, trackingNumber: 0, timestamp: 0 };

export class SyntheticBookSource implements FeedSource {
  readonly name: string;
  readonly bytes = new Uint8Array(64);
  readonly offset = 0;
  timestampNs = SYNTHETIC_START_NS;
  private readonly orders: LiveOrders;
  private readonly rng: SeededRandom;
  private readonly symbolCount: number;
  private readonly keys: Float64Array;
  private readonly mids: Float64Array;
  private readonly target: number;
  private phase: number = Phase.PREAMBLE;
  private step = 0;
  private nextRef = 1;
  private nextMatch = 1;
  private readonly sys: SystemEventFields = { ...header, eventCode: 0 };
  private readonly dir: StockDirectoryFields;
  private readonly act: StockTradingActionFields;
  private readonly add: AddOrderFields = { ...header, orderRef: 0, side: 0, shares: 0, stock: 0, price: 0 };
  private readonly exe: OrderExecutedFields = { ...header, orderRef: 0, executedShares: 0, matchNumber: 0 };
  private readonly cxl: OrderCancelFields = { ...header, orderRef: 0, cancelledShares: 0 };
  private readonly del: OrderDeleteFields = { ...header, orderRef: 0 };
  private readonly rep: OrderReplaceFields = { ...header, originalRef: 0, newRef: 0, shares: 0, price: 0 };

  constructor(options: SyntheticBookOptions) {
    this.name = `synthetic ${options.symbols.join(',')} seed ${options.seed}`;
    this.rng = new SeededRandom(options.seed);
    this.symbolCount = options.symbols.length;
    this.keys = Float64Array.from(options.symbols, (s) => stockKey(s));
    this.mids = new Float64Array(this.symbolCount).fill(
      Math.round((options.startPrice * 10000) / TICK) * TICK,
    );
    this.target = this.symbolCount * options.depth * 2;
    this.orders = new LiveOrders(this.symbolCount, this.target * 2);
    this.dir = {
      ...header,
      stock: 0,
      marketCategory: charCode('Q'),
      financialStatus: charCode('N'),
      roundLotSize: LOT,
      roundLotsOnly: charCode('N'),
      issueClassification: charCode('C'),
      issueSubType: alpha2('Z'),
      authenticity: charCode('P'),
      shortSaleThreshold: charCode('N'),
      ipoFlag: charCode('N'),
      luldTier: charCode('1'),
      etpFlag: charCode('N'),
      etpLeverageFactor: 0,
      inverseIndicator: charCode('N'),
    };
    this.act = {
      ...header,
      stock: 0,
      tradingState: TradingState.TRADING,
      reserved: charCode(' '),
      reason: alpha4(''),
    };
  }

  /** Live (resting) orders right now. */
  get live(): number {
    return this.orders.count;
  }

  /** Best bid of symbol `sym` (index into `symbols`) in Price(4); 0 when it has no bids. */
  bestBid(sym: number): number {
    return this.orders.bestBid(sym);
  }

  /** Best ask of symbol `sym` in Price(4); +Infinity when it has no asks. */
  bestAsk(sym: number): number {
    return this.orders.bestAsk(sym);
  }

  next(nowNs: number): number {
    const ts = SYNTHETIC_START_NS + nowNs;
    if (ts > this.timestampNs) this.timestampNs = ts; // never backwards
    switch (this.phase) {
      case Phase.PREAMBLE:
        return this.preamble();
      case Phase.BOOK:
        return this.bookEvent();
      case Phase.EPILOGUE:
        return this.epilogue();
      default:
        return 0;
    }
  }

  finish(): void {
    if (this.phase === Phase.PREAMBLE || this.phase === Phase.BOOK) {
      this.phase = Phase.EPILOGUE;
      this.step = 0;
    }
  }

  // S 'O', R per symbol, H 'T' per symbol, S 'S', S 'Q'.
  private preamble(): number {
    const n = this.symbolCount;
    const s = this.step++;
    if (s === 0) return this.systemEvent(SystemEventCode.START_OF_MESSAGES);
    if (s <= n) {
      const d = this.dir;
      this.stamp(d, s - 1);
      d.stock = this.keys[s - 1]!;
      return encodeStockDirectory(this.bytes, 0, d);
    }
    if (s <= 2 * n) {
      const a = this.act;
      this.stamp(a, s - n - 1);
      a.stock = this.keys[s - n - 1]!;
      return encodeStockTradingAction(this.bytes, 0, a);
    }
    if (s === 2 * n + 1) return this.systemEvent(SystemEventCode.START_OF_SYSTEM_HOURS);
    this.phase = Phase.BOOK;
    return this.systemEvent(SystemEventCode.START_OF_MARKET_HOURS);
  }

  private epilogue(): number {
    const s = this.step++;
    if (s >= EPILOGUE.length) {
      this.phase = Phase.DONE;
      return 0;
    }
    return this.systemEvent(EPILOGUE[s]!);
  }

  private systemEvent(code: number): number {
    const f = this.sys;
    f.stockLocate = 0;
    f.timestamp = this.timestampNs;
    f.eventCode = code;
    return encodeSystemEvent(this.bytes, 0, f);
  }

  private stamp(f: { stockLocate: number; timestamp: number }, symbol: number): void {
    f.stockLocate = symbol + 1;
    f.timestamp = this.timestampNs;
  }

  // Keeps the live count near the target: adds dominate below it, removals above.
  private bookEvent(): number {
    const live = this.orders.count;
    if (live === 0) return this.addOrder();
    const r = this.rng.next();
    const addShare = live >= this.orders.capacity ? 0 : live < this.target ? 0.55 : 0.3;
    if (r < addShare) return this.addOrder();
    const u = (r - addShare) / (1 - addShare);
    const i = this.rng.int(live);
    if (u < 0.25) return this.execute(i);
    if (u < 0.45) return this.cancel(i);
    if (u < 0.8) return this.remove(i);
    return this.replace(i);
  }

  // A new order around the mid; a marketable one trades against the other side instead.
  private addOrder(): number {
    const rng = this.rng;
    const o = this.orders;
    const sym = rng.int(this.symbolCount);
    if (rng.next() < 0.15) {
      const moved = this.mids[sym]! + (rng.next() < 0.5 ? -TICK : TICK);
      this.mids[sym] = Math.max(10 * TICK, moved);
    }
    const buy = rng.next() < 0.5;
    const away = (1 + rng.geometric(0.6, 30)) * TICK;
    const mid = this.mids[sym]!;
    const price = buy ? Math.max(TICK, mid - away) : mid + away;
    const shares = LOT * (1 + rng.int(10));
    if (buy ? price >= o.bestAsk(sym) : price <= o.bestBid(sym)) {
      return this.trade(o.bestOrder(sym, buy ? Side.SELL : Side.BUY), shares);
    }
    const ref = this.nextRef++;
    const side = buy ? Side.BUY : Side.SELL;
    o.add(ref, side, shares, price, sym);
    const f = this.add;
    this.stamp(f, sym);
    f.orderRef = ref;
    f.side = side;
    f.shares = shares;
    f.stock = this.keys[sym]!;
    f.price = price;
    return encodeAddOrder(this.bytes, 0, f);
  }

  private execute(i: number): number {
    const have = this.orders.shares[i]!;
    const qty = have > 1 && this.rng.next() < 0.5 ? 1 + this.rng.int(have - 1) : have;
    return this.trade(i, qty);
  }

  // An execution of `qty` (at most what rests) against the resting order in slot `i`.
  private trade(i: number, qty: number): number {
    const o = this.orders;
    const have = o.shares[i]!;
    const executed = Math.min(qty, have);
    const f = this.exe;
    this.stamp(f, o.syms[i]!);
    f.orderRef = o.refs[i]!;
    f.executedShares = executed;
    f.matchNumber = this.nextMatch++;
    if (executed === have) o.remove(i);
    else o.shares[i] = have - executed;
    return encodeOrderExecuted(this.bytes, 0, f);
  }

  // Partial cancel only (fewer shares than rest); a 1-share order is deleted instead.
  private cancel(i: number): number {
    const o = this.orders;
    const have = o.shares[i]!;
    if (have <= 1) return this.remove(i);
    const qty = 1 + this.rng.int(have - 1);
    const f = this.cxl;
    this.stamp(f, o.syms[i]!);
    f.orderRef = o.refs[i]!;
    f.cancelledShares = qty;
    o.shares[i] = have - qty;
    return encodeOrderCancel(this.bytes, 0, f);
  }

  private remove(i: number): number {
    const o = this.orders;
    const f = this.del;
    this.stamp(f, o.syms[i]!);
    f.orderRef = o.refs[i]!;
    o.remove(i);
    return encodeOrderDelete(this.bytes, 0, f);
  }

  // New ref, size and price (a tick either way, same side) in place of the old order; a price
  // that would cross the other side's best is not taken (the old one never crosses).
  private replace(i: number): number {
    const rng = this.rng;
    const o = this.orders;
    const sym = o.syms[i]!;
    const f = this.rep;
    this.stamp(f, sym);
    f.originalRef = o.refs[i]!;
    const ref = this.nextRef++;
    const old = o.prices[i]!;
    let price = Math.max(TICK, old + (rng.int(3) - 1) * TICK);
    const shares = LOT * (1 + rng.int(10));
    if (o.sides[i] === Side.BUY ? price >= o.bestAsk(sym) : price <= o.bestBid(sym)) price = old;
    o.replace(i, ref, shares, price);
    f.newRef = ref;
    f.shares = shares;
    f.price = price;
    return encodeOrderReplace(this.bytes, 0, f);
  }
}
