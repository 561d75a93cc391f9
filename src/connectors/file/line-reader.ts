/**
 * Reads the lines of one file split, streaming: Hadoop's line-record semantics that Spark's text,
 * JSON and CSV readers rely on. A split that does not start at byte 0 skips its first (partial)
 * line, and a split reads every line that *starts* at or before its end, so splits of one file
 * read each line exactly once. Without `lineSep`, `\n`, `\r\n` and `\r` all end a line.
 *
 * Invariants: memory is bounded by one read chunk plus the longest line; a final line without a
 * terminator is read; compressed (`.gz`) files and non-ASCII-compatible encodings are read whole
 * from the start (they are never split).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { AnalysisException } from '../../util/errors.js';

const CHUNK = 1 << 20;

export interface LineReadOptions {
  readonly start: number;
  /** Inclusive end of the split (start + length); Infinity for the whole file. */
  readonly end: number;
  /** Custom separator; undefined = `\n`, `\r\n` or `\r`. */
  readonly lineSep?: string;
  readonly encoding: string;
}

/** Node's name for a Java charset name, or undefined when bytes cannot be split on ASCII separators. */
function byteEncoding(charset: string): BufferEncoding | undefined {
  switch (charset.toLowerCase().replace(/[-_]/g, '')) {
    case 'utf8':
      return 'utf8';
    case 'iso88591':
    case 'latin1':
      return 'latin1';
    case 'usascii':
    case 'ascii':
      return 'ascii';
    default:
      return undefined;
  }
}

function checkEncoding(charset: string): void {
  try {
    new TextDecoder(charset);
  } catch {
    throw new AnalysisException('INVALID_OPTION_VALUE', `Unsupported encoding: ${charset}.`);
  }
}

export function isCompressed(path: string): boolean {
  return path.endsWith('.gz') || path.endsWith('.gzip');
}

/** Whether byte offsets can split this file (uncompressed, ASCII-compatible encoding). */
export function isLineSplitable(path: string, encoding: string): boolean {
  return !isCompressed(path) && byteEncoding(encoding) !== undefined;
}

/** The whole (decompressed) content of a file as text. */
export function readWholeText(path: string, encoding: string): string {
  let buf = readFileSync(path);
  if (isCompressed(path)) buf = gunzipSync(buf);
  return decodeAll(buf, encoding);
}

/** The whole (decompressed) content of a file as text, read asynchronously in chunks. */
export async function readWholeTextAsync(path: string, encoding: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of byteStream(path, 0)) chunks.push(c as Buffer);
  return decodeAll(Buffer.concat(chunks), encoding);
}

function decodeAll(buf: Buffer, encoding: string): string {
  const enc = byteEncoding(encoding);
  if (enc === 'utf8') {
    const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return buf.toString('utf8', start);
  }
  if (enc) return buf.toString(enc);
  checkEncoding(encoding);
  return new TextDecoder(encoding).decode(buf);
}

function byteStream(path: string, start: number): AsyncIterable<Buffer> {
  if (isCompressed(path)) {
    return createReadStream(path, { highWaterMark: CHUNK }).pipe(createGunzip({ chunkSize: CHUNK }));
  }
  return createReadStream(path, { start, highWaterMark: CHUNK });
}

/** Splits a whole text on the line separator (for encodings that cannot be split as bytes). */
export function splitLines(text: string, lineSep: string | undefined): string[] {
  const parts = lineSep === undefined ? text.split(/\r\n|\r|\n/) : text.split(lineSep);
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** All lines of a file (schema inference). */
export function readAllLinesSync(path: string, lineSep: string | undefined, encoding: string): string[] {
  return splitLines(readWholeText(path, encoding), lineSep);
}

/**
 * The lines of one split, in order, one array per chunk read: a reader that handles many short
 * lines pays the asynchronous iteration once per chunk instead of once per line.
 */
export async function* readLineBatches(path: string, o: LineReadOptions): AsyncGenerator<string[]> {
  const enc = byteEncoding(o.encoding);
  if (!enc) {
    checkEncoding(o.encoding);
    if (o.start > 0) return;
    yield splitLines(await readWholeTextAsync(path, o.encoding), o.lineSep);
    return;
  }
  const compressed = isCompressed(path);
  const start = compressed ? 0 : o.start;
  const end = compressed ? Number.POSITIVE_INFINITY : o.end;
  if (compressed && o.start > 0) return;
  const sepBytes = o.lineSep === undefined ? undefined : Buffer.from(o.lineSep, enc);
  let carry: Buffer = Buffer.alloc(0);
  let carryPos = start;
  let skipFirst = start > 0;
  let first = true;
  for await (const chunk of byteStream(path, start)) {
    let buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (first && start === 0 && enc === 'utf8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      buf = buf.subarray(3);
      carryPos += 3;
    }
    first = false;
    const bufPos = carryPos;
    const lines: string[] = [];
    let lineStart = 0;
    let nextCR = -2;
    for (;;) {
      let idx: number;
      let termLen: number;
      if (sepBytes) {
        idx = buf.indexOf(sepBytes, lineStart);
        termLen = sepBytes.length;
        if (idx < 0) break;
      } else {
        const nl = buf.indexOf(10, lineStart);
        if (nextCR !== -1 && nextCR < lineStart) nextCR = buf.indexOf(13, lineStart);
        if (nl < 0 && nextCR < 0) break;
        if (nextCR >= 0 && (nl < 0 || nextCR < nl)) {
          idx = nextCR;
          // `\r` as the last byte: the next chunk may start with `\n`
          if (idx === buf.length - 1) break;
          termLen = buf[idx + 1] === 10 ? 2 : 1;
        } else {
          idx = nl;
          termLen = 1;
        }
      }
      const lineAbs = bufPos + lineStart;
      if (skipFirst) skipFirst = false;
      else {
        if (lineAbs > end) {
          if (lines.length) yield lines;
          return;
        }
        lines.push(buf.toString(enc, lineStart, idx));
      }
      lineStart = idx + termLen;
    }
    if (lines.length) yield lines;
    carry = buf.subarray(lineStart);
    carryPos = bufPos + lineStart;
    if (!skipFirst && carryPos > end) return;
  }
  if (carry.length === 0 || skipFirst || carryPos > end) return;
  // a trailing `\r` left in the carry is a terminator
  const last = !sepBytes && carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
  yield [carry.toString(enc, 0, last)];
}
