// Watches the hot path over its admin API while a scenario runs: every period it asks Status
// (lifecycle, shed level, consumers) and LatencyReport (the whole-run decision HdrHistogram,
// encoded), and tags each sample with the phase the scenario is in ("baseline", "fault",
// "recovery"). A phase's decision p99 is the p99 of the histogram DIFFERENCE across the phase
// (end − start: exactly the orders recorded in it, not a run-long average); the time a state
// was first seen gives detection and recovery times.
import { lifecycleStateFromJSON, lifecycleStateToJSON } from '@ringside/contracts';
import type { ConsumerStatus } from '@ringside/contracts';
import { decodeHistogram } from '@ringside/counters';
import type { ChaosAdminClient } from './admin-client.ts';

export interface HotSample {
  readonly atMs: number;
  readonly phase: string;
  /** READY, WARM_UP, DEGRADED, INIT ('' when the call failed). */
  readonly state: string;
  readonly reason: string;
  readonly shedLevel: number;
  readonly trusted: boolean;
  readonly consumers: readonly ConsumerStatus[];
  /** Whole-run decision p99 so far, ns (-1 when none was reported). */
  readonly decisionP99Ns: number;
  readonly decisionCount: number;
  /** Whole-run decision histogram (encodeHistogram of @ringside/counters), '' if none. */
  readonly decisionHdr: string;
}

export function stateName(state: number): string {
  return lifecycleStateToJSON(lifecycleStateFromJSON(state)).replace('LIFECYCLE_STATE_', '');
}

export class HotWatch {
  readonly samples: HotSample[] = [];
  /** Set by the scenario; samples before it says otherwise are start-up (warm-up). */
  phase = 'startup';
  readonly #admin: () => ChaosAdminClient | undefined;
  readonly #periodMs: number;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;

  /** `admin` is a getter: the hot path may be restarted (a new client) during the run. */
  constructor(admin: () => ChaosAdminClient | undefined, periodMs = 250) {
    this.#admin = admin;
    this.#periodMs = periodMs;
  }

  start(): void {
    this.#timer = setInterval(() => {
      if (this.#busy) return;
      this.#busy = true;
      void this.sample().finally(() => (this.#busy = false));
    }, this.#periodMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async sample(): Promise<HotSample> {
    const admin = this.#admin();
    const phase = this.phase;
    const atMs = Date.now();
    let s: HotSample = {
      atMs,
      phase,
      state: '',
      reason: 'admin API not answering',
      shedLevel: -1,
      trusted: false,
      consumers: [],
      decisionP99Ns: -1,
      decisionCount: 0,
      decisionHdr: '',
    };
    if (admin !== undefined) {
      try {
        const [status, latency] = await Promise.all([admin.status(), admin.latencyReport(true)]);
        const st = status.state;
        const decision = latency.segments.find((h) => h.name === 'decision');
        s = {
          atMs,
          phase,
          state: st === undefined ? '' : stateName(st.state),
          reason: st?.reason ?? '',
          shedLevel: st?.shedLevel ?? -1,
          trusted: st?.trusted ?? false,
          consumers: st?.consumers ?? [],
          decisionP99Ns: decision !== undefined && decision.count > 0 ? decision.p99Ns : -1,
          decisionCount: Number(decision?.count ?? 0),
          decisionHdr: decision?.encodedHdr ?? '',
        };
      } catch {
        // not answering: recorded as such
      }
    }
    this.samples.push(s);
    return s;
  }

  inPhase(phase: string): HotSample[] {
    return this.samples.filter((s) => s.phase === phase);
  }

  /** Decision p99 (ns) and count of the orders recorded between two samples (-1: no histogram). */
  static p99Between(
    from: HotSample | undefined,
    to: HotSample | undefined,
  ): { p99Ns: number; count: number } {
    if (to === undefined || to.decisionHdr === '') return { p99Ns: -1, count: 0 };
    const end = decodeHistogram(to.decisionHdr);
    if (from !== undefined && from.decisionHdr !== '') end.subtract(decodeHistogram(from.decisionHdr));
    const count = end.totalCount;
    return { p99Ns: count > 0 ? end.getValueAtPercentile(99) : -1, count };
  }

  /** The last sample with a histogram at or before `ms`. */
  lastAtOrBefore(ms: number): HotSample | undefined {
    let found: HotSample | undefined;
    for (const s of this.samples) if (s.atMs <= ms && s.decisionHdr !== '') found = s;
    return found;
  }

  /** Decision p99 of the orders recorded during one contiguous phase (-1 if none). */
  p99Of(phase: string): number {
    const inPhase = this.samples.filter((s) => s.phase === phase && s.decisionHdr !== '');
    const first = inPhase[0];
    if (first === undefined) return -1;
    const start = this.lastAtOrBefore(first.atMs - 1) ?? first;
    return HotWatch.p99Between(start, inPhase.at(-1)).p99Ns;
  }

  /** First sample at/after `fromMs` matching pred. */
  firstAfter(fromMs: number, pred: (s: HotSample) => boolean): HotSample | undefined {
    return this.samples.find((s) => s.atMs >= fromMs && pred(s));
  }

  /** Distinct states seen in the given phases. */
  statesIn(...phases: string[]): Set<string> {
    return new Set(this.samples.filter((s) => phases.includes(s.phase)).map((s) => s.state));
  }

  async waitFor(
    pred: (s: HotSample) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<HotSample | undefined> {
    const deadline = Date.now() + timeoutMs;
    const from = this.samples.length;
    while (Date.now() < deadline && signal?.aborted !== true) {
      for (let k = from; k < this.samples.length; k++) {
        const s = this.samples[k];
        if (s !== undefined && pred(s)) return s;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  }
}

/**
 * A lifecycle reason the control plane could have caused (NATS, telemetry, observer, automation,
 * approvals). Shedding and a broken latency budget are the machine's load — on a shared 2-core
 * box other processes cause those — and latency is judged separately, by the p99 figures.
 */
export function controlPlaneReason(reason: string): boolean {
  return /nats|telemetry|sidecar|observer|automation|approval/i.test(reason);
}

/** p99 during vs baseline: within 2× and +1 ms of slack for a noisy shared 2-core machine. */
export function p99Unchanged(during: number, baseline: number): boolean {
  if (during < 0 || baseline < 0) return false;
  return during <= Math.max(2 * baseline, baseline + 1_000_000);
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
