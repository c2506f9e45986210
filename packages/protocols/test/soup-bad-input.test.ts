// Bad input never crashes a session or the process. Each kind is counted and logged once; the
// connection either continues (framing intact) or closes with a clear reason. Then random and
// mutated bytes (fast-check) against a live server while a good client keeps receiving, and
// against a live client from a hostile server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import {
  SoupAnomaly,
  SoupBinTcpClient,
  SoupBinTcpServer,
  SoupClientState,
  soupAnomalyName,
  writeSoupDataPacket,
  writeSoupEmptyPacket,
  writeSoupLoginAccepted,
  writeSoupLoginRequest,
} from '@ringside/protocols';
import type { SoupLogger } from '@ringside/protocols';

async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function login(seq = 1, username = 'raw'): Uint8Array {
  const b = new Uint8Array(49);
  assert.equal(writeSoupLoginRequest(b, 0, { username, password: '', session: '', sequenceNumber: seq }), 49);
  return b;
}

function packet(type: number, body: number[] = []): Uint8Array {
  const b = new Uint8Array(3 + body.length);
  writeSoupDataPacket(b, 0, type, Uint8Array.from(body), 0, body.length);
  return b;
}

const ch = (c: string): number => c.charCodeAt(0);

interface RawConn {
  socket: net.Socket;
  closed: Promise<void>;
  isClosed: () => boolean;
  received: () => Buffer;
}

function raw(port: number): RawConn {
  const socket = net.connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('data', (b: Buffer) => chunks.push(b));
  socket.on('error', () => {});
  return {
    socket,
    closed: new Promise((r) =>
      socket.on('close', () => {
        closed = true;
        r();
      }),
    ),
    isClosed: () => closed,
    received: () => Buffer.concat(chunks),
  };
}

/** Text of the Debug packets in a server→client byte stream. */
function debugTexts(bytes: Buffer): string[] {
  const out: string[] = [];
  let p = 0;
  while (bytes.length - p >= 3) {
    const len = bytes.readUInt16BE(p);
    if (bytes[p + 2] === ch('+')) out.push(bytes.subarray(p + 3, p + 2 + len).toString('latin1'));
    p += 2 + len;
  }
  return out;
}

class CapturingLogger implements SoupLogger {
  warnings: string[] = [];
  info(): void {}
  debug(): void {}
  warn(obj: object): void {
    this.warnings.push(String((obj as { anomaly?: string }).anomaly));
  }
}

const closingCases: { name: string; bytes: Uint8Array[]; kind: SoupAnomaly; reason: RegExp }[] = [
  {
    name: 'length beyond limit',
    bytes: [Uint8Array.of(0xff, 0xff, ch('L'))],
    kind: SoupAnomaly.FRAME_TOO_LONG,
    reason: /length 65535 beyond limit 4096/,
  },
  {
    name: 'length 0',
    bytes: [Uint8Array.of(0, 0)],
    kind: SoupAnomaly.EMPTY_FRAME,
    reason: /packet length 0/,
  },
  {
    name: 'data before login',
    bytes: [packet(ch('U'), [1, 2, 3])],
    kind: SoupAnomaly.PACKET_BEFORE_LOGIN,
    reason: /before login/,
  },
  {
    name: 'non-numeric requested sequence',
    bytes: [
      (() => {
        const b = login();
        b[40] = ch('x');
        return b;
      })(),
    ],
    kind: SoupAnomaly.BAD_LOGIN_FIELD,
    reason: /not numeric/,
  },
  {
    name: 'control characters in username',
    bytes: [
      (() => {
        const b = login();
        b[3] = 0x07;
        return b;
      })(),
    ],
    kind: SoupAnomaly.BAD_LOGIN_FIELD,
    reason: /non-printable/,
  },
  {
    name: 'login request of wrong length',
    bytes: [packet(ch('L'), [0x41, 0x42])],
    kind: SoupAnomaly.BAD_PACKET_LENGTH,
    reason: /payload of 2 bytes/,
  },
];

