/**
 * The schema of each stateful operator's state, kept in the checkpoint
 * (`state/<operatorId>/_metadata`) at the operator's first batch and checked on every later run,
 * so a restarted query whose stateful part changed (other grouping keys, other aggregates, an
 * operator added or removed) fails with Spark's errors instead of misreading its state.
 * `spark.sql.streaming.stateStore.stateSchemaCheck=false` turns the check off, as in Spark.
 *
 * `compareStateSchemas` decides with no I/O; `StateSchemaCheck` reads and writes the files.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SluiceError } from '../../util/errors.js';
import type { CheckpointPaths } from './checkpoint-paths.js';

export interface OperatorStateSchema {
  readonly operatorId: number;
  /** Spark's operator names: stateStoreSave (aggregation), globalLimit. */
  readonly operatorName: string;
  readonly keySchema: string;
  readonly valueSchema: string;
}

const SCHEMA_HINT =
  'If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\nHowever, please note that running the query with incompatible schema could cause non-deterministic behavior.';

/** The error for `current` given what the checkpoint recorded (undefined: nothing recorded yet). */
export function compareStateSchemas(
  stored: readonly (OperatorStateSchema | undefined)[],
  current: readonly OperatorStateSchema[],
): SluiceError | undefined {
  const recorded = stored.filter((s): s is OperatorStateSchema => s !== undefined);
  const names = (ops: readonly OperatorStateSchema[]) => ops.map((o) => o.operatorName).join(', ');
  if (
    recorded.length > 0 &&
    (recorded.length !== current.length ||
      recorded.some((s, i) => s.operatorName !== current[i]?.operatorName))
  ) {
    return new SluiceError(
      'STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA',
      `Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\nStateful operators in the metadata: [${names(recorded)}]; Stateful operators in current batch: [${names(current)}].`,
    );
  }
  for (const s of recorded) {
    const c = current.find((x) => x.operatorId === s.operatorId);
    if (!c) continue;
    if (c.keySchema !== s.keySchema) {
      return new SluiceError(
        'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE',
        `Provided key schema does not match existing state key schema.\nPlease check number and type of fields.\nExisting key_schema=${s.keySchema} and new key_schema=${c.keySchema}.\n${SCHEMA_HINT}`,
      );
    }
    if (c.valueSchema !== s.valueSchema) {
      return new SluiceError(
        'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE',
        `Provided value schema does not match existing state value schema.\nPlease check number and type of fields.\nExisting value_schema=${s.valueSchema} and new value_schema=${c.valueSchema}.\n${SCHEMA_HINT}`,
      );
    }
  }
  return undefined;
}

/** Checks the plan's stateful operators against the checkpoint once per run, recording new ones. */
export class StateSchemaCheck {
  private checked = false;
  constructor(
    private readonly paths: CheckpointPaths,
    private readonly enabled: boolean,
  ) {}

  check(current: readonly OperatorStateSchema[]): void {
    if (this.checked) return;
    if (this.enabled) {
      // operators recorded by earlier runs: state/0, state/1, … (checkpoints written before
      // schemas were recorded have no _metadata and are not checked)
      const ids = new Set(current.map((c) => c.operatorId));
      for (let id = 0; existsSync(dirname(this.paths.stateMetadata(id))); id++) ids.add(id);
      const stored = [...ids].sort((x, y) => x - y).map((id) => this.read(id));
      const error = compareStateSchemas(stored, current);
      if (error) throw error;
    }
    for (const c of current) if (!this.read(c.operatorId)) this.write(c);
    this.checked = true;
  }

  private read(operatorId: number): OperatorStateSchema | undefined {
    const f = this.paths.stateMetadata(operatorId);
    if (!existsSync(f)) return undefined;
    return {
      operatorId,
      ...(JSON.parse(readFileSync(f, 'utf8')) as Omit<OperatorStateSchema, 'operatorId'>),
    };
  }

  private write(s: OperatorStateSchema): void {
    const f = this.paths.stateMetadata(s.operatorId);
    mkdirSync(dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    const { operatorId: _, ...body } = s;
    writeFileSync(tmp, JSON.stringify(body));
    renameSync(tmp, f);
  }
}
