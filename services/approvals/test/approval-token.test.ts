// The approval token on its own: issue with a seed, verify with the public key alone. Every
// verdict is reachable and exactly the intended one; random input never throws and is never OK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAccount, createUser } from '@nats-io/nkeys';
import { TokenStatus, decodeApprovalToken, issueApprovalToken, verifyApprovalToken } from '../src/index.ts';

const signer = createUser();
const publicKey = signer.getPublicKey();
const T0 = 1_800_000_000_000;
const scope = { action: 'DropConsumer', target: '3', host: 'hot-1' } as const;

function issue(overrides: Partial<{ issuedAt: number; expiresAt: number }> = {}): string {
  return issueApprovalToken(signer, {
    requestId: '7c0a7c62-0a39-4c8e-9a55-4a0f2b1c9d10',
    ...scope,
    approvers: ['alice'],
    issuedAt: overrides.issuedAt ?? T0,
    expiresAt: overrides.expiresAt ?? T0 + 60_000,
  }).token;
}

test('a token verifies once, then REUSED; the format is rsa1.<payload>.<sig>', () => {
  const token = issue();
  assert.match(token, /^rsa1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
  console.log(`token length ${token.length} chars`);
  const seenIds = new Set<string>();
  const first = verifyApprovalToken(token, { publicKey, ...scope, now: T0 + 1, seenIds });
  assert.equal(first.status, TokenStatus.OK);
  assert.ok(first.status === 'OK' && first.claims.apr[0] === 'alice');
  assert.equal(
    verifyApprovalToken(token, { publicKey, ...scope, now: T0 + 2, seenIds }).status,
    TokenStatus.REUSED,
  );
  assert.equal(seenIds.size, 1);
});

test('wrong scope, expiry, other key and tampering each give their own verdict', () => {
  const token = issue();
  const at = { publicKey, now: T0 + 1 };
  assert.equal(
    verifyApprovalToken(token, { ...at, ...scope, host: 'hot-2' }).status,
    TokenStatus.WRONG_SCOPE,
  );
  assert.equal(verifyApprovalToken(token, { ...at, ...scope, target: '4' }).status, TokenStatus.WRONG_SCOPE);
  assert.equal(
    verifyApprovalToken(token, { ...at, ...scope, action: 'Resume' }).status,
    TokenStatus.WRONG_SCOPE,
  );
  assert.equal(
    verifyApprovalToken(token, { publicKey, ...scope, now: T0 + 60_000 }).status,
    TokenStatus.EXPIRED,
  );
  // Issued far in the future (a clock gone wrong) is not valid yet.
  const future = issue({ issuedAt: T0 + 3_600_000, expiresAt: T0 + 3_660_000 });
  assert.equal(verifyApprovalToken(future, { ...at, ...scope }).status, TokenStatus.EXPIRED);
  const other = createUser().getPublicKey();
  assert.equal(
    verifyApprovalToken(token, { ...scope, publicKey: other, now: T0 + 1 }).status,
    TokenStatus.BAD_SIGNATURE,
  );
  assert.equal(
    verifyApprovalToken(token, { ...scope, publicKey: 'not-a-key', now: T0 + 1 }).status,
    TokenStatus.BAD_SIGNATURE,
  );

  // Re-scope the payload (host hot-1 → hot-2) and keep the signature: BAD_SIGNATURE.
  const [prefix, payload, sig] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, host: 'hot-2' })).toString('base64url')}.${sig}`;
  assert.equal(
    verifyApprovalToken(forged, { ...at, ...scope, host: 'hot-2' }).status,
    TokenStatus.BAD_SIGNATURE,
  );
  // Flip one signature character.
  const flipped = `${prefix}.${payload}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
  assert.equal(verifyApprovalToken(flipped, { ...at, ...scope }).status, TokenStatus.BAD_SIGNATURE);
  // The signature's last character carries 2 bits plus 4 spare ones: another spelling of the
  // same bytes is refused, so each token has exactly one valid string.
  const last = sig.at(-1) ?? 'A';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const twin = alphabet[alphabet.indexOf(last) ^ 1] ?? 'A';
  assert.deepEqual(Buffer.from(sig.slice(0, -1) + twin, 'base64url'), Buffer.from(sig, 'base64url'));
  assert.equal(
    verifyApprovalToken(`${prefix}.${payload}.${sig.slice(0, -1)}${twin}`, { ...at, ...scope }).status,
    TokenStatus.MALFORMED,
  );
  // A bad token never marks its id as used.
  const seenIds = new Set<string>();
  verifyApprovalToken(flipped, { ...at, ...scope, seenIds });
  assert.equal(seenIds.size, 0);
  assert.equal(verifyApprovalToken(token, { ...at, ...scope, seenIds }).status, TokenStatus.OK);
});

