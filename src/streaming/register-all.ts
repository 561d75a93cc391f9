/**
 * Loads every built-in streaming source and sink so their formats are registered.
 */
import './sources/memory-stream.js';
import './sinks/console-sink.js';
import './sinks/memory-sink.js';
import './sinks/foreach-batch-sink.js';
import './sinks/foreach-sink.js';
import './sources/socket-source.js';
import './sources/rate-source.js';
import './sources/rate-micro-batch-source.js';
import './sources/nexmark-source.js';
import './sinks/file-sink.js';
import '../connectors/kafka/index.js';
import './sources/file-stream-source.js';
