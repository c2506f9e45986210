/**
 * Something an idle agent can sleep on until its producer has work for it, or a timeout passes.
 * Implemented by SpscQueue (consumer side), ParkWord (any shared word), AgentControl (woken by
 * requestStop), and structurally by BroadcastConsumer. `timeoutMs` may be fractional.
 */
export interface Parkable {
  park(timeoutMs: number): void;
}
