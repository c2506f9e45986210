// The session epoch of a hot-path process run: claimed ONCE at start, before any order can be
// minted, and carried in the high bits of every client order id (client-order-id.ts). Control
// plane: synchronous file system calls, throws SessionEpochError.
//
// Why a claim file AND the clock:
// - Wall clock alone at a coarse grain repeats on a crash and an immediate restart (the bug this
//   fixes: a SIGKILLed run restarted within the same minute reused its tokens); at a fine grain
//   it wraps too fast for 17 bits, and it can step backwards (NTP).
// - A claim file alone forgets everything when the state dir is lost (new machine, tmp wiped).
// So the session number is max(last claimed + 1, seconds since 1970): strictly increasing while
// the state dir survives (any restart, however quick, even with the clock stepped back), and
// ahead of every earlier run's number once the clock has passed it when the dir is lost (a
// reboot takes longer than the second of grain). epoch = session number mod 2^17: ids of runs
// started within ~36 hours of each other never share an epoch.
//
// The claim is the exclusive creation (O_EXCL) of `session-<number>` in the state dir, fsynced
// with its directory, so two processes sharing the dir never get the same number, and the claim
// is on disk before the first order is sent. Old claims are removed, keeping the last few.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ClientOrderId } from './client-order-id.ts';

export const SessionEpochErrorCode = {
  STATE_DIR_UNUSABLE: 'SESSION_EPOCH_STATE_DIR_UNUSABLE',
  NO_FREE_NUMBER: 'SESSION_EPOCH_NO_FREE_NUMBER',
} as const;
export type SessionEpochErrorCode = (typeof SessionEpochErrorCode)[keyof typeof SessionEpochErrorCode];

export class SessionEpochError extends Error {
  override readonly name = 'SessionEpochError';
  readonly code: SessionEpochErrorCode;
  constructor(code: SessionEpochErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface SessionEpoch {
  /** What goes into client order ids: sessionNumber mod 2^17. */
  readonly epoch: number;
  /** The unbounded, strictly increasing number claimed (>= seconds since 1970 at start). */
  readonly sessionNumber: number;
  /** The claim file. */
  readonly claimPath: string;
}

export interface ClaimSessionEpochOptions {
  /** Wall clock in ms (default Date.now()): tests move it. */
  readonly nowMs?: number;
  /** Claims kept besides the new one (default 8): history for humans, and slack for racing starts. */
  readonly keep?: number;
}

const CLAIM = /^session-(\d{1,15})$/;
const MAX_TRIES = 1000;
/** The clock's grain: a second, so a lost state dir is covered by any restart slower than that. */
export const SESSION_GRAIN_MS = 1000;

/** The epoch carried in ids for a session number. */
export function epochOfSessionNumber(sessionNumber: number): number {
  return sessionNumber % (ClientOrderId.MAX_EPOCH + 1);
}

/** Claims the next session epoch in `stateDir` (created if missing). */
export function claimSessionEpoch(stateDir: string, options: ClaimSessionEpochOptions = {}): SessionEpoch {
  const nowMs = options.nowMs ?? Date.now();
  const keep = options.keep ?? 8;
  let names: string[];
  try {
    mkdirSync(stateDir, { recursive: true });
    names = readdirSync(stateDir);
  } catch (err) {
    throw new SessionEpochError(
      SessionEpochErrorCode.STATE_DIR_UNUSABLE,
      `session epoch: cannot use state dir ${stateDir}`,
      { cause: err },
    );
  }
  const claimed: number[] = [];
  for (const name of names) {
    const m = CLAIM.exec(name);
    if (m !== null) claimed.push(Number(m[1]));
  }
  const last = claimed.reduce((a, b) => Math.max(a, b), -1);
  let n = Math.max(last + 1, Math.floor(nowMs / SESSION_GRAIN_MS));
  for (let tries = 0; ; tries++, n++) {
    if (tries === MAX_TRIES)
      throw new SessionEpochError(
        SessionEpochErrorCode.NO_FREE_NUMBER,
        `session epoch: no free session number in ${stateDir} after ${MAX_TRIES} tries`,
      );
    const path = join(stateDir, `session-${n}`);
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new SessionEpochError(
        SessionEpochErrorCode.STATE_DIR_UNUSABLE,
        `session epoch: cannot create ${path}`,
        { cause: err },
      );
    }
    try {
      writeSync(fd, `${JSON.stringify({ pid: process.pid, startedAt: new Date(nowMs).toISOString() })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncDir(stateDir);
    claimed.push(n);
    removeOldClaims(stateDir, claimed, n - keep);
    return { epoch: epochOfSessionNumber(n), sessionNumber: n, claimPath: path };
  }
}

/** Makes the new directory entry durable (a machine crash, not only a process crash). */
function syncDir(dir: string): void {
  let fd = -1;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every file system lets a directory be fsynced; the file itself is synced.
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function removeOldClaims(dir: string, claimed: readonly number[], below: number): void {
  for (const k of claimed) {
    if (k >= below) continue;
    try {
      unlinkSync(join(dir, `session-${k}`));
    } catch {
      // Another start removed it first: fine.
    }
  }
}
