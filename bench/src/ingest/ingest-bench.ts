// Ingest benchmark: decode + normalize + publish throughput on one core, from ITCH held in
// memory (the AMZN sample when present, else feed-sim's synthetic book), against two named
// baselines run in the same process and the same rounds:
//   decode-only   ItchDecoder.decode (validation, flyweight wrap) and nothing else: the floor
//                 the normalizer and the ring add to;
//   naive-buffer  the idiomatic Node decoder (Buffer slice + read*BE + BigInt + one object per
//                 message) "publishing" into a JS array ring: what we would have without the
//                 flyweight / typed-array design.
// The measured path is the real one: ReplayIngestAgent.doWork (256-message batches: one stamp,
// one ring publish, one counters flush and one latency sample per batch) into a BroadcastRing.
// Each subject runs in ROUNDS alternating slices and reports its best slice (the machine is
// shared and noisy); GC entries seen by a PerformanceObserver are reported per subject.
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BroadcastRing, nowNs } from '@ringside/ring';
import {
  CountersManager,
  CountersWriterView,
  SampleRing,
  createHistogram,
  resolveHistogramOptions,
  summarize,
} from '@ringside/counters';
import type { LatencySummary } from '@ringside/counters';
import { ItchDecoder, NasdaqFrameReader } from '@ringside/protocols';
import {
  BufferFramedSource,
  IngestCountersPublisher,
  ItchNormalizer,
  ReplayIngestAgent,
  allocateIngestCounters,
} from '@ringside/hotpath';
import { naiveDecode } from './naive-itch-decoder.ts';
import type { NaiveItchEvent } from './naive-itch-decoder.ts';

export interface IngestBenchOptions {
  /** NASDAQ-framed ITCH bytes to replay, and what they are (for the report). */
  readonly itch: Uint8Array;
  readonly source: string;
  /** Seconds of measurement per subject (split over the rounds). */
  readonly secondsPerSubject: number;
  readonly rounds?: number;
  readonly batchMessages?: number;
  /**
   * A full collection run before every timed slice (e.g. the exposed `gc`), so that one
   * subject's garbage (the naive baseline's) is not collected, and counted, in the next's.
   */
  readonly collect?: () => void;
}

export interface SubjectResult {
  readonly messagesPerSec: number;
  readonly messages: number;
  readonly gcEvents: number;
}

export interface IngestBenchResult {
  readonly bench: 'ingest';
  readonly messagesPerSec: number;
  readonly nsPerMessage: number;
  readonly source: string;
  readonly messagesInSource: number;
  readonly batchMessages: number;
  readonly rounds: number;
  readonly secondsPerSubject: number;
  readonly gcEvents: number;
  /** Nanoseconds per 256-message batch (decode + normalize + publish + flush + sample). */
  readonly batchNs: LatencySummary;
  readonly baselines: { readonly decodeOnly: SubjectResult; readonly naiveBuffer: SubjectResult };
  readonly ratios: { readonly vsDecodeOnly: number; readonly vsNaiveBuffer: number };
  readonly targetMessagesPerSec: number;
  readonly meetsTarget: boolean;
}

const TARGET = 10_000_000;
const MAX_BATCHES = 1 << 22;

interface Subject {
  /** Runs whole passes / batches until `deadlineNs`; returns messages handled. */
  run(deadlineNs: number): number;
}

/** The real ingest path: ReplayIngestAgent over the buffer, looping forever, into a ring. */
class IngestSubject implements Subject {
  readonly batchNs = new Float64Array(MAX_BATCHES);
  batches = 0;
  private readonly agent: ReplayIngestAgent;

  constructor(itch: Uint8Array, batchMessages: number) {
    const ring = BroadcastRing.create({ capacity: 1 << 16, slotBytes: 64 });
    const normalizer = new ItchNormalizer(ring.attachProducer());
    const manager = CountersManager.create({ capacity: 64 });
    const publisher = new IngestCountersPublisher(
      normalizer.tallies,
      CountersWriterView.attach(manager.buffers),
      allocateIngestCounters(manager),
    );
    const source = new BufferFramedSource(itch, Number.MAX_SAFE_INTEGER);
    this.agent = new ReplayIngestAgent(
      source,
      normalizer,
      publisher,
      SampleRing.allocate(4096),
      batchMessages,
    );
  }

  run(deadlineNs: number): number {
    const agent = this.agent;
    const times = this.batchNs;
    let messages = 0;
    let t0 = nowNs();
    while (t0 < deadlineNs) {
      messages += agent.doWork();
      const t1 = nowNs();
      if (this.batches < MAX_BATCHES) times[this.batches++] = t1 - t0;
      t0 = t1;
    }
    return messages;
  }
}

/** Baseline: validation and flyweight wrap only. */
class DecodeOnlySubject implements Subject {
  checksum = 0;
  private readonly decoder = new ItchDecoder();
  private readonly reader = new NasdaqFrameReader();
  private readonly itch: Uint8Array;

  constructor(itch: Uint8Array) {
    this.itch = itch;
  }

  run(deadlineNs: number): number {
    const itch = this.itch;
    const reader = this.reader;
    const decoder = this.decoder;
    let messages = 0;
    let sum = 0;
    do {
      reader.reset(itch);
      for (let len = reader.next(); len >= 0; len = reader.next()) {
        sum += decoder.decode(itch, reader.messageOffset, len);
        messages++;
      }
    } while (nowNs() < deadlineNs);
    this.checksum += sum;
    return messages;
  }
}

/** Baseline: the idiomatic allocating decoder, into a JS array ring. */
class NaiveBufferSubject implements Subject {
  readonly ring: (NaiveItchEvent | undefined)[] = new Array<NaiveItchEvent | undefined>(1 << 16);
  private readonly itch: Buffer;
  private sequence = 0;

