// Golden ITCH 5.0 messages: bytes packed from the spec's field tables with Python's struct module
// (not from our descriptor), one per message type. Field values: numbers as numbers; alpha
// fields as text (1 char = code byte, stock = symbol, 4/2 chars = MPID/reason/sub-type).
// Regenerate with the script in the comment at the end of this file if a layout ever changes.

export interface Golden {
  type: string;
  fields: Record<string, number | string>;
  hex: string;
}

export const GOLDEN: Golden[] = [
  {
    type: 'S',
    fields: { stockLocate: 7, trackingNumber: 513, timestamp: 45296123456789, eventCode: 'Q' },
    hex: '5300070201293253592d1551',
  },
  {
    type: 'R',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'ZVZZT',
      marketCategory: 'G',
      financialStatus: 'D',
      roundLotSize: 100,
      roundLotsOnly: 'Y',
      issueClassification: 'W',
      issueSubType: 'CB',
      authenticity: 'T',
      shortSaleThreshold: ' ',
      ipoFlag: 'Y',
      luldTier: '2',
      etpFlag: 'Y',
      etpLeverageFactor: 3,
      inverseIndicator: 'Y',
    },
    hex: '5200070201293253592d155a565a5a542020204744000000645957434254205932590000000359',
  },
  {
    type: 'H',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'AAPL',
      tradingState: 'H',
      reserved: ' ',
      reason: 'LUDP',
    },
    hex: '4800070201293253592d154141504c2020202048204c554450',
  },
  {
    type: 'Y',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'MSFT',
      regShoAction: '1',
    },
    hex: '5900070201293253592d154d5346542020202031',
  },
  {
    type: 'L',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      mpid: 'GSCO',
      stock: 'BRK.A',
      primaryMarketMaker: 'Y',
      marketMakerMode: 'P',
      participantState: 'E',
    },
    hex: '4c00070201293253592d154753434f42524b2e41202020595045',
  },
  {
    type: 'V',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      level1: 123456789012345,
      level2: 234567890123456,
      level3: 345678901234567,
    },
    hex: '5600070201293253592d1500007048860ddf790000d55697c43ac000013a64a41d4b87',
  },
  {
    type: 'W',
    fields: { stockLocate: 7, trackingNumber: 513, timestamp: 45296123456789, breachedLevel: '2' },
    hex: '5700070201293253592d1532',
  },
  {
    type: 'K',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'NEWCO',
      releaseTime: 36000,
      releaseQualifier: 'A',
      ipoPrice: 215000,
    },
    hex: '4b00070201293253592d154e4557434f20202000008ca041000347d8',
  },
  {
    type: 'J',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'TSLA',
      referencePrice: 1000000,
      upperPrice: 1100000,
      lowerPrice: 900000,
      extension: 2,
    },
    hex: '4a00070201293253592d1554534c4120202020000f42400010c8e0000dbba000000002',
  },
  {
    type: 'h',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'QQQ',
      marketCode: 'B',
      haltAction: 'T',
    },
    hex: '6800070201293253592d1551515120202020204254',
  },
  {
    type: 'A',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 9876543210123,
      side: 'S',
      shares: 300,
      stock: 'AMZN',
      price: 2238100,
    },
    hex: '4100070201293253592d15000008fb8fd9828b530000012c414d5a4e2020202000222694',
  },
  {
    type: 'F',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 4242,
      side: 'B',
      shares: 7,
      stock: 'GOOG',
      price: 5801234,
      attribution: 'NSDQ',
    },
    hex: '4600070201293253592d1500000000000010924200000007474f4f4720202020005885124e534451',
  },
  {
    type: 'E',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 3000000001,
      executedShares: 50,
      matchNumber: 8000000000001,
    },
    hex: '4500070201293253592d1500000000b2d05e010000003200000746a5288001',
  },
  {
    type: 'C',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 11,
      executedShares: 12,
      matchNumber: 13,
      printable: 'N',
      executionPrice: 1999999,
    },
    hex: '4300070201293253592d15000000000000000b0000000c000000000000000d4e001e847f',
  },
  {
    type: 'X',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 77,
      cancelledShares: 25,
    },
    hex: '5800070201293253592d15000000000000004d00000019',
  },
  {
    type: 'D',
    fields: { stockLocate: 7, trackingNumber: 513, timestamp: 45296123456789, orderRef: 9007199254740991 },
    hex: '4400070201293253592d15001fffffffffffff',
  },
  {
    type: 'U',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      originalRef: 100,
      newRef: 5000000000,
      shares: 400,
      price: 123456,
    },
    hex: '5500070201293253592d150000000000000064000000012a05f200000001900001e240',
  },
  {
    type: 'P',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      orderRef: 0,
      side: 'B',
      shares: 900,
      stock: 'IBM',
      price: 1950000,
      matchNumber: 555,
    },
    hex: '5000070201293253592d150000000000000000420000038449424d2020202020001dc130000000000000022b',
  },
  {
    type: 'Q',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      shares: 1000000,
      stock: 'SPY',
      price: 4500000,
      matchNumber: 556,
      crossType: 'C',
    },
    hex: '5100070201293253592d1500000000000f424053505920202020200044aa20000000000000022c43',
  },
  {
    type: 'B',
    fields: { stockLocate: 7, trackingNumber: 513, timestamp: 45296123456789, matchNumber: 556 },
    hex: '4200070201293253592d15000000000000022c',
  },
  {
    type: 'I',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      pairedShares: 10000,
      imbalanceShares: 2500,
      imbalanceDirection: 'S',
      stock: 'NFLX',
      farPrice: 1000000,
      nearPrice: 1010000,
      currentReferencePrice: 1005000,
      crossType: 'A',
      priceVariation: 'L',
    },
    hex: '4900070201293253592d15000000000000271000000000000009c4534e464c5820202020000f4240000f6950000f55c8414c',
  },
  {
    type: 'N',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'KO',
      interestFlag: 'A',
    },
    hex: '4e00070201293253592d154b4f20202020202041',
  },
  {
    type: 'O',
    fields: {
      stockLocate: 7,
      trackingNumber: 513,
      timestamp: 45296123456789,
      stock: 'DLCR',
      openEligibility: 'Y',
      minAllowablePrice: 80000,
      maxAllowablePrice: 180000,
      nearExecutionPrice: 100000,
      nearExecutionTime: 34200000000000,
      lowerPriceCollar: 90000,
      upperPriceCollar: 110000,
    },
    hex: '4f00070201293253592d15444c43522020202059000138800002bf20000186a000001f1aced9f00000015f900001adb0',
  },
];

