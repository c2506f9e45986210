// The venue's trading session in its own time zone. Restarts are refused while it is open, so the
// check uses the wall clock of the venue, not of this machine (Intl does the DST arithmetic).
import { AdminError, AdminErrorCode } from './admin-error.ts';

export interface TradingSessionConfig {
  /** Local opening time "HH:MM" (24 h), inclusive. */
  readonly start: string;
  /** Local closing time "HH:MM", exclusive; after start (no overnight sessions). */
  readonly end: string;
  /** IANA zone, e.g. "America/New_York". */
  readonly timezone: string;
  /** Trading weekdays, 0 = Sunday; default Monday..Friday. */
  readonly days?: readonly number[];
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAY: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function minutesOf(text: string, field: string): number {
  const m = HHMM.exec(text);
  if (m === null) throw new AdminError(AdminErrorCode.BAD_CONFIG, `tradingSession.${field} must be HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export class TradingSession {
  private readonly startMin: number;
  private readonly endMin: number;
  private readonly days: ReadonlySet<number>;
  private readonly format: Intl.DateTimeFormat;

  constructor(config: TradingSessionConfig) {
    this.startMin = minutesOf(config.start, 'start');
    this.endMin = minutesOf(config.end, 'end');
    if (this.endMin <= this.startMin)
      throw new AdminError(AdminErrorCode.BAD_CONFIG, 'tradingSession.end must be after start');
    this.days = new Set(config.days ?? [1, 2, 3, 4, 5]);
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: config.timezone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch (err) {
      throw new AdminError(AdminErrorCode.BAD_CONFIG, `unknown time zone ${config.timezone}`, { cause: err });
    }
  }

  isOpen(now: Date): boolean {
    let weekday = -1;
    let minutes = 0;
    for (const part of this.format.formatToParts(now)) {
      if (part.type === 'weekday') weekday = WEEKDAY[part.value] ?? -1;
      else if (part.type === 'hour') minutes += Number(part.value) * 60;
      else if (part.type === 'minute') minutes += Number(part.value);
    }
    return this.days.has(weekday) && minutes >= this.startMin && minutes < this.endMin;
  }
}
