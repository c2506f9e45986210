// A hot worker stand-in for the trace-ring concurrency test: completes `completions` orders as
// fast as it can (bounded by count and deadline), sampling every Nth through TraceSampler, with
// every field of a record derived from its order id so a reader can tell a torn record.
import { parentPort, workerData } from 'node:worker_threads';
import { TRACE_FIELD, TRACE_STAMP, TraceSampler } from '@ringside/hotpath';

export interface TraceWriterData {
  readonly ring: SharedArrayBuffer;
  readonly completions: number;
  readonly deadlineMs: number;
}

const data = workerData as TraceWriterData;
const sampler = TraceSampler.attach(data.ring);
const stamps = sampler.stamps;
const fields = sampler.fields;
const deadline = Date.now() + data.deadlineMs;
let completed = 0;
for (let order = 1; order <= data.completions; order++) {
  completed = order;
  if (sampler.shouldSample()) {
    // Record content is a function of the order id: any mix of two records is detectable.
    stamps[TRACE_STAMP.ORDER_ID] = order;
    stamps[TRACE_STAMP.MD_SEQUENCE] = order * 3;
    for (let s = TRACE_STAMP.INGEST; s <= TRACE_STAMP.ACKED; s++) stamps[s] = order * 1000 + s;
    fields[TRACE_FIELD.WORKER] = order & 0xff;
    fields[TRACE_FIELD.STRATEGY] = order % 7;
    fields[TRACE_FIELD.STATUS] = (order % 6) + 1;
    fields[TRACE_FIELD.REASON] = order % 5;
    fields[TRACE_FIELD.FLAGS] = order & 1;
    sampler.commit();
  }
  if ((order & 0xffff) === 0 && Date.now() > deadline) break;
}
parentPort?.postMessage({ completed, committed: sampler.committed });
