// Public API of @ringside/venue-sim (tests, the testkit, and a FIX acceptor sharing the engine).
// Named exports only.
export { startVenueSim } from './venue-sim.ts';
export type { VenueSimHandle, VenueSimStats } from './venue-sim.ts';
export {
  parseVenueSimConfig,
  parseVenueEngineConfig,
  venueSimConfigSchema,
  ackDelaySchema,
  VenueSimError,
  VenueSimErrorCode,
} from './config.ts';
export type { VenueSimConfig, VenueSimConfigInput, VenueEngineConfig, AckDelayConfig } from './config.ts';
export { VenueEngine, VenueReason, nsSinceMidnight } from './venue-engine.ts';
export type { VenueEngineStats } from './venue-engine.ts';
export { OrderStatus, isBuy } from './venue-order.ts';
export type {
  VenueEventSink,
  VenueOrder,
  VenueCommand,
  EnterCommand,
  CancelCommand,
  ReplaceCommand,
  ModifyCommand,
  InvalidCommand,
} from './venue-order.ts';
export { SeededRandom, ackDelaySampler } from './seeded-random.ts';
export { OuchAcceptor } from './ouch/ouch-acceptor.ts';
export type { OuchAcceptorStats } from './ouch/ouch-acceptor.ts';
export { startFixVenue } from './fix/fix-venue.ts';
export type { FixVenue, FixVenueStats } from './fix/fix-venue.ts';
export type { FixVenueConfig, FixStallMode } from './fix/fix-venue-config.ts';
