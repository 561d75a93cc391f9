/**
 * `sluice generate houses|nexmark …`: writes the deterministic house events
 * (src/generator/house-events.ts) or Nexmark events (src/generator/nexmark/, JSON in the
 * Flink/RisingWave layout) at a held rate for a given time or count — Nexmark without --rate as
 * fast as the destination takes them — to Kafka (`--bootstrap --topic`), to a socket
 * (`--socket host:port`: listens there like `nc -lk`, and streams to every client that connects),
 * to files (`--path dir`: one file per second, written under a hidden name then renamed, so file
 * sources never see half a file), or — with no destination — as lines on stdout.
 *
 * The rate is held by a clock-driven schedule (event i is due at i / rate seconds), so a slow
 * moment is caught up and the achieved rate is reported at the end. A progress line is shown when
 * stderr is a terminal. Only argument handling and I/O live here.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { KafkaClient } from '../connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../connectors/kafka/kafka-config.js';
import { KafkaProducerClient } from '../connectors/kafka/kafka-producer.js';
import { HouseEventGenerator } from '../generator/house-events.js';
import { NexmarkGenerator } from '../generator/nexmark/nexmark-generator.js';

export const GENERATE_USAGE = `Usage: sluice generate houses|nexmark [options]

Destination (one; default: JSON lines on stdout):
  --bootstrap HOST:PORT[,…] --topic NAME   produce to Kafka (creates the topic if missing)
  --socket HOST:PORT                       listen there and stream lines to connected clients
  --path DIR                               write one file per second into DIR
Options:
  --rate N           events per second (default 1000)
  --seconds S        stop after S seconds
  --count N          stop after N events (default: run until interrupted)
  --format json|csv  line format (default json)
  --partitions N     partitions of a topic created here (default 1)
  --key FIELD        Kafka record key: house or character (default none)
  --seed N --characters N --start 'yyyy-MM-dd HH:mm:ss' --max-delay-ms N   generator settings
Nexmark (JSON only, no --key):
  --events N         stop after N events (same as --count)
  --rate R           event-time rate and output pace, events per second; without it events are
                     written as fast as possible, stamped at 10,000 events/s of event time
  --seed N --start 'yyyy-MM-dd HH:mm:ss'   seed and time of the first event (UTC)
  --wait-for-client  with --socket: start the clock when the first client connects (default on)
`;

export interface GenerateOptions {
  readonly what: string;
  readonly rate: number;
  /** False for Nexmark without --rate: write as fast as possible. */
  readonly paced: boolean;
  readonly seconds?: number;
  readonly count?: number;
  readonly format: 'json' | 'csv';
  readonly bootstrap?: string;
  readonly topic?: string;
  readonly socket?: string;
  readonly path?: string;
  readonly partitions: number;
  readonly key?: 'house' | 'character';
  readonly seed?: number;
  readonly characters?: number;
  readonly start?: string;
  readonly maxDelayMs?: number;
}

export function parseGenerateArgs(argv: readonly string[]): GenerateOptions {
  const [what, ...rest] = argv;
  if (what !== 'houses' && what !== 'nexmark')
    throw new Error(
      `sluice generate: unknown data set '${what ?? ''}' (available: houses, nexmark)\n\n${GENERATE_USAGE}`,
    );
  const o: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) throw new Error(`sluice generate: unexpected argument '${a}'`);
    const name = a.slice(2);
    if (name === 'wait-for-client') continue;
    const v = rest[++i];
    if (v === undefined) throw new Error(`sluice generate: ${a} needs a value`);
    o[name] = v;
  }
  const known = [
    'rate',
    'seconds',
    'count',
    'format',
    'bootstrap',
    'topic',
    'socket',
    'path',
    'partitions',
    'key',
    'seed',
    'characters',
    'start',
    'max-delay-ms',
    'events',
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k)) throw new Error(`sluice generate: unknown option --${k}`);
  const num = (k: string, min: number): number | undefined => {
    if (o[k] === undefined) return undefined;
    const n = Number(o[k]);
    if (!Number.isFinite(n) || n < min)
      throw new Error(`sluice generate: --${k} must be a number >= ${min}, got '${o[k]}'`);
    return n;
  };
  const format = o.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    throw new Error(`sluice generate: --format must be json or csv, got '${format}'`);
  if ((o.bootstrap === undefined) !== (o.topic === undefined))
    throw new Error('sluice generate: --bootstrap and --topic go together');
  const dests = [o.topic, o.socket, o.path].filter((d) => d !== undefined).length;
  if (dests > 1) throw new Error('sluice generate: choose one destination (--topic, --socket or --path)');
  if (what === 'nexmark') {
    for (const k of ['format', 'key', 'characters', 'max-delay-ms'])
      if (o[k] !== undefined && !(k === 'format' && o[k] === 'json'))
        throw new Error(`sluice generate: --${k} does not apply to nexmark (JSON lines only)`);
    if (o.events !== undefined && o.count !== undefined)
      throw new Error('sluice generate: give --events or --count, not both');
    if (o.events !== undefined) o.count = o.events;
  } else if (o.events !== undefined)
    throw new Error('sluice generate: --events is for nexmark (use --count)');
  if (o.key !== undefined && o.key !== 'house' && o.key !== 'character')
    throw new Error("sluice generate: --key must be 'house' or 'character'");
  const opt = <K extends string, V>(k: K, v: V | undefined) =>
    v === undefined ? {} : ({ [k]: v } as { [P in K]: V });
  return {
    what,
    rate: num('rate', 1) ?? (what === 'nexmark' ? 10_000 : 1000),
    paced: what !== 'nexmark' || o.rate !== undefined,
    format,
    partitions: num('partitions', 1) ?? 1,
    ...opt('seconds', num('seconds', 0)),
    ...opt('count', num('count', 0)),
    ...opt('bootstrap', o.bootstrap),
    ...opt('topic', o.topic),
    ...opt('socket', o.socket),
    ...opt('path', o.path),
    ...opt('key', o.key as 'house' | 'character' | undefined),
    ...opt('seed', num('seed', 0)),
    ...opt('characters', num('characters', 1)),
    ...opt('start', o.start),
    ...opt('maxDelayMs', num('max-delay-ms', 0)),
  };
}

