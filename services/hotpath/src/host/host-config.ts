// ONE validated config for the whole hot-path process (zod). Each piece keeps its own parser
// (ingest, decision, gateway, lifecycle, slow-consumer, shed, sidecar); this file checks the
// host's own fields, runs every piece's parser on its section and reports ALL problems at once
// as a HostConfigError whose issues carry the full path ("decision.workers"). Control plane.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { TradingSession } from '../admin/trading-session.ts';
import type { TradingSessionConfig } from '../admin/trading-session.ts';
import { parseLifecycleConfig } from '../conductor/lifecycle-config.ts';
import type { LifecycleConfig } from '../conductor/lifecycle-config.ts';
import { parseShedConfig } from '../conductor/shed-config.ts';
import type { ShedConfig } from '../conductor/shed-config.ts';
import { parseSlowConsumerConfig } from '../conductor/slow-consumer-config.ts';
import type { SlowConsumerConfig } from '../conductor/slow-consumer-config.ts';
import { parseDecisionConfig } from '../decision/decision-config.ts';
import type { DecisionConfig } from '../decision/decision-config.ts';
import { parseGatewayConfig } from '../gateway/gateway-config.ts';
import type { GatewayConfig } from '../gateway/gateway-config.ts';
import { parseIngestConfig } from '../ingest/ingest-config.ts';
import type { IngestConfig } from '../ingest/ingest-config.ts';
import { parseSidecarConfig } from '../sidecar/sidecar-config.ts';
import type { SidecarConfigInput } from '../sidecar/sidecar-config.ts';
import { HostConfigError, HostError, HostErrorCode } from './host-error.ts';
import type { HostConfigIssue } from './host-error.ts';

const powerOfTwo = z
  .number()
  .int()
  .min(64)
  .max(1 << 24)
  .refine((n) => (n & (n - 1)) === 0, 'must be a power of two');

const adminSchema = z.strictObject({
  /** Listen address; loopback unless an operator says otherwise. */
  bind: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (reported as adminPort). */
  port: z.number().int().min(0).max(65535).default(0),
  /** Bearer token → role. */
  tokens: z
    .record(
      z.string().min(16, 'tokens must be at least 16 characters').max(512),
      z.enum(['viewer', 'operator', 'automation']),
    )
    .refine((t) => Object.keys(t).length > 0, 'at least one token'),
  /** The approvals service's nkeys public key (U... or A...). */
  approvalPublicKey: z.string().regex(/^[UA][A-Z2-7]{55}$/, 'must be an nkeys user or account public key'),
  tradingSession: z.strictObject({
    start: z.string(),
    end: z.string(),
    timezone: z.string().min(1),
    days: z.array(z.number().int().min(0).max(6)).optional(),
  }),
  /** PEM files, relative to the config file. Absent: plaintext (loopback only, please). */
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  /** Serve gRPC reflection from this proto root (relative to the config file). */
  reflectionProtoDir: z.string().min(1).optional(),
});

const conductorSchema = z
  .strictObject({
    /** Conductor loop period (main thread, never on the hot path). */
    tickMs: z.number().int().min(5).max(1000).default(25),
    /** Latency window length: one decision p99 per window. */
    windowMs: z.number().int().min(10).max(60_000).default(250),
    /** A window with fewer decision samples carries no evidence: not fed to warm-up or shedding. */
    minWindowSamples: z.number().int().min(1).default(5),
    /** Orders in flight and no venue answer for this long → the venue counts as down (stalled). */
    venueStallMs: z.number().int().min(10).default(1000),
    /** A feed gap keeps the feed-gap condition set this long after the last one. */
    feedGapHoldMs: z.number().int().min(0).default(1000),
    /** stop(): how long to wait for every order to reach a terminal completion. */
    drainTimeoutMs: z.number().int().min(0).max(60_000).default(3000),
  })
  .default({
    tickMs: 25,
    windowMs: 250,
    minWindowSamples: 5,
    venueStallMs: 1000,
    feedGapHoldMs: 1000,
    drainTimeoutMs: 3000,
  });

/** Messages per second of a synthetic warm-up source: paced, so it never floods the ring. */
const warmUpRate = z.number().int().min(1).max(1_000_000).default(5000);
/** Messages per duty cycle (one ring publish per batch). */
const warmUpBatch = z.number().int().min(1).max(4096).default(16);