test(
  'fatal bad input: counted, logged once per kind, connection closed with a reason',
  { timeout: 20000 },
  async () => {
    const logger = new CapturingLogger();
    const server = new SoupBinTcpServer({ port: 0 }, logger);
    const port = await server.listen();
    const expected = new Map<number, number>();
    try {
      for (const c of closingCases) {
        for (let round = 0; round < 2; round++) {
          const conn = raw(port);
          for (const b of c.bytes) conn.socket.write(b);
          await Promise.race([conn.closed, sleep(3000)]);
          assert.ok(conn.isClosed(), `${c.name}: connection closed`);
          const texts = debugTexts(conn.received());
          assert.equal(texts.length, 1, `${c.name}: one Debug packet with the reason`);
          assert.match(texts[0]!, c.reason, c.name);
        }
        expected.set(c.kind, (expected.get(c.kind) ?? 0) + 2);
        assert.equal(server.anomalies.count(c.kind), expected.get(c.kind), c.name);
      }
      for (const c of closingCases) {
        const name = soupAnomalyName(c.kind);
        assert.equal(logger.warnings.filter((w) => w === name).length, 1, `${name} logged once`);
      }
      await waitFor('all closed', () => server.stats().sessionsOpen === 0);
    } finally {
      await server.close();
    }
  },
);

test('non-fatal bad input after login: counted, session continues', { timeout: 20000 }, async () => {
  const server = new SoupBinTcpServer({ port: 0 });
  const port = await server.listen();
  try {
    const conn = raw(port);
    conn.socket.write(login());
    await waitFor('login accepted', () => conn.received().length >= 33);
    conn.socket.write(packet(0x78, [1, 2, 3])); // unknown 'x'
    conn.socket.write(packet(ch('S'), [9])); // server-only type from a client
    conn.socket.write(packet(ch('R'), [1])); // heartbeat with payload
    conn.socket.write(login()); // second login
    await waitFor('counted', () => server.anomalies.total() >= 4);
    const p = Uint8Array.of(42, 43);
    server.publish(p, 0, 2);
    await waitFor('still served', () => conn.received().length >= 33 + 5);
    assert.deepEqual(Array.from(conn.received().subarray(33, 38)), [0, 3, ch('S'), 42, 43]);
    assert.equal(conn.isClosed(), false);
    assert.equal(server.anomalies.count(SoupAnomaly.UNKNOWN_PACKET_TYPE), 1);
    assert.equal(server.anomalies.count(SoupAnomaly.WRONG_DIRECTION), 1);
    assert.equal(server.anomalies.count(SoupAnomaly.BAD_PACKET_LENGTH), 1);
    assert.equal(server.anomalies.count(SoupAnomaly.DUPLICATE_LOGIN), 1);
    // A frame cut by the connection closing is counted too.
    conn.socket.end(Uint8Array.of(0, 10, ch('U'), 1, 2));
    await conn.closed;
    await waitFor('truncated counted', () => server.anomalies.count(SoupAnomaly.TRUNCATED_FRAME) === 1);
  } finally {
    await server.close();
  }
});

