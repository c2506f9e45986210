// The observer process: `node services/observer/src/main.ts [config.json]` (or the config as
// JSON in RINGSIDE_OBSERVER_CONFIG). Prints one JSON line once listening; exits 2 on a bad
// config, 1 on any other start failure; SIGINT/SIGTERM close it cleanly.
import { readFileSync } from 'node:fs';
import { ObserverError, ObserverErrorCode } from './observer-error.ts';
import { startObserver } from './observer.ts';

function readConfig(): unknown {
  const file = process.argv[2];
  const text =
    file !== undefined ? readFileSync(file, 'utf8') : (process.env['RINGSIDE_OBSERVER_CONFIG'] ?? '');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ObserverError(ObserverErrorCode.INVALID_CONFIG, `config is not JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const observer = await startObserver(readConfig());
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', metricsUrl: observer.metricsUrl, port: observer.metricsPort })}\n`,
  );
  const shutdown = (): void => {
    void observer.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  const bad = e instanceof ObserverError && e.code === ObserverErrorCode.INVALID_CONFIG;
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(bad ? 2 : 1);
});
