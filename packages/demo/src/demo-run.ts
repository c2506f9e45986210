// `ringside demo`, start to finish: Phase 1 on this host. Starts nats-server (per-service users)
// and, as child processes from their main.ts, observer, approvals, feed-sim, venue-sim, the
// hot path and automation; runs for the set duration with a live status line, one slow
// consumer and one venue stall injected; shows the automation → approval flow; then reads the
// figures back from each service, writes report.json + report.html and says where they are.
// Whatever happens (failure, Ctrl-C), every child is stopped before this returns or throws.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeReport } from '@ringside/report';
import type { Histogram } from '@ringside/contracts';
import { ApprovalFlow } from './approval-flow.ts';
import {
  ApprovalsReader,
  readAutomationAudit,
  sampleValue,
  scrapeObserver,
} from './control-plane-readback.ts';
import { DemoContext } from './demo-context.ts';
import { runMonitor } from './demo-monitor.ts';
import { DEMO_HOST, startDemoNats } from './demo-nats.ts';
import type { DemoNats } from './demo-nats.ts';
import { DemoError, DemoErrorCode } from './demo-error.ts';
import { defaultReportDir } from './demo-options.ts';
import type { DemoOptions } from './demo-options.ts';
import {
  startApprovalsService,
  startAutomationService,
  startFeedSim,
  startObserverService,
  startVenueSim,
} from './demo-services.ts';
import { chooseSlowConsumer, planFaults } from './fault-plan.ts';
import { errorText } from './grpc-unary.ts';
import { DEMO_WORKERS, startHotpathStage } from './hotpath-stage.ts';
import type { HotpathStage } from './hotpath-stage.ts';
import { chooseMarketData, feedRate, feedSimArgs } from './market-data-source.ts';
import { assembleReport } from './report-assembly.ts';
import { startSpanCounter } from './span-counter.ts';
import type { SpanCounter } from './span-counter.ts';
import type { ServiceProcess } from './service-process.ts';
import { StatusLine } from './status-line.ts';
import type { StatusSink } from './status-line.ts';

export interface DemoResult {
  readonly reportDir: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
  readonly logPath: string;
}

interface ControlPlane {
  readonly nats: DemoNats;
  readonly spans: SpanCounter | undefined;
  readonly metricsUrl: string | undefined;
  readonly approvalsAddress: string | undefined;
  readonly approvalsKey: string | undefined;
}

export async function runDemo(options: DemoOptions, out: StatusSink = process.stdout): Promise<DemoResult> {
  const reportDir = path.resolve(options.reportDir ?? defaultReportDir());
  const configDir = path.join(reportDir, 'config');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const ctx = new DemoContext(path.join(reportDir, 'services.log'), new StatusLine(out));
  // First Ctrl-C (or SIGTERM): stop at the next step and tear everything down in order. A
  // second one: exit now; the exit handler SIGKILLs every child still running.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (ctx.interrupted) {
      ctx.say(`${signal} again: killing every service now`);
      process.exit(130);
    }
    ctx.say(`${signal}: stopping every service… (again to kill them at once)`);
    ctx.interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(ctx, options, reportDir, configDir);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ctx.teardown();
    await ctx.closeLog();
  }
}

async function startControlPlane(ctx: DemoContext, configDir: string): Promise<ControlPlane> {
  const nats = await startDemoNats();
  if (!nats.ok) {
    ctx.note(
      `TELEMETRY OFF: ${nats.why}. Trading runs without it; observer, automation and approvals are not started.`,
    );
    return {
      nats,
      spans: undefined,
      metricsUrl: undefined,
      approvalsAddress: undefined,
      approvalsKey: undefined,
    };
  }
  ctx.own({ name: 'nats-server', stop: () => nats.server.stop() });
  ctx.say(`nats-server ${nats.url} (JetStream, per-service users from deploy/nats/users.conf)`);
  const spans = await startSpanCounter();
  ctx.own({ name: 'otlp-receiver', stop: () => spans.close() });
  const [observer, approvals] = await Promise.all([
    startObserverService(ctx.log, configDir, nats.url, nats.login('observer'), spans.url),
    startApprovalsService(ctx.log, configDir, nats.url, nats.login('approvals')),
  ]);
  ctx.own({ name: 'observer', stop: () => observer.proc.stop() });
  ctx.own({ name: 'approvals', stop: () => approvals.proc.stop() });
  ctx.say(`observer ${observer.metricsUrl} (spans → ${spans.url}); approvals gRPC ${approvals.address}`);
  return {
    nats,
    spans,
    metricsUrl: observer.metricsUrl,
    approvalsAddress: approvals.address,
    approvalsKey: approvals.publicKey,
  };
}

