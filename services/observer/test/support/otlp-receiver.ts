// A minimal OTLP/HTTP trace receiver for tests: an HTTP server on 127.0.0.1:0 that decodes the
// protobuf ExportTraceServiceRequest the OTLP proto exporter sends (opentelemetry-proto
// trace/v1), with a small protobuf wire-format reader, and keeps the spans.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: ReadonlyMap<string, string | boolean | bigint | number>;
  readonly serviceName: string | undefined;
}

export interface OtlpReceiver extends AsyncDisposable {
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly requests: number;
  close(): Promise<void>;
}

type Field = { readonly no: number; readonly wire: number; readonly int: bigint; readonly bytes: Uint8Array };

/** Splits one protobuf message into its fields (varint, fixed64, length-delimited, fixed32). */
function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[at++];
      if (b === undefined) throw new Error('truncated varint');
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  const empty = new Uint8Array(0);
  while (at < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, int: varint(), bytes: empty });
    else if (wire === 1) {
      const dv = new DataView(buf.buffer, buf.byteOffset + at, 8);
      out.push({ no, wire, int: dv.getBigUint64(0, true), bytes: empty });
      at += 8;
    } else if (wire === 2) {
      const len = Number(varint());
      out.push({ no, wire, int: 0n, bytes: buf.subarray(at, at + len) });
      at += len;
    } else if (wire === 5) {
      const dv = new DataView(buf.buffer, buf.byteOffset + at, 4);
      out.push({ no, wire, int: BigInt(dv.getUint32(0, true)), bytes: empty });
      at += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function anyValue(buf: Uint8Array): string | boolean | bigint | number {
  for (const f of fields(buf)) {
    if (f.no === 1) return text(f.bytes);
    if (f.no === 2) return f.int !== 0n;
    if (f.no === 3) return BigInt.asIntN(64, f.int);
    if (f.no === 4) return new DataView(new BigUint64Array([f.int]).buffer).getFloat64(0, true);
  }
  return '';
}

function keyValues(list: Field[], no: number): Map<string, string | boolean | bigint | number> {
  const map = new Map<string, string | boolean | bigint | number>();
  for (const kv of list.filter((f) => f.no === no)) {
    const parts = fields(kv.bytes);
    const key = text(parts.find((p) => p.no === 1)?.bytes ?? new Uint8Array(0));
    const value = parts.find((p) => p.no === 2);
    map.set(key, value === undefined ? '' : anyValue(value.bytes));
  }
  return map;
}

/** Decodes an ExportTraceServiceRequest into spans. */
export function decodeTraceRequest(body: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rs of fields(body).filter((f) => f.no === 1)) {
    const rsFields = fields(rs.bytes);
    const resource = rsFields.find((f) => f.no === 1);
    const resourceAttrs = resource === undefined ? new Map() : keyValues(fields(resource.bytes), 1);
    const serviceName = resourceAttrs.get('service.name');
    for (const ss of rsFields.filter((f) => f.no === 2)) {
      for (const s of fields(ss.bytes).filter((f) => f.no === 2)) {
        const sf = fields(s.bytes);
        const get = (no: number): Field | undefined => sf.find((f) => f.no === no);
        spans.push({
          traceId: hex(get(1)?.bytes ?? new Uint8Array(0)),
          spanId: hex(get(2)?.bytes ?? new Uint8Array(0)),
          parentSpanId: hex(get(4)?.bytes ?? new Uint8Array(0)),
          name: text(get(5)?.bytes ?? new Uint8Array(0)),
          startNs: get(7)?.int ?? 0n,
          endNs: get(8)?.int ?? 0n,
          attributes: keyValues(sf, 9),
          serviceName: typeof serviceName === 'string' ? serviceName : undefined,
        });
      }
    }
  }
  return spans;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      let body: Uint8Array = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      try {
        if (req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('protobuf')) {
          throw new Error(`unexpected ${req.method} ${req.url} ${req.headers['content-type']}`);
        }
        spans.push(...decodeTraceRequest(body));
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
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    get requests() {
      return requests;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
