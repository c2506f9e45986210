// The lifecycle states (proto numbering from @ringside/contracts) and the legal transitions:
// INIT → WARM_UP → READY ⇄ DEGRADED. Anything else is refused with INVALID_TRANSITION.
import { LifecycleState } from '@ringside/contracts';

export type LifecycleStateValue =
  | typeof LifecycleState.INIT
  | typeof LifecycleState.WARM_UP
  | typeof LifecycleState.READY
  | typeof LifecycleState.DEGRADED;

const LEGAL: ReadonlyMap<number, readonly number[]> = new Map([
  [LifecycleState.INIT, [LifecycleState.WARM_UP]],
  [LifecycleState.WARM_UP, [LifecycleState.READY]],
  [LifecycleState.READY, [LifecycleState.DEGRADED]],
  [LifecycleState.DEGRADED, [LifecycleState.READY]],
]);

export function isLegalTransition(from: LifecycleStateValue, to: LifecycleStateValue): boolean {
  return LEGAL.get(from)?.includes(to) ?? false;
}

export function lifecycleStateName(state: number): string {
  switch (state) {
    case LifecycleState.INIT:
      return 'INIT';
    case LifecycleState.WARM_UP:
      return 'WARM_UP';
    case LifecycleState.READY:
      return 'READY';
    case LifecycleState.DEGRADED:
      return 'DEGRADED';
    default:
      return `UNKNOWN(${state})`;
  }
}

/** One transition as kept in the history and published. */
export interface LifecycleTransition {
  readonly from: LifecycleStateValue;
  readonly to: LifecycleStateValue;
  readonly reason: string;
  /** Monotonic stamp (the tick's nowNs). */
  readonly monoNs: number;
  /** Wall clock (Date.now(), ms since the epoch): for humans and logs only, never for timing. */
  readonly wallMs: number;
  /** Data measured from here on is trusted (false before READY). */
  readonly trusted: boolean;
}
