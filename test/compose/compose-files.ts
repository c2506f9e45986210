// Helpers for the compose tests: run docker-compose, generate secrets into a temp dir, read a
// Dockerfile's stages, match .dockerignore patterns, find the flags a main.ts declares.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.error === undefined ? r.status : null, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function hasBinary(cmd: string, versionArgs: readonly string[]): boolean {
  return run(cmd, versionArgs).status === 0;
}

/** KEY=value lines of an env file (comments and blank lines skipped). */
export function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m !== null) env[m[1] ?? ''] = m[2] ?? '';
  }
  return env;
}

export interface DockerStage {
  readonly name: string;
  readonly copies: readonly { readonly from: string | undefined; readonly sources: readonly string[] }[];
  readonly cmd: readonly string[] | undefined;
  readonly entrypoint: readonly string[] | undefined;
}

/** Stages of a Dockerfile (FROM ... AS name), their COPY sources and exec-form CMD / ENTRYPOINT. */
export function parseDockerfile(text: string): DockerStage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const stages: { name: string; copies: DockerStage['copies'][number][]; cmd?: string[]; ep?: string[] }[] =
    [];
  for (const raw of lines) {
    const line = raw.trim();
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from !== null) {
      stages.push({ name: from[1] ?? `#${stages.length}`, copies: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue;
    const copy = /^(?:COPY|ADD)\s+(.*)$/i.exec(line);
    if (copy !== null) {
      const words = (copy[1] ?? '').split(/\s+/);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const fromFlag = flags.find((f) => f.startsWith('--from='));
      stage.copies.push({ from: fromFlag?.slice('--from='.length), sources: paths.slice(0, -1) });
    }
    const exec = /^(CMD|ENTRYPOINT)\s+(\[.*\])\s*$/i.exec(line);
    if (exec !== null) {
      const value = JSON.parse(exec[2] ?? '[]') as string[];
      if ((exec[1] ?? '').toUpperCase() === 'CMD') stage.cmd = value;
      else stage.ep = value;
    }
  }
  return stages.map((s) => ({ name: s.name, copies: s.copies, cmd: s.cmd, entrypoint: s.ep }));
}

/** Docker's .dockerignore rules: last matching pattern wins, `!` re-includes, `**` spans dirs. */
export function dockerIgnoreMatcher(text: string): (relPath: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      let rx = '';
      for (let i = 0; i < pattern.length;) {
        if (pattern.startsWith('**/', i)) {
          rx += '(?:.*/)?';
          i += 3;
        } else if (pattern.startsWith('**', i)) {
          rx += '.*';
          i += 2;
        } else if (pattern[i] === '*') {
          rx += '[^/]*';
          i += 1;
        } else if (pattern[i] === '?') {
          rx += '[^/]';
          i += 1;
        } else {
          rx += (pattern[i] ?? '').replace(/[.+^${}()|[\]\\]/g, '\\$&');
          i += 1;
        }
      }
      return { negate, re: new RegExp(`^${rx}(?:/.*)?$`) };
    });
  return (relPath) => {
    let excluded = false;
    for (const r of rules) if (r.re.test(relPath)) excluded = !r.negate;
    return excluded;
  };
}

/**
 * Whether a CLI source declares a long option: commander (`'--name <v>'`, `--no-name`) or
 * node:util parseArgs (`name: { type: ... }`).
 */
export function declaresFlag(source: string, flag: string): boolean {
  const name = flag.replace(/^--/, '');
  const escaped = name.replace(/[-]/g, '\\-');
  const commander = new RegExp(`['"\`](?:-\\w, )?--(?:no-)?${escaped}(?=[\\s'"\`<\\[,])`);
  const parseArgs = new RegExp(`['"]?${escaped}['"]?\\s*:\\s*\\{\\s*type\\s*:`);
  return commander.test(source) || parseArgs.test(source);
}
