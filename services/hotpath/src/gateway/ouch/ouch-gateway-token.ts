// The gateway's OUCH order tokens: 3 prefix characters + the client order id in base 36 (11
// characters hold any 53-bit id: 36^11 > 2^53), 14 characters in all. Client order ids carry the
// process run's session epoch (client-order-id.ts), so a restarted run never reuses a token still
// live at the venue, whatever the prefix. The prefix (configured, or from the start minute) is a
// namespace on top: it lets the gateway ignore answers to another run's tokens the venue replays
// at login when the runs' prefixes differ.
import { OUCH_TOKEN_LENGTH, writeTokenBase36 } from '@ringside/protocols';

export const TOKEN_PREFIX_LENGTH = 3;
const DIGITS_AT = TOKEN_PREFIX_LENGTH;

/** Control plane: a 3-character base-36 prefix from a number (e.g. minutes since some epoch). */
export function tokenPrefixOf(n: number): string {
  return (Math.abs(Math.floor(n)) % 36 ** 3).toString(36).toUpperCase().padStart(3, '0');
}

export class OuchGatewayToken {
  readonly prefix: Uint8Array;
  /** [0] the id parsed by readId (a typed slot: returning a large double would box it). */
  readonly parsed = new Float64Array(1);

  constructor(prefix: string) {
    if (!/^[0-9A-Z]{3}$/.test(prefix))
      throw new RangeError(`token prefix must be 3 of [0-9A-Z], got '${prefix}'`);
    this.prefix = new Uint8Array([prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2)]);
  }

  /** Writes the 14-byte token of `id` at `b[at]`; returns 14 or a negative OuchStatus. */
  write(b: Uint8Array, at: number, id: number): number {
    const n = writeTokenBase36(b, at, id);
    if (n < 0) return n;
    const p = this.prefix;
    b[at] = p[0]!;
    b[at + 1] = p[1]!;
    b[at + 2] = p[2]!;
    return n;
  }

  /**
   * Parses the token at `b[at]` into parsed[0]; returns 1, or 0 when it is not one of ours
   * (another prefix, not base 36).
   */
  readId(b: Uint8Array, at: number): number {
    const p = this.prefix;
    if (b[at] !== p[0] || b[at + 1] !== p[1] || b[at + 2] !== p[2]) return 0;
    let v = 0;
    for (let i = DIGITS_AT; i < OUCH_TOKEN_LENGTH; i++) {
      const ch = b[at + i]!;
      let d: number;
      if (ch >= 0x30 && ch <= 0x39) d = ch - 0x30;
      else if (ch >= 0x41 && ch <= 0x5a) d = ch - 0x41 + 10;
      else return 0;
      v = v * 36 + d;
    }
    if (v > Number.MAX_SAFE_INTEGER) return 0;
    this.parsed[0] = v;
    return 1;
  }
}
