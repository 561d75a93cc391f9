/**
 * Every path inside a streaming checkpoint directory, built in one place (Spark's layout):
 *
 *   <root>/metadata                      query id (JSON)
 *   <root>/offsets/<batchId>             write-ahead log: the offsets of each batch
 *   <root>/commits/<batchId>             commit log: batches whose sink write completed
 *   <root>/sources/<i>/...               per-source metadata (e.g. files seen)
 *   <root>/state/<operatorId>/<partition>/<version>.delta|.snapshot
 *   <root>/sinks/...                     sink metadata (file sink log lives in the output dir)
 */
import { join } from 'node:path';

export class CheckpointPaths {
  constructor(readonly root: string) {}

  get metadata(): string {
    return join(this.root, 'metadata');
  }
  get offsetsDir(): string {
    return join(this.root, 'offsets');
  }
  get commitsDir(): string {
    return join(this.root, 'commits');
  }
  sourceDir(sourceIndex: number): string {
    return join(this.root, 'sources', String(sourceIndex));
  }
  stateDir(operatorId: number, partition: number): string {
    return join(this.root, 'state', String(operatorId), String(partition));
  }
  stateDelta(operatorId: number, partition: number, version: number): string {
    return join(this.stateDir(operatorId, partition), `${version}.delta`);
  }
  stateSnapshot(operatorId: number, partition: number, version: number): string {
    return join(this.stateDir(operatorId, partition), `${version}.snapshot`);
  }
  stateMetadata(operatorId: number): string {
    return join(this.root, 'state', String(operatorId), '_metadata');
  }
  sinkDir(): string {
    return join(this.root, 'sinks');
  }
}
