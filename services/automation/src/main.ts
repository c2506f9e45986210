// The automation process: `node services/automation/src/main.ts <config.json>` (or the config
// as JSON in RINGSIDE_AUTOMATION_CONFIG). Prints {"event":"started",...} on stdout once
// subscribed; exits 2 with a clear message on a bad config or runbook, 1 when NATS is
// unreachable; SIGINT/SIGTERM close it cleanly and print {"event":"stopped"}.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startAutomation } from './automation.ts';
import { parseAutomationConfig } from './config.ts';
import { AutomationError, AutomationErrorCode } from './errors.ts';

function readConfig(): unknown {
  const file = process.argv[2];
  let text: string;
  try {
    text =
      file !== undefined ? readFileSync(file, 'utf8') : (process.env['RINGSIDE_AUTOMATION_CONFIG'] ?? '');
  } catch (e) {
    throw new AutomationError(
      AutomationErrorCode.BAD_CONFIG,
      `cannot read config ${file}: ${(e as Error).message}`,
    );
  }
  try {
    const raw = JSON.parse(text) as unknown;
    // A relative runbookDir is relative to the config file, not to wherever we were started.
    if (
      file !== undefined &&
      typeof raw === 'object' &&
      raw !== null &&
      'runbookDir' in raw &&
      typeof raw.runbookDir === 'string'
    )
      return { ...raw, runbookDir: path.resolve(path.dirname(file), raw.runbookDir) };
    return raw;
  } catch (e) {
    throw new AutomationError(AutomationErrorCode.BAD_CONFIG, `config is not JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const config = parseAutomationConfig(readConfig());
  const handle = await startAutomation(config);
  process.stdout.write(
    `${JSON.stringify({ event: 'started', runbooks: handle.runbooks.map((r) => r.name), auditStream: handle.audit.stream })}\n`,
  );
  const shutdown = (): void => {
    void handle.close().then(() => {
      process.stdout.write(`${JSON.stringify({ event: 'stopped' })}\n`);
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  const bad =
    e instanceof AutomationError &&
    (e.code === AutomationErrorCode.BAD_CONFIG || e.code === AutomationErrorCode.BAD_RUNBOOK);
  process.stderr.write(`automation: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(bad ? 2 : 1);
});
