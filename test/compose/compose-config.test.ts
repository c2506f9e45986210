// docker-compose.yml as the deployment artifact: `docker-compose config` must resolve it, and the
// resolved file must only name things that exist — entry points, the flags each main.ts
// declares, mounted files, Dockerfile stages, the observer Prometheus scrapes — and keep the
// Phase 2 split (the hot path never on control-net). No Docker engine needed.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { parseAutomationConfig, loadRunbookDir } from '@ringside/automation';
import { parseObserverConfig } from '@ringside/observer';
import {
  ROOT,
  declaresFlag,
  dockerIgnoreMatcher,
  hasBinary,
  parseDockerfile,
  readEnvFile,
  run,
} from './compose-files.ts';

interface Volume {
  type: string;
  source?: string;
  target: string;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | null>;
  volumes?: (string | Volume)[];
  secrets?: (string | { source: string })[];
  networks?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  restart?: string;
  profiles?: string[];
}
interface Resolved {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
  secrets?: Record<string, { file: string }>;
}

const REQUIRED = [
  'nats',
  'jaeger',
  'prometheus',
  'hotpath',
  'observer',
  'automation',
  'approvals',
  'feed-sim',
  'venue-sim',
];
const HOTPATH_EXAMPLE = path.join(ROOT, 'deploy/hotpath/hotpath.example.json');
const haveCompose = hasBinary('docker-compose', ['version']);
if (!haveCompose) console.log('SKIPPED: docker-compose not installed (apt-get install docker-compose)');

