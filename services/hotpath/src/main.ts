// The hot-path process: `node services/hotpath/src/main.ts --config hotpath.json`.
// stdout carries JSON lines for a harness, one object per line:
//   {"event":"ready","adminPort":N,"host":"...","pid":N}
//   {"event":"state","from":"WARM_UP","to":"READY","reason":"...","monoNs":N,"wallMs":N}   per transition
//   {"event":"stopped",...HostReport}
//   {"event":"error","code":"...","message":"..."}                                          on failure
// Logs (pino) go to stderr. SIGTERM / SIGINT → graceful stop (orders drained), exit 0.
// Exit codes: 0 stopped cleanly, 1 failed to start or to stop, 2 bad config (message names each field).
import { parseArgs } from 'node:util';
import { loadHotpathConfig } from './host/host-config.ts';
import { HostError, HostErrorCode } from './host/host-error.ts';
import { startHotpathHost } from './host/hotpath-host.ts';
import type { HotpathHost } from './host/hotpath-host.ts';

const emit = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

/** Runs the host until SIGTERM/SIGINT; resolves with the exit code. */
export async function runHotpathMain(argv: readonly string[]): Promise<number> {
  let configPath: string | undefined;
  try {
    const { values } = parseArgs({ args: [...argv], options: { config: { type: 'string', short: 'c' } } });
    configPath = values.config;
  } catch (err) {
    process.stderr.write(
      `${err instanceof Error ? err.message : String(err)}\nusage: main.ts --config FILE\n`,
    );
    return 2;
  }
  if (configPath === undefined) {
    process.stderr.write('usage: main.ts --config FILE (a JSON hot-path config, see deploy/hotpath)\n');
    return 2;
  }
  let config;
  try {
    config = loadHotpathConfig(configPath);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof HostError ? err.code : 'UNKNOWN';
    emit({ event: 'error', code, message });
    process.stderr.write(`${message}\n`);
    return err instanceof HostError && err.code !== HostErrorCode.START_FAILED ? 2 : 1;
  }
  // The pieces print their one-line config descriptions with console.log: keep stdout for JSON.
  console.log = (...args: unknown[]) => console.error(...args);
  let host: HotpathHost;
  try {
    host = await startHotpathHost(config);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    emit({ event: 'error', code: err instanceof HostError ? err.code : 'UNKNOWN', message });
    process.stderr.write(`${message}\n`);
    return 1;
  }
  for (const t of host.lifecycleHistory()) emit({ event: 'state', ...t });
  host.onTransition((t) => emit({ event: 'state', ...t }));
  emit({ event: 'ready', adminPort: host.adminPort, host: config.host, pid: process.pid });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  try {
    const report = await host.stop();
    emit({ event: 'stopped', signal, ...report });
    return 0;
  } catch (err) {
    emit({ event: 'error', code: 'STOP_FAILED', message: err instanceof Error ? err.message : String(err) });
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runHotpathMain(process.argv.slice(2));
  // Worker threads and sockets are closed by stop(); exit anyway so a stuck handle cannot hang a harness.
  setTimeout(() => process.exit(), 1000).unref();
}
