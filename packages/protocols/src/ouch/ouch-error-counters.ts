// Bad OUCH input, tallied by kind (see common/status-tally.ts).
import { OuchStatus } from './ouch-status.ts';
import { STATUS_TALLY_SLOTS, StatusTally, statusNames } from '../common/status-tally.ts';
import type { StatusLogger } from '../common/status-tally.ts';

/** Called once per kind: the kind's name, its status code, and a detail (type byte or offset). */
export type OuchErrorLogger = StatusLogger;

/** Slots of an OuchErrorCounters storage array (index = -status). */
export const OUCH_ERROR_SLOTS = STATUS_TALLY_SLOTS;

const NAMES = statusNames(OuchStatus);

/** The name of an OuchStatus code ('' for none). */
export function ouchErrorName(status: number): string {
  return status < 0 && status > -OUCH_ERROR_SLOTS ? NAMES[-status]! : '';
}

export class OuchErrorCounters extends StatusTally {
  constructor(logger?: OuchErrorLogger, storage?: Float64Array) {
    super('OuchErrorCounters', NAMES, logger, storage);
  }
}
