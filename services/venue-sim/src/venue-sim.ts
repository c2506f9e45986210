// startVenueSim: the engine plus the OUCH 4.2 acceptor, listening, with the controls tests and
// the CLI use (stall, drop sessions, stats). A FIX acceptor can share `handle.engine`.
import { silentSoupLogger } from '@ringside/protocols';
import type { SoupLogger } from '@ringside/protocols';
import { parseVenueSimConfig } from './config.ts';
import type { VenueSimConfig, VenueSimConfigInput } from './config.ts';
import { OuchAcceptor } from './ouch/ouch-acceptor.ts';
import type { OuchAcceptorStats } from './ouch/ouch-acceptor.ts';
import { VenueEngine } from './venue-engine.ts';
import type { VenueEngineStats } from './venue-engine.ts';

export interface VenueSimStats extends VenueEngineStats {
  ouch: OuchAcceptorStats;
}

export interface VenueSimHandle {
  readonly port: number;
  readonly config: VenueSimConfig;
  readonly engine: VenueEngine;
  stats(): VenueSimStats;
  /** Stops acknowledging for `ms` (0 ends a stall now); queued commands are released after. */
  setStall(ms: number): void;
  /** Drops every logged-in OUCH session (no End of Session); returns how many. */
  dropSessions(): number;
  close(): Promise<void>;
}

/** Validates `input` (throws VenueSimError BAD_CONFIG), starts the venue, resolves when listening. */
export async function startVenueSim(
  input: VenueSimConfigInput = {},
  logger: SoupLogger = silentSoupLogger,
): Promise<VenueSimHandle> {
  const config = parseVenueSimConfig(input);
  const engine = new VenueEngine(config.engine, (err) =>
    logger.warn({ component: 'venue-sim', err: String(err) }, 'error while processing a command'),
  );
  const ouch = new OuchAcceptor(engine, config, logger);
  let port: number;
  try {
    port = await ouch.listen();
  } catch (err) {
    engine.close();
    throw err;
  }
  const timers = config.disconnect.atMs.map((ms) =>
    setTimeout(() => {
      const n = ouch.dropSessions();
      logger.info({ component: 'venue-sim', atMs: ms, dropped: n }, 'scheduled disconnect');
    }, ms),
  );
  let closed = false;
  return {
    port,
    config,
    engine,
    stats: () => ({ ...engine.stats(), ouch: ouch.stats() }),
    setStall: (ms) => engine.setStall(ms),
    dropSessions: () => ouch.dropSessions(),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      engine.close();
      await ouch.close();
    },
  };
}
