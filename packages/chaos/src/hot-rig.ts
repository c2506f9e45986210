// One trading set-up for a scenario: feed-sim (synthetic ITCH over SoupBinTCP) and venue-sim
// (OUCH 4.2) as processes, and the hot-path host process between them, configured for a 2-core
// machine (2 decision workers parking on the ring: at most the ingest and one other thread busy).
// With a topology the hot path runs alone in the hot namespace and reaches the simulators over
// its management link (they stand for the exchange) and NATS over the data link.
import path from 'node:path';
import { createUser } from '@nats-io/nkeys';
import type { KeyPair } from '@nats-io/nkeys';
import { issueApprovalToken } from '@ringside/approval-token';
import type { TwoHostTopology } from '@ringside/testkit';
import { HotpathProcess, REPO_ROOT } from './hotpath-process.ts';
import { ManagedProcess } from './managed-process.ts';

export const OPERATOR_TOKEN = 'chaos-operator-token-0123456789';
export const HOST_NAME = 'chaos-hot';

export interface HotRigOptions {
  /** Feed rate, messages/s. */
  readonly feedRate: number;
  /** Probe strategy: one order per this many events per worker. */
  readonly everyEvents?: number;
  readonly workers?: number;
  readonly venueArgs?: readonly string[];
  readonly feedArgs?: readonly string[];
  readonly decisionP99BudgetNs?: number;
  /** Trading session open now (true: restarts refused) or closed. */
  readonly sessionOpen?: boolean;
  readonly natsUrl?: string;
  readonly topology?: TwoHostTopology;
  /** Last word on the config (scenario-specific knobs). */
  readonly tweak?: (config: Record<string, unknown>) => void;
}

/**
 * A trading session window (UTC, same day: start < end) that contains now (open) or does not
 * (closed). Windows are clamped to the day, never wrapped past midnight.
 */
export function sessionWindow(
  open: boolean,
  nowMs = Date.now(),
): { start: string; end: string; timezone: string } {
  const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
  const dayStart = Math.floor(nowMs / 86_400_000) * 86_400_000;
  const dayEnd = dayStart + 86_400_000 - 60_000; // 23:59
  const hour = 3_600_000;
  if (open)
    return {
      start: hhmm(Math.max(dayStart, nowMs - hour)),
      end: hhmm(Math.min(dayEnd, nowMs + hour)),
      timezone: 'UTC',
    };
  return nowMs - dayStart >= 2 * hour
    ? { start: '00:00', end: hhmm(nowMs - hour), timezone: 'UTC' }
    : { start: hhmm(nowMs + hour), end: '23:59', timezone: 'UTC' };
}

export class HotRig {
  readonly feed: ManagedProcess;
  readonly venue: ManagedProcess;
  readonly signer: KeyPair = createUser();
  options: HotRigOptions;
  #hot: HotpathProcess | undefined;
  #feedPort = -1;
  #venuePort = -1;

  constructor(options: HotRigOptions) {
    this.options = options;
    const listenHost = options.topology?.hot.rootAddress ?? '127.0.0.1';
    this.feed = new ManagedProcess({
      name: 'feed-sim',
      command: process.execPath,
      args: [
        path.join(REPO_ROOT, 'services/feed-sim/src/main.ts'),
        '--host',
        listenHost,
        '--synthetic',
        '--symbols',
        'AAA,BBB',
        '--seed',
        '7',
        '--rate',
        String(options.feedRate),
        '--duration',
        '300',
        // Stream from the hot path's login: no backlog replayed at full speed on connect.
        '--start-on',
        'first-login',
        // info: its 'streaming' log line (pino, epoch ms) tells when its burst schedule starts.
        '--log-level',
        'info',
        ...(options.feedArgs ?? []),
      ],
    });
    this.venue = new ManagedProcess({
      name: 'venue-sim',
      command: process.execPath,
      args: [
        path.join(REPO_ROOT, 'services/venue-sim/src/main.ts'),
        '--host',
        listenHost,
        '--log-level',
        'warn',
        ...(options.venueArgs ?? []),
      ],
    });
  }

