/**
 * Just enough of PostgreSQL's frontend/backend protocol to run a simple query over raw protocol
 * bytes and read back its row description and text rows — used to talk to an in-process PGlite
 * synchronously (schema resolution happens inside the synchronous `load()`).
 *
 * Invariant: values stay in PostgreSQL's text format (null for SQL NULL); type conversion is
 * pg-values.ts's job.
 */

/** One column of a result, as the server describes it (RowDescription). */
export interface FieldInfo {
  readonly name: string;
  readonly typeOid: number;
  /** Type modifier: precision/scale of numeric, length of varchar, -1 when none. */
  readonly typmod: number;
  /** The table the column comes from (0 for an expression) and its attribute number. */
  readonly tableOid: number;
  readonly columnAttnum: number;
}

export interface RawResult {
  readonly fields: readonly FieldInfo[];
  readonly rows: readonly (readonly (string | null)[])[];
  readonly command: string;
  readonly rowCount: number;
}

export class PgServerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
    this.name = 'PgServerError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A simple-protocol Query message. */
export function encodeQuery(sql: string): Uint8Array {
  const body = encoder.encode(sql);
  const out = new Uint8Array(1 + 4 + body.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x51; // 'Q'
  view.setInt32(1, 4 + body.length + 1);
  out.set(body, 5);
  out[out.length - 1] = 0;
  return out;
}

function readCString(bytes: Uint8Array, pos: number): [string, number] {
  let end = pos;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return [decoder.decode(bytes.subarray(pos, end)), end + 1];
}

/**
 * Decodes the backend messages of one simple query (the last statement's result wins, as with
 * multi-statement strings in libpq). Throws PgServerError on an ErrorResponse.
 */
export function decodeQueryResponse(bytes: Uint8Array): RawResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fields: FieldInfo[] = [];
  let rows: (string | null)[][] = [];
  let command = '';
  let error: PgServerError | undefined;
  let pos = 0;
  while (pos + 5 <= bytes.length) {
    const type = bytes[pos]!;
    const len = view.getInt32(pos + 1);
    const start = pos + 5;
    const end = pos + 1 + len;
    switch (type) {
      case 0x54: {
        // 'T' RowDescription
        const n = view.getInt16(start);
        let p = start + 2;
        fields = [];
        rows = [];
        for (let i = 0; i < n; i++) {
          const [name, next] = readCString(bytes, p);
          p = next;
          fields.push({
            name,
            tableOid: view.getUint32(p),
            columnAttnum: view.getInt16(p + 4),
            typeOid: view.getUint32(p + 6),
            typmod: view.getInt32(p + 12),
          });
          p += 18;
        }
        break;
      }
      case 0x44: {
        // 'D' DataRow
        const n = view.getInt16(start);
        let p = start + 2;
        const row: (string | null)[] = [];
        for (let i = 0; i < n; i++) {
          const l = view.getInt32(p);
          p += 4;
          if (l < 0) row.push(null);
          else {
            row.push(decoder.decode(bytes.subarray(p, p + l)));
            p += l;
          }
        }
        rows.push(row);
        break;
      }
      case 0x43: // 'C' CommandComplete
        command = readCString(bytes, start)[0];
        break;
      case 0x45: {
        // 'E' ErrorResponse
        const parts = new Map<string, string>();
        let p = start;
        while (p < end && bytes[p] !== 0) {
          const code = String.fromCharCode(bytes[p]!);
          const [v, next] = readCString(bytes, p + 1);
          parts.set(code, v);
          p = next;
        }
        error ??= new PgServerError(parts.get('M') ?? 'unknown error', parts.get('C'), parts.get('D'));
        break;
      }
      default:
        break;
    }
    pos = end;
  }
  if (error) throw error;
  const m = /(\d+)$/.exec(command);
  return { fields, rows, command, rowCount: m ? Number(m[1]) : rows.length };
}
