// UTF-8 encoding of counter labels into a fixed-size metadata area, and back. Control plane
// only (allocates). Labels must round-trip exactly, so a lone surrogate (which UTF-8 cannot
// carry) is refused instead of being silently replaced by U+FFFD.
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of `label`; throws INVALID_LABEL or LABEL_TOO_LONG (more than maxBytes). */
export function encodeLabel(label: string, maxBytes: number): Uint8Array {
  if (typeof label !== 'string' || !label.isWellFormed()) {
    throw new CountersError(COUNTERS_ERROR_CODE.INVALID_LABEL, 'label must be a well-formed string');
  }
  const bytes = encoder.encode(label);
  if (bytes.length > maxBytes) {
    throw new CountersError(
      COUNTERS_ERROR_CODE.LABEL_TOO_LONG,
      `label is ${bytes.length} UTF-8 bytes, the limit is ${maxBytes}`,
    );
  }
  return bytes;
}

/**
 * Decode `length` bytes at `offset` of a (possibly shared) byte view. TextDecoder refuses views
 * of a SharedArrayBuffer, so the bytes are copied first; a torn copy is caught by the caller's
 * generation check, and invalid UTF-8 from one yields undefined rather than a throw.
 */
export function decodeLabel(bytes: Uint8Array, offset: number, length: number): string | undefined {
  const copy = bytes.slice(offset, offset + length);
  try {
    return decoder.decode(copy);
  } catch {
    return undefined;
  }
}