  constructor(itch: Uint8Array) {
    this.itch = Buffer.from(itch.buffer, itch.byteOffset, itch.byteLength);
  }

  run(deadlineNs: number): number {
    const buf = this.itch;
    let messages = 0;
    do {
      let p = 0;
      while (p + 2 <= buf.length) {
        const len = buf.readUInt16BE(p);
        if (p + 2 + len > buf.length) break;
        this.ring[this.sequence++ & 0xffff] = naiveDecode(buf, p + 2, len);
        p += 2 + len;
        messages++;
      }
    } while (nowNs() < deadlineNs);
    return messages;
  }
}

class GcCounter {
  private entries: number[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.entries.push(e.startTime);
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** GC entries that started within [fromMs, toMs] (performance.now() time). */
  async between(fromMs: number, toMs: number): Promise<number> {
    await sleep(20); // entries are delivered asynchronously
    return this.entries.filter((t) => t >= fromMs && t <= toMs).length;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

export async function runIngestBench(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const rounds = options.rounds ?? 3;
  const batchMessages = options.batchMessages ?? 256;
  const sliceNs = (options.secondsPerSubject * 1e9) / rounds;
  const ingest = new IngestSubject(options.itch, batchMessages);
  const subjects: [string, Subject][] = [
    ['decodeOnly', new DecodeOnlySubject(options.itch)],
    ['naiveBuffer', new NaiveBufferSubject(options.itch)],
    ['ingest', ingest],
  ];
  for (const [, s] of subjects) s.run(nowNs() + 0.2e9); // warm-up: tiers up every path
  ingest.batches = 0;
  const gc = new GcCounter();
  gc.start();
  const best = new Map<string, SubjectResult>();
  const totals = new Map<string, { messages: number; gcEvents: number }>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, s] of subjects) {
      options.collect?.();
      await sleep(10);
      const fromMs = performance.now();
      const t0 = nowNs();
      const messages = s.run(t0 + sliceNs);
      const ns = nowNs() - t0;
      const gcEvents = await gc.between(fromMs, performance.now());
      const rate = (messages / ns) * 1e9;
      const prev = best.get(name);
      const total = totals.get(name) ?? { messages: 0, gcEvents: 0 };
      totals.set(name, { messages: total.messages + messages, gcEvents: total.gcEvents + gcEvents });
      if (prev === undefined || rate > prev.messagesPerSec)
        best.set(name, { messagesPerSec: rate, messages, gcEvents });
    }
  }
  gc.stop();
  const result = (name: string): SubjectResult => {
    const b = best.get(name)!;
    const t = totals.get(name)!;
    return { messagesPerSec: Math.round(b.messagesPerSec), messages: t.messages, gcEvents: t.gcEvents };
  };
  const main = result('ingest');
  const decodeOnly = result('decodeOnly');
  const naiveBuffer = result('naiveBuffer');
  const h = createHistogram(
    resolveHistogramOptions({ lowestDiscernibleValue: 1, highestTrackableValue: 1e10 }),
  );
  for (let i = 0; i < ingest.batches; i++) h.recordValue(Math.max(1, Math.round(ingest.batchNs[i]!)));
  return {
    bench: 'ingest',
    messagesPerSec: main.messagesPerSec,
    nsPerMessage: 1e9 / main.messagesPerSec,
    source: options.source,
    messagesInSource: countFrames(options.itch),
    batchMessages,
    rounds,
    secondsPerSubject: options.secondsPerSubject,
    gcEvents: main.gcEvents,
    batchNs: summarize(h),
    baselines: { decodeOnly, naiveBuffer },
    ratios: {
      vsDecodeOnly: main.messagesPerSec / decodeOnly.messagesPerSec,
      vsNaiveBuffer: main.messagesPerSec / naiveBuffer.messagesPerSec,
    },
    targetMessagesPerSec: TARGET,
    meetsTarget: main.messagesPerSec >= TARGET,
  };
}

function countFrames(itch: Uint8Array): number {
  const reader = new NasdaqFrameReader().reset(itch);
  let n = 0;
  while (reader.next() >= 0) n++;
  return n;
}

/** Human-readable report (the JSON line is printed separately). */
export function formatIngestBench(r: IngestBenchResult): string[] {
  const m = (x: number): string => `${(x / 1e6).toFixed(2)} M msg/s`;
  const b = r.batchNs;
  return [
    `bench ingest: ${r.source} (${r.messagesInSource} messages) replayed from memory, one core,`,
    `  ${r.rounds} rounds x ${(r.secondsPerSubject / r.rounds).toFixed(2)} s per subject, best round reported`,
    `  decode+normalize+publish   ${m(r.messagesPerSec)}  (${r.nsPerMessage.toFixed(1)} ns/msg, GC events ${r.gcEvents})`,
    `  baseline decode-only       ${m(r.baselines.decodeOnly.messagesPerSec)}  (GC events ${r.baselines.decodeOnly.gcEvents})  ratio ${r.ratios.vsDecodeOnly.toFixed(2)}x`,
    `  baseline naive-buffer      ${m(r.baselines.naiveBuffer.messagesPerSec)}  (GC events ${r.baselines.naiveBuffer.gcEvents})  ratio ${r.ratios.vsNaiveBuffer.toFixed(2)}x`,
    `  per ${r.batchMessages}-message batch: p50 ${(b.p50 / 1e3).toFixed(1)} us  p99 ${(b.p99 / 1e3).toFixed(1)} us  p99.9 ${(b.p999 / 1e3).toFixed(1)} us  max ${(b.max / 1e3).toFixed(1)} us`,
    `  target ${m(r.targetMessagesPerSec)}: ${r.meetsTarget ? 'met' : 'NOT met'}`,
  ];
}
