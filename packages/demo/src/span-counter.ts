// Where the observer exports its spans during the demo: a minimal OTLP/HTTP trace receiver on
// 127.0.0.1 (port 0) that counts the spans of each protobuf ExportTraceServiceRequest
// (opentelemetry-proto: request.resource_spans[1] → scope_spans[2] → spans[2]). The count is
// what the observer really exported, read on the wire, not what the hot path thinks it sent.
// No Jaeger needed; point `otlpTracesUrl` at Jaeger instead to look at the traces.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SpanCounter {
  readonly url: string;
  /** Spans received so far. */
  spans(): number;
  /** Export requests received (including ones that did not decode). */
  requests(): number;
  /** Spans by name (order, decision, execution). */
  byName(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Length-delimited fields (wire type 2) with this number; other wire types are skipped. */
function lengthDelimited(buf: Uint8Array, want: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[at++];
      if (b === undefined) throw new RangeError('truncated varint');
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  };
  while (at < buf.length) {
    const key = varint();
    const wire = key % 8;
    const no = Math.floor(key / 8);
    if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const len = varint();
      if (no === want) out.push(buf.subarray(at, at + len));
      at += len;
    } else throw new RangeError(`unsupported wire type ${wire}`);
  }
  return out;
}

/** Span names in one ExportTraceServiceRequest. */
export function spanNamesOf(body: Uint8Array): string[] {
  const names: string[] = [];
  const text = new TextDecoder();
  for (const resourceSpans of lengthDelimited(body, 1))
    for (const scopeSpans of lengthDelimited(resourceSpans, 2))
      for (const span of lengthDelimited(scopeSpans, 2))
        names.push(text.decode(lengthDelimited(span, 5)[0] ?? new Uint8Array(0)));
  return names;
}

export async function startSpanCounter(): Promise<SpanCounter> {
  let spans = 0;
  let requests = 0;
  const byName: Record<string, number> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      try {
        let body: Uint8Array = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        if (req.url !== '/v1/traces') throw new Error(`unexpected path ${req.url}`);
        for (const name of spanNamesOf(body)) {
          spans++;
          byName[name] = (byName[name] ?? 0) + 1;
        }
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end();
      } catch (e) {
        res.writeHead(400);
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans: () => spans,
    requests: () => requests,
    byName: () => ({ ...byName }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
