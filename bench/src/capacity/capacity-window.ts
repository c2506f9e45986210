// Measures one stretch of a capacity run: every tick (a few ms, sleeping in between) the sink
// answers orders; every load tick (the host conductor's tickMs) the controller, if any, gets the
// leading indicators (ring lag, conflation counters: pipeline.shedLoad()); every window the
// workers' processed-event samples are folded into the window's histogram (its p99 goes to the
// controller) and the stretch's histogram. The same inputs, at the same periods, as the host.
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { nowNs } from '@ringside/ring';
import type { ShedController } from '@ringside/hotpath';
import type { CapacityPipeline } from './capacity-pipeline.ts';

const HIGHEST_NS = 60e9;
const TICK_MS = 2;

export interface StretchResult {
  readonly ms: number;
  readonly messages: number;
  readonly events: number;
  readonly eventsPerSec: number;
  readonly processed: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  readonly missedSamples: number;
  /** Windows whose p99 exceeded the budget. */
  readonly windowsOverBudget: number;
  readonly windows: number;
  readonly maxLevel: number;
}

export function newHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_NS,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
}

function clamp(ns: number): number {
  const v = Math.round(ns);
  return v < 1 ? 1 : v > HIGHEST_NS ? HIGHEST_NS : v;
}

/** Runs `ms` of the pipeline at its current rate; the controller (optional) sees every window. */
export async function measureStretch(
  p: CapacityPipeline,
  ms: number,
  windowMs: number,
  budgetNs: number,
  shed?: ShedController,
  loadTickMs = windowMs,
): Promise<StretchResult> {
  const stretch = newHistogram();
  const window = newHistogram();
  const record = (ns: number): void => {
    const v = clamp(ns);
    stretch.recordValue(v);
    window.recordValue(v);
  };
  const t0 = nowNs();
  const start = p.published();
  p.pollSamples(() => undefined); // Samples from before this stretch are not its own.
  let missed = 0;
  let windows = 0;
  let over = 0;
  let maxLevel = shed?.level ?? 0;
  let nextWindow = t0 + windowMs * 1e6;
  let nextLoad = t0 + loadTickMs * 1e6;
  const end = t0 + ms * 1e6;
  for (;;) {
    while (p.sink.doWork() > 0);
    const now = nowNs();
    if (shed !== undefined && now >= nextLoad) {
      shed.observeLoad(p.shedLoad(), now);
      if (shed.level > maxLevel) maxLevel = shed.level;
      nextLoad += loadTickMs * 1e6;
      if (nextLoad <= now) nextLoad = now + loadTickMs * 1e6; // Late (a stall): no burst of catch-up ticks.
    }
    if (now >= nextWindow || now >= end) {
      missed += p.pollSamples(record);
      const n = window.totalCount;
      if (n > 0) {
        windows++;
        const p99 = window.getValueAtPercentile(99);
        if (p99 > budgetNs) over++;
        if (shed !== undefined) {
          shed.observeWindow({ p99Ns: p99, processed: n }, now);
          if (shed.level > maxLevel) maxLevel = shed.level;
        }
      }
      window.reset();
      nextWindow += windowMs * 1e6;
      if (now >= end) break;
    }
    await sleep(TICK_MS);
  }
  const elapsedMs = (nowNs() - t0) / 1e6;
  const finish = p.published();
  const count = stretch.totalCount;
  const at = (q: number): number => (count === 0 ? 0 : stretch.getValueAtPercentile(q));
  const result: StretchResult = {
    ms: elapsedMs,
    messages: finish.messages - start.messages,
    events: finish.events - start.events,
    eventsPerSec: ((finish.events - start.events) * 1000) / elapsedMs,
    processed: count,
    p50Ns: at(50),
    p99Ns: at(99),
    p999Ns: at(99.9),
    maxNs: count === 0 ? 0 : stretch.maxValue,
    missedSamples: missed,
    windowsOverBudget: over,
    windows,
    maxLevel,
  };
  stretch.destroy();
  window.destroy();
  return result;
}