describe('docker-compose.yml', { skip: !haveCompose, timeout: 30_000 }, () => {
  let secretsDir = '';
  let env: Record<string, string> = {};
  let hotpathRendered = false;
  let resolved: Resolved;
  const service = (name: string): Service => {
    const s = resolved.services[name];
    assert.ok(s !== undefined, `service ${name} is missing`);
    return s;
  };
  // docker-compose v1 prints short syntax (`/abs/src:/target:ro`); the spec allows long syntax.
  const volumesOf = (s: Service): Volume[] =>
    (s.volumes ?? []).map((v) => {
      if (typeof v !== 'string') return v;
      const [source = '', target = ''] = v.split(':');
      return source.startsWith('/') ? { type: 'bind', source, target } : { type: 'volume', source, target };
    });
  const argv = (s: Service): string[] => [...(s.entrypoint ?? []), ...(s.command ?? [])];
  const networksOf = (name: string): string[] => Object.keys(service(name).networks ?? {}).sort();
  const membersOf = (net: string): string[] =>
    Object.keys(resolved.services)
      .filter((n) => networksOf(n).includes(net))
      .sort();

  before(() => {
    secretsDir = mkdtempSync(path.join(tmpdir(), 'ringside-compose-'));
    const made = run('bash', ['deploy/compose/make-secrets.sh', secretsDir]);
    // The env file and seed come first; the hot-path config needs deploy/hotpath/hotpath.example.json.
    assert.ok(existsSync(path.join(secretsDir, 'ringside.env')), `make-secrets failed: ${made.stderr}`);
    hotpathRendered = made.status === 0;
    env = readEnvFile(path.join(secretsDir, 'ringside.env'));
    const r = run('docker-compose', ['--env-file', path.join(secretsDir, 'ringside.env'), 'config'], {
      RINGSIDE_SECRETS_DIR: secretsDir,
    });
    assert.equal(r.status, 0, `docker-compose config failed:\n${r.stderr}`);
    resolved = parse(r.stdout) as Resolved;
    console.log(
      `docker-compose config: ${Object.keys(resolved.services).length} services, secrets in ${secretsDir}`,
    );
  });

  after(() => {
    if (secretsDir !== '') rmSync(secretsDir, { recursive: true, force: true });
  });

  test('secrets are mandatory: without the env file docker-compose config refuses', () => {
    const r = run('docker-compose', ['config', '-q'], { RINGSIDE_SECRETS_DIR: secretsDir });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /make-secrets/);
  });

  test('every required service exists', () => {
    for (const name of REQUIRED) service(name);
  });

  test("each service's command names an existing main.ts and only flags it declares", () => {
    let checked = 0;
    for (const [name, s] of Object.entries(resolved.services)) {
      if (s.build === undefined) continue;
      const args = argv(s);
      assert.equal(args[0], 'node', `${name}: runs node`);
      const main = args.find((a) => a.endsWith('.ts'));
      assert.ok(main !== undefined, `${name}: names a .ts entry point`);
      assert.ok(existsSync(path.join(ROOT, main)), `${name}: ${main} exists in the repo`);
      const source = readFileSync(path.join(ROOT, main), 'utf8');
      for (const flag of args.filter((a) => a.startsWith('--') && args.indexOf(a) > args.indexOf(main))) {
        assert.ok(declaresFlag(source, flag), `${name}: ${main} declares ${flag}`);
        checked += 1;
      }
    }
    // feed-sim 6, venue-sim 5, hotpath 1, approvals 6 today: fewer means the argv parsing broke.
    assert.ok(checked >= 18, `checked ${checked} flags`);
  });

  test('every mounted file and secret exists; every /etc/ringside path on a command line is mounted', () => {
    for (const [name, s] of Object.entries(resolved.services)) {
      for (const v of volumesOf(s)) {
        if (v.type !== 'bind') continue;
        const source = v.source ?? '';
        const generated = source.startsWith(secretsDir);
        if (generated && !hotpathRendered) continue; // reported by the hot-path config test
        assert.ok(existsSync(source), `${name}: mounted ${source} exists`);
        if (!generated) assert.ok(source.startsWith(ROOT), `${name}: ${source} is inside the repo`);
      }
      for (const a of argv(s).filter((x) => x.startsWith('/etc/ringside/'))) {
        assert.ok(
          volumesOf(s).some((v) => a === v.target || a.startsWith(`${v.target}/`)),
          `${name}: ${a} is mounted`,
        );
      }
      for (const ref of s.secrets ?? []) {
        const key = typeof ref === 'string' ? ref : ref.source;
        const file = resolved.secrets?.[key]?.file ?? '';
        assert.ok(existsSync(file), `${name}: secret ${key} file ${file} exists`);
      }
    }
  });

  test('Dockerfile: targets exist, COPY sources exist and survive .dockerignore, secrets stay out', () => {
    const ignored = dockerIgnoreMatcher(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
    const files = new Set<string>();
    for (const [name, s] of Object.entries(resolved.services)) {
      if (s.build === undefined) continue;
      assert.equal(path.resolve(s.build.context), ROOT, `${name}: build context is the repo`);
      files.add(path.join(ROOT, s.build.dockerfile ?? 'Dockerfile'));
    }
    for (const file of files) {
      assert.ok(existsSync(file), `${file} exists`);
      const stages = parseDockerfile(readFileSync(file, 'utf8'));
      const names = stages.map((st) => st.name);
      for (const [name, s] of Object.entries(resolved.services)) {
        if (s.build?.target !== undefined)
          assert.ok(names.includes(s.build.target), `${name}: stage ${s.build.target}`);
      }
      for (const st of stages) {
        for (const c of st.copies) {
          if (c.from !== undefined) {
            assert.ok(names.includes(c.from), `stage ${st.name}: COPY --from=${c.from} names a stage`);
            continue;
          }
          for (const src of c.sources) {
            const rel = path.relative(ROOT, path.resolve(ROOT, src));
            assert.ok(existsSync(path.join(ROOT, rel)), `stage ${st.name}: COPY ${src} exists`);
            if (rel !== '') assert.equal(ignored(rel), false, `COPY ${src} is not .dockerignored`);
          }
        }
        const cmd = [...(st.entrypoint ?? []), ...(st.cmd ?? [])];
        const main = cmd.find((a) => a.endsWith('.ts'));
        if (main !== undefined) {
          assert.ok(existsSync(path.join(ROOT, main)), `stage ${st.name}: ${main} exists`);
          assert.equal(ignored(main), false, `stage ${st.name}: ${main} is in the build context`);
        }
      }
    }
    for (const secret of [
      'deploy/compose/secrets/ringside.env',
      'deploy/compose/secrets/hotpath.json',
      '.env',
    ])
      assert.ok(ignored(secret), `${secret} never enters an image`);
    assert.ok(ignored('services/hotpath/test/x.test.ts') && ignored('node_modules/x/index.js'));
    for (const kept of [
      'pnpm-lock.yaml',
      'packages/ring/src/index.ts',
      'proto/ringside/admin/v1/admin.proto',
    ])
      assert.equal(ignored(kept), false, `${kept} is in the build context`);
  });

  test('no secret is written into docker-compose.yml itself', () => {
    const raw = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const value of Object.values(env)) if (value.length >= 16) assert.ok(!raw.includes(value));
    for (const m of raw.matchAll(/^\s*(RINGSIDE_[A-Z_]*(?:PASS|TOKEN)[A-Z_0-9]*):\s*(.*)$/gm))
      assert.match(m[2] ?? '', /^\$\{RINGSIDE_[A-Z_0-9]+:\?/, `${m[1]} comes from the env file`);
  });

  test('Phase 2 networks: the hot path reaches only NATS, feed-sim, venue-sim and its admin callers', () => {
    assert.ok(!networksOf('hotpath').includes('control-net'), 'hotpath is not on control-net');
    assert.deepEqual(networksOf('hotpath'), ['admin-net', 'hotpath-net']);
    assert.deepEqual(membersOf('hotpath-net'), ['feed-sim', 'hotpath', 'nats', 'venue-sim']);
    assert.equal(resolved.networks['hotpath-net']?.internal, true, 'hotpath-net has no route out');
    assert.equal(resolved.networks['admin-net']?.internal, true, 'admin-net has no route out');
    // Only the admin API's callers share a network with the hot path's admin port.
    assert.deepEqual(
      membersOf('admin-net').filter((n) => n !== 'hotpath'),
      ['automation', 'cli'],
    );
    assert.ok(networksOf('nats').includes('control-net') && networksOf('nats').includes('hotpath-net'));
    for (const name of ['observer', 'approvals', 'prometheus', 'jaeger'])
      assert.deepEqual(networksOf(name), ['control-net'], `${name} is control plane only`);
  });

  test('Prometheus scrapes the observer by service name and its configured port', () => {
    const prom = service('prometheus');
    const mount = volumesOf(prom).find((v) => v.target === '/etc/prometheus/prometheus.yml');
    assert.ok(mount?.source !== undefined, 'prometheus.yml is mounted');
    const promConfig = parse(readFileSync(mount.source, 'utf8')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const targets = promConfig.scrape_configs.flatMap((j) => j.static_configs.flatMap((c) => c.targets));
    const observer = service('observer');
    const configPath = argv(observer).find((a) => a.startsWith('/etc/ringside/'));
    const configMount = volumesOf(observer).find((v) => v.target === configPath);
    assert.ok(configMount?.source !== undefined, 'observer config is mounted');
    const config = parseObserverConfig({
      ...(JSON.parse(readFileSync(configMount.source, 'utf8')) as object),
      natsUser: observer.environment?.['RINGSIDE_NATS_USER'],
      natsPass: observer.environment?.['RINGSIDE_NATS_PASS'],
    });
    assert.equal(config.prometheus.host, '0.0.0.0', 'the observer listens beyond its loopback');
    assert.ok(targets.includes(`observer:${config.prometheus.port}`), `targets ${targets.join(',')}`);
    assert.equal(config.otlpTracesUrl, 'http://jaeger:4318/v1/traces');
    const shared = networksOf('prometheus').filter((n) => networksOf('observer').includes(n));
    assert.ok(shared.length > 0, 'prometheus and observer share a network');
    assert.ok(
      (observer.healthcheck?.test ?? []).join(' ').includes(`:${config.prometheus.port}/metrics`),
      'the observer health check probes its /metrics port',
    );
  });

  test('automation config from the environment validates, runbooks load, addresses match', () => {
    const automation = service('automation');
    const raw = JSON.parse(automation.environment?.['RINGSIDE_AUTOMATION_CONFIG'] ?? '') as {
      runbookDir: string;
    };
    const runbookMount = volumesOf(automation).find((v) => v.target === raw.runbookDir);
    assert.ok(runbookMount?.source !== undefined, 'runbookDir is mounted');
    const config = parseAutomationConfig({ ...raw, runbookDir: runbookMount.source });
    assert.equal(config.natsPass, env['RINGSIDE_NATS_PASS_AUTOMATION']);
    assert.ok(loadRunbookDir(config.runbookDir).length > 0, 'runbooks load');
    const approvalsArgs = argv(service('approvals'));
    const grpcPort = approvalsArgs[approvalsArgs.indexOf('--grpc-port') + 1];
    assert.equal(config.approvalsAddress, `approvals:${grpcPort}`);
    assert.deepEqual(Object.values(config.adminAddresses), ['hotpath:7400']);
  });

  test('hot-path config: rendered from the example, valid, addresses match the compose services', async () => {
    assert.ok(existsSync(HOTPATH_EXAMPLE), `${HOTPATH_EXAMPLE} exists (make-secrets renders from it)`);
    assert.ok(hotpathRendered, 'make-secrets rendered hotpath.json');
    const file = path.join(secretsDir, 'hotpath.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as {
      host: string;
      ingest: { source: { host: string; port: number } };
      gateway: { venue: { host: string; port: number } };
      admin: { port: number; tokens: Record<string, string>; approvalPublicKey: string };
      sidecar: { natsServers: string; natsUser: string; natsPass: string };
    };
    const portOf = (name: string): string => {
      const a = argv(service(name));
      return a[a.indexOf('--port') + 1] ?? '';
    };
    assert.equal(
      `${config.ingest.source.host}:${config.ingest.source.port}`,
      `feed-sim:${portOf('feed-sim')}`,
    );
    assert.equal(
      `${config.gateway.venue.host}:${config.gateway.venue.port}`,
      `venue-sim:${portOf('venue-sim')}`,
    );
    assert.equal(config.admin.port, 7400);
    assert.equal(config.sidecar.natsUser, `hotpath_${config.host}`, 'the NATS user of this host');
    assert.equal(config.sidecar.natsPass, env[`RINGSIDE_NATS_PASS_HOTPATH_${config.host.toUpperCase()}`]);
    assert.equal(config.admin.tokens[env['RINGSIDE_ADMIN_TOKEN_AUTOMATION'] ?? ''], 'automation');
    assert.equal(config.admin.approvalPublicKey, env['RINGSIDE_APPROVALS_PUBLIC_KEY']);
    assert.ok(statSync(secretsDir).mode % 0o1000 === 0o700, 'the secrets directory is private');
    const hotpath = (await import('@ringside/hotpath')) as Record<string, unknown>;
    const parseHotpathConfig = hotpath['parseHotpathConfig'];
    if (typeof parseHotpathConfig !== 'function') {
      console.log('SKIPPED: schema check (@ringside/hotpath does not export parseHotpathConfig)');
      return;
    }
    (parseHotpathConfig as (input: unknown, baseDir: string) => unknown)(config, path.dirname(file));
  });

  test('health checks and restart policies: the hot path is never restarted automatically', () => {
    assert.equal(service('hotpath').restart, 'no');
    for (const [name, s] of Object.entries(resolved.services)) {
      if (s.profiles !== undefined) continue;
      if (name !== 'hotpath') assert.ok(s.restart !== undefined && s.restart !== 'no', `${name} restarts`);
      if (name !== 'automation') assert.ok(s.healthcheck !== undefined, `${name} has a health check`);
    }
  });
});
