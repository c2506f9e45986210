// The approval token (version 1): compact, self-contained, verifiable with a public key alone.
//
//   rsa1.<payload>.<signature>
//
//   payload   base64url (RFC 4648 §5, no padding) of UTF-8 JSON with exactly these keys:
//               v     1
//               id    token id (unique; a verifier refuses an id it has seen: single use)
//               req   approval request id
//               act   action, e.g. "DropConsumer"          ┐
//               tgt   target, e.g. "3" (a consumer id)     ├ the scope: ONE action on ONE
//               host  host, e.g. "hot-1"                   ┘ target on ONE host
//               apr   approvers, distinct, in order of approval
//               iat   issued at, unix ms
//               exp   expires at, unix ms (> iat)
//               kid   signer's nkeys public key (U... or A...), so keys can rotate
//   signature base64url (no padding) of the 64-byte Ed25519 signature (nkeys) over the ASCII
//             bytes of "rsa1.<payload>": the token text before the last dot. The verifier checks
//             the bytes it was given, never a re-encoding, so JSON key order cannot matter.
//
// A typical token is ~400 characters. Parsing is bounded (MAX_TOKEN_CHARS) and never throws.
import { z } from 'zod';

export const TOKEN_PREFIX = 'rsa1';
export const MAX_TOKEN_CHARS = 4096;
export const SIGNATURE_BYTES = 64;

const text = (max: number): z.ZodString => z.string().min(1).max(max);

export const approvalClaimsSchema = z.strictObject({
  v: z.literal(1),
  id: text(64),
  req: text(64),
  act: text(64),
  tgt: text(256),
  host: text(64),
  apr: z.array(text(64)).min(1).max(8),
  iat: z.int().nonnegative(),
  exp: z.int().positive(),
  kid: text(64),
});

/** What a token says (the decoded payload). */
export type ApprovalClaims = z.output<typeof approvalClaimsSchema>;

export interface DecodedToken {
  readonly claims: ApprovalClaims;
  /** The exact bytes that were signed ("rsa1.<payload>"). */
  readonly signed: Uint8Array;
  readonly signature: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const ascii = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Splits and decodes a token; undefined if it is not a well-formed version-1 token. */
export function decodeApprovalToken(token: unknown): DecodedToken | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return undefined;
  const [, payload = '', sig = ''] = parts;
  if (!BASE64URL.test(payload) || !BASE64URL.test(sig)) return undefined;
  const signature = Buffer.from(sig, 'base64url');
  // Canonical encoding only: base64url's last character carries spare bits, and a token that
  // decodes to the same signature under a different spelling would be a second valid string.
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64url') !== sig) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(Buffer.from(payload, 'base64url')));
  } catch {
    return undefined;
  }
  const parsed = approvalClaimsSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= parsed.data.iat) return undefined;
  return {
    claims: parsed.data,
    signed: ascii.encode(`${TOKEN_PREFIX}.${payload}`),
    signature: new Uint8Array(signature),
  };
}
