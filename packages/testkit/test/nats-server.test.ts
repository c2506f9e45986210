// The nats-server harness against the real server and the real NATS JS client (v3): start on a
// free loopback port, pub/sub, JetStream, auth from a config file, kill -9 and restart on the
// same port with the client reconnecting by itself and JetStream data surviving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection, Status, Subscription } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';

const skip = natsServerSkipReason();
if (skip !== false) console.log(`# SKIP nats-server tests: ${skip}`);

const STEP_MS = 10_000;

/** Resolves with the first status event of `type`, or rejects after STEP_MS. */
function nextStatus(nc: NatsConnection, type: Status['type']): Promise<Status> {
  const statuses = nc.status();
  const seen = (async (): Promise<Status> => {
    for await (const s of statuses) if (s.type === type) return s;
    throw new Error(`status stream ended before ${type}`);
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${type} within ${STEP_MS} ms`)), STEP_MS);
  });
  return Promise.race([seen, timeout]).finally(() => clearTimeout(timer));
}

/** The next message on `sub`, or a rejection after STEP_MS. */
async function firstMessage(sub: Subscription): Promise<string> {
  const timer = setTimeout(() => sub.unsubscribe(), STEP_MS);
  try {
    for await (const msg of sub) return msg.string();
    throw new Error(`no message within ${STEP_MS} ms`);
  } finally {
    clearTimeout(timer);
  }
}

/** Publishes `payload` on `subject` and returns what one subscriber receives. */
async function roundTrip(nc: NatsConnection, subject: string, payload: string): Promise<string> {
  const sub = nc.subscribe(subject, { max: 1, timeout: STEP_MS });
  await nc.flush(); // the server knows the subscription before the publish
  nc.publish(subject, payload);
  for await (const msg of sub) return msg.string();
  throw new Error('subscription closed without a message');
}

test('starts on a free loopback port, serves pub/sub, and cleans up on stop', { skip }, async () => {
  const a = await startNatsServer();
  const b = await startNatsServer();
  try {
    assert.notEqual(a.port, b.port);
    assert.match(a.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(a.running && a.pid > 0);
    const nc = await connect({ servers: a.url });
    try {
      assert.equal(await roundTrip(nc, 'ringside.test.ping', 'hello'), 'hello');
    } finally {
      await nc.close();
    }
  } finally {
    await b.stop();
    await a.stop();
  }
  assert.equal(a.running, false);
  assert.equal(existsSync(a.dir), false, 'temp dir removed');
  await a.stop(); // idempotent
  await assert.rejects(connect({ servers: a.url, reconnect: false, timeout: 2_000 }));
});

test('JetStream: a stream takes and returns a message', { skip }, async () => {
  await using server = await startNatsServer({ jetstream: true });
  const nc = await connect({ servers: server.url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'AUDIT', subjects: ['audit.>'] });
    const ack = await jetstream(nc).publish('audit.approval', 'approved', { msgID: 'a-1' });
    assert.equal(ack.stream, 'AUDIT');
    const dup = await jetstream(nc).publish('audit.approval', 'approved', { msgID: 'a-1' });
    assert.equal(dup.duplicate, true, 'same msgID inside the duplicate window is deduplicated');
    const msg = await jsm.streams.getMessage('AUDIT', { seq: ack.seq });
    assert.equal(msg?.string(), 'approved');
    assert.equal((await jsm.streams.info('AUDIT')).state.messages, 1);
  } finally {
    await nc.close();
  }
});

test('a config file applies: users are enforced', { skip }, async () => {
  const config = 'authorization { users = [ { user: "ops", password: "s3cret" } ] }\n';
  await using server = await startNatsServer({ config });
  await assert.rejects(connect({ servers: server.url, reconnect: false, timeout: 2_000 }), /Authorization/i);
  const nc = await connect({ servers: server.url, user: 'ops', pass: 's3cret' });
  try {
    assert.equal(await roundTrip(nc, 'ops.ping', 'ok'), 'ok');
  } finally {
    await nc.close();
  }
});

test(
  'kill -9 then restart on the same port: the client reconnects, JetStream data survives',
  { skip },
  async () => {
    await using server = await startNatsServer({ jetstream: true });
    const port = server.port;
    const firstPid = server.pid;
    const nc = await connect({
      servers: server.url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
      reconnectJitter: 0,
    });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'EVENTS', subjects: ['ringside.h1.events'] });
      await jetstream(nc).publish('ringside.h1.events', 'before-crash');
      const live = nc.subscribe('ringside.h1.state');

      const disconnected = nextStatus(nc, 'disconnect');
      await server.kill('SIGKILL');
      assert.equal(server.running, false);
      await disconnected;
      assert.equal(nc.isClosed(), false, 'the client keeps trying (maxReconnectAttempts: -1)');

      const reconnected = nextStatus(nc, 'reconnect');
      await server.restart();
      assert.equal(server.port, port, 'same port after restart');
      assert.notEqual(server.pid, firstPid);
      await reconnected;

      // The old subscription was replayed to the new server by the client.
      await nc.flush();
      nc.publish('ringside.h1.state', 'after-restart');
      assert.equal(await firstMessage(live), 'after-restart');

      // Give JetStream a moment to recover its store, bounded.
      let messages = -1;
      for (let i = 0; i < 50 && messages < 1; i++) {
        messages = await jsm.streams.info('EVENTS').then(
          (info) => info.state.messages,
          () => -1,
        );
        if (messages < 1) await sleep(100);
      }
      assert.equal(messages, 1, 'the stream and its message survived kill -9');
    } finally {
      await nc.close();
    }
  },
);

test('a server that cannot start is reported with its log', { skip }, async () => {
  await assert.rejects(startNatsServer({ config: 'this is { not a config' }), (e: Error) => {
    assert.match(e.message, /nats-server exited during start/);
    assert.match(e.message, /Parse error/, 'the server log is in the error');
    return true;
  });
});
