// What the demo replays: the real NASDAQ sample in ../shared/data (AMZN, 2012-06-21, as
// TotalView-ITCH 5.0) when it is there, else a generated book (packages/marketgen through
// feed-sim --synthetic). Either way feed-sim serves it over SoupBinTCP, as a real feed would.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDataDir } from '@ringside/testkit';

export const SAMPLE_FILE = 'itch/AMZN_2012-06-21_lobster_level1.itch';

export type MarketDataSource =
  | { readonly kind: 'file'; readonly path: string; readonly label: string }
  | { readonly kind: 'synthetic'; readonly symbols: readonly string[]; readonly label: string };

export function chooseMarketData(options: {
  readonly file?: string | undefined;
  readonly synthetic: boolean;
}): MarketDataSource {
  const synthetic = {
    kind: 'synthetic',
    symbols: ['AAPL', 'MSFT', 'AMZN'],
    label: 'generated (synthetic AAPL, MSFT, AMZN books)',
  } as const;
  if (options.synthetic) return synthetic;
  if (options.file !== undefined) {
    const file = path.resolve(options.file);
    return { kind: 'file', path: file, label: `file ${file}` };
  }
  const dir = sharedDataDir();
  const sample = dir === undefined ? undefined : path.join(dir, SAMPLE_FILE);
  if (sample !== undefined && existsSync(sample))
    return { kind: 'file', path: sample, label: `real NASDAQ sample ${SAMPLE_FILE} (AMZN 2012-06-21)` };
  return {
    ...synthetic,
    label: `${synthetic.label}: the real sample ../shared/data/${SAMPLE_FILE} is absent`,
  };
}

const SYNTHETIC_RATE = 20_000;

/** Messages in a NASDAQ-framed file (2-byte big-endian length before each message). */
export function countFramedMessages(file: string): number {
  const bytes = readFileSync(file);
  let n = 0;
  for (let at = 0; at + 2 <= bytes.length; at += 2 + bytes.readUInt16BE(at)) n++;
  return n;
}

/**
 * The feed rate: as given, else a file spread over the whole run (the sample day replayed
 * once, time compressed), else 20 000 generated messages per second.
 */
export function feedRate(source: MarketDataSource, given: number | undefined, durationS: number): number {
  if (given !== undefined) return given;
  if (source.kind === 'synthetic') return SYNTHETIC_RATE;
  return Math.max(100, Math.ceil(countFramedMessages(source.path) / durationS));
}

/** feed-sim arguments for the source, paced at `rate` for at most `durationS`. */
export function feedSimArgs(
  source: MarketDataSource,
  rate: number,
  durationS: number,
  seed: number,
): string[] {
  const common = [
    '--port',
    '0',
    '--rate',
    String(rate),
    '--duration',
    String(durationS),
    '--linger-ms',
    '1000',
  ];
  if (source.kind === 'file') return ['--file', source.path, ...common];
  return ['--synthetic', '--symbols', source.symbols.join(','), '--seed', String(seed), ...common];
}
