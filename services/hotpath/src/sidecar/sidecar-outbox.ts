// The sidecar's own bounded outbound buffer. NATS publish() never blocks, but while the client
// is disconnected it buffers without limit and discards that buffer at each reconnect attempt
// (LIBRARY-NOTES.md), so the sidecar holds messages itself: at most `capacity`, dropping the
// OLDEST when full (fresh telemetry beats stale), counting every drop, and hands them to the
// client only while it is connected. Nothing here awaits: the reading loop can never stall.

export interface OutboxMessage {
  readonly subject: string;
  readonly data: Uint8Array;
}

/** Publishes one message; throws if the connection cannot take it (the message is retried). */
export type OutboxPublish = (subject: string, data: Uint8Array) => void;

export class SidecarOutbox {
  readonly capacity: number;
  // A ring of pending messages: head is the oldest, size how many are held.
  readonly #slots: (OutboxMessage | undefined)[];
  #head = 0;
  #size = 0;
  #dropped = 0;
  #published = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#slots = new Array<OutboxMessage | undefined>(capacity).fill(undefined);
  }

  /** Hold a message; if full, the oldest held message is dropped and counted. */
  push(subject: string, data: Uint8Array): void {
    if (this.#size === this.capacity) {
      this.#slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
      this.#size--;
      this.#dropped++;
    }
    this.#slots[(this.#head + this.#size) % this.capacity] = { subject, data };
    this.#size++;
  }

  /**
   * Hand up to `limit` messages, oldest first, to `publish`. Stops at the first one it throws
   * on (kept for the next flush). Returns how many were published.
   */
  flush(publish: OutboxPublish, limit: number = this.capacity): number {
    let n = 0;
    while (this.#size > 0 && n < limit) {
      const message = this.#slots[this.#head];
      if (message !== undefined) {
        try {
          publish(message.subject, message.data);
        } catch {
          break;
        }
      }
      this.#slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
      this.#size--;
      n++;
    }
    this.#published += n;
    return n;
  }

  get size(): number {
    return this.#size;
  }

  /** Messages dropped because the buffer was full, since creation. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Messages handed to the client, since creation. */
  get published(): number {
    return this.#published;
  }
}
