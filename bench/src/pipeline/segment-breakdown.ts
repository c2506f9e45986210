// Where decision latency goes, from the stamps the pipeline already takes (bench side, control
// plane). The decision worker's sample ring holds, in write order, INGEST_TO_READ once per batch
// (ingest stamp of the batch's first event → worker read it) and INGEST_TO_ENQUEUED per order;
// pairing each order with the batch read just before it splits the order's decision latency
// into "ingest → read" and "read → enqueued". The ingest worker's INGEST_TO_PUBLISH samples (one
// per publish group: every 8 messages or the end of a socket read) give the part of "ingest →
// read" spent before the ring publish: each message is stamped when ingest reaches it, and the
// sample runs from the group's first stamp to the group's publish.
import { DecisionLatencyTag, IngestLatencyTag } from '@ringside/hotpath';
import { describeSummary, summarizeNs } from './latency-stats.ts';
import type { PercentileSummary } from './latency-stats.ts';

export interface SegmentBreakdown {
  readonly decision: PercentileSummary;
  /** Trigger's batch: ingest stamp of its first event → decision read. */
  readonly ingestToRead: PercentileSummary;
  /** Decision read of the trigger's batch → order enqueued (events before it in the batch + decision). */
  readonly readToEnqueued: PercentileSummary;
  /** Every batch (not only triggers): ingest → read. */
  readonly batchIngestToRead: PercentileSummary;
  /** Ingest worker, per publish group: first message's stamp → ring publish. */
  readonly ingestToPublish: PercentileSummary;
  readonly execution: PercentileSummary;
  /** Measured window: socket reads, feed messages, decision batches (both workers). */
  readonly reads: number;
  readonly messages: number;
  readonly batches: number;
  readonly windowMs: number;
}

/** Collects the samples of one measured window (every poll callback in ring order, per worker). */
export class SegmentCollector {
  readonly decision: number[] = [];
  readonly ingestToRead: number[] = [];
  readonly readToEnqueued: number[] = [];
  readonly batchIngestToRead: number[] = [];
  readonly ingestToPublish: number[] = [];
  readonly execution: number[] = [];
  #lastRead = -1;

  /** Call before draining the next decision worker's ring (pairing never crosses workers). */
  startWorker(): void {
    this.#lastRead = -1;
  }

  readonly onDecisionSample = (ns: number, tag: number): void => {
    if (tag === DecisionLatencyTag.INGEST_TO_READ) {
      this.#lastRead = ns;
      this.batchIngestToRead.push(ns);
    } else if (tag === DecisionLatencyTag.INGEST_TO_ENQUEUED) {
      this.decision.push(ns);
      // A trigger's batch may start with an older read's events; ns ≥ lastRead holds then too.
      if (this.#lastRead >= 0 && ns >= this.#lastRead) {
        this.ingestToRead.push(this.#lastRead);
        this.readToEnqueued.push(ns - this.#lastRead);
      }
    } else if (tag === DecisionLatencyTag.ENQUEUED_TO_ACKED) {
      this.execution.push(ns);
    }
  };

  readonly onIngestSample = (ns: number, tag: number): void => {
    if (tag === IngestLatencyTag.INGEST_TO_PUBLISH) this.ingestToPublish.push(ns);
  };

  summarize(reads: number, messages: number, windowMs: number): SegmentBreakdown {
    return {
      decision: summarizeNs(this.decision),
      ingestToRead: summarizeNs(this.ingestToRead),
      readToEnqueued: summarizeNs(this.readToEnqueued),
      batchIngestToRead: summarizeNs(this.batchIngestToRead),
      ingestToPublish: summarizeNs(this.ingestToPublish),
      execution: summarizeNs(this.execution),
      reads,
      messages,
      batches: this.batchIngestToRead.length,
      windowMs,
    };
  }
}

export function formatSegmentBreakdown(b: SegmentBreakdown): string[] {
  const us = (ns: number): string => `${(ns / 1000).toFixed(1)} µs`;
  const perRead = b.reads > 0 ? b.messages / b.reads : 0;
  const publishToRead = b.ingestToRead.p50Ns - b.ingestToPublish.p50Ns;
  return [
    `segments of decision latency (measured window ${b.windowMs.toFixed(0)} ms):`,
    `    feed: ${b.reads} socket reads, ${b.messages} messages (${perRead.toFixed(1)} per read, ${((b.reads * 1000) / b.windowMs).toFixed(0)} reads/s); ${b.batches} decision batches`,
    `    ingest stamp → publish (ingest, per group)     ${describeSummary(b.ingestToPublish)}`,
    `    ingest stamp → decision read (every batch)     ${describeSummary(b.batchIngestToRead)}`,
    `    ingest stamp → decision read (trigger batches) ${describeSummary(b.ingestToRead)}`,
    `    decision read → enqueued (trigger batches)     ${describeSummary(b.readToEnqueued)}`,
    `    = ingest stamp → enqueued (decision latency)   ${describeSummary(b.decision)}`,
    `    p50 publish → read ≈ (ingest → read) − (ingest → publish) = ${us(publishToRead)}`,
  ];
}
