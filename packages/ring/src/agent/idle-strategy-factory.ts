import { AgentError, AgentErrorCode } from './agent-error.ts';
import { BackoffIdleStrategy, DEFAULT_BACKOFF } from './backoff-idle-strategy.ts';
import { BusySpinIdleStrategy } from './busy-spin-idle-strategy.ts';
import type { IdleStrategy } from './idle-strategy.ts';
import { ParkIdleStrategy } from './park-idle-strategy.ts';
import { ParkWord } from './park-signal.ts';
import type { Parkable } from './parkable.ts';
import { SpinThenYieldIdleStrategy } from './spin-then-yield-idle-strategy.ts';

/** A park longer than a minute is a misconfiguration, not an idle strategy. */
const MAX_PARK_MICROS = 60_000_000;

/**
 * Builds an idle strategy from its configuration string:
 *   "busy-spin" | "spin-yield" | "spin-yield:<maxSpins>" | "park:<micros>" |
 *   "backoff" | "backoff:<maxParkMicros>"
 * Parking strategies sleep on `parkTarget` (the agent's main input queue, or its AgentControl so
 * requestStop wakes it); without one they sleep on a private word and only time out.
 */
export function idleStrategyFromConfig(config: string, parkTarget?: Parkable): IdleStrategy {
  const [kind, arg, ...rest] = config.trim().split(':');
  if (rest.length > 0) {
    throw badConfig(config);
  }
  switch (kind) {
    case 'busy-spin':
      if (arg !== undefined) throw badConfig(config);
      return new BusySpinIdleStrategy();
    case 'spin-yield':
      return new SpinThenYieldIdleStrategy(arg === undefined ? undefined : parseCount(arg, config));
    case 'park': {
      if (arg === undefined) throw badConfig(config);
      const target = parkTarget ?? privateParkTarget();
      return new ParkIdleStrategy(target, parseMicros(arg, config));
    }
    case 'backoff': {
      const target = parkTarget ?? privateParkTarget();
      const maxParkMicros = arg === undefined ? DEFAULT_BACKOFF.maxParkMicros : parseMicros(arg, config);
      return new BackoffIdleStrategy(target, {
        ...DEFAULT_BACKOFF,
        minParkMicros: Math.min(DEFAULT_BACKOFF.minParkMicros, maxParkMicros),
        maxParkMicros,
      });
    }
    default:
      throw badConfig(config);
  }
}

function privateParkTarget(): Parkable {
  return new ParkWord(new Int32Array(new SharedArrayBuffer(4)), 0);
}

function parseMicros(text: string, config: string): number {
  const value = Number(text.endsWith('us') ? text.slice(0, -2) : text);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_PARK_MICROS) {
    throw badConfig(config);
  }
  return value;
}

function parseCount(text: string, config: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw badConfig(config);
  }
  return value;
}

function badConfig(config: string): AgentError {
  return new AgentError(
    AgentErrorCode.BAD_IDLE_CONFIG,
    `idle strategy "${config}": expected busy-spin | spin-yield[:<spins>] | park:<micros> | backoff[:<maxParkMicros>]`,
  );
}
