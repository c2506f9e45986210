// Heartbeat timing shared by client and server. Each side sends a heartbeat after
// `heartbeatIntervalMs` of send silence and drops the peer after `idleTimeoutMs` of receive
// silence (SoupBinTCP suggests ~1 s and ~15 s). One periodic tick checks both; its period is a
// fraction of the shorter of the two so a heartbeat is late by at most a quarter interval.

/** Tick period for the heartbeat/idle check, clamped to 5..250 ms. */
export function heartbeatTickMs(heartbeatIntervalMs: number, idleTimeoutMs: number): number {
  const q = Math.floor(Math.min(heartbeatIntervalMs, idleTimeoutMs) / 4);
  return Math.max(5, Math.min(250, q));
}
