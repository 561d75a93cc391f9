/**
 * The offset write-ahead log: before a batch runs, its end offsets (one per source, as JSON) and
 * batch metadata (watermark, batch timestamp, the confs that must stay fixed across restarts)
 * are written as `offsets/<batchId>` in Spark's v1 text format:
 *
 *   v1
 *   {"batchWatermarkMs":0,"batchTimestampMs":…,"conf":{…}}
 *   <offset of source 0 as JSON>
 *   <offset of source 1 as JSON>
 */
import { MetadataLog } from './metadata-log.js';

export interface OffsetSeqMetadata {
  readonly batchWatermarkMs: number;
  readonly batchTimestampMs: number;
  readonly conf: Readonly<Record<string, string>>;
}

export interface OffsetSeq {
  readonly metadata: OffsetSeqMetadata;
  /** One serialized offset per source (null: the source had no data yet). */
  readonly offsets: readonly (string | null)[];
}

export class OffsetLog {
  private readonly log: MetadataLog;
  constructor(dir: string) {
    this.log = new MetadataLog(dir);
  }

  add(batchId: number, seq: OffsetSeq): boolean {
    return this.log.add(batchId, format(seq));
  }

  /** As add, on the thread pool; resolves once the entry (and its folder entry) is on disk. */
  addDurably(batchId: number, seq: OffsetSeq): Promise<boolean> {
    return this.log.addDurably(batchId, format(seq));
  }

  get(batchId: number): OffsetSeq | undefined {
    const text = this.log.get(batchId);
    return text === undefined ? undefined : parse(text, batchId);
  }

  latest(): { batchId: number; seq: OffsetSeq } | undefined {
    const l = this.log.latest();
    return l && { batchId: l.batchId, seq: parse(l.content, l.batchId) };
  }

  purge(minBatchIdToKeep: number): void {
    this.log.purge(minBatchIdToKeep);
  }
}

function format(seq: OffsetSeq): string {
  return ['v1', JSON.stringify(seq.metadata), ...seq.offsets.map((o) => (o === null ? '-' : o))].join('\n');
}

function parse(text: string, batchId: number): OffsetSeq {
  const [version, meta, ...rest] = text.split('\n');
  if (version !== 'v1') throw new Error(`Unsupported offset log version '${version}' in batch ${batchId}`);
  return {
    metadata: JSON.parse(meta ?? '{}') as OffsetSeqMetadata,
    offsets: rest.map((l) => (l === '-' ? null : l)),
  };
}
