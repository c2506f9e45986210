// The book against real data: replays the NASDAQ ITCH files made from LOBSTER samples and, at
// every LOBSTER orderbook row, compares the top N levels (prices and sizes, both sides) with the
// row. The `.rows` oracle gives the ITCH message index after which row i must hold.
// See ../../../../shared/data/README.md. Budget: 60 s (takes about a second).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ItchDecoder, ItchErrorCounters, NasdaqFrameReader } from '@ringside/protocols';
import { requireSharedData } from '@ringside/testkit';
import { BookSide, Books, BookStatus, bookStatusName } from '@ringside/book';

const EMPTY_ASK = 9999999999; // LOBSTER's convention for a missing level
const EMPTY_BID = -9999999999;

interface Sample {
  itch: string;
  orderbook: string;
  levels: number;
  rows: number;
}

const SAMPLES: Sample[] = [
  {
    itch: 'itch/AMZN_2012-06-21_lobster_level1.itch',
    orderbook: 'lobster/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv',
    levels: 1,
    rows: 57515,
  },
  {
    itch: 'itch/AAPL_2012-06-21_lobster_level10_first998.itch',
    orderbook: 'lobster/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv',
    levels: 10,
    rows: 999, // README says 998; the CSVs hold 999 rows (last line has no newline)
  },
];

function parseCsv(path: string, columns: number): Float64Array[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  return lines.map((l) => {
    const row = Float64Array.from(l.split(',').map(Number));
    assert.equal(row.length, columns, `row width in ${path}`);
    return row;
  });
}

for (const s of SAMPLES) {
  test(`book equals LOBSTER at every row: ${s.itch}`, (t) => {
    const itchPath = requireSharedData(t, s.itch);
    const obPath = requireSharedData(t, s.orderbook);
    const rowsPath = requireSharedData(t, `${s.itch}.rows`);
    if (itchPath === undefined || obPath === undefined || rowsPath === undefined) return;

    const file = readFileSync(itchPath);
    const book = parseCsv(obPath, 4 * s.levels);
    const marks = readFileSync(rowsPath, 'utf8').trim().split('\n').map(Number);
    assert.equal(book.length, s.rows);
    assert.equal(marks.length, s.rows);
    assert.ok(
      marks.every((m) => m >= 0),
      'every row is covered by the oracle',
    );
    const config = { locates: [1], maxOrders: 1 << 16, maxLevels: 4096 };
    console.log(`replay ${s.itch}: ${file.length} bytes, ${s.rows} rows, top ${s.levels} levels`, config);

    const errors = new ItchErrorCounters();
    const reader = new NasdaqFrameReader(errors).reset(file);
    const decoder = new ItchDecoder(errors);
    const books = new Books(config);
    const ob = books.book(1)!;
    const statuses = new Map<number, number>();
    let index = 0;
    let row = 0;
    let compared = 0;
    let len: number;
    while ((len = reader.next()) >= 0) {
      const type = decoder.decode(file, reader.messageOffset, len);
      assert.ok(type > 0, `message ${index} decodes`);
      const st = books.apply(decoder, type);
      statuses.set(st, (statuses.get(st) ?? 0) + 1);
      while (row < marks.length && marks[row] === index) {
        const expect = book[row]!;
        for (let k = 0; k < s.levels; k++) {
          const got = [
            ob.depth(BookSide.ASK) > k ? ob.levelPrice(BookSide.ASK, k) : EMPTY_ASK,
            ob.levelSize(BookSide.ASK, k),
            ob.depth(BookSide.BID) > k ? ob.levelPrice(BookSide.BID, k) : EMPTY_BID,
            ob.levelSize(BookSide.BID, k),
          ];
          const want = Array.from(expect.subarray(4 * k, 4 * k + 4));
          assert.deepEqual(got, want, `row ${row + 1} (after ITCH message ${index}), level ${k + 1}`);
        }
        compared++;
        row++;
      }
      index++;
    }
    assert.equal(errors.total(), 0, 'no decode or framing errors');
    assert.equal(compared, s.rows, 'every LOBSTER row compared');
    const bad = [...statuses].filter(([st]) => st < 0).map(([st, n]) => `${bookStatusName(st)}=${n}`);
    assert.deepEqual(bad, [], 'no refused book events');
    console.log(
      `  ${index} messages, ${compared} rows equal; applied ${statuses.get(BookStatus.OK) ?? 0},` +
        ` ignored ${statuses.get(BookStatus.IGNORED) ?? 0}; live orders at end ${ob.orderCount()}`,
    );
  });
}