/** Where generated lines go: `write` takes one tick's lines and resolves when they are accepted. */
interface Destination {
  readonly name: string;
  write(lines: string[], first: number): Promise<void>;
  close(): Promise<void>;
}

async function kafkaDestination(
  o: GenerateOptions,
  gen: HouseEventGenerator | undefined,
): Promise<Destination> {
  const options = { 'kafka.bootstrap.servers': o.bootstrap!, 'kafka.acks': '1' };
  const admin = new KafkaClient(kafkaClientConfig(options, 'source'));
  try {
    await admin.createTopic(o.topic!, o.partitions);
  } finally {
    await admin.close();
  }
  const producer = new KafkaProducerClient(kafkaClientConfig(options, 'sink'));
  const enc = new TextEncoder();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let warmed = false;
  return {
    name: `Kafka topic ${o.topic} at ${o.bootstrap}`,
    async write(lines, first) {
      const records = lines.map((l, j) => ({
        topic: o.topic!,
        partition: null,
        key: o.key && gen ? enc.encode(gen.event(first + j)[o.key]) : null,
        value: enc.encode(l),
        headers: null,
      }));
      if (failure) throw failure;
      const p: Promise<void> = producer.send(records).then(
        () => void inFlight.delete(p),
        (e) => {
          inFlight.delete(p);
          failure ??= e;
        },
      );
      inFlight.add(p);
      // keep a few sends in flight so the producer pipelines; wait when the pipe is full. The
      // first send completes alone: sends racing on a fresh producer each open their own broker
      // connections, and the extra ones outlive close() (the process would not exit)
      if (!warmed) {
        warmed = true;
        await p;
      }
      if (inFlight.size >= 4) await Promise.race(inFlight);
    },
    async close() {
      await Promise.all(inFlight);
      await producer.close();
      if (failure) throw failure;
    },
  };
}

async function socketDestination(o: GenerateOptions): Promise<Destination> {
  const [host, portText] = o.socket!.split(':');
  const clients = new Set<Socket>();
  const server = createServer((s) => {
    clients.add(s);
    s.on('close', () => clients.delete(s));
    s.on('error', () => clients.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(portText), host || '127.0.0.1', () => resolve());
  });
  process.stderr.write(`sluice generate: listening on ${o.socket}, waiting for a client…\n`);
  await new Promise<void>((resolve) => server.once('connection', () => resolve()));
  return {
    name: `socket ${o.socket}`,
    async write(lines) {
      const text = `${lines.join('\n')}\n`;
      await Promise.all(
        [...clients].map((c) =>
          c.write(text) ? undefined : new Promise<void>((r) => c.once('drain', () => r())),
        ),
      );
    },
    async close() {
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function fileDestination(o: GenerateOptions): Destination {
  mkdirSync(o.path!, { recursive: true });
  let buffered: string[] = [];
  let fileNo = 0;
  let fileStart = Date.now();
  const ext = o.format === 'csv' ? 'csv' : 'json';
  const flush = () => {
    if (!buffered.length) return;
    const name = `${o.what}-${String(fileNo++).padStart(6, '0')}.${ext}`;
    const tmp = join(o.path!, `.${name}.tmp`);
    writeFileSync(tmp, `${buffered.join('\n')}\n`);
    renameSync(tmp, join(o.path!, name));
    buffered = [];
  };
  return {
    name: `files in ${o.path}`,
    async write(lines) {
      for (const l of lines) buffered.push(l);
      if (Date.now() - fileStart >= 1000) {
        flush();
        fileStart = Date.now();
      }
    },
    async close() {
      flush();
    },
  };
}

function stdoutDestination(): Destination {
  return {
    name: 'stdout',
    async write(lines) {
      if (!process.stdout.write(`${lines.join('\n')}\n`))
        await new Promise((r) => process.stdout.once('drain', r));
    },
    async close() {},
  };
}

export interface GenerateResult {
  readonly count: number;
  readonly seconds: number;
  readonly rate: number;
}

/** The i-th line of the data set, and the house generator when keys come from it. */
function lineSource(o: GenerateOptions): { line: (i: number) => string; houses?: HouseEventGenerator } {
  if (o.what === 'nexmark') {
    const nexmark = new NexmarkGenerator({
      eventsPerSecond: o.rate,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.start !== undefined ? { baseTimeMs: parseUtcTime(o.start) } : {}),
    });
    return { line: (i) => nexmark.jsonLine(i) };
  }
  const gen = new HouseEventGenerator({
    eventsPerSecond: o.rate,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.characters !== undefined ? { characters: o.characters } : {}),
    ...(o.start !== undefined ? { start: o.start } : {}),
    ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}),
  });
  const line =
    o.format === 'csv'
      ? (i: number) => {
          const e = gen.event(i);
          return `${e.house},${e.character},${e.score},${e.ts}`;
        }
      : (i: number) => gen.jsonLine(i);
  return { line, houses: gen };
}

function parseUtcTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`sluice generate: --start must be 'yyyy-MM-dd HH:mm:ss', got '${text}'`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** Lines per write when not paced: bounds memory, keeps writes large. */
const UNPACED_CHUNK = 16_384;

export async function generate(o: GenerateOptions): Promise<GenerateResult> {
  const { line, houses } = lineSource(o);
  const dest = o.topic
    ? await kafkaDestination(o, houses)
    : o.socket
      ? await socketDestination(o)
      : o.path
        ? fileDestination(o)
        : stdoutDestination();
  const limit = Math.min(
    o.count ?? Number.POSITIVE_INFINITY,
    o.seconds !== undefined ? Math.round(o.seconds * o.rate) : Number.POSITIVE_INFINITY,
  );
  const tty = process.stderr.isTTY && dest.name !== 'stdout';
  let stopped = false;
  const onSignal = () => {
    stopped = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const t0 = performance.now();
  let sent = 0;
  let lastProgress = 0;
  const TICK_MS = 10;
  try {
    while (!stopped && sent < limit) {
      const elapsed = (performance.now() - t0) / 1000;
      const due = o.paced
        ? Math.min(limit, Math.floor(elapsed * o.rate))
        : Math.min(limit, sent + UNPACED_CHUNK);
      if (due > sent) {
        // at most a second's worth per write keeps memory bounded when catching up
        const n = Math.min(due - sent, Math.max(1, o.paced ? o.rate : UNPACED_CHUNK));
        const lines = new Array<string>(n);
        for (let j = 0; j < n; j++) lines[j] = line(sent + j);
        await dest.write(lines, sent);
        sent += n;
        // unpaced: let signals and I/O callbacks run between chunks
        if (!o.paced) await new Promise((r) => setImmediate(r));
      } else {
        const nextDue = ((sent + 1) / o.rate) * 1000 - (performance.now() - t0);
        await new Promise((r) => setTimeout(r, Math.max(1, Math.min(TICK_MS, nextDue))));
      }
      if (tty && performance.now() - lastProgress > 200) {
        lastProgress = performance.now();
        process.stderr.write(`\r${progressLine(sent, limit, (performance.now() - t0) / 1000)}`);
      }
    }
    await dest.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (tty) process.stderr.write(`\r${progressLine(sent, limit, seconds)}\n`);
  return { count: sent, seconds, rate: seconds > 0 ? sent / seconds : 0 };
}

function progressLine(sent: number, limit: number, seconds: number): string {
  const rate = seconds > 0 ? Math.round(sent / seconds) : 0;
  if (!Number.isFinite(limit)) return `${sent} events, ${rate}/s`;
  const width = 30;
  const done = Math.round((sent / limit) * width);
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${sent}/${limit} events, ${rate}/s`;
}

export async function generateCommand(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(GENERATE_USAGE);
    return;
  }
  const o = parseGenerateArgs(argv);
  const r = await generate(o);
  const requested = o.paced ? `requested ${o.rate}/s` : 'unpaced';
  const summary = `generated ${r.count} events in ${r.seconds.toFixed(2)} s (${Math.round(r.rate)} events/s, ${requested})\n`;
  // the summary goes to stderr when the events themselves go to stdout
  if (o.topic || o.socket || o.path) process.stdout.write(summary);
  else process.stderr.write(summary);
}
