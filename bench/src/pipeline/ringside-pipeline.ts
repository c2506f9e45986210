// Our pipeline at one offered rate: feed-sim (synthetic ITCH over SoupBinTCP) → ingest worker
// → BroadcastRing → 2 decision workers (latency-probe strategy) → SpscQueues → gateway worker
// (OUCH 4.2) → venue-sim (immediate fills), all over loopback TCP, all real services.
import { setTimeout as sleep } from 'node:timers/promises';
import { CountersManager, CountersReader, SampleRingReader } from '@ringside/counters';
import { BroadcastRing } from '@ringside/ring';
import { startFeedSim } from '@ringside/feed-sim';
import { startVenueSim } from '@ringside/venue-sim';
import {
  readDecisionCounters,
  readGatewayCounters,
  readIngestCounters,
  startDecisionWorkers,
  startGateway,
  startIngest,
} from '@ringside/hotpath';
import type { DecisionWorkersHandle, GatewayHandle, IngestHandle } from '@ringside/hotpath';
import type { FeedSimHandle } from '@ringside/feed-sim';
import type { VenueSimHandle } from '@ringside/venue-sim';
import { DECISION_WORKERS, SYMBOLS } from './pipeline-config.ts';
import type { GcWatch } from './gc-watch.ts';
import { epochMs } from './gc-watch.ts';
import { formatSegmentBreakdown, SegmentCollector } from './segment-breakdown.ts';
import { formatThreadUsage, snapshotThreads, threadUsage } from './thread-stats.ts';
import { bounded, waitFor } from './pipeline-run.ts';
import type { PipelineRunOptions, PipelineRunResult } from './pipeline-run.ts';

const TERMINAL = ['FILLED', 'CANCELED', 'REJECTED', 'LOCAL_REJECT'];

export function describeRingsidePipeline(o: PipelineRunOptions): string {
  return (
    `ringside: feed-sim synthetic ${SYMBOLS.length} symbols at ${o.rate} msg/s (paced, sleeps ≥ ${o.feedQuantumUs} µs) → ingest (tcp, ` +
    `socket callbacks, stamp per message, publish per 8 or per read) → BroadcastRing 2^16 × 64 B → ${DECISION_WORKERS} decision workers (latency-probe every ` +
    `${o.everyEvents} events, idle ${o.decisionIdle}) → gateway (OUCH, spin ${o.gatewaySpinTurns} turns then park ≤ ` +
    `${o.gatewayMaxParkMs} ms) → venue-sim (immediate fills); feed-sim + venue-sim on the main thread`
  );
}

