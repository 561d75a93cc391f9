/**
 * The `text` format: one `value` string per line (or per file with `wholetext`), `lineSep` to
 * choose the separator; the writer writes one string column, one line per row.
 */
import { BATCH_SIZE } from '../../exec/task-context.js';
import type { Row } from '../../expr/expression.js';
import { StringType, type StructType, structField, structType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { FileFormat, FileSplit, ReadContext } from './file-format.js';
import type { FileOptions } from './file-options.js';
import { isLineSplitable, readLineBatches, readWholeTextAsync } from './line-reader.js';
import { TextFileOutput, textCompression } from './text-output.js';

function lineSepOption(o: FileOptions): string | undefined {
  const s = o.get('lineSep');
  if (s === '') throw new AnalysisException('INVALID_OPTION_VALUE', "'lineSep' cannot be an empty string.");
  return s;
}

export function requireSingleStringColumn(schema: StructType, format = 'Text'): void {
  if (schema.fields.length !== 1) {
    throw new AnalysisException(
      'INVALID_SCHEMA',
      `${format} data source supports only a single column, and you have ${schema.fields.length} columns.`,
    );
  }
  const t = schema.fields[0]!.dataType;
  if (t.kind !== 'string') {
    throw new AnalysisException(
      'UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE',
      `The Text datasource doesn't support the column \`${schema.fields[0]!.name}\` of the type "${t.kind.toUpperCase()}".`,
    );
  }
}

async function* readText(split: FileSplit, ctx: ReadContext): AsyncIterable<Row[]> {
  const width = ctx.requiredSchema.fields.length;
  if (ctx.options.bool('wholetext', false)) {
    if (split.start > 0) return;
    const text = await readWholeTextAsync(split.path, 'UTF-8');
    yield [width ? [text] : []];
    return;
  }
  const lineSep = lineSepOption(ctx.options);
  let batch: Row[] = [];
  for await (const lines of readLineBatches(split.path, {
    start: split.start,
    end: split.start + split.length,
    encoding: 'UTF-8',
    ...(lineSep !== undefined ? { lineSep } : {}),
  })) {
    for (const line of lines) {
      batch.push(width ? [line] : []);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

export const textFormat: FileFormat = {
  name: 'text',
  inferSchema: () => structType([structField('value', StringType, true)]),
  isSplitable: (path, o) => !o.bool('wholetext', false) && isLineSplitable(path, 'UTF-8'),
  checkReadSchema: (schema) => requireSingleStringColumn(schema),
  read: readText,
  prepareWrite(schema, o) {
    requireSingleStringColumn(schema);
    const { suffix, gzip } = textCompression(o.get('compression') ?? o.get('codec'));
    const sep = lineSepOption(o) ?? '\n';
    return {
      extension: `.txt${suffix}`,
      open(path) {
        const out = new TextFileOutput(path, gzip);
        return {
          write(rows) {
            let s = '';
            for (const r of rows) s += `${(r[0] as string | null) ?? ''}${sep}`;
            return out.write(s);
          },
          close: () => out.close(),
        };
      },
    };
  },
};