const warmUpSchema = z
  .discriminatedUnion('traffic', [
    z.strictObject({
      /** 'live': the configured feed itself warms the pipeline up (the default). */
      traffic: z.literal('live'),
    }),
    z.strictObject({
      /**
       * marketgen's synthetic books for the decision instruments' locates (and symbols), at
       * messagesPerSecond, until the warm-up gate is stable; then the live feed takes the ring.
       */
      traffic: z.literal('generator'),
      seed: z.number().int().default(1),
      messagesPerSecond: warmUpRate,
      batchMessages: warmUpBatch,
    }),
    z.strictObject({
      /** A NASDAQ-framed ITCH file (gzip allowed), relative to the config file, replayed at a rate. */
      traffic: z.literal('file'),
      path: z.string().min(1),
      messagesPerSecond: warmUpRate,
      batchMessages: warmUpBatch,
    }),
  ])
  .default({ traffic: 'live' });

const hostSchema = z.strictObject({
  /** Host name: the <host> of NATS subjects and the scope of approval tokens. */
  host: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'host must be 1..64 of [A-Za-z0-9_-]'),
  /** The one decision-latency budget; lifecycle and shed use it unless their section says otherwise. */
  decisionP99BudgetNs: z.number().positive().finite(),
  ring: z.strictObject({ capacity: powerOfTwo.default(1 << 16) }).default({ capacity: 1 << 16 }),
  ingest: z.unknown(),
  decision: z.unknown(),
  gateway: z.unknown(),
  lifecycle: z.record(z.string(), z.unknown()).default({}),
  slowConsumer: z.unknown(),
  shed: z.record(z.string(), z.unknown()).default({}),
  admin: adminSchema,
  /** Telemetry over NATS; absent: telemetry off. `host` and the latency tag names are filled in. */
  sidecar: z.record(z.string(), z.unknown()).optional(),
  conductor: conductorSchema,
  warmUp: warmUpSchema,
  /**
   * Where the host claims its session epoch at each start (session-epoch.ts), relative to the
   * config file. It must survive a process crash: two runs' client order ids are disjoint
   * because each start claims a number above the last one found here. Default:
   * <os tmpdir>/ringside-state/<host>/ (after a reboot wipes it, the clock keeps numbers increasing).
   */
  stateDir: z.string().min(1).optional(),
});

type HostShape = z.output<typeof hostSchema>;

export type HotpathConfigInput = z.input<typeof hostSchema>;

export interface HotpathAdminConfig extends Omit<HostShape['admin'], 'tls' | 'tradingSession'> {
  readonly tradingSession: TradingSessionConfig;
  /** PEM contents (read at load time). */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface HotpathConfig {
  readonly host: string;
  readonly decisionP99BudgetNs: number;
  readonly ring: { readonly capacity: number };
  readonly ingest: IngestConfig;
  readonly decision: DecisionConfig;
  readonly gateway: GatewayConfig;
  readonly lifecycle: LifecycleConfig;
  readonly slowConsumer: SlowConsumerConfig;
  readonly shed: ShedConfig;
  readonly admin: HotpathAdminConfig;
  /** Sidecar input without host / latency tags (the host fills them); undefined: telemetry off. */
  readonly sidecar: Omit<SidecarConfigInput, 'host'> | undefined;
  readonly conductor: HostShape['conductor'];
  /** Warm-up traffic (file path absolute, checked to exist at load time). */
  readonly warmUp: HostShape['warmUp'];
  /** Absolute path of the session-epoch state dir (default filled in). */
  readonly stateDir: string;
}

const pathOf = (prefix: string, path: readonly PropertyKey[]): string =>
  [prefix, ...path.map(String)].filter((p) => p.length > 0).join('.');

/** Runs one piece's parser; its failure becomes issues under `section`. */
function section<T>(issues: HostConfigIssue[], name: string, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    const cause = err instanceof Error ? err.cause : undefined;
    if (cause instanceof z.ZodError) {
      for (const i of cause.issues) issues.push({ path: pathOf(name, i.path), message: i.message });
    } else {
      const message = err instanceof Error ? err.message : String(err);
      // "invalid decision config: idleStrategy: ..." names its field: keep it in the path.
      const field = /^invalid \w+ config: ([A-Za-z][\w.]*): (.*)$/s.exec(message);
      // zod's prettified form ("✖ Too small ...\n  → at warmUpWindows") names them too.
      const pretty = [...message.matchAll(/✖ ([^\n]*)\n\s*→ at ([^\n]+)/g)];
      if (field !== null) issues.push({ path: pathOf(name, field[1]!.split('.')), message: field[2]! });
      else if (pretty.length > 0)
        for (const m of pretty) issues.push({ path: pathOf(name, m[2]!.trim().split('.')), message: m[1]! });
      else issues.push({ path: name, message });
    }
    return undefined;
  }
}

/**
 * Validates a whole host config. `baseDir` resolves relative file paths (TLS, reflection); TLS
 * files are read here so a missing one is a config error, not a start failure.
 * Throws HostConfigError listing every bad field.
 */