export async function runRingsidePipeline(o: PipelineRunOptions, gc: GcWatch): Promise<PipelineRunResult> {
  const ring = BroadcastRing.create({ capacity: 1 << 16, slotBytes: 64 });
  const counters = CountersManager.create({ capacity: 512 });
  const reader = CountersReader.attach(counters.buffers);
  let venue: VenueSimHandle | undefined;
  let feed: FeedSimHandle | undefined;
  let decision: DecisionWorkersHandle | undefined;
  let gateway: GatewayHandle | undefined;
  let ingest: IngestHandle | undefined;
  const stopAll = async (): Promise<void> => {
    await ingest?.stop().catch(() => undefined);
    await gateway?.stop().catch(() => undefined);
    await feed?.close().catch(() => undefined);
    await venue?.close().catch(() => undefined);
  };
  try {
    venue = await startVenueSim({});
    feed = await startFeedSim({
      source: { kind: 'synthetic', symbols: SYMBOLS },
      pacing: { mode: 'rate', messagesPerSecond: o.rate },
      paceQuantumUs: o.feedQuantumUs,
      durationMs: o.warmUpMs + o.measureMs + 300,
      startOn: 'first-login',
    });
    decision = startDecisionWorkers(
      {
        workers: DECISION_WORKERS,
        strategy: { name: 'latency-probe', params: { everyEvents: o.everyEvents } },
        instruments: [{ locate: 1, symbol: SYMBOLS[0] }],
        idleStrategy: o.decisionIdle,
        sampleCapacity: 1 << 18,
      },
      ring.buffer,
      counters,
    );
    await bounded('decision workers ready', Promise.all(decision.workers.map((w) => w.ready)), 15_000);
    const links = decision.workers.map((w) => ({
      workerId: w.workerId,
      orders: w.orders,
      completions: w.completions,
    }));
    gateway = startGateway(
      {
        venue: { kind: 'ouch', port: venue.port, username: 'BENCH' },
        spinTurns: o.gatewaySpinTurns,
        maxParkMs: o.gatewayMaxParkMs,
      },
      links,
      counters,
    );
    await bounded('gateway ready', gateway.ready, 15_000);
    const gw = gateway;
    const loggedIn = await waitFor(async () => ((await gw.report()).adapter['logins'] ?? 0) >= 1, 5000);
    if (!loggedIn) throw new Error('gateway did not log in to venue-sim');
    ingest = startIngest(
      { source: { kind: 'tcp', port: feed.port }, sampleCapacity: 1 << 18 },
      ring.buffer,
      counters,
    );
    await bounded('ingest ready', ingest.ready, 15_000);
    const threads = [
      ingest.worker.threadId,
      gateway.worker.threadId,
      ...decision.workers.map((w) => w.worker.threadId),
    ];

    const threadNames = new Map<number, string>([
      [ingest.worker.threadId, 'ingest'],
      [gateway.worker.threadId, 'gateway'],
      ...decision.workers.map((w): [number, string] => [w.worker.threadId, `decision-${w.workerId}`]),
    ]);

    await sleep(o.warmUpMs);
    const samples = decision.workers.map((w) => SampleRingReader.attach(w.samples, { fromTail: true }));
    const ingestSamples = SampleRingReader.attach(ingest.samples, { fromTail: true });
    const ingestBefore = readIngestCounters(reader, ingest.counterIds);
    const threadsBefore = snapshotThreads();
    const fromMs = epochMs();
    await sleep(o.measureMs);
    const toMs = epochMs();
    const threadsAfter = snapshotThreads();
    const ingestAfter = readIngestCounters(reader, ingest.counterIds);
    const segments = new SegmentCollector();
    for (const s of samples) {
      segments.startWorker();
      while (s.poll(segments.onDecisionSample) > 0);
    }
    while (ingestSamples.poll(segments.onIngestSample) > 0);
    const breakdown = segments.summarize(
      ingestAfter.reads - ingestBefore.reads,
      ingestAfter.messagesIn - ingestBefore.messagesIn,
      toMs - fromMs,
    );
    const missed = samples.reduce((a, s) => a + s.missed, ingestSamples.missed);

    // The feed ends by itself (durationMs); then every order must reach a terminal completion.
    await bounded('feed end', feed.finished, 10_000);
    const dec = decision;
    const tally = (): { orders: number; terminal: number } => {
      let orders = 0;
      let terminal = 0;
      for (const w of dec.workers) {
        const s = readDecisionCounters(reader, w.counterIds);
        orders += s.scalars['orders'] ?? 0;
        for (const k of TERMINAL) terminal += s.completions[k] ?? 0;
      }
      return { orders, terminal };
    };
    await waitFor(() => {
      const t = tally();
      return t.terminal >= t.orders;
    }, 5000);
    const ingestSummary = await bounded('ingest stop', ingest.stop(), 10_000);
    ingest = undefined;
    const { orders, terminal } = tally();
    const gwTallies = readGatewayCounters(reader, gateway.counterIds);
    const summaries = await bounded('decision stop', decision.stop(), 10_000);
    decision = undefined;
    const achieved = feed.stats().achievedRate;
    const ringLoss = summaries.reduce((a, s) => a + (s.tallies[2] ?? 0), 0);
    const gcWhole = summaries.reduce((a, s) => a + s.gcEvents, 0);
    const gcWindow = gc.active ? gc.count(threads, fromMs, toMs) : -1;
    return {
      name: 'ringside',
      offeredPerSec: o.rate,
      achievedPerSec: achieved,
      eventsIn: ingestSummary.messagesIn,
      ordersSent: orders,
      completions: terminal,
      lostOrders: orders - terminal,
      decision: breakdown.decision,
      execution: breakdown.execution,
      gcEventsInHotWorkers: gcWindow,
      notes: [
        `gateway orders_sent ${gwTallies['orders_sent']}, acks accepted ${gwTallies['ack_accepted']} executed ${gwTallies['ack_executed']}, timeouts ${gwTallies['timeouts']}`,
        `ring loss (both workers) ${ringLoss}; samples missed by the reader ${missed}`,
        gc.active
          ? `gc entries in ingest+gateway+decision threads during the measured window: ${gcWindow}; decision workers over the whole run (warm-up included): ${gcWhole}`
          : `gc probe not preloaded (module API run): only the decision workers' own count over the whole run, warm-up included: ${gcWhole}`,
        ...(gc.active
          ? [
              `gc per thread in the measured window: ${[...threadNames]
                .map(([id, name]) => `${name} ${gc.count([id], fromMs, toMs)}`)
                .join(', ')}`,
            ]
          : []),
        ...formatSegmentBreakdown(breakdown),
        ...formatThreadUsage(threadUsage(threadsBefore, threadsAfter, toMs - fromMs)),
      ],
      ...(gc.active ? {} : { gcEventsInHotWorkers: gcWhole }),
    };
  } finally {
    await decision?.stop().catch(() => undefined);
    await stopAll();
  }
}
