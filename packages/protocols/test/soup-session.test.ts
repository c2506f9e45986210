// SoupBinTCP client and server over real TCP on 127.0.0.1: login, replay, live data, resume
// after a dropped connection (no gap, no duplicate), sequence 0, evicted history, heartbeats,
// idle and login timeouts, rejects, end of session, unsequenced data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  SoupAnomaly,
  SoupBinTcpClient,
  SoupBinTcpServer,
  SoupClientState,
  writeSoupDataPacket,
  writeSoupLoginRequest,
} from '@ringside/protocols';
import type { SoupClientOptions, SoupServerOptions } from '@ringside/protocols';

const TEST_DEADLINE_MS = 15000;

async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function payload(seq: number): Uint8Array {
  const len = 1 + (seq % 40);
  const p = new Uint8Array(len);
  for (let i = 0; i < len; i++) p[i] = (seq * 7 + i) & 0xff;
  return p;
}

function publishRange(server: SoupBinTcpServer, from: number, to: number): void {
  for (let s = from; s <= to; s++) {
    const p = payload(s);
    assert.equal(server.publish(p, 0, p.length), s);
  }
}

/** Records sequence numbers and checks every payload against payload(seq). */
class Sink {
  seqs: number[] = [];
  corrupt = 0;
  onMessage(bytes: Uint8Array, offset: number, length: number, seq: number): void {
    const want = payload(seq);
    if (length !== want.length) this.corrupt++;
    else for (let i = 0; i < length; i++) if (bytes[offset + i] !== want[i]) this.corrupt++;
    this.seqs.push(seq);
  }
  /** Sequence numbers are exactly first..first+n-1: no gap, no duplicate, in order. */
  assertContiguous(first: number, n: number): void {
    assert.equal(this.corrupt, 0, 'payload bytes differ');
    assert.equal(this.seqs.length, n);
    for (let i = 0; i < n; i++)
      if (this.seqs[i] !== first + i) assert.fail(`at ${i}: got ${this.seqs[i]}, want ${first + i}`);
  }
}

async function withServer(
  opts: SoupServerOptions,
  body: (server: SoupBinTcpServer, port: number) => Promise<void>,
): Promise<void> {
  const server = new SoupBinTcpServer({ host: '127.0.0.1', port: 0, ...opts });
  const port = await server.listen();
  try {
    await body(server, port);
  } finally {
    // A failed assertion must not leave sockets and timers keeping the process alive.
    await Promise.all(openClients.splice(0).map((c) => c.close()));
    await server.close();
  }
}

const openClients: SoupBinTcpClient[] = [];

function client(port: number, sink: Sink, extra: Partial<SoupClientOptions> = {}): SoupBinTcpClient {
  const c = new SoupBinTcpClient({
    host: '127.0.0.1',
    port,
    username: 'user1',
    password: 'pw',
    handler: sink,
    reconnectDelayMs: 20,
    maxReconnectDelayMs: 100,
    ...extra,
  });
  openClients.push(c);
  c.connect();
  return c;
}

test(
  'login, replay from 1, then live: every message once, in order, byte for byte',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    await withServer({}, async (server, port) => {
      publishRange(server, 1, 1000);
      const sink = new Sink();
      const c = client(port, sink);
      await waitFor('replay', () => sink.seqs.length === 1000);
      publishRange(server, 1001, 2500);
      await waitFor('live', () => sink.seqs.length === 2500);
      sink.assertContiguous(1, 2500);
      assert.equal(c.state, SoupClientState.LOGGED_IN);
      assert.equal(c.session, 'SESSION1');
      assert.equal(c.nextSequenceNumber, 2501);
      await c.close();
      assert.equal(c.state, SoupClientState.CLOSED);
    });
  },
);

