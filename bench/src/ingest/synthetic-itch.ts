// ITCH for the benchmark when the real sample is absent: the synthetic book of
// @ringside/marketgen, framed into one buffer through the ingest worker's own generator source.
import { GeneratorFramedSource } from '@ringside/hotpath';

export function syntheticItchBuffer(messages: number, seed: number): Uint8Array {
  const source = new GeneratorFramedSource({ seed, messages, instruments: 8 });
  const chunks: Uint8Array[] = [];
  for (let n = source.refill(); n > 0; n = source.refill()) chunks.push(source.buffer.slice(0, n));
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
