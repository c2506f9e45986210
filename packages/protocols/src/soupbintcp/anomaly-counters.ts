// Counts bad input by kind and logs the first occurrence of each kind only: a peer spraying
// garbage must not turn into a log flood (nor into allocation per bad packet after the first).
import { SOUP_ANOMALY_KINDS, soupAnomalyName } from './soupbintcp-status.ts';
import type { SoupAnomaly } from './soupbintcp-status.ts';

/** The subset of pino's API the SoupBinTCP code uses; pino loggers satisfy it. */
export interface SoupLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

function noop(): void {}

export const silentSoupLogger: SoupLogger = { info: noop, warn: noop, debug: noop };

export class SoupAnomalyCounters {
  /** Count per SoupAnomaly kind; readable by anyone, written only by the owner. */
  readonly counts = new Float64Array(SOUP_ANOMALY_KINDS);
  private readonly logged = new Uint8Array(SOUP_ANOMALY_KINDS);
  private readonly logger: SoupLogger;
  private readonly context: string;

  constructor(logger: SoupLogger, context: string) {
    this.logger = logger;
    this.context = context;
  }

  /**
   * Count one anomaly. `detail` is only built into a log record the first time a kind is seen;
   * pass a primitive so the call site allocates nothing.
   */
  record(kind: SoupAnomaly, detail: string | number, message: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (this.logged[kind] === 0) {
      this.logged[kind] = 1;
      this.logger.warn(
        { component: this.context, anomaly: soupAnomalyName(kind), detail },
        `${message} (logged once per kind; further ones are only counted)`,
      );
    }
  }

  count(kind: SoupAnomaly): number {
    return this.counts[kind] ?? 0;
  }

  total(): number {
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) sum += this.counts[i] ?? 0;
    return sum;
  }

  /** Non-zero counts by name (control plane). */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i] ?? 0;
      if (c !== 0) out[soupAnomalyName(i)] = c;
    }
    return out;
  }

  /** Add another set of counts into this one (a server aggregates its closed sessions). */
  addFrom(other: SoupAnomalyCounters): void {
    for (let i = 0; i < this.counts.length; i++) {
      this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    }
  }
}