test('resume after dropped connections: no gap, no duplicate', { timeout: TEST_DEADLINE_MS }, async () => {
  await withServer({}, async (server, port) => {
    const total = 30000;
    const sink = new Sink();
    const drops = [3000, 9000, 17000];
    let published = 0;
    // Publisher: 200 messages every 2 ms, bounded by count, so drops land mid-stream.
    const pub = setInterval(() => {
      const to = Math.min(total, published + 200);
      publishRange(server, published + 1, to);
      published = to;
      if (published >= total) clearInterval(pub);
    }, 2);
    const c = client(port, sink);
    try {
      for (const at of drops) {
        await waitFor(`message ${at}`, () => sink.seqs.length >= at);
        c.dropConnection('test drop');
      }
      await waitFor('all messages', () => sink.seqs.length >= total, 10000);
    } finally {
      clearInterval(pub);
    }
    console.log(`resume: ${total} messages, drops at ${drops.join(',')}, reconnects ${c.reconnects}`);
    sink.assertContiguous(1, total);
    assert.equal(c.reconnects, drops.length);
    assert.equal(c.gapMessages, 0);
    assert.equal(server.stats().loginsAccepted, drops.length + 1);
    await c.close();
  });
});

test(
  'sequence 0 starts at the next message; evicted history is a counted gap',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    await withServer({ store: { capacityBytes: 3 + 65535, capacityMessages: 100 } }, async (server, port) => {
      publishRange(server, 1, 500);
      const late = new Sink();
      const c0 = client(port, late, { sequenceNumber: 0 });
      await waitFor('login', () => c0.state === SoupClientState.LOGGED_IN);
      assert.equal(c0.nextSequenceNumber, 501);
      const fromStart = new Sink();
      const c1 = client(port, fromStart, { sequenceNumber: 1 });
      await waitFor('replay of retained', () => fromStart.seqs.length === 100);
      assert.equal(fromStart.seqs[0], 401);
      assert.equal(c1.gapMessages, 400);
      assert.equal(c1.anomalies.count(SoupAnomaly.SEQUENCE_GAP), 1);
      assert.equal(server.anomalies.count(SoupAnomaly.REPLAY_TRUNCATED), 1);
      const beyond = new Sink();
      const c2 = client(port, beyond, { sequenceNumber: 9999 });
      await waitFor('clamped login', () => c2.state === SoupClientState.LOGGED_IN);
      assert.equal(c2.nextSequenceNumber, 501);
      assert.equal(server.anomalies.count(SoupAnomaly.SEQUENCE_CLAMPED), 1);
      assert.equal(c2.anomalies.count(SoupAnomaly.SEQUENCE_REWIND), 1);
      publishRange(server, 501, 510);
      await waitFor(
        'live',
        () => late.seqs.length === 10 && beyond.seqs.length === 10 && fromStart.seqs.length === 110,
      ).catch((e: unknown) => {
        console.log({
          late: late.seqs.length,
          beyond: beyond.seqs.length,
          fromStart: fromStart.seqs.length,
          stats: server.stats(),
        });
        throw e;
      });
      late.assertContiguous(501, 10);
      beyond.assertContiguous(501, 10);
      await Promise.all([c0.close(), c1.close(), c2.close()]);
    });
  },
);

test('bad login is rejected with the reason; no reconnect', { timeout: TEST_DEADLINE_MS }, async () => {
  await withServer(
    { session: 'FEED01', authenticate: (u, p) => u === 'good' && p === 'pw' },
    async (server, port) => {
      const reasons: string[] = [];
      const bad = client(port, new Sink(), {
        username: 'evil',
        listener: { onLoginRejected: (r) => reasons.push(r) },
      });
      await waitFor('reject A', () => bad.state === SoupClientState.REJECTED);
      const wrongSession = client(port, new Sink(), {
        username: 'good',
        session: 'OTHER',
        listener: { onLoginRejected: (r) => reasons.push(r) },
      });
      await waitFor('reject S', () => wrongSession.state === SoupClientState.REJECTED);
      assert.deepEqual(reasons.sort(), ['A', 'S']);
      const ok = client(port, new Sink(), { username: 'good', session: 'FEED01' });
      await waitFor('login ok', () => ok.state === SoupClientState.LOGGED_IN);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(bad.reconnects + wrongSession.reconnects, 0);
      assert.equal(server.stats().loginsRejected, 2);
      assert.equal(server.anomalies.count(SoupAnomaly.NOT_AUTHORIZED), 1);
      assert.equal(server.anomalies.count(SoupAnomaly.SESSION_NOT_AVAILABLE), 1);
      await Promise.all([bad.close(), wrongSession.close(), ok.close()]);
    },
  );
});

