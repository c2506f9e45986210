// Lifecycle timeline: one coloured band per state (INIT → WARM-UP → READY → DEGRADED ...) and
// ticks for shed / isolation events under it. Uses the monotonic stamps when every state has
// one, else wall-clock stamps, else equal spacing (order only).
import type { RunEvent, StateChange } from './demo-report.ts';
import { escapeHtml, formatMs, svgNum } from './html-text.ts';
import { MARGIN, PLOT_WIDTH, colorAt, emptyNote, line, rectPath, svgPlot, text } from './svg-frame.ts';

const HEIGHT = 190;
const BAND_TOP = 30;
const BAND_HEIGHT = 44;
const EVENT_Y = 100;

const STATE_COLORS: Readonly<Record<string, string>> = {
  INIT: '#9ca3af',
  'WARM-UP': '#f59e0b',
  WARM_UP: '#f59e0b',
  READY: '#16a34a',
  DEGRADED: '#dc2626',
};

export const EVENT_COLORS: Readonly<Record<string, string>> = {
  shed: '#d97706',
  isolation: '#9333ea',
  drop: '#dc2626',
};

type TimeBase = 'mono' | 'wall' | 'order';

/** Times in ms on a common base, or undefined where an item lacks a stamp for it. */
function timeOf(
  base: TimeBase,
  item: { monoNs?: number | undefined; wallMs?: number | undefined },
): number | undefined {
  if (base === 'mono') return item.monoNs === undefined ? undefined : item.monoNs / 1e6;
  if (base === 'wall') return item.wallMs;
  return undefined;
}

export function chooseTimeBase(states: readonly StateChange[]): TimeBase {
  if (states.length > 0 && states.every((s) => s.monoNs !== undefined)) return 'mono';
  if (states.length > 0 && states.every((s) => s.wallMs !== undefined)) return 'wall';
  return 'order';
}

export function renderTimelinePlot(states: readonly StateChange[], events: readonly RunEvent[]): string {
  const parts: string[] = [];
  if (states.length === 0) {
    parts.push(emptyNote('no lifecycle states recorded', HEIGHT));
    return svgPlot('timeline', 'Lifecycle timeline', parts.join(''), HEIGHT);
  }
  const base = chooseTimeBase(states);
  const plotW = PLOT_WIDTH - MARGIN.left - MARGIN.right;
  // Order-only timelines give each state one unit; stamped ones sort by time.
  const starts = states.map((s, i) => timeOf(base, s) ?? i);
  const eventTimes = events.map((e) => timeOf(base, e));
  const stamped = eventTimes.filter((t): t is number => t !== undefined);
  const t0 = Math.min(...starts, ...stamped);
  const lastStart = Math.max(...starts, ...stamped);
  const span0 = lastStart - t0;
  // The last state lasts until the report: give it a visible tail.
  const tEnd = base === 'order' ? t0 + states.length : lastStart + (span0 > 0 ? span0 * 0.08 : 1);
  const span = tEnd - t0 > 0 ? tEnd - t0 : 1;
  const xOf = (t: number): number => MARGIN.left + ((t - t0) / span) * plotW;

  states.forEach((state, i) => {
    const start = starts[i] as number;
    const next = i + 1 < states.length ? (starts[i + 1] as number) : tEnd;
    const x0 = xOf(start);
    const w = Math.max(2, xOf(Math.max(next, start)) - x0);
    const color = STATE_COLORS[state.state.toUpperCase()] ?? colorAt(i);
    parts.push(rectPath(x0, BAND_TOP, w, BAND_HEIGHT, color, `${state.state}: ${state.reason}`));
    if (w > 40) {
      parts.push(text(x0 + 4, BAND_TOP + BAND_HEIGHT / 2 + 4, state.state, 'class="band-label"'));
    }
  });
  parts.push(
    text(MARGIN.left - 8, BAND_TOP + BAND_HEIGHT / 2 + 4, 'state', 'class="label" text-anchor="end"'),
  );
  parts.push(text(MARGIN.left - 8, EVENT_Y + 14, 'events', 'class="label" text-anchor="end"'));
  parts.push(line(MARGIN.left, EVENT_Y + 24, MARGIN.left + plotW, EVENT_Y + 24, 'axis'));
  events.forEach((event, i) => {
    const t = eventTimes[i];
    if (t === undefined) return;
    const x = xOf(t);
    const color = EVENT_COLORS[event.kind] ?? colorAt(i);
    parts.push(
      `<path class="event-tick" d="M${svgNum(x)} ${EVENT_Y}v24" stroke="${color}" stroke-width="3">` +
        `<title>${escapeHtml(`${event.kind}: ${event.reason}`)}</title></path>`,
    );
  });
  const axisLabel = base === 'order' ? 'order of states (no stamps)' : `time since ${states[0]?.state ?? ''}`;
  if (base !== 'order') {
    for (let i = 0; i <= 4; i++) {
      const t = t0 + (span * i) / 4;
      parts.push(text(xOf(t), EVENT_Y + 42, formatMs(t - t0), 'class="tick" text-anchor="middle"'));
    }
  }
  parts.push(text(MARGIN.left + plotW / 2, HEIGHT - 10, axisLabel, 'class="label" text-anchor="middle"'));
  return svgPlot('timeline', 'Lifecycle timeline', parts.join(''), HEIGHT);
}
