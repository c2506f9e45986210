// startHotpathHost: assembles the whole hot path into one running process — counters, the
// BroadcastRing, decision workers, the gateway (warm-up orders to its local sink), ingest, the
// optional telemetry sidecar, the conductor loop and the gRPC admin server — and takes it apart
// again on stop(), draining orders first. The API other tools build on (demo, chaos suite, the
// CLI) is the HotpathHost interface below: keep it small and stable.
import { CountersManager, CountersReader, createSampleRingBuffer } from '@ringside/counters';
import { BroadcastRing, nowNs } from '@ringside/ring';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { AdminAuditRecord, AdminBackend } from '../admin/admin-backend.ts';
import { startAdminServer } from '../admin/admin-server.ts';
import type { AdminServerHandle } from '../admin/admin-server.ts';
import { Lifecycle } from '../conductor/lifecycle.ts';
import { lifecycleStateName } from '../conductor/lifecycle-state.ts';
import type { LifecycleTransition } from '../conductor/lifecycle-state.ts';
import { ShedController } from '../conductor/shed-controller.ts';
import { SlowConsumerPolicy } from '../conductor/slow-consumer-policy.ts';
import { startDecisionWorkers } from '../decision/decision-controller.ts';
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import { MarketEventDescriptor } from '../events/market-event-descriptor.ts';
import { GatewayRoute, createGatewayRouteBuffer } from '../gateway/gateway-config.ts';
import { startGateway } from '../gateway/gateway-controller.ts';
import type { GatewayHandle } from '../gateway/gateway-controller.ts';
import { startIngest } from '../ingest/ingest-controller.ts';
import type { IngestHandle } from '../ingest/ingest-controller.ts';
import { EventQueueWriter, createEventQueueBuffers } from '../sidecar/event-queue.ts';
import { parseSidecarConfig } from '../sidecar/sidecar-config.ts';
import { startSidecar } from '../sidecar/sidecar-controller.ts';
import type { SidecarHandle } from '../sidecar/sidecar-controller.ts';
import type { SidecarStats } from '../sidecar/sidecar-messages.ts';
import { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import { createTraceRingBuffer } from '../sidecar/trace-sampler.ts';
import { CompletionReason } from '../orders/completion-descriptor.ts';
import { claimSessionEpoch } from '../orders/session-epoch.ts';
import type { SessionEpoch } from '../orders/session-epoch.ts';
import { Conductor } from './conductor.ts';
import { HostAdminBackend } from './host-admin-backend.ts';
import type { HotpathConfig } from './host-config.ts';
import { HostError, HostErrorCode } from './host-error.ts';
import { buildHostReport, terminalTally } from './host-tally.ts';
import { hostLatencyTagSpace } from './latency-tag-space.ts';
import type { HostReport, HostTransitionRecord } from './host-report.ts';
import { FeedHealth } from './session-health.ts';
import { SourceSwitchLifecycle } from './warm-up-lifecycle.ts';
import { SwitchableIngest, armWarmUpSwitch, startWarmUpIngest } from './warm-up-switch.ts';
import { SegmentLatencyFolder } from './segment-latency.ts';

export interface HotpathHostOptions {
  /** Default: pino JSON lines on stderr (stdout stays free for a harness), level RINGSIDE_LOG_LEVEL or info. */
  readonly logger?: Logger;
  /** Wall clock (unix ms) for the admin server's trading-session checks; tests move it. */
  readonly now?: () => number;
  /** Bound on each piece coming up (default 15 s). */
  readonly startTimeoutMs?: number;
}

/** A running hot path. Every method is safe to call from the main thread at any time. */
export interface HotpathHost {
  readonly config: HotpathConfig;
  /** The admin gRPC server's port (config admin.port, or the free port picked for 0). */
  readonly adminPort: number;
  /** What the admin server drives: the same object an in-process caller may use. */
  readonly backend: AdminBackend;
  /** Lifecycle state name now: INIT, WARM_UP, READY or DEGRADED. */
  state(): string;
  /** Every lifecycle transition since start, oldest first (reason, monotonic and wall stamps). */
  lifecycleHistory(): readonly HostTransitionRecord[];
  /** Called on each transition from now on; returns the unsubscribe. */
  onTransition(listener: (t: HostTransitionRecord) => void): () => void;
  /** Resolves with the first transition INTO `state` (past or future); rejects after timeoutMs. */
  waitForState(state: string, timeoutMs: number): Promise<HostTransitionRecord>;
  /** Counters, latency and control-loop totals now. */
  report(): Promise<HostReport>;
  /**
   * Graceful stop: conductor loop off, ingest logged out, then waits (conductor.drainTimeoutMs)
   * until every order has a terminal completion (the rest are counted lost), then stops the
   * workers, the sidecar and the admin server (watch streams end cleanly). Idempotent.
   */
  stop(): Promise<HostReport>;
}

const recordOf = (t: LifecycleTransition): HostTransitionRecord => ({
  from: lifecycleStateName(t.from),
  to: lifecycleStateName(t.to),
  reason: t.reason,
  monoNs: t.monoNs,
  wallMs: t.wallMs,
  trusted: t.trusted,
});

async function bounded<T>(label: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new HostError(HostErrorCode.START_FAILED, `${label}: not done in ${ms} ms`)),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function claimSessionEpochOrFail(stateDir: string): SessionEpoch {
  try {
    return claimSessionEpoch(stateDir);
  } catch (err) {
    throw new HostError(
      HostErrorCode.START_FAILED,
      `session epoch: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function defaultHostLogger(): Logger {
  return pino(
    { name: 'ringside-hotpath', level: process.env['RINGSIDE_LOG_LEVEL'] ?? 'info' },
    pino.destination(2),
  );
}

/** Starts everything; throws HostError START_FAILED (after tearing down what started) if a piece fails. */
export async function startHotpathHost(
  config: HotpathConfig,
  options: HotpathHostOptions = {},
): Promise<HotpathHost> {
  const log = options.logger ?? defaultHostLogger();
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const startedAt = new Date();
  const startNs = nowNs();
  const counters = CountersManager.create({ capacity: 2048 });
  const reader = CountersReader.attach(counters.buffers);
  const ring = BroadcastRing.create({
    capacity: config.ring.capacity,
    slotBytes: MarketEventDescriptor.SLOT_BYTES,
  });
  const state = TelemetryStateWriter.create();
  const eventBuffers = config.sidecar === undefined ? undefined : createEventQueueBuffers();
  const events = eventBuffers === undefined ? undefined : new EventQueueWriter(eventBuffers);
  const lifecycleSinks = { state, ...(events === undefined ? {} : { events }) };
  // A synthetic warm-up (generator / file) keeps READY back until the ring switched to the live feed.
  const switching =
    config.warmUp.traffic === 'live'
      ? undefined
      : new SourceSwitchLifecycle(config.lifecycle, lifecycleSinks, startNs);
  const lifecycle = switching ?? new Lifecycle(config.lifecycle, lifecycleSinks, startNs);
  const route = createGatewayRouteBuffer(GatewayRoute.SINK);
  // Sidecar defaults resolved here: the host sizes the trace ring the gateway writes.
  const telemetry =
    config.sidecar === undefined ? undefined : parseSidecarConfig({ ...config.sidecar, host: config.host });
  const traceRing =
    telemetry === undefined || telemetry.traceEvery === 0
      ? undefined
      : createTraceRingBuffer(telemetry.traceCapacity, telemetry.traceEvery);

  let decision: DecisionWorkersHandle | undefined;
  let gateway: GatewayHandle | undefined;
  let ingest: IngestHandle | undefined;
  let sidecar: SidecarHandle | undefined;
  let admin: AdminServerHandle | undefined;
  const teardown = async (): Promise<void> => {
    await admin?.close(500).catch(() => undefined);
    await ingest?.stop().catch(() => undefined);
    await decision?.stop().catch(() => undefined);
    await gateway?.stop().catch(() => undefined);
    await sidecar?.stop().catch(() => undefined);
  };

  try {
    // Claimed before any worker exists, so no order of this run can carry an earlier run's ids.
    const session = claimSessionEpochOrFail(config.stateDir);
    log.info(
      { sessionEpoch: session.epoch, sessionNumber: session.sessionNumber, claim: session.claimPath },
      `session epoch ${session.epoch}`,
    );
    decision = startDecisionWorkers(
      { ...config.decision, sessionEpoch: session.epoch },
      ring.buffer,
      counters,
    );
    const descriptions = await bounded(
      'decision workers ready',
      Promise.all(decision.workers.map((w) => w.ready)),
      timeoutMs,
    );
    const links = decision.workers.map((w) => ({
      workerId: w.workerId,
      orders: w.orders,
      completions: w.completions,
    }));
    gateway = startGateway(config.gateway, links, counters, {
      route,
      describe: false,
      ...(traceRing === undefined ? {} : { traces: traceRing }),
    });
    await bounded('gateway ready', gateway.ready, timeoutMs);

    const sinks = { state, ...(events === undefined ? {} : { events }) };
    const shed = new ShedController(config.shed, { ...sinks, flags: new Int32Array(decision.flags) });
    const consumers = new SlowConsumerPolicy(ring, config.slowConsumer, sinks);
    descriptions.forEach((d, i) => {
      // The worker claims a free consumer line itself and says which in its ready line.
      const line = /consumer (\d+)/.exec(d);
      if (line === null)
        throw new HostError(HostErrorCode.START_FAILED, `decision-${i}: no consumer line in "${d}"`);
      consumers.watch(Number(line[1]), `decision-${decision?.workers[i]?.workerId ?? i}`);
    });

    const feed = new FeedHealth(
      switching === undefined ? config.ingest.source.kind : config.warmUp.traffic,
      config.conductor.feedGapHoldMs,
    );
    const liveSamples = createSampleRingBuffer(config.ingest.sampleCapacity);
    const startLive = (): IngestHandle => {
      const live = startIngest(config.ingest, ring.buffer, counters, { samples: liveSamples });
      live.onStatus((e) => {
        feed.onStatus(e);
        log.info({ feed: e }, `feed ${e.kind}`);
      });
      live.done.then(
        (s) => feed.ended(`ingest finished: ${s.reason}`),
        (err: unknown) => {
          feed.ended('ingest worker failed');
          log.error({ err }, 'ingest worker failed');
        },
      );
      return live;
    };
    const consumerLines = descriptions.map((d) => Number(/consumer (\d+)/.exec(d)?.[1] ?? -1));
    const switchParts =
      switching === undefined
        ? undefined
        : {
            config,
            ring,
            counters,
            reader,
            decision,
            consumerLines,
            lifecycle: switching,
            feed,
            events,
            log,
            timeoutMs,
            startLive,
            // The conductor is built below; the switch runs only after its ticks started.
            nextTick: () =>
              new Promise<void>((resolve) => {
                if (late.conductor === undefined) resolve();
                else late.conductor.afterTick(resolve);
              }),
            released: () => late.conductor?.noteTransitions(),
          };
    const late: { conductor?: Conductor } = {};
    if (switchParts === undefined) {
      ingest = startLive();
    } else {
      const warm = startWarmUpIngest(switchParts);
      warm.done.then(
        (s) => log.info({ summary: s }, `warm-up ingest finished: ${s.reason}`),
        (err: unknown) => {
          feed.ended('warm-up ingest worker failed');
          log.error({ err }, 'warm-up ingest worker failed');
        },
      );
      ingest = new SwitchableIngest(warm);
    }
    await bounded('ingest ready', ingest.ready, timeoutMs);

    if (config.sidecar !== undefined && eventBuffers !== undefined) {
      // Every sample ring, each in its own tag range (latency-tag-space.ts): no histogram mixes workers.
      const tagSpace = hostLatencyTagSpace({
        gateway: gateway.samples,
        decision: decision.workers.map((w) => ({ workerId: w.workerId, samples: w.samples })),
        ingest: liveSamples,
      });
      sidecar = startSidecar(
        {
          ...config.sidecar,
          host: config.host,
          latencyTags: { ...tagSpace.latencyTags, ...config.sidecar.latencyTags },
          // Trace STRATEGY = strategy id = decision worker id; REASON = CompletionReason.
          strategyNames: config.sidecar.strategyNames ?? strategyNamesOf(decision),
          reasonNames: config.sidecar.reasonNames ?? COMPLETION_REASON_NAMES,
        },
        {
          counters: counters.buffers,
          sampleRings: tagSpace.sampleRings,
          traceRings: traceRing === undefined ? [] : [traceRing],
          state: state.buffer,
          events: eventBuffers,
        },
      );
      watchTelemetry(sidecar, log);
    } else {
      log.warn('telemetry off: no sidecar section in the config (nothing is published to NATS)');
    }

    const conductor = new Conductor(
      { config, counters: reader, decision, gateway, ingest, lifecycle, shed, consumers, feed, events, log },
      startNs,
    );
    late.conductor = conductor;
    const stopWarmUp =
      switchParts === undefined || !(ingest instanceof SwitchableIngest)
        ? undefined
        : armWarmUpSwitch(switchParts, ingest);
    const latency = new SegmentLatencyFolder(gateway.samples);
    const backend = new HostAdminBackend(
      {
        host: config.host,
        conductor,
        lifecycle,
        shed,
        consumers,
        decision,
        state,
        events,
        latency,
        log,
        startedAt,
      },
      state.buffer,
    );
    const audit = (r: AdminAuditRecord): void => {
      log.info({ audit: r }, `admin ${r.method} by ${r.role}: ${r.codeName}`);
      events?.offer(
        {
          kind: 'admin.call',
          reason: `${r.method} by ${r.role}: ${r.codeName}${r.details === '' ? '' : ` (${r.details})`}`,
          numbers: { code: r.code },
          labels: { method: r.method, role: r.role, code: r.codeName },
          trusted: lifecycle.trusted,
        },
        nowNs(),
      );
    };
    admin = await startAdminServer({
      host: config.admin.bind,
      port: config.admin.port,
      backend,
      tokens: config.admin.tokens,
      approvals: { publicKey: config.admin.approvalPublicKey, host: config.host },
      tradingSession: config.admin.tradingSession,
      audit,
      ...(config.admin.tls === undefined ? {} : { tls: config.admin.tls }),
      ...(config.admin.reflectionProtoDir === undefined
        ? {}
        : { reflectionProtoDir: config.admin.reflectionProtoDir }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });

    lifecycle.startWarmUp(
      nowNs(),
      switching === undefined
        ? `pipeline up (${config.decision.workers} decision workers, live feed): warm-up orders go to the gateway's sink`
        : `pipeline up (${config.decision.workers} decision workers): warm-up on ${config.warmUp.traffic === 'file' ? 'replayed' : 'generated'} traffic, orders to the gateway's sink; the live feed takes the ring once stable`,
    );
    conductor.noteTransitions();
    conductor.start();
    log.info({ adminPort: admin.port, host: config.host }, 'hot path host started');

    return assembleHost({
      config,
      log,
      admin,
      backend,
      conductor,
      decision,
      gateway,
      ingest,
      sidecar,
      lifecycle,
      shed,
      reader,
      latency,
      ring,
      events,
      stopWarmUp,
    });
  } catch (err) {
    await teardown();
    if (err instanceof HostError) throw err;
    throw new HostError(
      HostErrorCode.START_FAILED,
      `hot path host did not start: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/** CompletionReason code → name (index 0, NONE: no reason). */
const COMPLETION_REASON_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [name, code] of Object.entries(CompletionReason)) names[code] = code === 0 ? '' : name;
  return Array.from(names, (n) => n ?? '');
})();

function strategyNamesOf(decision: DecisionWorkersHandle): string[] {
  const names: string[] = [];
  for (const w of decision.workers) names[w.workerId] = `decision-${w.workerId}`;
  return Array.from(names, (n, i) => n ?? `strategy_${i}`);
}

function watchTelemetry(sidecar: SidecarHandle, log: Logger): void {
  let connected: boolean | undefined;
  sidecar.onStats((s: SidecarStats) => {
    if (s.connected === connected) return;
    connected = s.connected;
    if (s.connected) log.info('telemetry on: connected to NATS');
    else
      log.warn(
        { lastError: s.lastError, dropped: s.dropped },
        'telemetry off: NATS unreachable (trading is unaffected; snapshots are dropped, counted, until it is back)',
      );
  });
}

interface HostParts {
  readonly config: HotpathConfig;
  readonly log: Logger;
  readonly admin: AdminServerHandle;
  readonly backend: HostAdminBackend;
  readonly conductor: Conductor;
  readonly decision: DecisionWorkersHandle;
  readonly gateway: GatewayHandle;
  readonly ingest: IngestHandle;
  readonly sidecar: SidecarHandle | undefined;
  readonly lifecycle: Lifecycle;
  readonly shed: ShedController;
  readonly reader: CountersReader;
  readonly latency: SegmentLatencyFolder;
  readonly ring: BroadcastRing;
  readonly events: EventQueueWriter | undefined;
  /** Synthetic warm-up: waits for a switch under way and keeps a new one from starting. */
  readonly stopWarmUp: (() => Promise<void>) | undefined;
}

function assembleHost(p: HostParts): HotpathHost {
  const listeners = new Set<(t: HostTransitionRecord) => void>();
  p.conductor.onTransition((t) => {
    const r = recordOf(t);
    for (const l of listeners) l(r);
  });
  let stopping: Promise<HostReport> | undefined;
  const report = (): HostReport => buildHostReport(p);

  const stop = async (): Promise<HostReport> => {
    const { config, log, conductor } = p;
    conductor.stop();
    await p.stopWarmUp?.().catch((err: unknown) => log.warn({ err }, 'warm-up switch'));
    await bounded('ingest stop', p.ingest.stop(), 10_000).catch((err: unknown) =>
      log.warn({ err }, 'ingest stop'),
    );
    // Drain: every order sent must come back with a terminal completion, or be counted lost.
    const deadline = Date.now() + config.conductor.drainTimeoutMs;
    for (;;) {
      const t = terminalTally(p.reader, p.decision);
      if (t.terminal >= t.orders || Date.now() >= deadline) break;
      await sleep(20);
    }
    p.backend.close();
    await p.admin.close(1000);
    await bounded('decision stop', p.decision.stop(), 10_000).catch((err: unknown) =>
      log.warn({ err }, 'decision stop'),
    );
    await bounded('gateway stop', p.gateway.stop(), 10_000).catch((err: unknown) =>
      log.warn({ err }, 'gateway stop'),
    );
    p.events?.offer({ kind: 'host.stopped', reason: 'graceful stop' }, nowNs());
    await p.sidecar?.stop().catch((err: unknown) => log.warn({ err }, 'sidecar stop'));
    const final = report();
    p.latency.close();
    log.info({ lostOrders: final.lostOrders, ordersSent: final.ordersSent }, 'hot path host stopped');
    return final;
  };

  return {
    config: p.config,
    adminPort: p.admin.port,
    backend: p.backend,
    state: () => p.lifecycle.stateName,
    lifecycleHistory: () => p.conductor.transitions.map(recordOf),
    onTransition: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForState: (state, timeoutMs) =>
      new Promise((resolve, reject) => {
        const past = p.conductor.transitions.find((t) => lifecycleStateName(t.to) === state);
        if (past !== undefined) {
          resolve(recordOf(past));
          return;
        }
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`state ${state} not reached in ${timeoutMs} ms (now ${p.lifecycle.stateName})`));
        }, timeoutMs);
        const listener = (t: HostTransitionRecord): void => {
          if (t.to !== state) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(t);
        };
        listeners.add(listener);
      }),
    report: () => Promise.resolve(report()),
    stop: () => (stopping ??= stop()),
  };
}