test('heartbeats keep an idle session alive', { timeout: TEST_DEADLINE_MS }, async () => {
  const hb = { heartbeatIntervalMs: 40, idleTimeoutMs: 300 };
  console.log(`heartbeat config: ${JSON.stringify(hb)}, idle for 1200 ms`);
  await withServer(hb, async (server, port) => {
    const disconnects: string[] = [];
    const c = client(port, new Sink(), { ...hb, listener: { onDisconnected: (r) => disconnects.push(r) } });
    await waitFor('login', () => c.state === SoupClientState.LOGGED_IN);
    await new Promise((r) => setTimeout(r, 1200));
    assert.deepEqual(disconnects, []);
    assert.equal(c.state, SoupClientState.LOGGED_IN);
    assert.ok(c.heartbeatsReceived >= 10, `server heartbeats seen: ${c.heartbeatsReceived}`);
    assert.ok(c.heartbeatsSent >= 10, `client heartbeats sent: ${c.heartbeatsSent}`);
    assert.equal(server.anomalies.count(SoupAnomaly.IDLE_TIMEOUT), 0);
    await c.close();
  });
});

/** Raw client: logs in by hand, then does nothing (no heartbeats). */
function rawLogin(
  port: number,
  sequenceNumber = 1,
): { socket: net.Socket; closed: Promise<number>; received: () => Buffer } {
  const socket = net.connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (b: Buffer) => chunks.push(b));
  socket.on('error', () => {});
  const opened = performance.now();
  const closed = new Promise<number>((resolve) =>
    socket.on('close', () => resolve(performance.now() - opened)),
  );
  const login = new Uint8Array(49);
  writeSoupLoginRequest(login, 0, { username: 'raw', password: '', session: '', sequenceNumber });
  socket.write(login);
  return { socket, closed, received: () => Buffer.concat(chunks) };
}

test(
  'a silent client is dropped after the idle timeout; a client that never logs in too',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    await withServer(
      { heartbeatIntervalMs: 40, idleTimeoutMs: 300, loginTimeoutMs: 200 },
      async (server, port) => {
        const silent = rawLogin(port);
        const mute = net.connect({ host: '127.0.0.1', port });
        mute.on('error', () => {});
        const muteOpened = performance.now();
        const muteClosed = new Promise<number>((r) =>
          mute.on('close', () => r(performance.now() - muteOpened)),
        );
        const silentAfter = await silent.closed;
        const muteAfter = await muteClosed;
        console.log(
          `silent client dropped after ${silentAfter.toFixed(0)} ms, mute after ${muteAfter.toFixed(0)} ms`,
        );
        assert.ok(silentAfter >= 280 && silentAfter < 1500, `silent dropped after ${silentAfter}`);
        assert.ok(muteAfter >= 180 && muteAfter < 1500, `mute dropped after ${muteAfter}`);
        // It was sent heartbeats while it stayed silent.
        const bytes = silent.received();
        assert.equal(bytes[2], 0x41, 'login accepted first');
        assert.ok(bytes.length >= 33 + 3 * 3, 'then server heartbeats');
        assert.equal(server.anomalies.count(SoupAnomaly.IDLE_TIMEOUT), 1);
        assert.equal(server.anomalies.count(SoupAnomaly.LOGIN_TIMEOUT), 1);
      },
    );
  },
);

