/**
 * Parquet compression codecs. Reading (parquet-reader.ts) uses `hyparquet-compressors` (snappy, gzip, zstd, brotli,
 * lz4 — pure JS/WASM, no native build); writing uses hyparquet-writer's snappy, Node's zlib for
 * gzip and brotli, and zstd from Node's zlib when it has it (Node ≥ 22.15) or else the
 * `@bokuweb/zstd-wasm` module (WASM shipped inside the npm package), initialised on first use.
 *
 * Invariant: `writeCompressors()` resolves only once every codec it returns is ready to run
 * synchronously.
 */
import * as zlib from 'node:zlib';
import { AnalysisException } from '../../util/errors.js';

export type ParquetCodec = 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'ZSTD' | 'BROTLI' | 'LZ4_RAW';

/** Spark's `compression` option value → parquet codec and file-name infix. */
export function parquetCodec(option: string | undefined): { codec: ParquetCodec; infix: string } {
  const c = (option ?? 'snappy').toLowerCase();
  switch (c) {
    case 'none':
    case 'uncompressed':
      return { codec: 'UNCOMPRESSED', infix: '' };
    case 'snappy':
      return { codec: 'SNAPPY', infix: '.snappy' };
    case 'gzip':
      return { codec: 'GZIP', infix: '.gz' };
    case 'zstd':
      return { codec: 'ZSTD', infix: '.zstd' };
    case 'brotli':
      return { codec: 'BROTLI', infix: '.br' };
    default:
      throw new AnalysisException(
        'CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION',
        `The codec ${option} is not available. Available codecs are brotli, gzip, none, snappy, uncompressed, zstd.`,
      );
  }
}

type Compress = (input: Uint8Array) => Uint8Array;

let zstdCompress: Promise<Compress> | undefined;

function loadZstd(): Promise<Compress> {
  const native = (zlib as unknown as { zstdCompressSync?: (b: Uint8Array) => Buffer }).zstdCompressSync;
  if (native) return Promise.resolve((b) => new Uint8Array(native(b)));
  zstdCompress ??= import('@bokuweb/zstd-wasm').then(async (m) => {
    await m.init();
    return (b: Uint8Array) => m.compress(b, 3);
  });
  return zstdCompress;
}

export async function writeCompressors(codec: ParquetCodec): Promise<Record<string, Compress>> {
  switch (codec) {
    case 'GZIP':
      return { GZIP: (b) => new Uint8Array(zlib.gzipSync(b)) };
    case 'BROTLI':
      return { BROTLI: (b) => new Uint8Array(zlib.brotliCompressSync(b)) };
    case 'ZSTD':
      return { ZSTD: await loadZstd() };
    default:
      return {};
  }
}