export function parseHotpathConfig(input: unknown, baseDir = process.cwd()): HotpathConfig {
  const r = hostSchema.safeParse(input);
  const issues: HostConfigIssue[] = [];
  if (!r.success)
    for (const i of r.error.issues) issues.push({ path: pathOf('', i.path) || '(root)', message: i.message });
  // The pieces' sections are checked even when the host's own fields are bad: every problem at once.
  const raw: Record<string, unknown> =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const ingest = section(issues, 'ingest', () => parseIngestConfig(raw['ingest']));
  const decision = section(issues, 'decision', () => parseDecisionConfig(raw['decision']));
  const gateway = section(issues, 'gateway', () => {
    for (const field of ['route', 'traces'])
      if (field in obj(raw['gateway'])) throw new Error(`${field} is set by the host, not by a config file`);
    return parseGatewayConfig(raw['gateway']);
  });
  if ('sessionEpoch' in obj(raw['decision']))
    issues.push({ path: 'decision.sessionEpoch', message: 'claimed by the host at start (see stateDir)' });
  const budget = { decisionP99BudgetNs: raw['decisionP99BudgetNs'] };
  const lifecycle = section(issues, 'lifecycle', () =>
    parseLifecycleConfig({ ...budget, ...obj(raw['lifecycle']) }),
  );
  const shed = section(issues, 'shed', () => parseShedConfig({ ...budget, ...obj(raw['shed']) }));
  const slowConsumer = section(issues, 'slowConsumer', () => parseSlowConsumerConfig(raw['slowConsumer']));
  if (decision !== undefined && decision.workers > 16)
    issues.push({ path: 'decision.workers', message: 'the ring has 16 consumer lines' });
  if (!r.success) throw new HostConfigError(issues);
  const c = r.data;
  const { days, ...hours } = c.admin.tradingSession;
  const tradingSession: TradingSessionConfig = days === undefined ? hours : { ...hours, days };
  section(issues, 'admin.tradingSession', () => new TradingSession(tradingSession));
  const sidecarInput = c.sidecar;
  if (sidecarInput !== undefined && 'host' in sidecarInput)
    issues.push({ path: 'sidecar.host', message: 'set by the top-level host field' });
  else if (sidecarInput !== undefined)
    section(issues, 'sidecar', () => parseSidecarConfig({ ...sidecarInput, host: c.host }));
  let warmUp = c.warmUp;
  if (warmUp.traffic === 'file') {
    const path = resolve(baseDir, warmUp.path);
    if (!existsSync(path)) issues.push({ path: 'warmUp.path', message: `ITCH file not found: ${path}` });
    warmUp = { ...warmUp, path };
  }
  let tls: HotpathAdminConfig['tls'];
  if (c.admin.tls !== undefined) {
    const t = c.admin.tls;
    const cert = section(issues, 'admin.tls.certFile', () => readFileSync(resolve(baseDir, t.certFile)));
    const key = section(issues, 'admin.tls.keyFile', () => readFileSync(resolve(baseDir, t.keyFile)));
    if (cert !== undefined && key !== undefined) tls = { cert, key };
  }
  if (
    issues.length > 0 ||
    ingest === undefined ||
    decision === undefined ||
    gateway === undefined ||
    lifecycle === undefined ||
    shed === undefined ||
    slowConsumer === undefined
  ) {
    throw new HostConfigError(issues);
  }
  const { tls: _tlsFiles, tradingSession: _session, reflectionProtoDir, ...admin } = c.admin;
  return {
    host: c.host,
    decisionP99BudgetNs: c.decisionP99BudgetNs,
    ring: c.ring,
    ingest,
    decision,
    gateway,
    lifecycle,
    slowConsumer,
    shed,
    admin: {
      ...admin,
      tradingSession,
      ...(tls === undefined ? {} : { tls }),
      ...(reflectionProtoDir === undefined
        ? {}
        : { reflectionProtoDir: resolve(baseDir, reflectionProtoDir) }),
    },
    sidecar: c.sidecar as Omit<SidecarConfigInput, 'host'> | undefined,
    conductor: c.conductor,
    warmUp,
    stateDir: resolve(baseDir, c.stateDir ?? join(tmpdir(), 'ringside-state', c.host)),
  };
}

/** Reads and validates a JSON config file. Throws HostError CONFIG_UNREADABLE or HostConfigError. */
export function loadHotpathConfig(path: string): HotpathConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HostError(HostErrorCode.CONFIG_UNREADABLE, `cannot read config file ${path}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HostError(
      HostErrorCode.CONFIG_UNREADABLE,
      `config file ${path} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return parseHotpathConfig(json, dirname(resolve(path)));
}
