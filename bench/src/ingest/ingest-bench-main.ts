// Entry point of `ringside bench ingest` (run as its own process, so the measurement starts
// from a clean heap and JIT): picks the ITCH source, runs runIngestBench, prints the report
// and, with --json, one JSON object as the last stdout line.
//   node bench/src/ingest/ingest-bench-main.ts [--json] [--quick] [--file <itch>] [--seconds <s>]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sharedDataDir } from '@ringside/testkit';
import { formatIngestBench, runIngestBench } from './ingest-bench.ts';
import { syntheticItchBuffer } from './synthetic-itch.ts';

const AMZN = 'itch/AMZN_2012-06-21_lobster_level1.itch';

function pickSource(file: string | undefined): { itch: Uint8Array; source: string } {
  if (file !== undefined) {
    if (!existsSync(file)) throw new Error(`bench ingest: no such file ${file}`);
    return { itch: readFileSync(file), source: path.basename(file) };
  }
  const dir = sharedDataDir();
  const amzn = dir === undefined ? undefined : path.join(dir, AMZN);
  if (amzn !== undefined && existsSync(amzn))
    return { itch: readFileSync(amzn), source: 'AMZN 2012-06-21 (real ITCH)' };
  return {
    itch: syntheticItchBuffer(200_000, 1),
    source: 'feed-sim synthetic book, seed 1 (AMZN sample absent)',
  };
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    file: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const secondsPerSubject = values.seconds !== undefined ? Number(values.seconds) : values.quick ? 0.6 : 3;
if (!(secondsPerSubject > 0 && secondsPerSubject <= 120)) {
  console.error(`bench ingest: --seconds must be in (0, 120], got ${values.seconds}`);
  process.exit(2);
}
const { itch, source } = pickSource(values.file);
// A full GC between slices keeps each subject's collections its own (see IngestBenchOptions).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const result = await runIngestBench({ itch, source, secondsPerSubject, collect });
for (const line of formatIngestBench(result)) console.log(line);
if (values.json) console.log(JSON.stringify(result));
