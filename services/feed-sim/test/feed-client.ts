// Test helper: a SoupBinTCP client that keeps a copy of every ITCH message it receives, with its
// sequence number and arrival time, and resolves when End of Session arrives.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { NasdaqFrameReader, SoupBinTcpClient } from '@ringside/protocols';
import type { SoupClientOptions } from '@ringside/protocols';

export class FeedCollector {
  readonly messages: Uint8Array[] = [];
  readonly seqs: number[] = [];
  readonly times: number[] = [];
  readonly client: SoupBinTcpClient;
  readonly ended: Promise<void>;
  rejected: string | undefined;
  private resolveEnded!: () => void;

  constructor(port: number, extra: Partial<SoupClientOptions> = {}) {
    this.ended = new Promise((r) => (this.resolveEnded = r));
    this.client = new SoupBinTcpClient({
      host: '127.0.0.1',
      port,
      username: 'test',
      password: '',
      reconnectDelayMs: 20,
      maxReconnectDelayMs: 100,
      ...extra,
      handler: {
        onMessage: (bytes, offset, length, seq) => {
          this.messages.push(bytes.slice(offset, offset + length));
          this.seqs.push(seq);
          this.times.push(performance.now());
        },
      },
      listener: {
        onEndOfSession: () => this.resolveEnded(),
        onLoginRejected: (reason) => {
          this.rejected = reason;
          this.resolveEnded();
        },
        ...extra.listener,
      },
    });
    this.client.connect();
  }

  /** Message counts per ITCH type letter. */
  countsByType(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of this.messages) {
      const t = String.fromCharCode(m[0]!);
      out[t] = (out[t] ?? 0) + 1;
    }
    return out;
  }

  /** First index where sequence numbers stop being 1, 2, 3, ... (-1 when all are). */
  firstSequenceBreak(): number {
    for (let i = 0; i < this.seqs.length; i++) if (this.seqs[i] !== i + 1) return i;
    return -1;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Every message of a NASDAQ-framed file, copied. */
export function readFramedFile(path: string): Uint8Array[] {
  const bytes = readFileSync(path);
  const reader = new NasdaqFrameReader().reset(bytes);
  const out: Uint8Array[] = [];
  for (let len = reader.next(); len >= 0; len = reader.next()) {
    out.push(bytes.subarray(reader.messageOffset, reader.messageOffset + len));
  }
  return out;
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Rejects after `ms` so a stuck await fails the test instead of hanging it. */
export function within<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}
