// The named baseline of the ingest benchmark: ITCH decoding the way most Node code does it —
// a Buffer slice per message, Buffer's read*BE helpers (BigInt for 8-byte fields), one object
// per decoded message, "published" into a plain JS array ring. Correct, readable, and allocating
// per message; it is what the flyweight + typed-array path is measured against.
export interface NaiveItchEvent {
  type: string;
  locate: number;
  timestamp: number;
  orderRef: number;
  side: string;
  shares: number;
  price: number;
  stock: string;
  newOrderRef: number;
  matchNumber: number;
}

function base(m: Buffer): NaiveItchEvent {
  return {
    type: String.fromCharCode(m[0]!),
    locate: m.readUInt16BE(1),
    timestamp: m.readUIntBE(5, 6),
    orderRef: 0,
    side: '',
    shares: 0,
    price: 0,
    stock: '',
    newOrderRef: 0,
    matchNumber: 0,
  };
}

/** Decodes the book messages the AMZN file holds (A F E C X D U P); others carry the header only. */
export function naiveDecode(buf: Buffer, offset: number, length: number): NaiveItchEvent {
  const m = buf.subarray(offset, offset + length);
  const e = base(m);
  switch (e.type) {
    case 'A':
    case 'F':
      e.orderRef = Number(m.readBigUInt64BE(11));
      e.side = String.fromCharCode(m[19]!);
      e.shares = m.readUInt32BE(20);
      e.stock = m.toString('latin1', 24, 32).trimEnd();
      e.price = m.readUInt32BE(32);
      break;
    case 'E':
    case 'C':
      e.orderRef = Number(m.readBigUInt64BE(11));
      e.shares = m.readUInt32BE(19);
      e.matchNumber = Number(m.readBigUInt64BE(23));
      if (e.type === 'C') e.price = m.readUInt32BE(32);
      break;
    case 'X':
      e.orderRef = Number(m.readBigUInt64BE(11));
      e.shares = m.readUInt32BE(19);
      break;
    case 'D':
      e.orderRef = Number(m.readBigUInt64BE(11));
      break;
    case 'U':
      e.orderRef = Number(m.readBigUInt64BE(11));
      e.newOrderRef = Number(m.readBigUInt64BE(19));
      e.shares = m.readUInt32BE(27);
      e.price = m.readUInt32BE(31);
      break;
    case 'P':
      e.orderRef = Number(m.readBigUInt64BE(11));
      e.side = String.fromCharCode(m[19]!);
      e.shares = m.readUInt32BE(20);
      e.stock = m.toString('latin1', 24, 32).trimEnd();
      e.price = m.readUInt32BE(32);
      e.matchNumber = Number(m.readBigUInt64BE(36));
      break;
  }
  return e;
}
