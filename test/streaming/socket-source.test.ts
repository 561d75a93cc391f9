/**
 * The socket source against a real TCP server on 127.0.0.1 (a net.Server standing in for
 * `nc -lk`): lines become rows as they arrive, line breaks as Java's readLine, timestamps from the
 * query's clock, a restart reconnects and keeps numbering, a refused connection fails the query.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { functions as F, ManualClock, Session, StreamTest } from '../../src/index.js';
import { lookupSourceProvider } from '../../src/streaming/source.js';

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
        expect(q.lastProgress!.sources[0]).toMatchObject({ startOffset: 1, endOffset: 2 }),
      ),
    ]);
  });

  it("runs an empty batch 0 on the first trigger, before any line, as Spark's", async () => {
    let client: Socket | undefined;
    await new StreamTest(spark, socketLines()).run([
      checkAnswer([]), // the first trigger: no line has arrived
      assertOnQuery((q) => {
        expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[0, 0]]);
        expect(q.lastProgress!.sources[0]).toMatchObject({
          description: `TextSocketV2[host: 127.0.0.1, port: ${port}]`,
          startOffset: null,
          endOffset: -1,
          numInputRows: 0,
        });
      }),
      execute('nc sends two lines', async () => {
        client = await server.next();
        client.write('one\ntwo\n');
      }),
      awaitInputRows(2),
      checkAnswer([['one'], ['two']]),
      assertOnQuery((q) => {
        expect(q.recentProgress[1]!.sources[0]).toMatchObject({ startOffset: -1 });
        expect(q.lastProgress!.sources[0]).toMatchObject({ endOffset: 1 });
      }),
    ]);
  });

  it('gives the next batch every line that arrived since the last, each stamped when it arrived', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const connected = server.next();
    const source = lookupSourceProvider('socket').createSource({
      session: spark,
      options: { host: '127.0.0.1', port: String(port), includeTimestamp: 'true', numPartitions: '1' },
      paths: [],
      metadataPath: join(tmpdir(), 'unused-socket-metadata'),
      clock,
    });
    let arrived: () => void = () => undefined;
    source.setDataAvailableListener?.(() => arrived());
    /** Sends `text` and resolves once the source's latest offset has reached `offset`. */
    const send = async (text: string, offset: number) => {
      (await connected).write(text);
      while (((await source.latestOffset(-1, { kind: 'all' })) as number) < offset) {
        await new Promise<void>((r) => (arrived = r));
      }
    };
    try {
      // the first trigger: no line yet — the initial offset, so the query runs an empty batch 0
      expect(await source.latestOffset(null, { kind: 'all' })).toBe(-1);
      await send('a\n', 0);
      clock.advance(250);
      await send('b\nc\n', 2);
      const end = await source.latestOffset(-1, { kind: 'all' });
      expect(end).toBe(2);
      const rows = await spark.executeInternal(spark.analyze(await source.getBatch(-1, end!)));
      const t0 = 1_700_000_000_000 * 1000;
      expect(rows).toEqual([
        ['a', t0],
        ['b', t0 + 250_000],
        ['c', t0 + 250_000],
      ]);
    } finally {
      await source.stop();
    }
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
