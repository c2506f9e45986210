// Warm-up on generated or replayed traffic (warmUp.traffic 'generator' | 'file'), control
// plane on the main thread. The ring gets a paced synthetic producer first; the pipeline runs
// to the gateway's sink until SourceSwitchLifecycle's gate is stable; then, before READY:
//   1. the warm-up ingest worker stops (it gives the producer role back);
//   2. every active decision consumer drains the ring to its tail (no warm-up event left);
//   3. every decision worker gets DecisionCommand.RESET and acknowledges it (its COMMANDS
//      counter moves): no book of warm-up data survives into live trading;
//   4. the live ingest worker takes the producer role on the same ring, continuing its
//      sequence (a consumer sees no gap: the producer starts at the shared TAIL);
//   5. after the feed is up and a conductor tick has seen it, release() → READY, and the
//      conductor flips the gateway's route to the venue.
// Until then everything is untrusted (the lifecycle's WARM_UP), as with a live warm-up.
import type { CountersManager, CountersReader } from '@ringside/counters';
import { ConsumerState, nowNs } from '@ringside/ring';
import type { BroadcastRing } from '@ringside/ring';
import type { Logger } from 'pino';
import type { DecisionWorkersHandle } from '../decision/decision-controller.ts';
import { readDecisionCounters } from '../decision/decision-counters.ts';
import { DecisionCommand } from '../decision/decision-status.ts';
import { startIngest } from '../ingest/ingest-controller.ts';
import type { IngestHandle } from '../ingest/ingest-controller.ts';
import type { IngestConfigInput } from '../ingest/ingest-config.ts';
import type { IngestStatusEvent, IngestSummary } from '../ingest/ingest-status.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { HotpathConfig } from './host-config.ts';
import type { FeedHealth } from './session-health.ts';
import type { WarmUpWorkerExtra } from './warm-up-ingest-worker.ts';
import type { SourceSwitchLifecycle } from './warm-up-lifecycle.ts';
import { warmUpSymbols } from './warm-up-sources.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The ingest handle the conductor and the report read: whichever worker holds the ring now. */
export class SwitchableIngest implements IngestHandle {
  current: IngestHandle;
  constructor(first: IngestHandle) {
    this.current = first;
  }
  get config(): IngestHandle['config'] {
    return this.current.config;
  }
  get worker(): IngestHandle['worker'] {
    return this.current.worker;
  }
  get counterIds(): IngestHandle['counterIds'] {
    return this.current.counterIds;
  }
  get samples(): SharedArrayBuffer {
    return this.current.samples;
  }
  get ready(): Promise<string> {
    return this.current.ready;
  }
  get done(): Promise<IngestSummary> {
    return this.current.done;
  }
  onStatus(listener: (event: IngestStatusEvent) => void): void {
    this.current.onStatus(listener);
  }
  stop(): Promise<IngestSummary> {
    return this.current.stop();
  }
}

/** The ingest config of the warm-up worker (the source kind picks file or generator). */
export function warmUpIngestConfig(config: HotpathConfig): IngestConfigInput {
  const w = config.warmUp;
  if (w.traffic === 'live') throw new Error('live warm-up has no separate source');
  return {
    source:
      w.traffic === 'file'
        ? { kind: 'file', path: w.path, batchMessages: w.batchMessages }
        : { kind: 'generator', messages: Number.MAX_SAFE_INTEGER, batchMessages: w.batchMessages },
    idleStrategy: 'park:500',
    sampleCapacity: config.ingest.sampleCapacity,
  };
}

export interface WarmUpSwitchParts {
  readonly config: HotpathConfig;
  readonly ring: BroadcastRing;
  readonly counters: CountersManager;
  readonly reader: CountersReader;
  readonly decision: DecisionWorkersHandle;
  /** The decision workers' consumer lines. */
  readonly consumerLines: readonly number[];
  readonly lifecycle: SourceSwitchLifecycle;
  readonly feed: FeedHealth;
  readonly events: EventQueueWriter | undefined;
  readonly log: Logger;
  readonly timeoutMs: number;
  /** Starts the live ingest worker (the host wires its status and done). */
  readonly startLive: () => IngestHandle;
  /** Resolves after the conductor's next tick. */
  readonly nextTick: () => Promise<void>;
  /** Called once READY (or DEGRADED) was reached, to note the transitions (route flip). */
  readonly released: () => void;
}

