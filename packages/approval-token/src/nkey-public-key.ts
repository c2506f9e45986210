// An nkeys public key (U... or A...) as a node:crypto Ed25519 KeyObject, so verification runs
// in OpenSSL (tens of µs) rather than in tweetnacl's JavaScript (milliseconds per signature on
// our machines). nkeys' own fromPublic checks the prefix and CRC16 first; the encoding is
// base32 (RFC 4648, no padding) of [prefix byte][32-byte Ed25519 key][CRC16].
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { fromPublic } from '@nats-io/nkeys';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const NKEY_PUBLIC = /^[UA][A-Z2-7]{55}$/;
const RAW_KEY_BYTES = 32;

function base32Decode(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out[n++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

const cache = new Map<string, KeyObject | null>();
const CACHE_LIMIT = 64;

/** The Ed25519 verification key of a user/account nkey; null if it is not one. Never throws. */
export function ed25519KeyOf(publicKey: string): KeyObject | null {
  let key = cache.get(publicKey);
  if (key !== undefined) return key;
  key = null;
  if (NKEY_PUBLIC.test(publicKey)) {
    try {
      fromPublic(publicKey); // prefix and checksum
      const raw = base32Decode(publicKey).subarray(1, 1 + RAW_KEY_BYTES);
      const x = Buffer.from(raw).toString('base64url');
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    } catch {
      key = null;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(publicKey, key);
  return key;
}
