// Opens the FramedSource a replay config names (control plane: reads files, may allocate).
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { FileSourceConfig, GeneratorSourceConfig } from './ingest-config.ts';
import { IngestError, IngestErrorCode } from './ingest-error.ts';
import { BufferFramedSource } from './framed-source.ts';
import type { FramedSource } from './framed-source.ts';
import { GeneratorFramedSource } from './generator-framed-source.ts';

/** Reads a NASDAQ-framed ITCH file into memory, gunzipping it when it is gzip data. */
export async function loadItchFile(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new IngestError(
      IngestErrorCode.SOURCE_UNAVAILABLE,
      `cannot read ITCH file ${path}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new IngestError(IngestErrorCode.SOURCE_UNAVAILABLE, `cannot gunzip ${path}`, { cause: err });
    }
  }
  return bytes;
}

export async function openFramedSource(
  config: FileSourceConfig | GeneratorSourceConfig,
): Promise<FramedSource> {
  if (config.kind === 'file') return new BufferFramedSource(await loadItchFile(config.path), config.loops);
  return new GeneratorFramedSource(config);
}
