// The named baseline: the same stages built the way a Node developer would without Ringside —
// worker_threads + MessagePort. The ingest worker reads feed-sim over TCP, decodes each ITCH
// message into an object and posts it to 2 decision workers; they post probe orders to a
// gateway worker, which answers each with a completion. Every stage is an event-loop listener.
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFeedSim } from '@ringside/feed-sim';
import type { FeedSimHandle } from '@ringside/feed-sim';
import { DECISION_WORKERS, SYMBOLS } from './pipeline-config.ts';
import { summarizeNs } from './latency-stats.ts';
import { bounded } from './pipeline-run.ts';
import type { PipelineRunOptions, PipelineRunResult } from './pipeline-run.ts';
import type { BaselineControl, BaselineReport, BaselineWorkerData } from './baseline-messages.ts';

export function describeBaselinePipeline(o: PipelineRunOptions): string {
  return (
    `baseline: same feed at ${o.rate} msg/s → ingest worker (net.Socket, Buffer.concat, naiveDecode object per ` +
    `message, postMessage to each decision worker) → ${DECISION_WORKERS} decision workers (MessagePort listeners, ` +
    `same probe rule) → gateway worker (MessagePort, answers FILLED; no venue leg)`
  );
}

interface Started {
  readonly worker: Worker;
  readonly reports: BaselineReport[];
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
}

function start(file: string, data: BaselineWorkerData, transfer: MessagePort[], name: string): Started {
  const worker = new Worker(new URL(file, import.meta.url), {
    workerData: data,
    transferList: transfer,
    name,
  });
  const reports: BaselineReport[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: BaselineReport) => {
      reports.push(m);
      if (m.kind === 'ready') resolve();
    });
    worker.once('error', reject);
  });
  ready.catch(() => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return { worker, reports, ready, exited };
}

const send = (w: Started, m: BaselineControl): void => w.worker.postMessage(m);

export async function runBaselinePipeline(o: PipelineRunOptions): Promise<PipelineRunResult> {
  let feed: FeedSimHandle | undefined;
  const all: Started[] = [];
  try {
    feed = await startFeedSim({
      source: { kind: 'synthetic', symbols: SYMBOLS },
      pacing: { mode: 'rate', messagesPerSecond: o.rate },
      paceQuantumUs: o.feedQuantumUs,
      durationMs: o.warmUpMs + o.measureMs + 300,
      startOn: 'first-login',
    });
    const toDecision: MessageChannel[] = [];
    const toGateway: MessageChannel[] = [];
    for (let i = 0; i < DECISION_WORKERS; i++) {
      toDecision.push(new MessageChannel());
      toGateway.push(new MessageChannel());
    }
    const gatewayPorts = toGateway.map((c) => c.port2);
    const gateway = start(
      './baseline-gateway-worker.ts',
      { role: 'gateway', decisions: gatewayPorts },
      gatewayPorts,
      'baseline-gateway',
    );
    const decisions = toDecision.map((c, i) => {
      const data: BaselineWorkerData = {
        role: 'decision',
        workerId: i,
        events: c.port2,
        gateway: toGateway[i]!.port1,
        everyEvents: o.everyEvents,
      };
      return start(
        './baseline-decision-worker.ts',
        data,
        [c.port2, toGateway[i]!.port1],
        `baseline-decision-${i}`,
      );
    });
    all.push(gateway, ...decisions);
    await bounded('baseline workers ready', Promise.all(all.map((w) => w.ready)), 15_000);
    const ingestPorts = toDecision.map((c) => c.port1);
    const ingest = start(
      './baseline-ingest-worker.ts',
      { role: 'ingest', port: feed.port, decisions: ingestPorts },
      ingestPorts,
      'baseline-ingest',
    );
    all.push(ingest);
    await bounded('baseline ingest ready', ingest.ready, 15_000);

    await sleep(o.warmUpMs);
    for (const d of decisions) send(d, { kind: 'mark' });
    await sleep(o.measureMs);
    for (const d of decisions) send(d, { kind: 'collect' });
    await bounded('feed end', feed.finished, 10_000);
    await bounded('baseline ingest end', ingest.exited, 10_000);
    // Let the last orders and completions cross, then ask for the totals again — until every
    // worker's orders are all completed or 5 s pass (a loaded machine delays the last messages).
    const settled = (): boolean =>
      decisions.every((d) => {
        const last = d.reports.filter((m) => m.kind === 'decision').at(-1);
        return last !== undefined && last.orders === last.completions;
      });
    const deadline = Date.now() + 5000;
    do {
      await sleep(300);
      for (const d of decisions) send(d, { kind: 'collect' });
      await sleep(200);
    } while (!settled() && Date.now() < deadline);
    const latencies: number[] = [];
    let orders = 0;
    let completions = 0;
    for (const d of decisions) {
      const r = d.reports.filter((m) => m.kind === 'decision');
      if (r.length < 2) throw new Error('a baseline decision worker did not report');
      for (const ns of r[0]!.latenciesNs) latencies.push(ns);
      orders += r[r.length - 1]!.orders;
      completions += r[r.length - 1]!.completions;
    }
    const done = ingest.reports.find((m) => m.kind === 'ingest-done');
    return {
      name: 'baseline',
      offeredPerSec: o.rate,
      achievedPerSec: feed.stats().achievedRate,
      eventsIn: done?.kind === 'ingest-done' ? done.messagesIn : 0,
      ordersSent: orders,
      completions,
      lostOrders: orders - completions,
      decision: summarizeNs(latencies),
      execution: summarizeNs([]),
      gcEventsInHotWorkers: -1,
      notes: [`ingest ended: ${done?.kind === 'ingest-done' ? done.reason : 'no report'}`],
    };
  } finally {
    for (const w of all) send(w, { kind: 'stop' });
    await Promise.race([Promise.all(all.map((w) => w.exited)), sleep(2000)]);
    await Promise.all(all.map((w) => w.worker.terminate()));
    await feed?.close().catch(() => undefined);
  }
}
