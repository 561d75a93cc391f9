/**
 * The Kafka Fetch API (versions 13-17, topic ids) with a response parser that keeps each
 * partition's record set as one contiguous buffer instead of decoding it record by record, so
 * record-batch-decoder.ts can turn it into rows in bulk. Requests are built by the client
 * library's own request writers; only the response side is ours.
 */
import type * as KafkaLib from '@platformatic/kafka';

export interface RawFetchPartition {
  readonly partition: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  readonly logStartOffset: number;
  readonly aborted: { producerId: bigint; firstOffset: number }[] | null;
  readonly records: Buffer | null;
}

export interface RawFetchResponse {
  readonly errorCode: number;
  readonly topics: { topicId: string; partitions: RawFetchPartition[] }[];
}

export interface RawFetchRequestPartition {
  readonly partition: number;
  readonly fetchOffset: number;
  readonly currentLeaderEpoch: number;
  readonly partitionMaxBytes: number;
}

type Reader = KafkaLib.Reader;

function parseResponse(
  _correlationId: number,
  _apiKey: number,
  _apiVersion: number,
  r: Reader,
): RawFetchResponse {
  r.readInt32(); // throttle time
  const errorCode = r.readInt16();
  r.readInt32(); // session id
  const topics = r.readArray((r) => ({
    topicId: r.readUUID(),
    partitions: r.readArray((r): RawFetchPartition => {
      const partition = r.readInt32();
      const errorCode = r.readInt16();
      const highWatermark = Number(r.readInt64());
      const lastStableOffset = Number(r.readInt64());
      const logStartOffset = Number(r.readInt64());
      const aborted = r.readNullableArray((r) => ({
        producerId: r.readInt64(),
        firstOffset: Number(r.readInt64()),
      }));
      r.readInt32(); // preferred read replica
      const size = r.readUnsignedVarInt() - 1;
      let records: Buffer | null = null;
      if (size > 0) {
        records = r.buffer.slice(r.position, r.position + size);
        r.skip(size);
      }
      return { partition, errorCode, highWatermark, lastStableOffset, logStartOffset, aborted, records };
    }),
  }));
  return { errorCode, topics };
}

export type RawFetch = (
  connection: KafkaLib.Connection,
  maxWaitMs: number,
  maxBytes: number,
  readCommitted: boolean,
  topicId: string,
  partitions: readonly RawFetchRequestPartition[],
) => Promise<RawFetchResponse>;

/** Builds the raw fetch call for the highest Fetch version in 13..17 that the broker supports. */
export function rawFetchApi(lib: typeof KafkaLib, brokerMaxVersion: number): RawFetch {
  const version = Math.min(17, brokerMaxVersion);
  if (version < 13) {
    throw new Error(
      `the Kafka broker supports Fetch up to v${brokerMaxVersion}; Sluice needs Kafka 3.5 or later`,
    );
  }
  const writers = {
    13: lib.fetchV13.createRequest,
    14: lib.fetchV14.createRequest,
    15: lib.fetchV15.createRequest,
    16: lib.fetchV16.createRequest,
    17: lib.fetchV17.createRequest,
  } as const;
  const api = lib.createAPI<unknown[], RawFetchResponse>(1, version, writers[version as 13], parseResponse);
  return (connection, maxWaitMs, maxBytes, readCommitted, topicId, partitions) =>
    api.async(
      connection,
      maxWaitMs,
      1,
      maxBytes,
      readCommitted ? 1 : 0,
      0,
      -1,
      [
        {
          topicId,
          partitions: partitions.map((p) => ({
            partition: p.partition,
            fetchOffset: BigInt(p.fetchOffset),
            currentLeaderEpoch: p.currentLeaderEpoch,
            lastFetchedEpoch: -1,
            partitionMaxBytes: p.partitionMaxBytes,
          })),
        },
      ],
      [],
      '',
    );
}
