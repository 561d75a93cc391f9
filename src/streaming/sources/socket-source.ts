/**
 * The `socket` source (Spark's TextSocketSourceProvider): a TCP client that reads UTF-8 text lines
 * from host:port (e.g. `nc -lk 9999`) into a `value STRING` column, plus `timestamp TIMESTAMP`
 * (when the line arrived, by the query's clock) with `includeTimestamp`.
 *
 *   spark.readStream.format('socket').option('host', 'localhost').option('port', 9999).load()
 *
 * Options: host and port (required), includeTimestamp (default false), numPartitions (default:
 * the session's parallelism; line i goes to partition i % numPartitions, as in Spark).
 *
 * FOR TUTORIALS AND DEBUGGING ONLY — NOT FAULT TOLERANT. Received lines live only in this
 * process's memory until their batch commits, so they cannot be replayed after a restart: lines
 * of a batch that was running when the query died are lost, and a restarted query numbers the
 * lines of its new connection after the last committed offset. A warning says so at start.
 *
 * Offsets are Spark's: the number of the last line received, counting from 0, and -1 before any
 * line. So, as in Spark, the query's first trigger runs an empty batch 0 (offsets none → -1) even
 * when no line has arrived yet, and lines that arrive between triggers all go into the next batch.
 *
 * Invariants: within one run, getBatch(start, end) for uncommitted offsets returns the same lines
 * every time; offsets never go backwards.
 */
