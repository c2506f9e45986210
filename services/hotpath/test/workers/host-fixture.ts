// Shared by the host tests: a real feed-sim and venue-sim over loopback and a host config input
// that warms up fast on a noisy 2-core machine (parked decision worker, short windows).
import { createUser } from '@nats-io/nkeys';
import { startFeedSim } from '@ringside/feed-sim';
import type { FeedSimHandle } from '@ringside/feed-sim';
import { startVenueSim } from '@ringside/venue-sim';
import type { VenueSimHandle } from '@ringside/venue-sim';

export const HOST = 'hot-test';
export const VIEWER = 'viewer-token-0123456789';
export const OPERATOR = 'operator-token-0123456789';
export const SYMBOLS = ['AAA', 'BBB'];
export const signer = createUser();

export interface Sims {
  readonly feed: FeedSimHandle;
  readonly venue: VenueSimHandle;
  close(): Promise<void>;
}

export async function startSims(rate = 2000, durationMs = 60_000): Promise<Sims> {
  const venue = await startVenueSim({});
  const feed = await startFeedSim({
    source: { kind: 'synthetic', symbols: SYMBOLS },
    pacing: { mode: 'rate', messagesPerSecond: rate },
    durationMs,
    startOn: 'first-login',
  });
  return {
    feed,
    venue,
    close: async () => {
      await feed.close().catch(() => undefined);
      await venue.close().catch(() => undefined);
    },
  };
}

/** A whole host config (JSON-shaped input) against the sims. */
export function hostConfigInput(sims: { feedPort: number; venuePort: number }): Record<string, unknown> {
  return {
    host: HOST,
    decisionP99BudgetNs: 50_000_000,
    ring: { capacity: 4096 },
    ingest: { source: { kind: 'tcp', port: sims.feedPort }, sampleCapacity: 4096 },
    decision: {
      workers: 1,
      strategy: { name: 'latency-probe', params: { everyEvents: 10, timeInForce: 3 } },
      instruments: [{ locate: 1, symbol: SYMBOLS[0] }],
      idleStrategy: 'park:1000',
      sampleCapacity: 4096,
    },
    gateway: {
      venue: { kind: 'ouch', port: sims.venuePort, username: 'HOSTT' },
      timeoutMs: 100,
      spinTurns: 4,
      maxParkMs: 1,
      sampleCapacity: 4096,
    },
    lifecycle: { warmUpWindows: 3, maxSpreadRatio: 1000, recoveryStableNs: 300_000_000 },
    slowConsumer: { lagHighWater: 3000, graceNs: 1e9, restNs: 60e9, autoReadmit: false },
    shed: { raiseRatio: 2, lowerRatio: 0.5 },
    admin: {
      port: 0,
      tokens: { [VIEWER]: 'viewer', [OPERATOR]: 'operator' },
      approvalPublicKey: signer.getPublicKey(),
      // A session that is never open (Saturday only, one minute): restarts are allowed.
      tradingSession: { start: '00:00', end: '00:01', timezone: 'UTC', days: [6] },
    },
    conductor: { tickMs: 20, windowMs: 150, minWindowSamples: 3, venueStallMs: 300, drainTimeoutMs: 3000 },
  };
}

/** Polls `check` every 20 ms until true or `timeoutMs` passes; returns the last result. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