test('the client drops a silent server and reconnects', { timeout: TEST_DEADLINE_MS }, async () => {
  // A "server" that accepts the login and then never sends anything again.
  const accepted: net.Socket[] = [];
  const raw = net.createServer((s) => {
    accepted.push(s);
    s.on('error', () => {});
    s.once('data', () => {
      const pkt = new Uint8Array(33);
      pkt.set([0, 31, 0x41]);
      pkt.fill(0x20, 3);
      pkt[32] = 0x31; // sequence 1
      s.write(pkt);
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  const port = (raw.address() as net.AddressInfo).port;
  const reasons: string[] = [];
  const c = client(port, new Sink(), {
    heartbeatIntervalMs: 40,
    idleTimeoutMs: 250,
    listener: { onDisconnected: (r) => reasons.push(r) },
  });
  try {
    await waitFor('two idle drops', () => reasons.length >= 2, 5000);
    assert.match(reasons[0]!, /server silent/);
    assert.ok(c.reconnects >= 1);
    assert.ok(c.anomalies.count(SoupAnomaly.IDLE_TIMEOUT) >= 2);
  } finally {
    await c.close();
    for (const s of accepted) s.destroy();
    await new Promise<void>((r) => raw.close(() => r()));
  }
});

test(
  'end of session: everything, then Z, then no reconnect; late joiners too',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    await withServer({}, async (server, port) => {
      const sinks = [new Sink(), new Sink()];
      let ended = 0;
      const clients = sinks.map((s) => client(port, s, { listener: { onEndOfSession: () => ended++ } }));
      await waitFor('logins', () => clients.every((c) => c.state === SoupClientState.LOGGED_IN));
      publishRange(server, 1, 5000);
      server.endSession();
      await waitFor('end of session', () => ended === 2);
      for (const s of sinks) s.assertContiguous(1, 5000);
      const late = new Sink();
      const lateClient = client(port, late, { listener: { onEndOfSession: () => ended++ } });
      await waitFor('late end', () => ended === 3);
      late.assertContiguous(1, 5000);
      assert.ok(await server.waitForSessionsClosed(2000));
      for (const c of [...clients, lateClient]) {
        assert.equal(c.state, SoupClientState.ENDED);
        assert.equal(c.reconnects, 0);
      }
    });
  },
);

test(
  'unsequenced data reaches the server handler; logout closes cleanly',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    const got: string[] = [];
    await withServer(
      {
        onUnsequenced: (session, bytes, off, len) =>
          got.push(`${session.username}:${Buffer.from(bytes.subarray(off, off + len)).toString()}`),
      },
      async (server, port) => {
        const c = client(port, new Sink());
        await waitFor('login', () => c.state === SoupClientState.LOGGED_IN);
        const order = new TextEncoder().encode('ORDER-1');
        assert.equal(c.sendUnsequenced(order, 0, order.length), 3 + order.length);
        await waitFor('unsequenced', () => got.length === 1);
        assert.deepEqual(got, ['user1:ORDER-1']);
        await c.close();
        await waitFor('server saw logout', () => server.stats().sessionsOpen === 0);
        assert.equal(server.anomalies.total(), 0);
        const after = new Uint8Array(4);
        assert.ok(writeSoupDataPacket(after, 0, 0x55, order, 0, 1) > 0);
        assert.ok(c.sendUnsequenced(order, 0, 1) < 0, 'closed client refuses to send');
      },
    );
  },
);

test(
  'per-user streams: each username has its own sequence (order-entry style)',
  { timeout: TEST_DEADLINE_MS },
  async () => {
    await withServer({ streams: 'per-user' }, async (server, port) => {
      for (let s = 1; s <= 30; s++) {
        const p = payload(s);
        assert.equal(server.publishTo('alice', p, 0, p.length), s);
        if (s <= 10) assert.equal(server.publishTo('BOB', p, 0, p.length), s);
      }
      const a = new Sink();
      const b = new Sink();
      client(port, a, { username: 'Alice' });
      client(port, b, { username: 'bob' });
      await waitFor('both replays', () => a.seqs.length === 30 && b.seqs.length === 10);
      a.assertContiguous(1, 30);
      b.assertContiguous(1, 10);
      assert.equal(server.nextSequence('ALICE'), 31);
      assert.equal(server.nextSequence('bob'), 11);
    });
  },
);
