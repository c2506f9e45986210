// The synthetic book, rebuilt message by message with @ringside/book: every E/X/D/U finds its
// order (zero book errors), the books never cross (best bid < best ask whenever both exist),
// both sides are quoted most of the time, the generator's own best prices match the rebuilt
// book, and a seed reproduces the same stream while another seed differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOOK_STATUS_SLOTS, BookStatus, Books, NO_PRICE } from '@ringside/book';
import { ItchDecoder, ItchType, SystemEventCode } from '@ringside/protocols';
import { SyntheticBookSource } from '@ringside/marketgen';
import type { SyntheticBookOptions } from '@ringside/marketgen';

const MESSAGES = 100_000;
/** Messages before the one-sided-book share is counted: the books start empty. */
const WARM_UP = 2_000;

interface RunFacts {
  messages: number;
  /** FNV-1a over every message's bytes (timestamps are the fixed 1 µs per message here). */
  hash: number;
  byType: Record<string, number>;
  bookErrors: number;
  decodeErrors: number;
  crossed: number;
  firstCross: string;
  /** Generator best prices that disagree with the rebuilt book's. */
  bestMismatches: number;
  /** Share of (message, book) observations after warm-up with both sides quoted. */
  twoSided: number;
  maxLive: number;
  finalLive: number;
  events: string;
}

function run(options: SyntheticBookOptions, messages: number): RunFacts {
  const src = new SyntheticBookSource(options);
  const n = options.symbols.length;
  const locates = Array.from({ length: n }, (_, i) => i + 1);
  const books = new Books({ locates, maxOrders: 4096, maxLevels: 4096 });
  const d = new ItchDecoder();
  const facts: RunFacts = {
    messages: 0,
    hash: 0x811c9dc5,
    byType: {},
    bookErrors: 0,
    decodeErrors: 0,
    crossed: 0,
    firstCross: '',
    bestMismatches: 0,
    twoSided: 0,
    maxLive: 0,
    finalLive: 0,
    events: '',
  };
  let observed = 0;
  let twoSided = 0;
  let hash = 0x811c9dc5;
  const apply = (len: number): void => {
    const b = src.bytes;
    for (let k = 0; k < len; k++) hash = Math.imul(hash ^ b[k]!, 0x01000193);
    const type = d.decode(b, src.offset, len);
    const key = String.fromCharCode(b[0]!);
    facts.byType[key] = (facts.byType[key] ?? 0) + 1;
    if (type === ItchType.SYSTEM_EVENT) facts.events += String.fromCharCode(d.systemEvent.eventCode);
    const status = books.apply(d, type);
    if (status < 0) facts.bookErrors++;
    facts.messages++;
    facts.maxLive = Math.max(facts.maxLive, src.live);
    if (status !== BookStatus.OK) return;
    // The message touched one book: check it (the others did not change).
    const locate = b[1]! * 256 + b[2]!;
    const book = books.book(locate)!;
    const bid = book.bestBidPrice();
    const ask = book.bestAskPrice();
    if (bid !== NO_PRICE && ask !== NO_PRICE && bid >= ask) {
      if (facts.crossed++ === 0)
        facts.firstCross = `#${facts.messages} locate ${locate}: bid ${bid} >= ask ${ask}`;
    }
    const sym = locate - 1;
    const genBid = src.bestBid(sym);
    const genAsk = src.bestAsk(sym);
    if ((bid === NO_PRICE ? 0 : bid) !== genBid || (ask === NO_PRICE ? Infinity : ask) !== genAsk) {
      facts.bestMismatches++;
    }
    if (facts.messages > WARM_UP) {
      for (const l of locates) {
        const other = books.book(l)!;
        observed++;
        if (other.bestBidPrice() !== NO_PRICE && other.bestAskPrice() !== NO_PRICE) twoSided++;
      }
    }
  };
  for (let i = 0; i < messages; i++) {
    const len = src.next(i * 1000);
    assert.ok(len > 0, `message ${i + 1} generated`);
    apply(len);
  }
  src.finish();
  for (let i = 0, len = src.next(messages * 1000); len > 0 && i < 10; i++, len = src.next(messages * 1000)) {
    apply(len);
  }
  facts.hash = hash >>> 0;
  facts.decodeErrors = d.errors.total();
  // The books' own refusal counters must agree with the statuses seen above.
  let counted = 0;
  for (const l of locates) {
    const book = books.book(l)!;
    for (let s = 1; s < BOOK_STATUS_SLOTS; s++) counted += book.statusCount(-s);
  }
  assert.equal(counted, facts.bookErrors);
  facts.twoSided = twoSided / observed;
  facts.finalLive = src.live;
  return facts;
}

const FIVE = ['AAPL', 'MSFT', 'AMZN', 'GOOG', 'NVDA'];

test(
  'never crossed, zero book errors, two-sided most of the time, over several seeds',
  { timeout: 20_000 },
  () => {
    const cases: SyntheticBookOptions[] = [
      { symbols: FIVE, seed: 42, depth: 20, startPrice: 100 },
      { symbols: FIVE, seed: 1, depth: 20, startPrice: 100 },
      { symbols: ['AAPL', 'MSFT'], seed: 7, depth: 10, startPrice: 50 },
      // Thin and cheap: one symbol, few orders, a mid that walks down to the price floor.
      { symbols: ['PENY'], seed: 2024, depth: 4, startPrice: 0.2 },
    ];
    for (const options of cases) {
      const f = run(options, MESSAGES);
      console.log(
        `seed ${options.seed}, ${options.symbols.length} symbols, depth ${options.depth}: ${f.messages} messages ` +
          `${JSON.stringify(f.byType)}, crossed ${f.crossed}, book errors ${f.bookErrors}, ` +
          `two-sided ${(f.twoSided * 100).toFixed(1)}%, live max ${f.maxLive} final ${f.finalLive}`,
      );
      assert.equal(f.decodeErrors, 0);
      assert.equal(f.bookErrors, 0, 'every E/X/D/U finds its order, no add refused');
      assert.equal(f.crossed, 0, `never crossed; first: ${f.firstCross}`);
      assert.equal(f.bestMismatches, 0, "the generator's best prices are the book's");
      assert.ok(f.twoSided > 0.9, `both sides quoted ${f.twoSided}`);
      assert.equal(f.events, 'OSQMEC');
      for (const type of ['A', 'E', 'X', 'D', 'U']) assert.ok((f.byType[type] ?? 0) > 1000, `enough ${type}`);
      // The live count hovers around its target (symbols x depth x 2), it neither drains nor explodes.
      const target = options.symbols.length * options.depth * 2;
      assert.ok(f.maxLive <= target * 2 && f.finalLive > target / 4, `live ${f.finalLive}, max ${f.maxLive}`);
    }
  },
);

test('the same seed gives the same stream; another seed differs', () => {
  const options = { symbols: FIVE, seed: 42, depth: 20, startPrice: 100 };
  const a = run(options, 30_000);
  const b = run(options, 30_000);
  const c = run({ ...options, seed: 43 }, 30_000);
  assert.equal(a.hash, b.hash);
  assert.deepEqual(a.byType, b.byType);
  assert.notEqual(a.hash, c.hash);
  assert.equal(a.events.at(-1), String.fromCharCode(SystemEventCode.END_OF_MESSAGES));
});
