// The approvals service's signing key: an nkeys user or account seed (SU... / SA...) read from a
// file, as `nsc` or `nk -gen user` writes it. The public key is what verifiers are given.
import { readFileSync } from 'node:fs';
import { fromSeed } from '@nats-io/nkeys';
import type { KeyPair } from '@nats-io/nkeys';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';

const SEED = /^S[UA][A-Z2-7]{56}$/;

/** Parses a seed string; throws ApprovalsError(BAD_CONFIG) without echoing the secret. */
export function signerFromSeed(seed: string): KeyPair {
  const trimmed = seed.trim();
  if (!SEED.test(trimmed))
    throw new ApprovalsError(
      ApprovalsErrorCode.BAD_CONFIG,
      'seed must be an nkeys user or account seed (SU... or SA...)',
    );
  try {
    return fromSeed(new TextEncoder().encode(trimmed));
  } catch (err) {
    throw new ApprovalsError(ApprovalsErrorCode.BAD_CONFIG, 'seed is not a valid nkeys seed (checksum)', {
      cause: err,
    });
  }
}

export function loadSigner(seedFile: string): KeyPair {
  let text: string;
  try {
    text = readFileSync(seedFile, 'utf8');
  } catch (err) {
    throw new ApprovalsError(ApprovalsErrorCode.BAD_CONFIG, `cannot read seed file ${seedFile}`, {
      cause: err,
    });
  }
  // nsc writes creds-style files; take the first line that looks like a seed.
  const line = text.split(/\r?\n/).find((l) => SEED.test(l.trim())) ?? text;
  return signerFromSeed(line);
}
