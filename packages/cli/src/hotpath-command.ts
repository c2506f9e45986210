// `ringside hotpath --config FILE`: runs the hot-path host process (services/hotpath/src/main.ts)
// as a child, exactly as a deployment does: stdout JSON lines and stderr logs pass straight
// through, SIGTERM / SIGINT are forwarded (the host stops gracefully, draining orders), and the
// exit code is the host's (0 stopped cleanly, 1 failed, 2 bad config).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

const HOTPATH_MAIN = fileURLToPath(new URL('../../../services/hotpath/src/main.ts', import.meta.url));

export function runHotpath(configPath: string): Promise<number> {
  const child = spawn(process.execPath, [HOTPATH_MAIN, '--config', configPath], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => (): void => {
    child.kill(signal);
  };
  const onTerm = forward('SIGTERM');
  const onInt = forward('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve(code ?? (signal === null ? 1 : 128 + 15));
    });
    child.on('error', (err) => {
      process.stderr.write(`cannot start the hot path: ${err.message}\n`);
      resolve(1);
    });
  });
}

export function registerHotpath(program: Command): void {
  program
    .command('hotpath')
    .description(
      'run the hot-path host (ingest, decision, gateway, conductor, admin API) from one JSON config',
    )
    .requiredOption('-c, --config <file>', 'hot-path config (see deploy/hotpath/hotpath.example.json)')
    .action(async (o: { config: string }) => {
      process.exitCode = await runHotpath(o.config);
    });
}
