// A real Prometheus (Debian's `prometheus`) for tests: started on 127.0.0.1 on a free port with
// a temp config scraping one target every second and a temp TSDB dir; queried through its HTTP
// API. Skips visibly when the binary is missing.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CANDIDATES = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'];

export function findPrometheus(): string | undefined {
  const onPath = (process.env['PATH'] ?? '').split(path.delimiter).map((d) => path.join(d, 'prometheus'));
  return [...onPath, ...CANDIDATES].find((f) => {
    try {
      accessSync(f, constants.X_OK);
      return path.isAbsolute(f);
    } catch {
      return false;
    }
  });
}

export function prometheusSkipReason(): string | false {
  return findPrometheus() === undefined ? 'prometheus not found (apt-get install prometheus)' : false;
}

export interface PrometheusHandle extends AsyncDisposable {
  readonly url: string;
  /** Instant query; the result vector's samples as [labels, value]. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  logs(): string;
  stop(): Promise<void>;
}

/** A free loopback port: bound on port 0, then released for the child to take. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrometheus(target: string, metricsPath = '/metrics'): Promise<PrometheusHandle> {
  const binary = findPrometheus();
  if (binary === undefined) throw new Error('prometheus not found');
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-prom-'));
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: ringside-observer',
      `    metrics_path: ${metricsPath}`,
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let logs = '';
  const append = (c: Buffer): void => {
    logs = (logs + c.toString('utf8')).slice(-16_384);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    process.removeListener('exit', kill);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready:\n${logs}`);
    }
    await sleep(100);
  }
  return {
    url,
    logs: () => logs,
    stop,
    [Symbol.asyncDispose]: stop,
    async query(promql) {
      const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await r.json()) as {
        status: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
        error?: string;
      };
      if (body.status !== 'success' || body.data === undefined)
        throw new Error(`query failed: ${body.error}`);
      return body.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
    },
  };
}