async function run(
  ctx: DemoContext,
  options: DemoOptions,
  reportDir: string,
  configDir: string,
): Promise<DemoResult> {
  const durationMs = options.durationS * 1000;
  const source = chooseMarketData(options);
  const rate = feedRate(source, options.rate, options.durationS);
  ctx.say(`ringside demo: Phase 1 on this host for ${options.durationS} s; logs in ${ctx.logPath}`);
  ctx.say(`market data: ${source.label}, ${rate} msg/s`);
  const cp = await startControlPlane(ctx, configDir);
  if (!cp.nats.ok && options.autoApprove) ctx.say('--auto-approve: no approvals service, nothing to approve');
  ctx.checkInterrupted();
  const feed = await startFeedSim(ctx.log, [
    ...feedSimArgs(source, rate, options.durationS + 5, options.seed),
    '--start-on',
    'first-login',
  ]);
  ctx.own({ name: 'feed-sim', stop: () => feed.proc.stop() });
  const venue = await startVenueSim(ctx.log, options.seed);
  ctx.own({ name: 'venue-sim', stop: () => venue.proc.stop() });
  ctx.say(`feed-sim :${feed.port} (SoupBinTCP, ITCH 5.0); venue-sim :${venue.port} (OUCH 4.2)`);
  ctx.checkInterrupted();
  const hotpath = await startHotpathStage(ctx.log, configDir, {
    feedPort: feed.port,
    venuePort: venue.port,
    locates: source.kind === 'file' ? [1] : source.symbols.map((_s, i) => i + 1),
    nats: cp.nats.ok ? { url: cp.nats.url, login: cp.nats.login('hotpath') } : undefined,
    approvalPublicKey: cp.approvalsKey,
  });
  ctx.own({ name: 'hotpath', stop: async () => void (await hotpath.stop()) });
  ctx.say(`hotpath up: admin gRPC ${hotpath.adminAddress}, ${DEMO_WORKERS} decision workers`);
  const slowConsumer = await slowConsumerOf(ctx, hotpath);
  const faults = options.noFaults ? undefined : planFaults(durationMs, slowConsumer);
  const approvals = await startAutomationStage(ctx, cp, configDir, hotpath, slowConsumer);
  ctx.checkInterrupted();
  const monitor = await runMonitor({
    ctx,
    admin: hotpath.admin,
    startedAt: hotpath.startedAt,
    durationMs,
    eventsIn: eventsCounter(cp.metricsUrl),
    faults,
    venue: venue.proc,
    approvals:
      approvals === undefined || cp.approvalsAddress === undefined
        ? undefined
        : new ApprovalFlow(ctx, approvals, cp.approvalsAddress, options.autoApprove),
    hotpathGone: () => !hotpath.proc.running,
  });
  return finish(ctx, options, reportDir, {
    cp,
    venue: venue.proc,
    hotpath,
    approvals,
    latency: monitor.lastLatency,
    source: source.label,
    rate,
  });
}

/** automation (when NATS and approvals are up) and a client of approvals for the approval flow. */
async function startAutomationStage(
  ctx: DemoContext,
  cp: ControlPlane,
  configDir: string,
  hotpath: HotpathStage,
  slowConsumer: number,
): Promise<ApprovalsReader | undefined> {
  if (!cp.nats.ok || cp.approvalsAddress === undefined) return undefined;
  const automation = await startAutomationService(
    ctx.log,
    configDir,
    cp.nats.url,
    cp.nats.login('automation'),
    hotpath.adminAddress,
    hotpath.automationToken,
    cp.approvalsAddress,
    slowConsumer,
  );
  ctx.own({ name: 'automation', stop: () => automation.proc.stop() });
  ctx.say(`automation up: runbooks ${automation.runbooks.join(', ')}`);
  const reader = new ApprovalsReader(cp.approvalsAddress);
  ctx.own({ name: 'approvals-client', stop: async () => reader.close() });
  return reader;
}

/** The ring consumer id of the worker the demo will isolate (see chooseSlowConsumer). */
async function slowConsumerOf(ctx: DemoContext, hotpath: HotpathStage): Promise<number> {
  try {
    const id = chooseSlowConsumer(await hotpath.admin.consumers());
    if (id !== undefined) return id;
  } catch (err) {
    ctx.log.write(`[demo] ListConsumers failed: ${errorText(err)}\n`);
  }
  return DEMO_WORKERS - 1;
}

/**
 * Ingest messages so far, as the observer exports them (ringside_counter label
 * ingest.messages_in): the live figure travels the real telemetry path. Undefined without NATS.
 */
function eventsCounter(metricsUrl: string | undefined): () => Promise<number | undefined> {
  return async () => {
    if (metricsUrl === undefined) return undefined;
    try {
      const { lines } = await scrapeObserver(metricsUrl);
      return sampleValue(lines, 'ringside_counter', { host: DEMO_HOST, label: 'ingest.messages_in' });
    } catch {
      return undefined;
    }
  };
}

interface FinishInputs {
  readonly cp: ControlPlane;
  readonly venue: ServiceProcess;
  readonly hotpath: HotpathStage;
  readonly approvals: ApprovalsReader | undefined;
  readonly latency: readonly Histogram[];
  readonly source: string;
  readonly rate: number;
}