  get hot(): HotpathProcess {
    if (this.#hot === undefined) throw new Error('rig not started');
    return this.#hot;
  }
  get feedPort(): number {
    return this.#feedPort;
  }
  get venuePort(): number {
    return this.#venuePort;
  }

  approve = (action: string, target: string, requestId: string): string =>
    issueApprovalToken(this.signer, {
      requestId,
      action,
      target,
      host: HOST_NAME,
      approvers: ['chaos-harness'],
      issuedAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    }).token;

  config(): Record<string, unknown> {
    const o = this.options;
    const simHost = o.topology?.hot.rootAddress ?? '127.0.0.1';
    const budget = o.decisionP99BudgetNs ?? 5_000_000;
    const config: Record<string, unknown> = {
      host: HOST_NAME,
      decisionP99BudgetNs: budget,
      ring: { capacity: 1 << 14 },
      ingest: { source: { kind: 'tcp', host: simHost, port: this.#feedPort }, sampleCapacity: 1 << 16 },
      decision: {
        workers: o.workers ?? 2,
        strategy: { name: 'latency-probe', params: { everyEvents: o.everyEvents ?? 200 } },
        instruments: [{ locate: 1, symbol: 'AAA' }],
        idleStrategy: 'park:1000',
        sampleCapacity: 1 << 16,
      },
      gateway: {
        venue: { kind: 'ouch', host: simHost, port: this.#venuePort, username: 'CHAOS' },
        spinTurns: 4,
        maxParkMs: 1,
      },
      slowConsumer: { lagHighWater: 4_096, graceNs: 200e6, restNs: 1e9, autoReadmit: true },
      lifecycle: { warmUpWindows: 4, maxSpreadRatio: 3, recoveryStableNs: 1e9 },
      shed: {},
      admin: {
        bind: o.topology === undefined ? '127.0.0.1' : '0.0.0.0',
        port: 0,
        tokens: { [OPERATOR_TOKEN]: 'operator' },
        approvalPublicKey: this.signer.getPublicKey(),
        tradingSession: sessionWindow(o.sessionOpen ?? true),
      },
      conductor: { windowMs: 250, venueStallMs: 1_000 },
    };
    if (o.natsUrl !== undefined)
      config['sidecar'] = { natsServers: o.natsUrl, intervalMs: 200, outboxCapacity: 64 };
    o.tweak?.(config);
    return config;
  }

  async startSims(): Promise<void> {
    this.venue.start();
    this.feed.start();
    const v = await this.venue.waitForLine((x) => x['event'] === 'listening', 15_000);
    const f = await this.feed.waitForLine((x) => x['event'] === 'listening', 15_000);
    this.#venuePort = Number(v.value['port']);
    this.#feedPort = Number(f.value['port']);
  }

  /** Start (or start again after a kill) the hot path with the rig's config. */
  async startHot(): Promise<void> {
    if (this.#hot === undefined) {
      const topo = this.options.topology;
      this.#hot = new HotpathProcess({
        config: this.config(),
        adminHost: topo?.hot.mgmtAddress ?? '127.0.0.1',
        adminToken: OPERATOR_TOKEN,
        approve: this.approve,
        host: HOST_NAME,
        ...(topo === undefined ? {} : { spawner: topo.spawnIn.bind(topo, topo.hot) }),
      });
    }
    await this.#hot.start();
  }

  /**
   * The next startHot() runs a NEW hot-path process with a config rebuilt from these option
   * changes (e.g. the trading session closed); the current one must be stopped or dead.
   */
  reconfigure(changes: Partial<HotRigOptions>): void {
    if (this.#hot?.proc.running === true) throw new Error('stop the hot path before reconfiguring it');
    this.#hot?.dispose();
    this.#hot = undefined;
    this.options = { ...this.options, ...changes };
  }

  async start(): Promise<void> {
    await this.startSims();
    await this.startHot();
  }

  async stop(): Promise<void> {
    await this.#hot?.stop().catch(() => undefined);
    this.#hot?.dispose();
    await this.feed.stop();
    await this.venue.stop();
  }
}
