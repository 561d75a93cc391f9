/**
 * `kafka.*` options → the Kafka client's configuration, in Sluice's own terms (no client library
 * types). Spark passes `kafka.*` options to the Java client; we accept the same names and map the
 * ones that mean something here: bootstrap servers, client id, timeouts and retries, isolation
 * level, fetch sizes, producer acks/compression/transactions, and security (TLS with PEM material,
 * SASL PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512 / OAUTHBEARER from `sasl.jaas.config`).
 *
 * Invariants: options are matched case-insensitively (as Spark's CaseInsensitiveMap); an option the
 * Java client would reject or that Spark forbids fails with Spark's message; a known Java option
 * with no meaning here is accepted and listed in `ignored`.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { SluiceError } from '../../util/errors.js';

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER';

export interface KafkaClientConfig {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** How long one logical operation (list offsets, fetch, produce…) keeps retrying retriable errors. */
  readonly apiTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly readCommitted: boolean;
  readonly fetchMaxBytes: number;
  readonly partitionFetchMaxBytes: number;
  readonly fetchMaxWaitMs: number;
  readonly metadataMaxAgeMs: number;
  readonly tls?: TlsOptions;
  readonly sasl?: {
    readonly mechanism: SaslMechanism;
    readonly username?: string;
    readonly password?: string;
    readonly token?: string;
  };
  /** Producer: -1 (all), 0 or 1. */
  readonly acks: number;
  /**
   * Producer: `enable.idempotence` (the Java client's default since Kafka 3.0: on unless acks is
   * not `all`). Retried produce requests are then deduplicated by the broker.
   */
  readonly idempotent: boolean;
  readonly compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  readonly transactionTimeoutMs: number;
  /** `kafka.group.id`, when the user set one. */
  readonly groupId?: string;
  /** `kafka.transactional.id`, when the user set one (exactly-once sink). */
  readonly transactionalId?: string;
  /** Known Java client options that have no effect here. */
  readonly ignored: readonly string[];
}

/** Lower-cased option map: Spark's options are case-insensitive. */
export function lowerKeys(options: Readonly<Record<string, string>>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(options)) m.set(k.toLowerCase(), v);
  return m;
}

export function invalidOption(message: string): SluiceError {
  return new SluiceError('INVALID_KAFKA_OPTION', message);
}

const SOURCE_FORBIDDEN: Record<string, string> = {
  'auto.offset.reset':
    "Kafka option 'auto.offset.reset' is not supported. Instead set the source option 'startingoffsets' to 'earliest' or 'latest' to specify where to start. Structured Streaming manages which offsets are consumed internally, rather than relying on the kafkaConsumer. This will ensure that no data is missed when new topics/partitions are dynamically subscribed. Note that 'startingoffsets' only applies when a new Streaming query is started, and that resuming will always pick up from where the query left off. See the docs for more details.",
  'key.deserializer':
    "Kafka option 'key.deserializer' is not supported, keys are always deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.",
  'value.deserializer':
    "Kafka option 'value.deserializer' is not supported, values are always deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the values.",
  'enable.auto.commit':
    "Kafka option 'enable.auto.commit' is not supported. Structured Streaming tracks offsets in its checkpoint; set the source option 'commitOffsetsToGroup' to 'true' to also commit them to a consumer group for monitoring.",
  'interceptor.classes':
    "Kafka option 'interceptor.classes' is not supported as user-specified consumer interceptors may break the query.",
};

const SINK_FORBIDDEN: Record<string, string> = {
  'key.serializer':
    "Kafka option 'key.serializer' is not supported, keys are always serialized with ByteArraySerializer or StringSerializer. Use DataFrame operations to explicitly serialize the keys into either strings or byte arrays.",
  'value.serializer':
    "Kafka option 'value.serializer' is not supported, values are always serialized with ByteArraySerializer or StringSerializer. Use DataFrame operations to explicitly serialize the values into either strings or byte arrays.",
  'interceptor.classes':
    "Kafka option 'interceptor.classes' is not supported as user-specified producer interceptors may break the query.",
};