async function finish(
  ctx: DemoContext,
  options: DemoOptions,
  reportDir: string,
  f: FinishInputs,
): Promise<DemoResult> {
  ctx.say('run over: stopping the hot path (orders drain), reading figures back from each service…');
  let latency: readonly Histogram[] = f.latency;
  try {
    latency = await f.hotpath.admin.latency(true);
  } catch (err) {
    ctx.note(`latency report with histograms not read: ${errorText(err)}`);
  }
  let prometheusSeries = 0;
  let observerSawHost = false;
  if (f.cp.metricsUrl !== undefined) {
    try {
      const scrape = await scrapeObserver(f.cp.metricsUrl);
      prometheusSeries = scrape.series;
      observerSawHost = sampleValue(scrape.lines, 'ringside_host_up', { host: DEMO_HOST }) === 1;
    } catch (err) {
      ctx.note(`observer /metrics not read: ${errorText(err)}`);
    }
  }
  const hostReport = await f.hotpath.stop();
  if (hostReport === undefined) ctx.note('the hot path printed no report when stopped (see services.log)');
  await ctx.stopNamed('feed-sim');
  await ctx.stopNamed('venue-sim');
  recordVenueTotals(ctx, f.venue);
  let automation = { actions: 0, incidents: 0, adminCallsOk: 0 };
  let approvals = { requested: 0, approved: 0 };
  if (f.cp.nats.ok) {
    try {
      automation = await readAutomationAudit(f.cp.nats.url, f.cp.nats.login('automation'));
    } catch (err) {
      ctx.note(`automation audit stream not read: ${errorText(err)}`);
    }
  }
  if (f.approvals !== undefined) {
    try {
      approvals = await f.approvals.counts();
    } catch (err) {
      ctx.note(`approvals not read: ${errorText(err)}`);
    }
  }
  const spansExported = await flushedSpans(ctx, f.cp);
  if (f.cp.spans !== undefined && spansExported === 0)
    ctx.note(
      `observer exported no spans: it received no order traces over NATS (${f.cp.spans.requests()} OTLP requests)`,
    );
  const report = assembleReport({
    durationMs: options.durationS * 1000,
    host: hostReport,
    observerSawHost,
    latency,
    observer: { prometheusSeries, spansExported },
    automation,
    approvals,
    events: ctx.events,
    pollStates: ctx.states,
    config: {
      durationS: options.durationS,
      marketData: f.source,
      feedRate: f.rate,
      decisionWorkers: DEMO_WORKERS,
      autoApprove: options.autoApprove,
      faults: !options.noFaults,
      telemetry: f.cp.nats.ok,
    },
    notes: ctx.notes,
  });
  const written = await writeReport(reportDir, report);
  const controlPlane = f.cp.nats.ok
    ? `automation ${report.automation.actions} actions, approvals ${report.approvals.approved}/${report.approvals.requested} approved; ` +
      `observer ${report.observer.prometheusSeries} series, ${report.observer.spansExported} spans`
    : 'control plane OFF (no NATS): no observer, automation or approvals figures';
  ctx.say(
    `done: ${report.eventsIn} events in, ${report.ordersSent} orders, ${report.completions} completions, ` +
      `${report.lostOrders} lost; ${controlPlane}`,
  );
  ctx.say(`report: ${written.htmlPath}`);
  ctx.say(`        ${written.jsonPath}`);
  // A report without the hot path's own figures is written (it says why) but the run failed.
  if (hostReport === undefined)
    throw new DemoError(
      DemoErrorCode.SERVICE_FAILED,
      `the hot path stopped without its report (exit ${JSON.stringify(await f.hotpath.proc.exited)}); see ${ctx.logPath}`,
    );
  return { reportDir, jsonPath: written.jsonPath, htmlPath: written.htmlPath, logPath: ctx.logPath };
}

/** venue-sim's own totals (its closing stats line), as a report event. */
function recordVenueTotals(ctx: DemoContext, venue: ServiceProcess): void {
  const closed = venue.lines().find((l) => l.event === 'closed');
  const stats = closed?.['stats'] as Readonly<Record<string, unknown>> | undefined;
  if (stats === undefined) return;
  const numbers: Record<string, number> = {};
  for (const k of ['ordersReceived', 'accepted', 'rejected', 'filled', 'canceled'])
    if (typeof stats[k] === 'number') numbers[k] = stats[k];
  ctx.event({
    kind: 'venue',
    reason: 'venue-sim totals at close (its own count)',
    subject: 'venue-sim',
    numbers,
  });
}

/** Stops the observer (its shutdown flushes queued spans), then counts what arrived. */
async function flushedSpans(ctx: DemoContext, cp: ControlPlane): Promise<number> {
  if (cp.spans === undefined) return 0;
  await ctx.stopNamed('observer');
  return cp.spans.spans();
}