test(
  'fast-check: random and mutated bytes at a live server; a good client is served throughout',
  { timeout: 30000 },
  async () => {
    const server = new SoupBinTcpServer({ port: 0, loginTimeoutMs: 200, idleTimeoutMs: 2000 });
    const port = await server.listen();
    let received = 0;
    let expectSeq = 1;
    let outOfOrder = 0;
    const good = new SoupBinTcpClient({
      host: '127.0.0.1',
      port,
      username: 'good',
      password: '',
      reconnect: false,
      handler: {
        onMessage: (_b, _o, _l, seq) => {
          if (seq !== expectSeq) outOfOrder++;
          expectSeq = seq + 1;
          received++;
        },
      },
    });
    good.connect();
    let published = 0;
    const pub = setInterval(() => {
      for (let i = 0; i < 50; i++) {
        const b = Uint8Array.of(published & 0xff, 1, 2, 3);
        server.publish(b, 0, b.length);
        published++;
      }
    }, 5);
    const valid = (): number[] => [
      ...login(),
      ...packet(ch('U'), [1, 2, 3, 4]),
      ...packet(ch('R')),
      ...packet(ch('+'), [65, 66]),
      ...packet(ch('O')),
    ];
    const mutated = fc
      .tuple(
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.nat({ max: 20 }),
      )
      .map(([muts, cut]) => {
        const b = valid();
        for (const m of muts) b[m.at % b.length] = m.value;
        return Uint8Array.from(b.slice(0, b.length - cut));
      });
    const bytesArb = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 2000 }), mutated);
    const started = performance.now();
    let runs = 0;
    try {
      await waitFor('good login', () => good.state === SoupClientState.LOGGED_IN);
      await fc.assert(
        fc.asyncProperty(bytesArb, fc.array(fc.nat(), { maxLength: 5 }), async (bytes, cuts) => {
          runs++;
          const conn = raw(port);
          const points = [0, ...cuts.map((c) => c % bytes.length).sort((a, b) => a - b), bytes.length];
          for (let i = 0; i + 1 < points.length; i++)
            conn.socket.write(bytes.subarray(points[i], points[i + 1]));
          // Either the server closes it (bad input, logout, login timeout) or we do.
          await Promise.race([conn.closed, sleep(40)]);
          conn.socket.destroy();
          await conn.closed;
        }),
        { numRuns: 150, interruptAfterTimeLimit: 15000 },
      );
      await waitFor('fuzz sessions closed', () => server.stats().sessionsOpen === 1, 3000);
      clearInterval(pub);
      await waitFor('good client caught up', () => received === published, 5000);
      const stats = server.stats();
      console.log(
        `fuzz: ${runs} hostile connections in ${(performance.now() - started).toFixed(0)} ms; good client got ${received}/${published}; anomalies ${JSON.stringify(stats.anomalies)}`,
      );
      assert.equal(outOfOrder, 0);
      assert.equal(good.state, SoupClientState.LOGGED_IN);
      assert.ok(server.anomalies.total() > 0, 'bad input was counted');
      assert.ok(runs >= 20);
    } finally {
      clearInterval(pub);
      await good.close();
      await server.close();
    }
  },
);

test('fast-check: a hostile server never crashes the client', { timeout: 30000 }, async () => {
  let nextBytes = new Uint8Array(0);
  const sockets = new Set<net.Socket>();
  const hostile = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    s.end(nextBytes);
  });
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
  const port = (hostile.address() as net.AddressInfo).port;
  const accepted = (seq: number): number[] => {
    const b = new Uint8Array(33);
    writeSoupLoginAccepted(b, 0, 'S1', seq);
    return Array.from(b);
  };
  const seqData = (n: number): number[] => Array.from(packet(ch('S'), [n, n, n]));
  const mutatedStream = fc
    .tuple(
      fc.nat({ max: 30 }),
      fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
    )
    .map(([n, muts]) => {
      const b = [...accepted(1), ...Array.from({ length: n }, (_, i) => seqData(i)).flat()];
      const hb = new Uint8Array(3);
      writeSoupEmptyPacket(hb, 0, ch('H'));
      b.push(...hb);
      for (const m of muts) b[m.at % b.length] = m.value;
      return Uint8Array.from(b);
    });
  let runs = 0;
  let anomalies = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 1500 }), mutatedStream), async (bytes) => {
        runs++;
        nextBytes = bytes;
        const seqs: number[] = [];
        let disconnected = false;
        const c = new SoupBinTcpClient({
          host: '127.0.0.1',
          port,
          username: 'u',
          password: '',
          reconnect: false,
          handler: { onMessage: (_b, _o, _l, seq) => seqs.push(seq) },
          listener: { onDisconnected: () => (disconnected = true) },
        });
        c.connect();
        await waitFor('hostile server closed us', () => disconnected, 3000);
        anomalies += c.anomalies.total();
        // Whatever arrived, delivered sequence numbers are consecutive from the accepted one.
        for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1);
        await c.close();
      }),
      { numRuns: 100, interruptAfterTimeLimit: 15000 },
    );
    console.log(`hostile server: ${runs} runs, client anomalies counted ${anomalies}`);
    assert.ok(anomalies > 0);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => hostile.close(() => r()));
  }
});
