// A deterministic synthetic ITCH 5.0 stream in NASDAQ file framing, for tests that must run when
// the real samples are absent: system event and stock directory first, then a book-consistent
// mix of adds, executions, cancels, replaces and deletes over a few instruments.
import {
  NasdaqFrameWriter,
  Side,
  encodeAddOrder,
  encodeOrderCancel,
  encodeOrderDelete,
  encodeOrderExecuted,
  encodeOrderReplace,
  encodeStockDirectory,
  encodeSystemEvent,
  stockKey,
} from '@ringside/protocols';

export function syntheticItch(messages: number, seed: number, instruments = 4): Uint8Array {
  const w = new NasdaqFrameWriter(new Uint8Array(messages * 40 + 1024));
  let x = seed >>> 0 || 1;
  const rand = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  let ts = 34_200_000_000_000;
  const hdr = (locate: number) => ({ stockLocate: locate, trackingNumber: 0, timestamp: (ts += 1000) });
  const put = (n: number): void => {
    if (n < 0 || w.commit(n) < 0) throw new Error('synthetic ITCH: encoding failed');
  };
  put(encodeSystemEvent(w.buffer, w.messageOffset, { ...hdr(0), eventCode: 0x4f }));
  for (let l = 1; l <= instruments; l++) {
    put(
      encodeStockDirectory(w.buffer, w.messageOffset, {
        ...hdr(l),
        stock: stockKey(`SYN${l}`),
        marketCategory: 0x51,
        financialStatus: 0x4e,
        roundLotSize: 100,
        roundLotsOnly: 0x4e,
        issueClassification: 0x43,
        issueSubType: 0x5a20,
        authenticity: 0x50,
        shortSaleThreshold: 0x4e,
        ipoFlag: 0x4e,
        luldTier: 0x31,
        etpFlag: 0x4e,
        etpLeverageFactor: 0,
        inverseIndicator: 0x4e,
      }),
    );
  }
  const live: { ref: number; locate: number; shares: number }[] = [];
  let nextRef = 1;
  let match = 1;
  for (let i = 1 + instruments; i < messages; i++) {
    const r = rand(100);
    if (live.length < 50 || r < 45) {
      const locate = 1 + rand(instruments);
      const side = rand(2) === 0 ? Side.BUY : Side.SELL;
      const price = 1_000_000 + (side === Side.BUY ? -1 : 1) * (100 + rand(50) * 100);
      const shares = 100 * (1 + rand(10));
      live.push({ ref: nextRef, locate, shares });
      put(
        encodeAddOrder(w.buffer, w.messageOffset, {
          ...hdr(locate),
          orderRef: nextRef++,
          side,
          shares,
          stock: stockKey(`SYN${locate}`),
          price,
        }),
      );
      continue;
    }
    const k = rand(live.length);
    const o = live[k]!;
    if (r < 60 && o.shares > 100) {
      o.shares -= 100;
      put(
        encodeOrderExecuted(w.buffer, w.messageOffset, {
          ...hdr(o.locate),
          orderRef: o.ref,
          executedShares: 100,
          matchNumber: match++,
        }),
      );
    } else if (r < 70 && o.shares > 100) {
      o.shares -= 100;
      put(
        encodeOrderCancel(w.buffer, w.messageOffset, {
          ...hdr(o.locate),
          orderRef: o.ref,
          cancelledShares: 100,
        }),
      );
    } else if (r < 80) {
      put(
        encodeOrderReplace(w.buffer, w.messageOffset, {
          ...hdr(o.locate),
          originalRef: o.ref,
          newRef: nextRef,
          shares: o.shares,
          price: 1_000_000 + 100 * (1 + rand(50)),
        }),
      );
      o.ref = nextRef++;
    } else {
      live[k] = live[live.length - 1]!;
      live.pop();
      put(encodeOrderDelete(w.buffer, w.messageOffset, { ...hdr(o.locate), orderRef: o.ref }));
    }
  }
  return w.buffer.slice(0, w.position);
}
