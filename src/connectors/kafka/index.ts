/**
 * The Kafka connector: registers the `kafka` streaming source and sink, and exposes the batch
 * read/write entry points the DataFrame reader and writer call. Loading this module does not
 * load the Kafka client library (that happens on first use).
 */
import './kafka-source.js';
import './kafka-sink.js';

export { kafkaBatchRelation, planKafkaScan, readKafkaScan } from './kafka-scan.js';
export { saveToKafka, writeKafka } from './kafka-write.js';
