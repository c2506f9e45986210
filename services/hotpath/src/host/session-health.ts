// What the conductor tells the lifecycle about the feed and the venue, derived from what the
// workers already publish: ingest status events (session up/down) and the GAPS counter; the
// gateway's route block (SESSION_UP) and its answer / in-flight / EXEC_BACKLOG counters. A
// venue that is connected but does not answer (orders in flight, no answer for venueStallMs),
// or a gateway refusing orders EXEC_BACKLOG, is an execution backlog — its own lifecycle
// condition with its numbers — not "venue session down", which stays for a real disconnect.
import type { ExecBacklogReading } from '../conductor/lifecycle.ts';
import type { IngestStatusEvent } from '../ingest/ingest-status.ts';

export class FeedHealth {
  #up: boolean;
  #why: string;
  #gaps = 0;
  #lastGapNs = Number.NEGATIVE_INFINITY;
  readonly #gapHoldNs: number;

  /** TCP feeds start down (until logged in); file and generator sources are up while they run. */
  constructor(sourceKind: string, gapHoldMs: number) {
    this.#up = sourceKind !== 'tcp';
    this.#why = this.#up ? `${sourceKind} source running` : 'not logged in yet';
    this.#gapHoldNs = gapHoldMs * 1e6;
  }

  get up(): boolean {
    return this.#up;
  }

  get why(): string {
    return this.#why;
  }

  onStatus(event: IngestStatusEvent): void {
    switch (event.kind) {
      case 'connected':
        this.#up = true;
        this.#why = `logged in to session ${event.session} at ${event.nextSequence}`;
        break;
      case 'disconnected':
        this.#up = false;
        this.#why = `disconnected: ${event.reason}${event.willReconnect ? ' (reconnecting)' : ''}`;
        break;
      case 'end-of-session':
        this.#up = false;
        this.#why = 'end of session';
        break;
      case 'login-rejected':
        this.#up = false;
        this.#why = `login rejected: ${event.reason}`;
        break;
      case 'gap':
        break;
    }
  }

  /** The ingest worker finished (source exhausted, stopped or failed). */
  ended(reason: string): void {
    this.#up = false;
    this.#why = reason;
  }

  /** True while a gap was seen within the hold time (the GAPS counter moved). */
  gapOpen(gapsCounter: number, nowNs: number): boolean {
    if (gapsCounter > this.#gaps) {
      this.#gaps = gapsCounter;
      this.#lastGapNs = nowNs;
    }
    return nowNs - this.#lastGapNs < this.#gapHoldNs;
  }
}

export interface VenueReading {
  readonly sessionUp: boolean;
  /** Sum of every venue answer the gateway counted (accepted, rejected, executed, canceled). */
  readonly answers: number;
  readonly inFlight: number;
  /** The gateway's LOCAL_REJECT EXEC_BACKLOG count (in-flight table full, socket back-pressured). */
  readonly execBacklogRejects?: number;
}

export class VenueHealth {
  readonly #stallNs: number;
  #answers = 0;
  #lastProgressNs: number;
  #stalled = false;
  #rejects = 0;
  #lastRejectNs = Number.NEGATIVE_INFINITY;
  #inFlight = 0;
  #nowNs: number;

  constructor(stallMs: number, startNs: number) {
    this.#stallNs = stallMs * 1e6;
    this.#lastProgressNs = startNs;
    this.#nowNs = startNs;
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  /**
   * One reading. Returns 'stalled' / 'recovered' when the stall state changes, else undefined.
   * Stalled: orders in flight and no answer for stallMs; recovered: answers flow again.
   */
  observe(r: VenueReading, nowNs: number): 'stalled' | 'recovered' | undefined {
    this.#nowNs = nowNs;
    this.#inFlight = r.inFlight;
    if (r.answers !== this.#answers || r.inFlight === 0) {
      this.#answers = r.answers;
      this.#lastProgressNs = nowNs;
    }
    const rejects = r.execBacklogRejects ?? this.#rejects;
    if (rejects > this.#rejects) {
      this.#rejects = rejects;
      this.#lastRejectNs = nowNs;
    }
    const stalled = r.sessionUp && nowNs - this.#lastProgressNs >= this.#stallNs;
    if (stalled === this.#stalled) return undefined;
    this.#stalled = stalled;
    return stalled ? 'stalled' : 'recovered';
  }

  /** The session itself: up unless disconnected (a stall is a backlog, not a session down). */
  up(sessionUp: boolean): boolean {
    return sessionUp;
  }

  /**
   * The execution backlog as of the last observe(): active while stalled, or while the gateway
   * refused an order EXEC_BACKLOG within the stall time.
   */
  backlog(): ExecBacklogReading {
    const now = this.#nowNs;
    return {
      active: this.#stalled || now - this.#lastRejectNs < this.#stallNs,
      inFlight: this.#inFlight,
      oldestAgeMs: this.#inFlight === 0 ? 0 : (now - this.#lastProgressNs) / 1e6,
      localRejects: this.#rejects,
    };
  }
}
