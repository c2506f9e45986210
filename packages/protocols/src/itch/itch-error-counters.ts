// Bad ITCH input and file framing, tallied by kind (see common/status-tally.ts).
import { FramingStatus } from '../framing/framing-status.ts';
import { ItchStatus } from './itch-status.ts';
import { STATUS_TALLY_SLOTS, StatusTally, statusNames } from '../common/status-tally.ts';
import type { StatusLogger } from '../common/status-tally.ts';

/** Called once per kind: the kind's name, its status code, and a detail (type byte or offset). */
export type ItchErrorLogger = StatusLogger;

/** Slots of an ItchErrorCounters storage array (covers ItchStatus -1..-7, FramingStatus -10..-12). */
export const ITCH_ERROR_SLOTS = STATUS_TALLY_SLOTS;

const NAMES = statusNames(ItchStatus, FramingStatus);

/** The name of a status code counted by ItchErrorCounters ('' for none). */
export function itchErrorName(status: number): string {
  return status < 0 && status > -ITCH_ERROR_SLOTS ? NAMES[-status]! : '';
}

export class ItchErrorCounters extends StatusTally {
  constructor(logger?: ItchErrorLogger, storage?: Float64Array) {
    super('ItchErrorCounters', NAMES, logger, storage);
  }
}
