/**
 * The file connector: registers the built-in formats (text, json, csv, parquet) and exports what
 * the session, the DataFrame reader/writer and the streaming file source/sink use.
 */
import { csvFormat } from './csv-format.js';
import { registerFileFormat } from './file-format.js';
import { jsonFormat } from './json-format.js';
import { parquetFormat } from './parquet-format.js';
import { textFormat } from './text-format.js';

registerFileFormat(textFormat);
registerFileFormat(jsonFormat);
registerFileFormat(csvFormat);
registerFileFormat(parquetFormat);

export { type FileFormat, fileFormatNames, lookupFileFormat } from './file-format.js';
export { buildFileRelation, type FileIndexRef } from './file-relation.js';
export { planFileScan, readFileScan } from './file-scan.js';
export { fileScanMetrics, resetFileScanMetrics } from './file-scan-metrics.js';
export { type WrittenFile, writeFilesToFolder } from './file-writer.js';