/** Java client options we understand (mapped below) — anything else under `kafka.` is ignored. */
const MAPPED = new Set([
  'bootstrap.servers',
  'client.id',
  'request.timeout.ms',
  'socket.connection.setup.timeout.ms',
  'default.api.timeout.ms',
  'delivery.timeout.ms',
  'retry.backoff.ms',
  'retry.backoff.max.ms',
  'isolation.level',
  'fetch.max.bytes',
  'max.partition.fetch.bytes',
  'fetch.max.wait.ms',
  'metadata.max.age.ms',
  'security.protocol',
  'sasl.mechanism',
  'sasl.jaas.config',
  'sasl.oauthbearer.token',
  'ssl.truststore.location',
  'ssl.truststore.type',
  'ssl.truststore.certificates',
  'ssl.keystore.location',
  'ssl.keystore.type',
  'ssl.keystore.key',
  'ssl.keystore.certificate.chain',
  'ssl.key.password',
  'ssl.keystore.password',
  'ssl.truststore.password',
  'ssl.endpoint.identification.algorithm',
  'acks',
  'enable.idempotence',
  'compression.type',
  'transaction.timeout.ms',
  'transactional.id',
  'group.id',
]);

function int(m: Map<string, string>, key: string, dflt: number): number {
  const v = m.get(`kafka.${key}`);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw invalidOption(`Kafka option '${key}' must be a non-negative integer, got '${v}'.`);
  return n;
}

/**
 * Builds the client configuration from a source's or sink's options (`role` picks Spark's list of
 * forbidden options and the defaults that differ between consumers and producers).
 */
export function kafkaClientConfig(
  options: Readonly<Record<string, string>>,
  role: 'source' | 'sink',
): KafkaClientConfig {
  const m = lowerKeys(options);
  const forbidden = role === 'source' ? SOURCE_FORBIDDEN : SINK_FORBIDDEN;
  for (const [k, msg] of Object.entries(forbidden)) if (m.has(`kafka.${k}`)) throw invalidOption(msg);
  const servers = m.get('kafka.bootstrap.servers');
  if (!servers?.trim()) {
    throw invalidOption(
      `Option 'kafka.bootstrap.servers' must be specified for configuring Kafka ${role === 'source' ? 'consumer' : 'producer'}`,
    );
  }
  const ignored: string[] = [];
  for (const k of m.keys()) if (k.startsWith('kafka.') && !MAPPED.has(k.slice(6))) ignored.push(k);
  const isolation = (m.get('kafka.isolation.level') ?? 'read_uncommitted').toLowerCase();
  if (isolation !== 'read_committed' && isolation !== 'read_uncommitted') {
    throw invalidOption(
      `Kafka option 'isolation.level' must be read_committed or read_uncommitted, got '${isolation}'.`,
    );
  }
  const acksText = (m.get('kafka.acks') ?? 'all').toLowerCase();
  const acks = acksText === 'all' ? -1 : Number(acksText);
  if (![-1, 0, 1].includes(acks))
    throw invalidOption(`Kafka option 'acks' must be all, -1, 0 or 1, got '${acksText}'.`);
  const idempotenceText = m.get('kafka.enable.idempotence')?.toLowerCase();
  if (idempotenceText !== undefined && idempotenceText !== 'true' && idempotenceText !== 'false') {
    throw invalidOption(`Kafka option 'enable.idempotence' must be true or false, got '${idempotenceText}'.`);
  }
  if (idempotenceText === 'true' && acks !== -1) {
    throw invalidOption(
      `Kafka option 'acks' must be all when 'enable.idempotence' is true (got '${acksText}'): an idempotent producer needs every replica's acknowledgement.`,
    );
  }
  const idempotent = acks === -1 && idempotenceText !== 'false';
  const compression = (m.get('kafka.compression.type') ?? 'none').toLowerCase();
  if (!['none', 'gzip', 'snappy', 'lz4', 'zstd'].includes(compression)) {
    throw invalidOption(
      `Kafka option 'compression.type' must be none, gzip, snappy, lz4 or zstd, got '${compression}'.`,
    );
  }
  const requestTimeoutMs = int(m, 'request.timeout.ms', 30_000);
  const apiTimeoutMs =
    role === 'source' ? int(m, 'default.api.timeout.ms', 60_000) : int(m, 'delivery.timeout.ms', 120_000);
  const { tls, sasl } = security(m);
  const groupId = m.get('kafka.group.id');
  const transactionalId = m.get('kafka.transactional.id');
  return {
    bootstrapServers: servers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    clientId: m.get('kafka.client.id') ?? (role === 'source' ? 'sluice-kafka-source' : 'sluice-kafka-sink'),
    requestTimeoutMs,
    connectTimeoutMs: int(m, 'socket.connection.setup.timeout.ms', 10_000),
    apiTimeoutMs,
    retryBackoffMs: int(m, 'retry.backoff.ms', 100),
    retryBackoffMaxMs: int(m, 'retry.backoff.max.ms', 1000),
    readCommitted: isolation === 'read_committed',
    fetchMaxBytes: int(m, 'fetch.max.bytes', 52_428_800),
    partitionFetchMaxBytes: int(m, 'max.partition.fetch.bytes', 8_388_608),
    fetchMaxWaitMs: int(m, 'fetch.max.wait.ms', 100),
    metadataMaxAgeMs: int(m, 'metadata.max.age.ms', 300_000),
    acks,
    idempotent,
    compression: compression as KafkaClientConfig['compression'],
    transactionTimeoutMs: int(m, 'transaction.timeout.ms', 60_000),
    ignored,
    ...(tls ? { tls } : {}),
    ...(sasl ? { sasl } : {}),
    ...(groupId ? { groupId } : {}),
    ...(transactionalId ? { transactionalId } : {}),
  };
}