test('malformed inputs are MALFORMED', () => {
  const at = { publicKey, ...scope, now: T0 + 1 };
  for (const bad of [
    undefined,
    42,
    '',
    'rsa1',
    'rsa1..',
    'rsa2.a.b',
    'x'.repeat(10_000),
    `rsa1.${'!'.repeat(10)}.abc`,
  ])
    assert.equal(verifyApprovalToken(bad, at).status, TokenStatus.MALFORMED, String(bad).slice(0, 20));
  const [prefix, , sig] = issue().split('.') as [string, string, string];
  const notClaims = Buffer.from(JSON.stringify({ v: 2 })).toString('base64url');
  assert.equal(verifyApprovalToken(`${prefix}.${notClaims}.${sig}`, at).status, TokenStatus.MALFORMED);
  assert.equal(decodeApprovalToken(`${prefix}.${notClaims}.${sig}`), undefined);
});

test('fast-check: random bytes, strings and mutations never throw and are never OK', () => {
  const token = issue();
  const at = { publicKey, ...scope, now: T0 + 1 };
  const allowed = new Set<string>([TokenStatus.MALFORMED, TokenStatus.BAD_SIGNATURE]);
  let runs = 0;
  const deadline = Date.now() + 15_000;
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b).toString('latin1')),
        fc
          .uint8Array({ maxLength: 600 })
          .map((b) => `rsa1.${Buffer.from(b).toString('base64url')}.${Buffer.from(b).toString('base64url')}`),
        fc.string({ maxLength: 600 }),
        // One character of a valid token replaced.
        fc
          .tuple(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'AZaz09-_.!=+/'.split('')))
          .map(([i, ch]) => token.slice(0, i) + ch + token.slice(i + 1)),
      ),
      (input) => {
        runs++;
        if (Date.now() > deadline) return; // bounded in time as well as count
        const r = verifyApprovalToken(input, at);
        if (input === token) return;
        assert.ok(allowed.has(r.status), `got ${r.status} for ${input.slice(0, 60)}`);
      },
    ),
    { numRuns: 3000, seed: 42 },
  );
  console.log(`fast-check: ${runs} inputs`);
});

test('an account seed signs too; verification (node:crypto Ed25519) agrees with nkeys', () => {
  const account = createAccount();
  const token = issueApprovalToken(account, {
    requestId: 'r-1',
    ...scope,
    approvers: ['alice'],
    issuedAt: T0,
    expiresAt: T0 + 1000,
  }).token;
  const at = { ...scope, now: T0 + 1 };
  assert.equal(
    verifyApprovalToken(token, { ...at, publicKey: account.getPublicKey() }).status,
    TokenStatus.OK,
  );
  assert.equal(verifyApprovalToken(token, { ...at, publicKey }).status, TokenStatus.BAD_SIGNATURE);
  // A public key with a broken checksum is no key at all.
  const pk = account.getPublicKey();
  const broken = pk.slice(0, -1) + (pk.endsWith('A') ? 'B' : 'A');
  assert.equal(verifyApprovalToken(token, { ...at, publicKey: broken }).status, TokenStatus.BAD_SIGNATURE);
  // Timing, for the record (the admin API verifies one token per high-risk call).
  const N = 500;
  const start = performance.now();
  for (let i = 0; i < N; i++) verifyApprovalToken(token, { ...at, publicKey: pk });
  console.log(
    `verifyApprovalToken: ${(((performance.now() - start) / N) * 1000).toFixed(0)} µs per token (${N} runs)`,
  );
});
