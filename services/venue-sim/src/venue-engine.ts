// The venue's order logic, transport independent: transports (the OUCH acceptor, later a FIX
// acceptor) submit commands; after the configured ack delay (and any stall) the engine accepts,
// rejects (invalid, duplicate token, at random), fills (at once in full or in part, then
// against its own book), cancels, replaces and modifies, and tells each order's sink.
import { performance } from 'node:perf_hooks';
import { CommandPipeline } from './command-pipeline.ts';
import type { VenueEngineConfig } from './config.ts';
import { ackDelaySampler, SeededRandom } from './seeded-random.ts';
import { VenueBook } from './venue-book.ts';
import { OrderStatus } from './venue-order.ts';
import type {
  CancelCommand,
  EnterCommand,
  ModifyCommand,
  ReplaceCommand,
  VenueCommand,
  VenueOrder,
} from './venue-order.ts';

/** Reason codes the engine itself uses (OUCH 4.2 characters). */
export const VenueReason = {
  /** Rejected: shares are zero or above maxShares. */
  SHARES: 'Z',
  /** Rejected: other (replace of an order that is not open, overflow). */
  OTHER: 'O',
  /** Canceled: user requested. */
  USER_CANCEL: 'U',
  /** Canceled: the unfilled rest of an immediate-or-cancel order. */
  IOC: 'I',
} as const;

export interface VenueEngineStats {
  ordersReceived: number;
  accepted: number;
  rejected: number;
  randomRejects: number;
  duplicates: number;
  invalid: number;
  overflow: number;
  executions: number;
  sharesExecuted: number;
  /** Orders filled completely. */
  filled: number;
  canceled: number;
  cancelRequests: number;
  cancelRejects: number;
  /** Cancels for a token never seen: ignored, as the OUCH spec says. */
  cancelUnknown: number;
  replaced: number;
  modified: number;
  pending: number;
  resting: number;
  stalled: boolean;
  stallsStarted: number;
  errors: number;
}

type Counters = Omit<VenueEngineStats, 'pending' | 'resting' | 'stalled' | 'stallsStarted'>;

const keyOf = (owner: string, token: string): string => `${owner}\n${token}`;

export class VenueEngine {
  readonly config: VenueEngineConfig;
  private readonly rng: SeededRandom;
  private readonly pipeline: CommandPipeline<VenueCommand>;
  private readonly book = new VenueBook();
  /** Live and finished orders by owner + token. */
  private readonly orders = new Map<string, VenueOrder>();
  /** Every token ever entered (rejected ones too): tokens are day-unique per user. */
  private readonly usedTokens = new Set<string>();
  private readonly c: Counters = {
    ordersReceived: 0,
    accepted: 0,
    rejected: 0,
    randomRejects: 0,
    duplicates: 0,
    invalid: 0,
    overflow: 0,
    executions: 0,
    sharesExecuted: 0,
    filled: 0,
    canceled: 0,
    cancelRequests: 0,
    cancelRejects: 0,
    cancelUnknown: 0,
    replaced: 0,
    modified: 0,
    errors: 0,
  };
  private nextOrderRef = 1;
  private nextMatch = 1;
  private nextSeq = 1;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly onError: (err: unknown) => void;

  constructor(config: VenueEngineConfig, onError: (err: unknown) => void = () => {}) {
    this.config = config;
    this.onError = onError;
    this.rng = new SeededRandom(config.seed);
    this.pipeline = new CommandPipeline(
      (cmd) => this.process(cmd),
      ackDelaySampler(config.ackDelay, this.rng),
      config.maxPending,
    );
    const s = config.stalls;
    if (s !== undefined) {
      this.stallTimer = setInterval(() => this.setStall(s.durationMs), s.everyMs);
      this.stallTimer.unref();
    }
  }

  /** Queues a command; it is processed after the ack delay, in arrival order. */
  submit(cmd: VenueCommand): void {
    if (cmd.kind === 'enter') this.c.ordersReceived++;
    else if (cmd.kind === 'cancel') this.c.cancelRequests++;
    if (this.pipeline.submit(cmd)) return;
    // Too much waiting (a long stall under load): refuse now rather than grow without bound.
    this.c.overflow++;
    if (cmd.kind === 'enter' || cmd.kind === 'replace' || cmd.kind === 'invalid') {
      this.c.rejected++;
      cmd.sink.rejected(cmd.owner, cmd.kind === 'replace' ? cmd.newToken : cmd.token, VenueReason.OTHER);
    } else {
      this.c.cancelRejects++;
      cmd.sink.cancelRejected(cmd.owner, cmd.token);
    }
  }

