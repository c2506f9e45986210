// The venue's trading session on the wall clock of its own time zone. Hot-path restarts are
// refused while it is open (SPEC: "hot-path restarts during trading are forbidden"); a prepared
// restart waits for the close. Days default to Monday..Friday; holidays are not modelled, which
// errs on the safe side only for restarts that are refused on a holiday — never the reverse.

export interface TradingSessionConfig {
  /** "HH:MM" local to `timezone`. */
  readonly start: string;
  readonly end: string;
  /** IANA zone, e.g. America/New_York. */
  readonly timezone: string;
  /** ISO weekdays the session runs, 1 = Monday .. 7 = Sunday (0 = Sunday too, as the hot path counts). */
  readonly days: readonly number[];
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export class TradingSession {
  readonly config: TradingSessionConfig;
  readonly #fmt: Intl.DateTimeFormat;
  readonly #start: number;
  readonly #end: number;

  constructor(config: TradingSessionConfig) {
    this.config = config;
    // Throws RangeError for an unknown zone: config validation calls this constructor.
    this.#fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: config.timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    this.#start = minutesOf(config.start);
    this.#end = minutesOf(config.end);
  }

  #local(unixMs: number): { day: number; minute: number; second: number } {
    const parts = this.#fmt.formatToParts(new Date(unixMs));
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '0';
    return {
      day: WEEKDAY[get('weekday')] ?? 0,
      minute: Number(get('hour')) * 60 + Number(get('minute')),
      second: Number(get('second')),
    };
  }

  isOpen(unixMs: number): boolean {
    const l = this.#local(unixMs);
    const sunday = l.day === 7 && this.config.days.includes(0);
    return (sunday || this.config.days.includes(l.day)) && l.minute >= this.#start && l.minute < this.#end;
  }

  /** When the open session closes (unix ms), or `unixMs` itself when it is not open. */
  closesAt(unixMs: number): number {
    if (!this.isOpen(unixMs)) return unixMs;
    const l = this.#local(unixMs);
    return unixMs + ((this.#end - l.minute) * 60 - l.second) * 1000 - (unixMs % 1000);
  }
}
