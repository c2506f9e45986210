// The whole compose stack, up for real — only where a Docker engine answers (`docker info`).
// Builds the images, starts every service with fresh secrets, then checks the path the user
// watches: Prometheus scrapes the observer (target up), Jaeger answers, approvals and NATS accept
// connections. Elsewhere it prints `SKIPPED: no Docker engine` (this workplace's machines).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DockerComposeEnvironment, Wait } from 'testcontainers';
import { ROOT, hasBinary, readEnvFile, run } from './compose-files.ts';

const haveEngine = hasBinary('docker', ['info']);
if (!haveEngine)
  console.log('SKIPPED: no Docker engine (docker info failed); compose-config.test.ts still runs');

// Image builds dominate; only machines with an engine pay for it.
const BUILD_AND_START_MS = 15 * 60_000;
const SMOKE_DEADLINE_MS = 60_000;

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + SMOKE_DEADLINE_MS;
  for (let i = 0; i < 600 && Date.now() < deadline; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(1000);
  }
  throw new Error(`${what}: not within ${SMOKE_DEADLINE_MS} ms`);
}

describe(
  'compose stack (Docker engine)',
  { skip: !haveEngine, timeout: BUILD_AND_START_MS + 120_000 },
  () => {
    test('builds, starts, and the observer is scraped by Prometheus', async () => {
      const secrets = mkdtempSync(path.join(tmpdir(), 'ringside-stack-'));
      const made = run('bash', ['deploy/compose/make-secrets.sh', secrets]);
      assert.equal(made.status, 0, made.stderr);
      const env = { ...readEnvFile(path.join(secrets, 'ringside.env')), RINGSIDE_SECRETS_DIR: secrets };
      console.log(`compose stack: project dir ${ROOT}, secrets ${secrets}`);
      const started = await new DockerComposeEnvironment(ROOT, 'docker-compose.yml')
        .withBuild()
        .withEnvironment(env)
        .withStartupTimeout(BUILD_AND_START_MS)
        .withWaitStrategy('nats-1', Wait.forHealthCheck())
        .withWaitStrategy('observer-1', Wait.forHealthCheck())
        .withWaitStrategy('approvals-1', Wait.forHealthCheck())
        .withWaitStrategy('prometheus-1', Wait.forHealthCheck())
        .withWaitStrategy('hotpath-1', Wait.forHealthCheck())
        .withWaitStrategy('automation-1', Wait.forLogMessage(/"event":"started"/))
        .up();
      try {
        assert.ok(await tcpOpen(7443), 'approvals gRPC port is published on loopback');
        assert.ok(await tcpOpen(4222), 'NATS is published on loopback');
        const health = await eventually('prometheus target ringside-observer up', async () => {
          const r = await fetch('http://127.0.0.1:9090/api/v1/targets');
          const body = (await r.json()) as {
            data: { activeTargets: { labels: { job: string }; health: string }[] };
          };
          const t = body.data.activeTargets.find((x) => x.labels.job === 'ringside-observer');
          return t?.health === 'up' ? t.health : undefined;
        });
        assert.equal(health, 'up');
        const jaeger = await eventually('jaeger UI', async () => {
          const r = await fetch('http://127.0.0.1:16686/api/services');
          return r.ok ? r.status : undefined;
        });
        assert.equal(jaeger, 200);
      } finally {
        await started.down({ removeVolumes: true });
        rmSync(secrets, { recursive: true, force: true });
      }
    });
  },
);
