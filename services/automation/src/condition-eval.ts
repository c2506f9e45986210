// Evaluates a parsed condition against one decoded telemetry message. A condition can hold for
// several things at once (two lagging consumers): each match carries a key, and the trigger
// tracker keeps one debounce window per key, so each consumer is judged (and isolated) alone.
import { ConsumerState, lifecycleStateToJSON } from '@ringside/contracts';
import type { Event, Histogram, MetricsSnapshot, StateSnapshot } from '@ringside/contracts';
import { LIFECYCLE_NAMES, compare } from './condition.ts';
import type { Condition, Stat } from './condition.ts';

export interface Match {
  /** '' for host-wide conditions; `consumer:<id>` per consumer. */
  readonly key: string;
  /** The value that made the condition true, for the audit record. */
  readonly observed: number | string;
  readonly consumerId?: number;
  readonly consumerName?: string;
}

export type TelemetryMessage =
  | { readonly source: 'metrics'; readonly msg: MetricsSnapshot }
  | { readonly source: 'state'; readonly msg: StateSnapshot }
  | { readonly source: 'events'; readonly msg: Event };

function stat(h: Histogram, s: Stat): number {
  switch (s) {
    case 'p50':
      return h.p50Ns;
    case 'p90':
      return h.p90Ns;
    case 'p99':
      return h.p99Ns;
    case 'p999':
      return h.p999Ns;
    case 'min':
      return h.minNs;
    case 'max':
      return h.maxNs;
    case 'mean':
      return h.meanNs;
  }
}

function evalMetrics(c: Condition, m: MetricsSnapshot): Match[] {
  if (c.kind === 'counter') {
    const found = m.counters.filter((k) => k.label === c.label);
    // Absent counter: nothing to judge (not "0"), so a missing counter never fires a runbook.
    if (found.length === 0) return [];
    const sum = found.reduce((a, k) => a + k.value, 0);
    return compare(sum, c.op, c.value) ? [{ key: '', observed: sum }] : [];
  }
  if (c.kind === 'latency') {
    const h = m.histograms.find((x) => x.name === c.histogram);
    // An empty interval has no percentile worth acting on.
    if (h === undefined || h.count === 0) return [];
    const v = stat(h, c.stat);
    return compare(v, c.op, c.valueNs) ? [{ key: '', observed: v }] : [];
  }
  return [];
}

function evalState(c: Condition, s: StateSnapshot): Match[] {
  switch (c.kind) {
    case 'consumer':
      // Only ACTIVE consumers: an isolated consumer keeps lagging, and that is not news.
      return s.consumers
        .filter(
          (k) =>
            (k.state === ConsumerState.ACTIVE || k.state === ConsumerState.UNSPECIFIED) &&
            compare(c.field === 'lag' ? k.lag : k.loss, c.op, c.value),
        )
        .map((k) => ({
          key: `consumer:${k.id}`,
          observed: c.field === 'lag' ? k.lag : k.loss,
          consumerId: k.id,
          consumerName: k.name,
        }));
    case 'shed_level':
      return compare(s.shedLevel, c.op, c.value) ? [{ key: '', observed: s.shedLevel }] : [];
    case 'lifecycle': {
      const is = s.state === LIFECYCLE_NAMES[c.state];
      return is === (c.op === '==') ? [{ key: '', observed: lifecycleStateToJSON(s.state) }] : [];
    }
    default:
      return [];
  }
}

/** Every key the condition holds for in this message (empty: it holds for nothing). */
export function evaluate(c: Condition, t: TelemetryMessage): Match[] {
  switch (t.source) {
    case 'metrics':
      return evalMetrics(c, t.msg);
    case 'state':
      return evalState(c, t.msg);
    case 'events':
      return c.kind === 'event' && t.msg.kind === c.eventKind ? [{ key: '', observed: t.msg.reason }] : [];
  }
}
