// The demo's live status line. On a terminal it rewrites one line in place (messages print
// above it); anywhere else (a pipe, a CI log) it prints one plain line per interval, so a log
// reads as a time series rather than a mess of carriage returns.
export interface StatusFields {
  readonly elapsedMs: number;
  readonly totalMs: number;
  readonly state: string;
  readonly eventsPerSec: number | undefined;
  readonly decisionP50Ns: number | undefined;
  readonly decisionP99Ns: number | undefined;
  readonly executionP50Ns: number | undefined;
  readonly executionP99Ns: number | undefined;
  readonly shedLevel: number | undefined;
  readonly isolated: number | undefined;
}

export interface StatusSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** 1234 ns → "1.23µs", 2.5e6 → "2.50ms"; undefined → "–". */
export function formatNs(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '–';
  if (ns < 1_000) return `${Math.round(ns)}ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)}µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(ns < 10_000_000 ? 2 : 1)}ms`;
  return `${(ns / 1e9).toFixed(2)}s`;
}

function formatRate(perSec: number | undefined): string {
  if (perSec === undefined || !Number.isFinite(perSec)) return '–';
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)}M`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)}k`;
  return String(Math.round(perSec));
}

export function renderStatus(f: StatusFields): string {
  const fraction = f.totalMs > 0 ? Math.min(1, Math.max(0, f.elapsedMs / f.totalMs)) : 0;
  const width = 12;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const secs = `${Math.floor(f.elapsedMs / 1000)}/${Math.round(f.totalMs / 1000)}s`;
  return [
    `${bar} ${secs}`,
    f.state.padEnd(8),
    `events/s ${formatRate(f.eventsPerSec)}`,
    `decision p50 ${formatNs(f.decisionP50Ns)} p99 ${formatNs(f.decisionP99Ns)}`,
    `execution p50 ${formatNs(f.executionP50Ns)} p99 ${formatNs(f.executionP99Ns)}`,
    `shed ${f.shedLevel ?? '–'}`,
    `isolated ${f.isolated ?? '–'}`,
  ].join(' | ');
}

export class StatusLine {
  readonly #out: StatusSink;
  readonly #tty: boolean;
  readonly #plainEveryMs: number;
  #lastPlainAt = Number.NEGATIVE_INFINITY;
  #current = '';

  constructor(out: StatusSink, plainEveryMs = 900) {
    this.#out = out;
    this.#tty = out.isTTY === true;
    this.#plainEveryMs = plainEveryMs;
  }

  get tty(): boolean {
    return this.#tty;
  }

  update(fields: StatusFields): void {
    const text = renderStatus(fields);
    if (this.#tty) {
      const cols = this.#out.columns ?? 160;
      this.#current = text.length > cols - 1 ? text.slice(0, cols - 1) : text;
      this.#out.write(`\r\x1b[2K${this.#current}`);
      return;
    }
    const now = Date.now();
    if (now - this.#lastPlainAt < this.#plainEveryMs) return;
    this.#lastPlainAt = now;
    this.#out.write(`${text}\n`);
  }

  /** A message line; on a terminal it goes above the status line, which is redrawn. */
  say(message: string): void {
    if (this.#tty) this.#out.write(`\r\x1b[2K${message}\n${this.#current}`);
    else this.#out.write(`${message}\n`);
  }

  /** Leaves the last status on its own line. */
  finish(): void {
    if (this.#tty && this.#current !== '') this.#out.write('\n');
    this.#current = '';
  }
}
