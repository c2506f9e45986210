// Places hot-path monotonic stamps on the wall clock. Every telemetry message carries a Stamp
// (mono_ns and the wall time at that same moment, taken by the sidecar); a stamp t maps to
// wall(stamp) + (t - stamp.mono_ns). Computed in integer seconds + nanoseconds so no precision
// is lost (epoch nanoseconds do not fit a double exactly, the differences do).
import type { HrTime } from '@opentelemetry/api';
import type { Stamp } from '@ringside/contracts';

const NS_PER_S = 1_000_000_000;

/** OpenTelemetry HrTime [epoch seconds, nanos] of monotonic `monoNs`, using `stamp` as anchor. */
export function monoToHrTime(stamp: Stamp, monoNs: number): HrTime {
  const seconds = stamp.wallTime?.seconds ?? 0;
  const nanos = (stamp.wallTime?.nanos ?? 0) + (monoNs - stamp.monoNs);
  const carry = Math.floor(nanos / NS_PER_S);
  return [seconds + carry, nanos - carry * NS_PER_S];
}

/** Milliseconds since the epoch of a Stamp's wall time. */
export function stampWallMs(stamp: Stamp): number {
  return (stamp.wallTime?.seconds ?? 0) * 1000 + (stamp.wallTime?.nanos ?? 0) / 1e6;
}