  /** Stops acknowledging for `ms` (0 ends a stall now); everything queued is released after. */
  setStall(ms: number): void {
    this.pipeline.setStall(ms);
  }

  stats(): VenueEngineStats {
    return {
      ...this.c,
      pending: this.pipeline.pending(),
      resting: this.book.size(),
      stalled: this.pipeline.stalled(),
      stallsStarted: this.pipeline.stallsStarted,
    };
  }

  /** The order of `owner` with `token` (tests, control plane). */
  order(owner: string, token: string): VenueOrder | undefined {
    return this.orders.get(keyOf(owner, token));
  }

  close(): void {
    if (this.stallTimer !== undefined) clearInterval(this.stallTimer);
    this.pipeline.close();
  }

  private process(cmd: VenueCommand): void {
    try {
      switch (cmd.kind) {
        case 'enter':
          return this.enter(cmd);
        case 'cancel':
          return this.cancel(cmd);
        case 'replace':
          return this.replace(cmd);
        case 'modify':
          return this.modify(cmd);
        case 'invalid':
          this.c.invalid++;
          this.c.rejected++;
          return cmd.sink.rejected(cmd.owner, cmd.token, cmd.reason);
      }
    } catch (err) {
      // A transport's sink failing must not stop the venue: count, report, go on.
      this.c.errors++;
      this.onError(err);
    }
  }

  private enter(cmd: EnterCommand): void {
    const key = keyOf(cmd.owner, cmd.token);
    if (this.usedTokens.has(key)) {
      this.c.duplicates++;
      this.c.rejected++;
      return cmd.sink.rejected(cmd.owner, cmd.token, this.config.duplicateTokenReason);
    }
    this.usedTokens.add(key);
    if (cmd.shares === 0 || cmd.shares > this.config.maxShares) {
      this.c.rejected++;
      return cmd.sink.rejected(cmd.owner, cmd.token, VenueReason.SHARES);
    }
    if (this.config.rejectRatio > 0 && this.rng.next() < this.config.rejectRatio) {
      this.c.randomRejects++;
      this.c.rejected++;
      const reasons = this.config.rejectReasons;
      return cmd.sink.rejected(cmd.owner, cmd.token, reasons[this.rng.int(reasons.length)]!);
    }
    const o: VenueOrder = {
      sink: cmd.sink,
      owner: cmd.owner,
      token: cmd.token,
      side: cmd.side,
      shares: cmd.shares,
      openShares: cmd.shares,
      executedShares: 0,
      symbol: cmd.symbol,
      price: cmd.price,
      timeInForce: cmd.timeInForce,
      orderRef: this.nextOrderRef++,
      status: OrderStatus.OPEN,
      seq: this.nextSeq++,
      firm: cmd.firm,
      display: cmd.display,
      capacity: cmd.capacity,
      intermarketSweep: cmd.intermarketSweep,
      minimumQuantity: cmd.minimumQuantity,
      crossType: cmd.crossType,
      customerType: cmd.customerType,
    };
    this.orders.set(key, o);
    this.c.accepted++;
    o.sink.accepted(o);
    this.fillAtOnce(o);
    this.matchAndRest(o);
  }

  /** The configured "street" fill: all, part, or nothing of the order at its own price. */
  private fillAtOnce(o: VenueOrder): void {
    const f = this.config.fill;
    if (f.full === 0 && f.partial === 0) return;
    const r = this.rng.next();
    let shares = 0;
    if (r < f.full) shares = o.openShares;
    else if (r < f.full + f.partial) {
      shares = Math.min(o.openShares - 1, Math.max(1, Math.floor(o.openShares * f.partialFraction)));
      if (shares <= 0) shares = o.openShares; // a 1-share order cannot fill in part
    }
    if (shares > 0) {
      o.openShares -= shares;
      this.execute(o, shares, o.price, this.nextMatch++, 'R');
    }
  }

