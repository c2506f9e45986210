// The ONE latency tag space of a host: every SampleRing the sidecar folds gets its own range of
// histogram tags, so the gateway's per-strategy segments, each decision worker's samples and
// the ingest worker's never land in the same histogram. Workers keep writing their own small
// tags (gateway: strategy × SEGMENT_COUNT + segment, decision: DecisionLatencyTag, ingest:
// IngestLatencyTag); the sidecar adds the ring's base while it folds (TaggedSampleRing).
//
//   tag        0 ..  1023   gateway ring      strategy × 7 + LatencySegment   → "<segment>_s<strategy>"
//   tag     1024 ..  2047   decision worker w 1024 + w × 16 + DecisionLatencyTag → "worker_<name>_w<w>"
//   tag     2048 ..  2063   ingest ring       2048 + IngestLatencyTag            → "ingest_<name>"
import { DecisionLatencyTag } from '../decision/decision-latency.ts';
import { SEGMENT_COUNT } from '../gateway/gateway-latency.ts';
import { IngestLatencyTag } from '../ingest/ingest-latency.ts';
import type { TaggedSampleRing } from '../sidecar/sidecar-buffers.ts';
import { SEGMENT_ORDER } from './segment-latency.ts';

export const LatencyTagSpace = {
  GATEWAY_BASE: 0,
  /** Gateway tags stay below this: strategies < 1024 / SEGMENT_COUNT (146). */
  GATEWAY_END: 1024,
  DECISION_BASE: 1024,
  /** Tags per decision worker (DecisionLatencyTag values are < 16). */
  DECISION_STRIDE: 16,
  /** Decision workers the space has room for (64 × 16 = 1024 tags). */
  MAX_DECISION_WORKERS: 64,
  INGEST_BASE: 2048,
  INGEST_END: 2064,
} as const;

const DECISION_TAG_NAMES: Readonly<Record<number, string>> = {
  [DecisionLatencyTag.INGEST_TO_ENQUEUED]: 'decision',
  [DecisionLatencyTag.INGEST_TO_READ]: 'ingest_to_read',
  [DecisionLatencyTag.ENQUEUED_TO_ACKED]: 'execution',
  [DecisionLatencyTag.INGEST_TO_PROCESSED]: 'processed',
};

const INGEST_TAG_NAMES: Readonly<Record<number, string>> = {
  [IngestLatencyTag.INGEST_TO_PUBLISH]: 'ingest_to_publish',
};

export function decisionTagBase(workerIndex: number): number {
  return LatencyTagSpace.DECISION_BASE + workerIndex * LatencyTagSpace.DECISION_STRIDE;
}

export interface HostSampleRings {
  readonly gateway: SharedArrayBuffer;
  /** Decision workers' rings, with the worker id each one names in its histograms. */
  readonly decision: readonly { readonly workerId: number; readonly samples: SharedArrayBuffer }[];
  readonly ingest?: SharedArrayBuffer | undefined;
}

/** Every ring of the host with its tag base, and the histogram name of every tag. */
export function hostLatencyTagSpace(rings: HostSampleRings): {
  readonly sampleRings: TaggedSampleRing[];
  readonly latencyTags: Record<string, string>;
} {
  const strategies = rings.decision.length;
  if (strategies > LatencyTagSpace.MAX_DECISION_WORKERS)
    throw new RangeError(`${strategies} decision workers: the tag space has room for 64`);
  const latencyTags: Record<string, string> = {};
  const sampleRings: TaggedSampleRing[] = [{ buffer: rings.gateway, tagBase: LatencyTagSpace.GATEWAY_BASE }];
  // Strategy id = decision worker id in the host (one strategy per worker).
  for (const { workerId } of rings.decision)
    for (const { name, segment } of SEGMENT_ORDER)
      latencyTags[String(LatencyTagSpace.GATEWAY_BASE + workerId * SEGMENT_COUNT + segment)] =
        `${name}_s${workerId}`;
  rings.decision.forEach(({ workerId, samples }, i) => {
    const base = decisionTagBase(i);
    sampleRings.push({ buffer: samples, tagBase: base });
    for (const [tag, name] of Object.entries(DECISION_TAG_NAMES))
      latencyTags[String(base + Number(tag))] = `worker_${name}_w${workerId}`;
  });
  if (rings.ingest !== undefined) {
    sampleRings.push({ buffer: rings.ingest, tagBase: LatencyTagSpace.INGEST_BASE });
    for (const [tag, name] of Object.entries(INGEST_TAG_NAMES))
      latencyTags[String(LatencyTagSpace.INGEST_BASE + Number(tag))] = `ingest_${name}`;
  }
  return { sampleRings, latencyTags };
}