import { createConnection, type Socket } from 'node:net';
import type { Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import {
  StringType,
  type StructType,
  structField,
  structType,
  TimestampType,
} from '../../types/data-type.js';
import { AnalysisException, SluiceError } from '../../util/errors.js';
import type { Clock } from '../clock.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../source.js';
import {
  batchRelation,
  invalidOption,
  rejectUserSchema,
  roundRobinOrder,
  SourceOptions,
} from './source-support.js';

interface SocketConfig {
  readonly host: string;
  readonly port: number;
  readonly includeTimestamp: boolean;
  readonly numPartitions: number;
}

function readConfig(options: Readonly<Record<string, string>>, parallelism: number): SocketConfig {
  const o = new SourceOptions(options);
  const host = o.get('host');
  if (host === undefined) {
    throw new AnalysisException('INVALID_OPTION', 'Set a host to read from with option("host", ...).');
  }
  if (!o.has('port')) {
    throw new AnalysisException('INVALID_OPTION', 'Set a port to read from with option("port", ...).');
  }
  const port = o.integer('port', 0);
  if (port < 0 || port > 65535) {
    throw invalidOption(`Invalid value '${port}'. The option 'port' must be between 0 and 65535`);
  }
  const includeTimestamp = o.boolean(
    'includeTimestamp',
    false,
    'IncludeTimestamp must be set to either "true" or "false".',
  );
  return { host, port, includeTimestamp, numPartitions: o.positiveInteger('numPartitions', parallelism) };
}

function schemaOf(includeTimestamp: boolean): StructType {
  const value = structField('value', StringType, true);
  return structType(includeTimestamp ? [value, structField('timestamp', TimestampType, true)] : [value]);
}

/** The offset before the first line (Spark's LongOffset(-1)). */
const INITIAL_OFFSET = -1;

function warn(message: string): void {
  process.stderr.write(`WARN TextSocketSource: ${message}\n`);
}

class SocketSource implements Source {
  readonly schema: StructType;
  private readonly socket: Socket;
  private readonly connected: Promise<void>;
  /** Lines not yet committed; `buffer[0]` has offset `bufferStart + 1`. */
  private buffer: Row[] = [];
  private bufferStart = -1;
  /** Offset of the last line received; undefined until the first call tells where numbering starts. */
  private lastOffset: number | undefined;
  private pendingLines: Row[] = [];
  private partial = '';
  private afterCR = false;
  private listener: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly cfg: SocketConfig,
    private readonly clock: Clock,
  ) {
    this.schema = schemaOf(cfg.includeTimestamp);
    warn('The socket source should not be used for production applications! It does not support recovery.');
    this.socket = createConnection({ host: cfg.host, port: cfg.port });
    this.socket.setEncoding('utf8');
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', (e: NodeJS.ErrnoException) => {
        reject(
          new SluiceError(
            'SOCKET_SOURCE_CONNECT_FAILED',
            `${e.code === 'ECONNREFUSED' ? 'Connection refused' : e.message} (socket source ${cfg.host}:${cfg.port})`,
          ),
        );
      });
    });
    // an unobserved rejection must not crash the process: the query sees it at latestOffset()
    this.connected.catch(() => undefined);
    this.socket.on('data', (chunk: string) => this.receive(chunk));
    this.socket.on('end', () => {
      if (this.partial !== '') this.addLine(this.partial);
      this.partial = '';
      this.flush();
      this.listener?.();
      if (!this.stopped) warn(`Stream closed by ${cfg.host}:${cfg.port}`);
    });
    this.socket.on('error', () => undefined);
  }

  /** Splits on \n, \r\n or \r, as Java's readLine (a \r\n split across chunks is one break). */
  private receive(chunk: string): void {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 && this.afterCR && i === from) {
        from = i + 1;
        this.afterCR = false;
        continue;
      }
      this.afterCR = false;
      if (c === 10 || c === 13) {
        this.addLine(this.partial + chunk.slice(from, i));
        this.partial = '';
        from = i + 1;
        this.afterCR = c === 13;
      }
    }
    this.partial += chunk.slice(from);
    this.flush();
    this.listener?.();
  }

  private addLine(line: string): void {
    const micros = this.clock.now() * 1000;
    this.pendingLines.push(this.cfg.includeTimestamp ? [line, micros] : [line]);
  }

  /** Lines become offsets only once the query has said where numbering starts (see header). */
  private flush(): void {
    if (this.lastOffset === undefined || this.pendingLines.length === 0) return;
    this.buffer.push(...this.pendingLines);
    this.lastOffset += this.pendingLines.length;
    this.pendingLines = [];
  }

  private startNumberingAt(offset: number): void {
    if (this.lastOffset !== undefined) return;
    this.lastOffset = offset;
    this.bufferStart = offset;
    this.flush();
  }

  defaultReadLimit(): ReadLimit {
    return { kind: 'all' };
  }

  async latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    await this.connected;
    const from = (start as number | null) ?? INITIAL_OFFSET;
    this.startNumberingAt(from);
    const last = this.lastOffset!;
    // no line yet: the initial offset, which makes a fresh query's first trigger an empty batch
    if (last === from) return from;
    return limit.kind === 'maxRows' ? Math.min(last, from + limit.n) : last;
  }

  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const from = (start as number | null) ?? INITIAL_OFFSET;
    const to = end as number;
    // a batch re-run after a restart: its lines were only in the old process's memory
    this.startNumberingAt(to);
    if (from < this.bufferStart) {
      warn(
        `The lines at offsets ${from + 1} to ${to} of the socket source were lost (the socket source cannot replay data after a restart).`,
      );
      return batchRelation(this.schema, [], 1);
    }
    const lines = this.buffer.slice(from - this.bufferStart, to - this.bufferStart);
    const rows = roundRobinOrder(lines.length, this.cfg.numPartitions).map((i) => lines[i]!);
    return batchRelation(this.schema, rows, this.cfg.numPartitions);
  }

  async commit(end: Offset): Promise<void> {
    const to = end as number;
    if (to <= this.bufferStart) return;
    this.buffer = this.buffer.slice(to - this.bufferStart);
    this.bufferStart = to;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.socket.destroy();
  }

  setDataAvailableListener(listener: () => void): void {
    this.listener = listener;
  }

  description(): string {
    return `TextSocketV2[host: ${this.cfg.host}, port: ${this.cfg.port}]`;
  }
}

registerSourceProvider({
  format: 'socket',
  supportsContinuous: true,
  sourceSchema: (ctx) => {
    rejectUserSchema('TextSocketSourceProvider', ctx.schema);
    return schemaOf(readConfig(ctx.options, ctx.session.parallelism).includeTimestamp);
  },
  createSource: (ctx) => new SocketSource(readConfig(ctx.options, ctx.session.parallelism), ctx.clock),
});
