// A test OUCH client over SoupBinTcpClient: sends Enter/Cancel/Replace/Modify (or raw bytes),
// decodes every sequenced reply with the protocol's OuchOutboundDecoder and records it with its
// sequence number and arrival time, so tests assert on what really crossed the wire.
import { performance } from 'node:perf_hooks';
import {
  alpha4,
  encodeCancelOrder,
  encodeEnterOrder,
  encodeModifyOrder,
  encodeReplaceOrder,
  OuchOutboundDecoder,
  OuchOutboundType,
  SoupBinTcpClient,
  SoupClientState,
  stockKey,
  writeTokenString,
} from '@ringside/protocols';
import type { EnterOrderFields } from '@ringside/protocols';

export interface Reply {
  type: string;
  seq: number;
  at: number;
  token: string;
  shares?: number;
  price?: number;
  reason?: string;
  matchNumber?: number;
  orderRef?: number;
  liquidity?: string;
  previousToken?: string;
  stock?: number;
  side?: string;
}

export interface OrderSpec {
  token: string;
  side?: string;
  shares?: number;
  symbol?: string;
  price?: number;
  timeInForce?: number;
}

const c = (s: string): number => s.charCodeAt(0);

export class OuchTestClient {
  readonly replies: Reply[] = [];
  readonly client: SoupBinTcpClient;
  /** When each token was sent (performance.now()). */
  readonly sentAt = new Map<string, number>();
  disconnects = 0;
  logins = 0;
  private readonly decoder = new OuchOutboundDecoder();
  private readonly buf = new Uint8Array(64);

  constructor(port: number, username: string, opts: { reconnect?: boolean; password?: string } = {}) {
    this.client = new SoupBinTcpClient({
      host: '127.0.0.1',
      port,
      username,
      password: opts.password ?? '',
      sequenceNumber: 1,
      reconnect: opts.reconnect ?? false,
      reconnectDelayMs: 20,
      handler: { onMessage: (b, o, l, seq) => this.onMessage(b, o, l, seq) },
      listener: {
        onLoginAccepted: () => this.logins++,
        onDisconnected: () => this.disconnects++,
      },
    });
  }

  async connect(timeoutMs = 5000): Promise<void> {
    this.client.connect();
    await waitFor(() => this.client.state === SoupClientState.LOGGED_IN, timeoutMs, 'login');
  }

  private onMessage(b: Uint8Array, o: number, l: number, seq: number): void {
    const d = this.decoder;
    const t = d.decode(b, o, l);
    const at = performance.now();
    const ch = String.fromCharCode;
    switch (t) {
      case OuchOutboundType.ACCEPTED: {
        const m = d.accepted;
        this.replies.push({
          type: 'A',
          seq,
          at,
          token: m.tokenString().trim(),
          shares: m.shares,
          price: m.price,
          orderRef: m.orderRef,
          stock: m.stock,
          side: ch(m.side),
        });
        return;
      }
      case OuchOutboundType.EXECUTED: {
        const m = d.executed;
        this.replies.push({
          type: 'E',
          seq,
          at,
          token: m.tokenString().trim(),
          shares: m.executedShares,
          price: m.executionPrice,
          matchNumber: m.matchNumber,
          liquidity: ch(m.liquidityFlag),
        });
        return;
      }
      case OuchOutboundType.REJECTED:
        this.replies.push({
          type: 'J',
          seq,
          at,
          token: d.rejected.tokenString().trim(),
          reason: ch(d.rejected.reason),
        });
        return;
      case OuchOutboundType.CANCELED:
        this.replies.push({
          type: 'C',
          seq,
          at,
          token: d.canceled.tokenString().trim(),
          shares: d.canceled.decrementShares,
          reason: ch(d.canceled.reason),
        });
        return;
      case OuchOutboundType.CANCEL_REJECT:
        this.replies.push({ type: 'I', seq, at, token: d.cancelReject.tokenString().trim() });
        return;
      case OuchOutboundType.REPLACED:
        this.replies.push({
          type: 'U',
          seq,
          at,
          token: d.replaced.tokenString().trim(),
          previousToken: prevToken(d),
          shares: d.replaced.shares,
          price: d.replaced.price,
        });
        return;
      case OuchOutboundType.ORDER_MODIFIED:
        this.replies.push({
          type: 'M',
          seq,
          at,
          token: d.orderModified.tokenString().trim(),
          shares: d.orderModified.shares,
          side: ch(d.orderModified.side),
        });
        return;
      default:
        this.replies.push({ type: t < 0 ? `bad:${t}` : ch(t), seq, at, token: '' });
    }
  }

  enter(spec: OrderSpec): number {
    const token = new Uint8Array(14);
    writeTokenString(token, 0, spec.token);
    const f: EnterOrderFields = {
      token,
      side: c(spec.side ?? 'B'),
      shares: spec.shares ?? 100,
      stock: stockKey(spec.symbol ?? 'AAPL'),
      price: spec.price ?? 1_500_000,
      timeInForce: spec.timeInForce ?? 99_998,
      firm: alpha4('RNGS'),
      display: c('Y'),
      capacity: c('A'),
      intermarketSweep: c('N'),
      minimumQuantity: 0,
      crossType: c('N'),
      customerType: c('R'),
    };
    const n = encodeEnterOrder(this.buf, 0, f);
    this.sentAt.set(spec.token, performance.now());
    return this.client.sendUnsequenced(this.buf, 0, n);
  }

  cancel(tokenText: string, shares = 0): number {
    const token = new Uint8Array(14);
    writeTokenString(token, 0, tokenText);
    const n = encodeCancelOrder(this.buf, 0, { token, shares });
    return this.client.sendUnsequenced(this.buf, 0, n);
  }

  replace(existing: string, replacement: string, shares: number, price: number): number {
    const existingToken = new Uint8Array(14);
    const replacementToken = new Uint8Array(14);
    writeTokenString(existingToken, 0, existing);
    writeTokenString(replacementToken, 0, replacement);
    const n = encodeReplaceOrder(this.buf, 0, {
      existingToken,
      replacementToken,
      shares,
      price,
      timeInForce: 99_998,
      display: c('Y'),
      intermarketSweep: c('N'),
      minimumQuantity: 0,
    });
    return this.client.sendUnsequenced(this.buf, 0, n);
  }

  modify(tokenText: string, side: string, shares: number): number {
    const token = new Uint8Array(14);
    writeTokenString(token, 0, tokenText);
    const n = encodeModifyOrder(this.buf, 0, { token, side: c(side), shares });
    return this.client.sendUnsequenced(this.buf, 0, n);
  }

  sendRaw(bytes: Uint8Array): number {
    return this.client.sendUnsequenced(bytes, 0, bytes.length);
  }

  of(type: string, token?: string): Reply[] {
    return this.replies.filter((r) => r.type === type && (token === undefined || r.token === token));
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

function prevToken(d: OuchOutboundDecoder): string {
  const t = new Uint8Array(14);
  d.replaced.copyPreviousToken(t, 0);
  return Buffer.from(t).toString('latin1').trim();
}

/** Polls `cond` every 5 ms until true or the deadline; throws with `what` on timeout. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