export function startWarmUpIngest(p: WarmUpSwitchParts): IngestHandle {
  const w = p.config.warmUp;
  const extra: WarmUpWorkerExtra = {
    warmUpSymbols: warmUpSymbols(p.config.decision.instruments),
    warmUpSeed: w.traffic === 'generator' ? w.seed : 0,
    warmUpMessagesPerSecond: w.traffic === 'live' ? 0 : w.messagesPerSecond,
  };
  return startIngest(warmUpIngestConfig(p.config), p.ring.buffer, p.counters, {
    worker: new URL('./warm-up-ingest-worker.ts', import.meta.url),
    extra: { ...extra },
    name: 'ingest-warmup',
  });
}

/** What the switch did, for the log and the test. */
export interface WarmUpSwitchResult {
  readonly warmUpEvents: number;
  readonly ringSequenceAtSwitch: number;
  readonly resetWorkers: number;
}

/** Steps 1–5 above; `ingest.current` is the warm-up handle on entry. Throws on a bounded wait. */
export async function switchToLive(
  p: WarmUpSwitchParts,
  ingest: SwitchableIngest,
  stopped: () => boolean,
): Promise<WarmUpSwitchResult> {
  const summary = await ingest.current.stop();
  const tail = p.ring.tail();
  const deadline = Date.now() + p.timeoutMs;
  const drained = (): boolean =>
    p.consumerLines.every(
      (line) => p.ring.consumerState(line) !== ConsumerState.ACTIVE || p.ring.cursor(line) === tail,
    );
  for (let i = 0; i < 100_000 && !drained(); i++) {
    if (Date.now() > deadline)
      throw new Error(`decision consumers did not drain the warm-up events to ${tail}`);
    await sleep(2);
  }
  const commandsOf = (i: number): number =>
    readDecisionCounters(p.reader, p.decision.workers[i]!.counterIds).scalars['commands'] ?? 0;
  const before = p.decision.workers.map((_, i) => commandsOf(i));
  for (const w of p.decision.workers) {
    const status = p.decision.command(w.workerId, DecisionCommand.RESET);
    if (status < 0) throw new Error(`decision-${w.workerId}: RESET refused (command queue status ${status})`);
  }
  const acked = (): boolean => before.every((n, i) => commandsOf(i) > n);
  for (let i = 0; i < 100_000 && !acked(); i++) {
    if (Date.now() > deadline) throw new Error('decision workers did not acknowledge RESET');
    await sleep(2);
  }
  if (stopped()) return { warmUpEvents: summary.messagesIn, ringSequenceAtSwitch: tail, resetWorkers: 0 };
  if (p.config.ingest.source.kind === 'tcp')
    p.feed.onStatus({ kind: 'disconnected', reason: 'live feed not logged in yet', willReconnect: true });
  const live = p.startLive();
  ingest.current = live;
  await live.ready;
  for (let i = 0; i < 100_000 && !p.feed.up && !stopped() && Date.now() < deadline; i++) await sleep(10);
  await p.nextTick();
  return {
    warmUpEvents: summary.messagesIn,
    ringSequenceAtSwitch: tail,
    resetWorkers: p.decision.workers.length,
  };
}

/** Wires the lifecycle's onStable to the switch; returns a stop that waits for a switch under way. */
export function armWarmUpSwitch(p: WarmUpSwitchParts, ingest: SwitchableIngest): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  const w = p.config.warmUp;
  const label = w.traffic === 'file' ? `replayed ITCH file ${w.path}` : 'generated traffic';
  p.lifecycle.onStable = (verdict) => {
    const head = `warm-up on ${label} stable: ${verdict.stableWindows} windows, spread ${verdict.spread.toFixed(3)}`;
    p.log.info(head + ': switching the ring to the live feed');
    running = switchToLive(p, ingest, () => stopped).then(
      (r) => {
        if (stopped) return;
        const reason = `${head}; ${r.warmUpEvents} warm-up events, books reset in ${r.resetWorkers} workers, live feed from ring sequence ${r.ringSequenceAtSwitch}`;
        p.log.info({ switch: r }, reason);
        p.events?.offer({ kind: 'host.warmup_switch', reason, numbers: { ...r }, trusted: false }, nowNs());
        p.lifecycle.release(nowNs());
        p.released();
      },
      (err: unknown) => {
        p.feed.ended('warm-up switch to the live feed failed');
        p.log.error({ err }, 'warm-up switch to the live feed failed: the host stays in WARM_UP');
      },
    );
  };
  return async () => {
    stopped = true;
    await running;
  };
}
