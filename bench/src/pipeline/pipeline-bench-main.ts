// Process entry of `ringside bench pipeline` (spawned by the CLI with gc-probe.ts preloaded).
// Progress goes to stderr, the table to stdout; with --json the last stdout line is the JSON.
import { parseArgs } from 'node:util';
import { formatPipelineBench, pipelineBenchJson, runPipelineBench } from './pipeline-bench.ts';
import type { PipelineBenchMode } from './pipeline-config.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    tiny: { type: 'boolean' },
    json: { type: 'boolean' },
    'decision-idle': { type: 'string' },
    'gateway-spin-turns': { type: 'string' },
    'gateway-max-park-ms': { type: 'string' },
    'feed-quantum-us': { type: 'string' },
  },
});
const mode: PipelineBenchMode = values.tiny === true ? 'tiny' : values.quick === true ? 'quick' : 'full';
// Hard bound on the whole process: no stage can hang a CI run.
const limit = setTimeout(
  () => {
    process.stderr.write('bench pipeline: time limit reached\n');
    process.exit(2);
  },
  mode === 'full' ? 150_000 : 60_000,
);
limit.unref();
const report = await runPipelineBench({
  mode,
  ...(values['decision-idle'] === undefined ? {} : { decisionIdle: values['decision-idle'] }),
  ...(values['gateway-spin-turns'] === undefined
    ? {}
    : { gatewaySpinTurns: Number(values['gateway-spin-turns']) }),
  ...(values['gateway-max-park-ms'] === undefined
    ? {}
    : { gatewayMaxParkMs: Number(values['gateway-max-park-ms']) }),
  ...(values['feed-quantum-us'] === undefined ? {} : { feedQuantumUs: Number(values['feed-quantum-us']) }),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${formatPipelineBench(report).join('\n')}\n`);
if (values.json === true) process.stdout.write(`${JSON.stringify(pipelineBenchJson(report))}\n`);