/* Generator of GOLDEN (Python 3, run once; kept for provenance):
# Golden ITCH 5.0 messages packed straight from the spec's tables with Python's struct,
# independently of the TypeScript descriptor. Output: JSON lines for the test file.
import struct, json
def hdr(t, locate, track, ts):
    return t.encode() + struct.pack('>HH', locate, track) + ts.to_bytes(6, 'big')
def s8(sym): return sym.encode().ljust(8)
H = dict(stockLocate=7, trackingNumber=513, timestamp=45_296_123_456_789)
def h(t): return hdr(t, 7, 513, 45_296_123_456_789)
out = []
def add(t, fields, body):
    out.append(dict(type=t, fields=fields, hex=(h(t) + body).hex()))
add('S', dict(eventCode='Q'), b'Q')
add('R', dict(stock='ZVZZT', marketCategory='G', financialStatus='D', roundLotSize=100, roundLotsOnly='Y',
    issueClassification='W', issueSubType='CB', authenticity='T', shortSaleThreshold=' ', ipoFlag='Y', luldTier='2',
    etpFlag='Y', etpLeverageFactor=3, inverseIndicator='Y'),
    s8('ZVZZT') + b'G' + b'D' + struct.pack('>I', 100) + b'Y' + b'W' + b'CB' + b'T' + b' ' + b'Y' + b'2' + b'Y' + struct.pack('>I', 3) + b'Y')
add('H', dict(stock='AAPL', tradingState='H', reserved=' ', reason='LUDP'), s8('AAPL') + b'H' + b' ' + b'LUDP')
add('Y', dict(stock='MSFT', regShoAction='1'), s8('MSFT') + b'1')
add('L', dict(mpid='GSCO', stock='BRK.A', primaryMarketMaker='Y', marketMakerMode='P', participantState='E'),
    b'GSCO' + s8('BRK.A') + b'YPE')
add('V', dict(level1=123456789012345, level2=234567890123456, level3=345678901234567),
    struct.pack('>QQQ', 123456789012345, 234567890123456, 345678901234567))
add('W', dict(breachedLevel='2'), b'2')
add('K', dict(stock='NEWCO', releaseTime=36000, releaseQualifier='A', ipoPrice=215000),
    s8('NEWCO') + struct.pack('>I', 36000) + b'A' + struct.pack('>I', 215000))
add('J', dict(stock='TSLA', referencePrice=1000000, upperPrice=1100000, lowerPrice=900000, extension=2),
    s8('TSLA') + struct.pack('>IIII', 1000000, 1100000, 900000, 2))
add('h', dict(stock='QQQ', marketCode='B', haltAction='T'), s8('QQQ') + b'BT')
add('A', dict(orderRef=9_876_543_210_123, side='S', shares=300, stock='AMZN', price=2238100),
    struct.pack('>Q', 9_876_543_210_123) + b'S' + struct.pack('>I', 300) + s8('AMZN') + struct.pack('>I', 2238100))
add('F', dict(orderRef=4242, side='B', shares=7, stock='GOOG', price=5801234, attribution='NSDQ'),
    struct.pack('>Q', 4242) + b'B' + struct.pack('>I', 7) + s8('GOOG') + struct.pack('>I', 5801234) + b'NSDQ')
add('E', dict(orderRef=3_000_000_001, executedShares=50, matchNumber=8_000_000_000_001),
    struct.pack('>QIQ', 3_000_000_001, 50, 8_000_000_000_001))
add('C', dict(orderRef=11, executedShares=12, matchNumber=13, printable='N', executionPrice=1999999),
    struct.pack('>QIQ', 11, 12, 13) + b'N' + struct.pack('>I', 1999999))
add('X', dict(orderRef=77, cancelledShares=25), struct.pack('>QI', 77, 25))
add('D', dict(orderRef=2**53 - 1), struct.pack('>Q', 2**53 - 1))
add('U', dict(originalRef=100, newRef=5_000_000_000, shares=400, price=123456),
    struct.pack('>QQII', 100, 5_000_000_000, 400, 123456))
add('P', dict(orderRef=0, side='B', shares=900, stock='IBM', price=1950000, matchNumber=555),
    struct.pack('>Q', 0) + b'B' + struct.pack('>I', 900) + s8('IBM') + struct.pack('>I', 1950000) + struct.pack('>Q', 555))
add('Q', dict(shares=1_000_000, stock='SPY', price=4500000, matchNumber=556, crossType='C'),
    struct.pack('>Q', 1_000_000) + s8('SPY') + struct.pack('>IQ', 4500000, 556) + b'C')
add('B', dict(matchNumber=556), struct.pack('>Q', 556))
add('I', dict(pairedShares=10000, imbalanceShares=2500, imbalanceDirection='S', stock='NFLX', farPrice=1000000,
    nearPrice=1010000, currentReferencePrice=1005000, crossType='A', priceVariation='L'),
    struct.pack('>QQ', 10000, 2500) + b'S' + s8('NFLX') + struct.pack('>III', 1000000, 1010000, 1005000) + b'AL')
add('N', dict(stock='KO', interestFlag='A'), s8('KO') + b'A')
add('O', dict(stock='DLCR', openEligibility='Y', minAllowablePrice=80000, maxAllowablePrice=180000, nearExecutionPrice=100000,
    nearExecutionTime=34_200_000_000_000, lowerPriceCollar=90000, upperPriceCollar=110000),
    s8('DLCR') + b'Y' + struct.pack('>III', 80000, 180000, 100000) + struct.pack('>Q', 34_200_000_000_000) + struct.pack('>II', 90000, 110000))
for o in out:
    o['fields'] = {**H, **o['fields']}
    print(json.dumps(o) + ',')
*/
