/**
 * The socket source against a real TCP server on 127.0.0.1 (a net.Server standing in for
 * `nc -lk`): lines become rows as they arrive, line breaks as Java's readLine, timestamps from the
 * query's clock, a restart reconnects and keeps numbering, a refused connection fails the query.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { functions as F, Session, StreamTest } from '../../src/index.js';

const { assertOnQuery, awaitInputRows, checkAnswer, execute, expectFailure, startStream, stopStream } =
  StreamTest;

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();
afterAll(() => spark.stop());

/** A server that hands out its connections in order. */
class LineServer {
  readonly server: Server = createServer();
  private readonly connections: Socket[] = [];
  private waiters: ((s: Socket) => void)[] = [];

  constructor() {
    this.server.on('connection', (s) => {
      const w = this.waiters.shift();
      if (w) w(s);
      else this.connections.push(s);
    });
  }
  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as { port: number }).port;
  }
  /** The next connection a query opens. */
  next(): Promise<Socket> {
    const ready = this.connections.shift();
    return ready ? Promise.resolve(ready) : new Promise((r) => this.waiters.push(r));
  }
  close(): void {
    this.server.close();
  }
}

let server: LineServer;
let port: number;
const silenceStderr = () => vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
let stderr: ReturnType<typeof silenceStderr>;
beforeEach(async () => {
  server = new LineServer();
  port = await server.listen();
  stderr = silenceStderr();
});
afterEach(() => {
  stderr.mockRestore();
  server.close();
});

const socketLines = (options: Record<string, string> = {}) =>
  spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).options(options).load();

describe('socket source', () => {
  it('counts words of lines as they arrive', async () => {
    const counts = socketLines()
      .select(F.explode(F.split(F.col('value'), ' ')).alias('word'))
      .groupBy('word')
      .count();
    let client: Socket | undefined;
    await new StreamTest(spark, counts, { outputMode: 'complete' }).run([
      execute('nc sends a line', async () => {
        client = await server.next();
        client.write('spark scala scala spark structured streaming spark scala scala spark\n');
      }),
      awaitInputRows(1),
      checkAnswer([
        ['spark', 4],
        ['scala', 4],
        ['structured', 1],
        ['streaming', 1],
      ]),
      execute('nc sends another line', () => client!.write('spark scala scala spark\n')),
      awaitInputRows(2),
      checkAnswer([
        ['spark', 6],
        ['scala', 6],
        ['structured', 1],
        ['streaming', 1],
      ]),
    ]);
    const warnings = stderr.mock.calls.map((c) => String(c[0])).filter((s) => s.includes('production'));
    expect(warnings).toEqual([
      'WARN TextSocketSource: The socket source should not be used for production applications! It does not support recovery.\n',
    ]);
  });

  it('splits lines like readLine, stamps them with the query clock, and keeps going after EOF', async () => {
    const df = socketLines({ includeTimestamp: 'true' });
    expect(df.schema.fields.map((f) => `${f.name}:${f.dataType.kind}`)).toEqual([
      'value:string',
      'timestamp:timestamp',
    ]);
    let client: Socket | undefined;
    const at = new Date(1_700_000_000_000);
    await new StreamTest(spark, df, { startTimeMs: at.getTime() }).run([
      execute('send lines in pieces', async () => {
        client = await server.next();
        client.write('a\r');
        client.write('\nb\r\nc');
        client.write('\rd\n\nlast without newline');
        client.end();
      }),
      awaitInputRows(6),
      checkAnswer([
        ['a', at],
        ['b', at],
        ['c', at],
        ['d', at],
        ['', at],
        ['last without newline', at],
      ]),
      assertOnQuery((q) => q.isActive, 'the query outlives the connection'),
    ]);
    expect(stderr.mock.calls.map((c) => String(c[0]))).toContain(
      `WARN TextSocketSource: Stream closed by 127.0.0.1:${port}\n`,
    );
  });

  it('reconnects on restart and numbers new lines after the committed ones', async () => {
    let client: Socket | undefined;
    await new StreamTest(spark, socketLines()).run([
      execute('send two lines', async () => {
        client = await server.next();
        client.write('one\ntwo\n');
      }),
      awaitInputRows(2),
      checkAnswer([['one'], ['two']]),
      stopStream(),
      startStream(),
      execute('send on the new connection', async () => {
        client = await server.next();
        client.write('three\n');
      }),
      awaitInputRows(1),
      checkAnswer([['one'], ['two'], ['three']]),
      assertOnQuery((q) =>
        expect(q.lastProgress!.sources[0]).toMatchObject({ startOffset: 2, endOffset: 3 }),
      ),
    ]);
  });

  it('fails the query when nothing listens', async () => {
    server.close();
    await once(server.server, 'close');
    await new StreamTest(spark, socketLines()).run([
      expectFailure(new RegExp(`Connection refused \\(socket source 127\\.0\\.0\\.1:${port}\\)`)),
    ]);
  });

  it('validates its options at load()', () => {
    const reader = () => spark.readStream.format('socket');
    expect(() => reader().load()).toThrow('Set a host to read from with option("host", ...).');
    expect(() => reader().option('host', 'localhost').load()).toThrow(
      'Set a port to read from with option("port", ...).',
    );
    expect(() => reader().option('host', 'localhost').option('port', 'http').load()).toThrow(
      "Invalid value 'http'. The option 'port' must be an integer",
    );
    expect(() =>
      reader().option('host', 'localhost').option('port', 9999).option('includeTimestamp', 'yes').load(),
    ).toThrow('IncludeTimestamp must be set to either "true" or "false".');
    expect(() => reader().schema('a INT').option('host', 'localhost').option('port', 9999).load()).toThrow(
      'TextSocketSourceProvider source does not support user-specified schema.',
    );
  });
});
