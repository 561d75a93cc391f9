/**
 * A buffered text file for writers (JSON lines, CSV, text): strings are collected into large
 * chunks and written with back-pressure, through gzip when the file is compressed.
 *
 * Invariant: the file holds everything written only after `close()` resolves.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { AnalysisException } from '../../util/errors.js';

const FLUSH_AT = 1 << 20;

/** The file suffix and whether to gzip, from the `compression` / `codec` option of text formats. */
export function textCompression(option: string | undefined): { suffix: string; gzip: boolean } {
  const c = (option ?? 'none').toLowerCase();
  switch (c) {
    case 'none':
    case 'uncompressed':
      return { suffix: '', gzip: false };
    case 'gzip':
      return { suffix: '.gz', gzip: true };
    default:
      throw new AnalysisException(
        'CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION',
        `The codec ${option} is not available. Available codecs are none, uncompressed, gzip.`,
      );
  }
}

export class TextFileOutput {
  private readonly file: WriteStream;
  private readonly sink: WriteStream | Gzip;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(path: string, gzip: boolean) {
    this.file = createWriteStream(path);
    if (gzip) {
      const z = createGzip();
      z.pipe(this.file);
      this.sink = z;
    } else this.sink = this.file;
  }

  /** Appends text; returns a promise only when the buffer was handed to the file. */
  write(text: string): void | Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) return this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.pending.length) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.sink.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        this.sink.once('drain', resolve);
        this.sink.once('error', reject);
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.sink.end();
    await finished(this.file);
  }
}
