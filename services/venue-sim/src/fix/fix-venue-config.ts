/**
 * Configuration of the FIX 4.4 acceptor. Order logic (ack delay, rejects, fills, engine
 * stalls) belongs to the shared VenueEngine and is configured as for OUCH (`engine`); this
 * file adds the FIX session settings and the transport-level chaos modes.
 */
import { parseVenueEngineConfig } from '../config.ts';
import type { VenueEngineConfig, VenueSimConfigInput } from '../config.ts';
import type { VenueEngine } from '../venue-engine.ts';

/**
 * Transport stall modes (the engine's own stall holds commands instead). `hold`: reports are
 * withheld — sent when the mode returns to `none`, lost if the connection drops first.
 * `drop`: inbound orders, cancels and status requests are ignored, as if lost on the way.
 */
export type FixStallMode = 'none' | 'hold' | 'drop';

export interface FixVenueConfig {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port, read it from FixVenue.port. */
  port?: number;
  /** Default 'VENUE'. */
  senderCompId?: string;
  /** The gateway's SenderCompID. Default 'GATEWAY'. */
  targetCompId?: string;
  heartbeatSeconds?: number;
  /**
   * Default true: every logon resets sequence numbers. false: they survive reconnects for
   * the life of this venue, so jspurefix's resend / gap-fill handling runs.
   */
  resetSeqNumOnLogon?: boolean;
  /** Engine settings (validated as for OUCH); ignored when `sharedEngine` is given. */
  engine?: NonNullable<VenueSimConfigInput>['engine'];
  /** An engine already running (e.g. startVenueSim's handle.engine): FIX and OUCH share one book. */
  sharedEngine?: VenueEngine;
  stall?: FixStallMode;
}

export interface ResolvedFixVenueConfig {
  host: string;
  port: number;
  senderCompId: string;
  targetCompId: string;
  heartbeatSeconds: number;
  resetSeqNumOnLogon: boolean;
  engine: VenueEngineConfig;
  stall: FixStallMode;
}

/** Fills defaults; throws VenueSimError(BAD_CONFIG) on a bad engine config. */
export function resolveFixVenueConfig(c: FixVenueConfig): ResolvedFixVenueConfig {
  return {
    host: c.host ?? '127.0.0.1',
    port: c.port ?? 0,
    senderCompId: c.senderCompId ?? 'VENUE',
    targetCompId: c.targetCompId ?? 'GATEWAY',
    heartbeatSeconds: c.heartbeatSeconds ?? 30,
    resetSeqNumOnLogon: c.resetSeqNumOnLogon ?? true,
    engine: c.sharedEngine?.config ?? parseVenueEngineConfig(c.engine ?? {}),
    stall: c.stall ?? 'none',
  };
}