function pem(m: Map<string, string>, inline: string, location: string, typeKey: string): string | undefined {
  const text = m.get(`kafka.${inline}`);
  if (text) return text;
  const path = m.get(`kafka.${location}`);
  if (!path) return undefined;
  const type = (m.get(`kafka.${typeKey}`) ?? 'PEM').toUpperCase();
  if (type !== 'PEM') {
    throw invalidOption(
      `Kafka option '${typeKey}' is ${type}; Sluice reads PEM files only. Convert the store to PEM (keytool -importkeystore … -deststoretype PKCS12, then openssl pkcs12 -nodes) and set '${typeKey}' to PEM.`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw invalidOption(`Cannot read Kafka option '${location}' (${path}): ${(e as Error).message}`);
  }
}

function security(m: Map<string, string>): { tls?: TlsOptions; sasl?: KafkaClientConfig['sasl'] } {
  const protocol = (m.get('kafka.security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw invalidOption(
      `Kafka option 'security.protocol' must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got '${protocol}'.`,
    );
  }
  let tls: TlsOptions | undefined;
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const ca = pem(m, 'ssl.truststore.certificates', 'ssl.truststore.location', 'ssl.truststore.type');
    const keyAndChain = pem(m, 'ssl.keystore.key', 'ssl.keystore.location', 'ssl.keystore.type');
    const chain = m.get('kafka.ssl.keystore.certificate.chain') ?? keyAndChain;
    const passphrase = m.get('kafka.ssl.key.password');
    const verifyHost = (m.get('kafka.ssl.endpoint.identification.algorithm') ?? 'https') !== '';
    tls = {
      ...(ca ? { ca } : {}),
      ...(keyAndChain ? { key: keyAndChain } : {}),
      ...(chain ? { cert: chain } : {}),
      ...(passphrase ? { passphrase } : {}),
      ...(verifyHost ? {} : { checkServerIdentity: () => undefined }),
    };
  }
  let sasl: KafkaClientConfig['sasl'];
  if (protocol.startsWith('SASL_')) {
    const mechanism = (m.get('kafka.sasl.mechanism') ?? 'GSSAPI').toUpperCase();
    if (!['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'].includes(mechanism)) {
      throw invalidOption(
        `Kafka SASL mechanism '${mechanism}' is not supported by Sluice; set 'kafka.sasl.mechanism' to PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.`,
      );
    }
    const jaas = parseJaas(m.get('kafka.sasl.jaas.config') ?? '');
    const token = m.get('kafka.sasl.oauthbearer.token') ?? jaas.token;
    if (mechanism === 'OAUTHBEARER' && !token) {
      throw invalidOption("SASL OAUTHBEARER needs a token: set 'kafka.sasl.oauthbearer.token'.");
    }
    if (mechanism !== 'OAUTHBEARER' && (jaas.username === undefined || jaas.password === undefined)) {
      throw invalidOption(
        `SASL ${mechanism} needs credentials: set 'kafka.sasl.jaas.config' to '<LoginModule> required username="…" password="…";'.`,
      );
    }
    sasl = {
      mechanism: mechanism as SaslMechanism,
      ...(jaas.username !== undefined ? { username: jaas.username } : {}),
      ...(jaas.password !== undefined ? { password: jaas.password } : {}),
      ...(token ? { token } : {}),
    };
  }
  return { ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) };
}

/** `org.apache.kafka…LoginModule required username="a" password="b";` → its key/value pairs. */
export function parseJaas(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_.]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return out;
}
