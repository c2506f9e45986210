/**
 * The seam between the gateway core and one venue protocol (OUCH 4.2 over SoupBinTCP here;
 * FIX 4.4 plugs in the same way). The core owns orders (the in-flight table), completions,
 * timeouts and reconciliation; an adapter owns only the session and the wire format:
 *
 *   core ──sendNew / sendCancel(order record)──▶ adapter ──wire──▶ venue
 *   core ◀──sink.onVenueEvent(event)─────────── adapter ◀──wire── venue
 *
 * Orders are identified by their client order id (53 bits), passed as two int32 halves in
 * typed arrays: a double passed to or returned from a call V8 did not inline is boxed, and the
 * adapter calls are not inlined (they are polymorphic across adapters). The adapter answers
 * from the socket's callbacks; the core answers from its duty cycle. Both run on the gateway
 * worker's event loop, one at a time, so neither needs a lock.
 */

/** Results of sendNew / sendCancel: >= 0 bytes queued, or one of these. */
export const VenueSendStatus = {
  /** The session is not logged in: nothing was sent. */
  NOT_CONNECTED: -1,
  /** The socket's send buffer is above its high-water mark: nothing was sent. */
  BACK_PRESSURED: -2,
  /** The order cannot be expressed on this venue (a field out of range, unsupported TIF). */
  UNSUPPORTED: -3,
} as const;
export type VenueSendStatusCode = (typeof VenueSendStatus)[keyof typeof VenueSendStatus];

/** What the venue said. */
export const VenueEventKind = {
  ACCEPTED: 1,
  REJECTED: 2,
  EXECUTED: 3,
  /** The order left the book (our cancel, IOC remainder, venue action): `shares` decremented. */
  CANCELED: 4,
  /** The venue refused our CANCEL (OUCH 'I', FIX 35=9): the order lives on. */
  CANCEL_REJECTED: 5,
} as const;
export type VenueEventKindCode = (typeof VenueEventKind)[keyof typeof VenueEventKind];

/** Int32 fields of a VenueEvent. */
export const VenueEventField = {
  KIND: 0,
  /** Client order id = ID_HI × 2^32 + (ID_LO >>> 0). */
  ID_HI: 1,
  ID_LO: 2,
  /** EXECUTED: shares executed; CANCELED: shares decremented; ACCEPTED: shares accepted. */
  SHARES: 3,
  /** EXECUTED: execution price, Price(4). */
  PRICE: 4,
  /** REJECTED / CANCELED: the venue's reason (OUCH reason byte, FIX code). */
  REASON: 5,
} as const;

/**
 * One venue event, reused for every message (no allocation): the adapter fills the fields,
 * calls sink.onVenueEvent(event), and may overwrite them as soon as the call returns.
 */
export class VenueEvent {
  readonly i32 = new Int32Array(8);
  /** [0] venue reference: ACCEPTED order reference number, EXECUTED match number. */
  readonly f64 = new Float64Array(1);

  /** Sets KIND and the order id halves from a client order id (inline-sized). */
  setOrder(kind: number, clientOrderId: number): void {
    const i32 = this.i32;
    i32[VenueEventField.KIND] = kind;
    i32[VenueEventField.ID_HI] = (clientOrderId / 4294967296) | 0;
    i32[VenueEventField.ID_LO] = (clientOrderId % 4294967296) | 0;
    i32[VenueEventField.SHARES] = 0;
    i32[VenueEventField.PRICE] = 0;
    i32[VenueEventField.REASON] = 0;
    this.f64[0] = 0;
  }
}

/** The core's side, called by the adapter on the gateway worker's event loop. */
export interface VenueEventSink {
  onVenueEvent(event: VenueEvent): void;
  /** One socket read fully delivered: flush completions once per read, not per message. */
  onReadComplete(): void;
  /** The session logged in (first time or after a reconnect). */
  onSessionUp(): void;
  /** The session was lost; `willReconnect` false means it will not come back by itself. */
  onSessionDown(reason: string, willReconnect: boolean): void;
  /**
   * After a re-login: everything the venue sent while we were away has been delivered (no
   * more replayed events will come). Orders still unresolved then never reached the venue.
   */
  onReplayComplete(): void;
}

/**
 * A venue session. sendNew / sendCancel get an order record in the order-command layout
 * (orders/order-command-descriptor.ts) at byte `offset` of the views: a CANCEL names the order
 * to cancel by its CLIENT_ORDER_ID. They return bytes queued or a VenueSendStatus.
 */
export interface VenueAdapter {
  readonly name: string;
  start(sink: VenueEventSink): void;
  isUp(): boolean;
  sendNew(i32: Int32Array, f64: Float64Array, offset: number): number;
  sendCancel(i32: Int32Array, f64: Float64Array, offset: number): number;
  /** Counters of the adapter itself (control plane, allocates). */
  stats(): Record<string, number>;
  close(): Promise<void>;
}
