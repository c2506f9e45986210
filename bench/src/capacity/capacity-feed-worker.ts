// The capacity bench's ingest: feed-sim's synthetic ITCH generator (GeneratorFramedSource),
// framed, normalized by the real ItchNormalizer into the BroadcastRing, PACED: the number of
// messages due is computed from the monotonic clock and the rate in the control block, and the
// thread sleeps (Atomics.wait, FEED_SLEEP_MS) whenever it is not behind. A batch of up to
// FEED_MAX_BATCH messages shares one ingest stamp and one publish, like one socket read.
import { parentPort, workerData } from 'node:worker_threads';
import { BroadcastRing, nowNs, stampNs } from '@ringside/ring';
import { NasdaqFrameReader } from '@ringside/protocols';
import { GeneratorFramedSource, ItchNormalizer, NormalizerContext } from '@ringside/hotpath';
import { CapacityControlDescriptor as C } from './capacity-control-descriptor.ts';
import { FEED_MAX_BATCH, FEED_SLEEP_MS } from './capacity-config.ts';

export interface CapacityFeedData {
  readonly ring: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly instruments: number;
  readonly seed: number;
}

const data = workerData as CapacityFeedData;
const control = new Int32Array(data.control);
const stats = new Float64Array(data.control);
const sleepWord = new Int32Array(new SharedArrayBuffer(4));
const producer = BroadcastRing.attach(data.ring).attachProducer();
const normalizer = new ItchNormalizer(producer);
const source = new GeneratorFramedSource({
  seed: data.seed,
  messages: 2_000_000_000,
  instruments: data.instruments,
});
const reader = new NasdaqFrameReader(normalizer.decoder.errors);
const context = normalizer.context;
const state = new Float64Array(4);
const NOW = 0;
const SEQUENCE = 1;
state[SEQUENCE] = 1;
let loaded = false;

/** Normalizes the next generated message; false once the generator is exhausted. */
function nextMessage(): boolean {
  for (;;) {
    if (!loaded) {
      const length = source.refill();
      if (length <= 0) return false;
      reader.reset(source.buffer, 0, length);
      loaded = true;
    }
    const len = reader.next();
    if (len < 0) {
      loaded = false;
      continue;
    }
    context[NormalizerContext.FEED_SEQUENCE] = state[SEQUENCE]!;
    state[SEQUENCE] = state[SEQUENCE]! + 1;
    if (normalizer.normalize(reader.buffer, reader.messageOffset, len) > 0) {
      stats[C.EVENTS_D] = stats[C.EVENTS_D]! + 1;
    }
    return true;
  }
}

function run(): void {
  let rate = -1;
  while (Atomics.load(control, C.STOP_INDEX) === 0) {
    stampNs(state, NOW);
    const r = Atomics.load(control, C.RATE_INDEX);
    if (r !== rate) {
      rate = r;
      stats[C.RATE_SINCE_NS_D] = state[NOW]!;
      stats[C.PUBLISHED_AT_RATE_D] = stats[C.PUBLISHED_D]!;
    }
    const due =
      stats[C.PUBLISHED_AT_RATE_D]! + Math.floor(((state[NOW]! - stats[C.RATE_SINCE_NS_D]!) * rate) / 1e9);
    let k = due - stats[C.PUBLISHED_D]!;
    if (k <= 0) {
      Atomics.wait(sleepWord, 0, 0, FEED_SLEEP_MS);
      continue;
    }
    if (k > FEED_MAX_BATCH) k = FEED_MAX_BATCH;
    context[NormalizerContext.INGEST_NS] = state[NOW]!;
    let n = 0;
    while (n < k && nextMessage()) n++;
    normalizer.publish();
    stats[C.PUBLISHED_D] = stats[C.PUBLISHED_D]! + n;
    if (n < k) break; // Generator exhausted (not within any bench run's size).
  }
}

parentPort!.postMessage('ready');
run();
parentPort!.postMessage({ published: stats[C.PUBLISHED_D]!, endedNs: nowNs() });