  /** Matches what is open against the book; rests the rest, or cancels it if IOC. */
  private matchAndRest(o: VenueOrder): void {
    if (o.openShares === 0) return;
    for (const m of this.book.match(o)) {
      const match = this.nextMatch++;
      this.execute(m.resting, m.shares, m.price, match, 'A');
      this.execute(o, m.shares, m.price, match, 'R');
    }
    if (o.openShares === 0) return;
    if (o.timeInForce === 0) {
      const rest = o.openShares;
      o.openShares = 0;
      o.status = OrderStatus.CANCELED;
      this.c.canceled++;
      o.sink.canceled(o, rest, VenueReason.IOC);
      return;
    }
    this.book.add(o);
  }

  // openShares has already been reduced by the caller.
  private execute(o: VenueOrder, shares: number, price: number, match: number, liquidity: string): void {
    o.executedShares += shares;
    this.c.executions++;
    this.c.sharesExecuted += shares;
    if (o.openShares === 0) {
      o.status = OrderStatus.FILLED;
      this.c.filled++;
    }
    o.sink.executed(o, shares, price, match, liquidity);
  }

  private openOrder(owner: string, token: string): VenueOrder | undefined {
    const o = this.orders.get(keyOf(owner, token));
    return o !== undefined && o.status === OrderStatus.OPEN ? o : undefined;
  }

  private cancel(cmd: CancelCommand): void {
    const key = keyOf(cmd.owner, cmd.token);
    if (!this.usedTokens.has(key)) {
      this.c.cancelUnknown++;
      return;
    }
    const o = this.openOrder(cmd.owner, cmd.token);
    if (o === undefined || cmd.shares >= o.openShares) {
      this.c.cancelRejects++;
      return cmd.sink.cancelRejected(cmd.owner, cmd.token);
    }
    const decrement = o.openShares - cmd.shares;
    o.openShares = cmd.shares;
    if (o.openShares === 0) {
      o.status = OrderStatus.CANCELED;
      this.book.remove(o);
    }
    this.c.canceled++;
    o.sink.canceled(o, decrement, VenueReason.USER_CANCEL);
  }

  private replace(cmd: ReplaceCommand): void {
    const old = this.openOrder(cmd.owner, cmd.token);
    const newKey = keyOf(cmd.owner, cmd.newToken);
    if (this.usedTokens.has(newKey)) {
      this.c.duplicates++;
      this.c.rejected++;
      return cmd.sink.rejected(cmd.owner, cmd.newToken, this.config.duplicateTokenReason);
    }
    this.usedTokens.add(newKey);
    if (old === undefined || cmd.shares === 0 || cmd.shares > this.config.maxShares) {
      this.c.rejected++;
      return cmd.sink.rejected(
        cmd.owner,
        cmd.newToken,
        old === undefined ? VenueReason.OTHER : VenueReason.SHARES,
      );
    }
    this.book.remove(old);
    old.status = OrderStatus.REPLACED;
    const o: VenueOrder = {
      ...old,
      token: cmd.newToken,
      shares: cmd.shares,
      openShares: cmd.shares,
      executedShares: 0,
      price: cmd.price,
      timeInForce: cmd.timeInForce,
      display: cmd.display,
      intermarketSweep: cmd.intermarketSweep,
      minimumQuantity: cmd.minimumQuantity,
      orderRef: this.nextOrderRef++,
      seq: this.nextSeq++,
      status: OrderStatus.OPEN,
    };
    this.orders.set(newKey, o);
    this.c.replaced++;
    o.sink.replaced(o, old.token);
    this.matchAndRest(o);
  }

  private modify(cmd: ModifyCommand): void {
    const o = this.openOrder(cmd.owner, cmd.token);
    // Modify may only shrink an order, and only switch between the sell sides (S, T, E).
    const sideOk = o !== undefined && (cmd.side === o.side || (o.side !== 'B' && cmd.side !== 'B'));
    if (o === undefined || !sideOk || cmd.shares > o.openShares) {
      this.c.cancelRejects++;
      return cmd.sink.cancelRejected(cmd.owner, cmd.token);
    }
    this.book.remove(o);
    o.side = cmd.side;
    o.openShares = cmd.shares;
    if (o.openShares === 0) o.status = OrderStatus.CANCELED;
    else this.book.add(o);
    this.c.modified++;
    o.sink.modified(o);
  }
}

/** Nanoseconds since midnight UTC, from the wall clock (venue timestamps; control plane). */
export function nsSinceMidnight(): number {
  const ms = performance.timeOrigin + performance.now();
  return Math.floor((ms % 86_400_000) * 1e6);
}
