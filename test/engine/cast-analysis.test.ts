/**
 * The analyzer checks a cast with the rules of the mode it will run in (Spark's `Cast.canCast`,
 * `canAnsiCast` for ANSI and TRY_CAST) and words a rejection as Spark does (messages from pyspark 4.3.0).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const spark = Session.builder().master('local[1]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const one = () => spark.createDataFrame([[1]], 'i INT');

function withAnsi<T>(on: boolean, f: () => T): T {
  spark.conf.set('spark.sql.ansi.enabled', String(on));
  try {
    return f();
  } finally {
    spark.conf.unset('spark.sql.ansi.enabled');
  }
}

describe('cast checks at analysis', () => {
  it('allows DATE to INT without ANSI (NULL at run time)', async () => {
    const rows = await withAnsi(false, () => one().selectExpr('cast(current_date() AS int) AS x')).collect();
    expect(rows.map((r) => r.toArray())).toEqual([[null]]);
  });

  it('rejects DATE to INT under ANSI and suggests the functions that do it', () => {
    expect(() => withAnsi(true, () => one().selectExpr('cast(current_date() AS int)'))).toThrow(
      '[DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION] Cannot resolve "CAST(current_date() AS INT)" due to data type mismatch: cannot cast "DATE" to "INT".\nTo convert values from "DATE" to "INT", you can use the functions `UNIX_DATE` instead.',
    );
  });

  it('applies the ANSI rules to TRY_CAST whatever the mode', () => {
    expect(() => withAnsi(false, () => one().selectExpr('try_cast(current_date() AS int)'))).toThrow(
      '[DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION] Cannot resolve "TRY_CAST(current_date() AS INT)"',
    );
  });

  it('points at the ANSI switch when only legacy mode allows the cast', () => {
    expect(() => withAnsi(true, () => one().selectExpr('cast(true AS timestamp)'))).toThrow(
      `[DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION] Cannot resolve "CAST(true AS TIMESTAMP)" due to data type mismatch: cannot cast "BOOLEAN" to "TIMESTAMP" with ANSI mode on.\nIf you have to cast "BOOLEAN" to "TIMESTAMP", you can set "spark.sql.ansi.enabled" as 'false'.`,
    );
  });

  it('rejects a cast no mode allows without a suggestion', () => {
    expect(() => one().selectExpr('cast(array(1) AS int)')).toThrow(
      '[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve "CAST(array(1) AS INT)" due to data type mismatch: cannot cast "ARRAY<INT>" to "INT".',
    );
  });
});
