// The observer process: `node services/observer/src/main.ts [config.json]` (or the config as
// JSON in RINGSIDE_OBSERVER_CONFIG). Prints one JSON line once listening; exits 2 on a bad
// config, 1 on any other start failure (NATS refusing the login included); SIGINT/SIGTERM close
// it cleanly. NATS credentials can stay out of the config file: RINGSIDE_NATS_USER,
// RINGSIDE_NATS_PASS (or RINGSIDE_NATS_TOKEN) fill natsUser, natsPass (natsToken) when the
// config sets no credentials at all (a config that does, wins whole).
import { readFileSync } from 'node:fs';
import { ObserverError, ObserverErrorCode } from './observer-error.ts';
import { startObserver } from './observer.ts';

const CREDENTIAL_ENV = {
  natsUser: 'RINGSIDE_NATS_USER',
  natsPass: 'RINGSIDE_NATS_PASS',
  natsToken: 'RINGSIDE_NATS_TOKEN',
} as const;

function withCredentialsFromEnv(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const filled: Record<string, unknown> = { ...config };
  if (Object.keys(CREDENTIAL_ENV).some((key) => filled[key] !== undefined)) return config;
  for (const [key, env] of Object.entries(CREDENTIAL_ENV)) {
    const value = process.env[env];
    if (value !== undefined && value !== '') filled[key] = value;
  }
  return filled;
}

function readConfig(): unknown {
  const file = process.argv[2];
  const text =
    file !== undefined ? readFileSync(file, 'utf8') : (process.env['RINGSIDE_OBSERVER_CONFIG'] ?? '');
  try {
    return withCredentialsFromEnv(JSON.parse(text) as unknown);
  } catch (e) {
    throw new ObserverError(ObserverErrorCode.INVALID_CONFIG, `config is not JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const observer = await startObserver(readConfig());
  const shutdown = (): void => {
    void observer.close().then(() => process.exit(0));
  };
  // Handlers first: a harness may send SIGTERM as soon as it reads the listening line.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', metricsUrl: observer.metricsUrl, port: observer.metricsPort })}\n`,
  );
}

main().catch((e: unknown) => {
  const bad = e instanceof ObserverError && e.code === ObserverErrorCode.INVALID_CONFIG;
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(bad ? 2 : 1);
});
