// Which nats-server backend startNatsServer() runs (issue 6): the decision table with an
// injected engine probe, then the real thing on this machine — the real `docker info` probe
// answers within its timeout, no engine means the binary, and asking for the container without
// an engine is a typed error at once (not a hang). The container run itself needs a Docker
// engine and says SKIPPED: when there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import {
  DOCKER_PROBE_TIMEOUT_MS,
  NATS_BACKEND_ENV,
  NATS_BACKEND_ERROR_CODE,
  NatsBackendError,
  natsServerSkipReason,
  probeDockerEngine,
  selectNatsBackend,
  startNatsServer,
} from '@ringside/testkit';
import type { DockerProbe, NatsBackend, NatsServerHandle } from '@ringside/testkit';

const engine = await probeDockerEngine();
const binarySkip = natsServerSkipReason();
console.log(
  `config: docker engine ${engine.available ? 'available' : 'absent'} (${engine.detail}); ` +
    `nats-server binary ${binarySkip === false ? 'found' : binarySkip}; probe timeout ${DOCKER_PROBE_TIMEOUT_MS} ms`,
);
const containerSkip = engine.available ? false : `no Docker engine (${engine.detail})`;
if (containerSkip !== false) console.log(`SKIPPED: container backend run: ${containerSkip}`);

const present = (): Promise<DockerProbe> => Promise.resolve({ available: true, detail: 'fake engine' });
const absent = (): Promise<DockerProbe> => Promise.resolve({ available: false, detail: 'fake: none' });

/** The env var set for the duration of `run`, restored after (the test process is ours). */
async function withEnv<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const before = process.env[NATS_BACKEND_ENV];
  if (value === undefined) delete process.env[NATS_BACKEND_ENV];
  else process.env[NATS_BACKEND_ENV] = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env[NATS_BACKEND_ENV];
    else process.env[NATS_BACKEND_ENV] = before;
  }
}

async function roundTrip(server: NatsServerHandle): Promise<string> {
  const nc = await connect({ servers: server.url, timeout: 5_000 });
  try {
    const sub = nc.subscribe('backend.check', { max: 1, timeout: 5_000 });
    await nc.flush();
    nc.publish('backend.check', server.backend);
    for await (const msg of sub) return msg.string();
    throw new Error('subscription closed without a message');
  } finally {
    await nc.close();
  }
}

test('decision table: option wins over env, default binary, auto falls back, container needs an engine', async () => {
  const cases: [NatsBackend | undefined, string | undefined, boolean, string][] = [
    [undefined, undefined, true, 'binary'],
    [undefined, '', true, 'binary'],
    [undefined, 'binary', true, 'binary'],
    [undefined, 'container', true, 'container'],
    [undefined, 'auto', true, 'container'],
    [undefined, 'auto', false, 'binary'],
    ['binary', 'container', true, 'binary'],
    ['container', 'binary', true, 'container'],
    ['auto', undefined, false, 'binary'],
    ['auto', undefined, true, 'container'],
  ];
  for (const [requested, env, hasEngine, expected] of cases) {
    const got = await selectNatsBackend(requested, env, hasEngine ? present : absent);
    assert.equal(got, expected, `backend=${requested} env=${env} engine=${hasEngine}`);
  }
  let probed = 0;
  const counting = (): Promise<DockerProbe> => {
    probed += 1;
    return absent();
  };
  assert.equal(await selectNatsBackend('binary', 'container', counting), 'binary');
  assert.equal(probed, 0, 'the binary backend never waits for docker');
});

test('container without an engine, and a misspelt backend, are typed errors', async () => {
  for (const [requested, env] of [
    ['container', undefined],
    [undefined, 'container'],
  ] as const) {
    await assert.rejects(selectNatsBackend(requested, env, absent), (e: unknown) => {
      assert.ok(e instanceof NatsBackendError);
      assert.equal(e.code, NATS_BACKEND_ERROR_CODE.DOCKER_UNAVAILABLE);
      assert.match(e.message, /no Docker engine answers \(fake: none\)/);
      return true;
    });
  }
  await assert.rejects(selectNatsBackend(undefined, 'docker', present), { code: 'BAD_BACKEND' });
});

test('the real docker probe answers within its timeout', async () => {
  const t0 = performance.now();
  const probe = await probeDockerEngine(DOCKER_PROBE_TIMEOUT_MS);
  const ms = performance.now() - t0;
  console.log(`docker probe: ${probe.available} in ${ms.toFixed(0)} ms (${probe.detail})`);
  assert.ok(ms < DOCKER_PROBE_TIMEOUT_MS + 2_000, `probe took ${ms} ms`);
  assert.equal(probe.available, engine.available);
});

test('the default runs the binary, and auto does too without an engine', { skip: binarySkip }, async () => {
  for (const backend of engine.available ? [undefined] : [undefined, 'auto' as const]) {
    const server = await withEnv(undefined, () => startNatsServer(backend === undefined ? {} : { backend }));
    try {
      assert.equal(server.backend, 'binary');
      assert.ok(server.pid > 0);
      assert.equal(await roundTrip(server), 'binary');
    } finally {
      await server.stop();
    }
  }
});

test(
  'RINGSIDE_NATS_BACKEND=container without an engine rejects at once',
  { skip: engine.available ? 'a Docker engine answers here' : false },
  async () => {
    const t0 = performance.now();
    for (const start of [
      () => withEnv('container', () => startNatsServer()),
      () => withEnv(undefined, () => startNatsServer({ backend: 'container' })),
    ])
      await assert.rejects(start(), (e: unknown) => {
        assert.ok(e instanceof NatsBackendError, String(e));
        assert.equal(e.code, 'DOCKER_UNAVAILABLE');
        return true;
      });
    const ms = performance.now() - t0;
    assert.ok(ms < 2 * DOCKER_PROBE_TIMEOUT_MS + 2_000, `took ${ms} ms`);
  },
);

test('container backend: pub/sub, kill and restart on the same URL', { skip: containerSkip }, async () => {
  const server = await startNatsServer({ backend: 'container', jetstream: true });
  try {
    assert.equal(server.backend, 'container');
    assert.match(server.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await roundTrip(server), 'container');
    const url = server.url;
    await server.kill();
    assert.equal(server.running, false);
    await server.restart();
    assert.equal(server.url, url);
    assert.equal(await roundTrip(server), 'container');
  } finally {
    await server.stop();
  }
});
