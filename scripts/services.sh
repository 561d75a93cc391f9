#!/usr/bin/env bash
# Development and CI services for Sluice: a real Apache Kafka broker (KRaft mode) on 127.0.0.1:9092.
#
#   scripts/services.sh up       start (idempotent: a running service is left alone)
#   scripts/services.sh down     stop
#   scripts/services.sh status   print what runs
#
# Kafka's jars are resolved from Maven Central with Maven (Java 17) into a cache that survives runs
# ($SLUICE_SERVICES_HOME, default ~/.cache/sluice-services). Logs: $SLUICE_SERVICES_HOME/logs/.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
HOME_DIR="${SLUICE_SERVICES_HOME:-$HOME/.cache/sluice-services}"
KAFKA_VERSION="4.1.1"
KAFKA_HOME="$HOME_DIR/kafka-$KAFKA_VERSION"
KAFKA_DATA="$HOME_DIR/kafka-data"
LOGS="$HOME_DIR/logs"
KAFKA_PID="$HOME_DIR/kafka.pid"
KAFKA_PORT="${SLUICE_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${SLUICE_KAFKA_CONTROLLER_PORT:-9093}"

mkdir -p "$HOME_DIR" "$LOGS"

log() { printf '[services] %s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }

wait_for_port() {
  local port=$1 what=$2 seconds=${3:-90}
  for _ in $(seq 1 "$seconds"); do
    if port_open "$port"; then return 0; fi
    sleep 1
  done
  log "$what did not open port $port within ${seconds}s; see $LOGS"
  return 1
}

kafka_fetch() {
  if [ -f "$KAFKA_HOME/.complete" ]; then return 0; fi
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central (first run only)"
  mkdir -p "$KAFKA_HOME/libs"
  mvn -q -B -f "$HERE/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$KAFKA_HOME/libs" -DincludeScope=runtime \
    > "$LOGS/kafka-fetch.log" 2>&1 || { log "maven failed; see $LOGS/kafka-fetch.log"; return 1; }
  touch "$KAFKA_HOME/.complete"
}

kafka_config() {
  cat > "$KAFKA_HOME/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
CONF
  cat > "$KAFKA_HOME/log4j2.properties" <<CONF
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$LOGS/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
CONF
}

kafka_running() {
  [ -f "$KAFKA_PID" ] && kill -0 "$(cat "$KAFKA_PID")" 2>/dev/null
}

kafka_up() {
  if kafka_running && port_open "$KAFKA_PORT"; then log "kafka already running on 127.0.0.1:$KAFKA_PORT"; return 0; fi
  if port_open "$KAFKA_PORT"; then log "port $KAFKA_PORT is in use by another process; leaving it alone"; return 0; fi
  command -v java >/dev/null || { log "java not found (Java 17 is required)"; return 1; }
  command -v mvn >/dev/null || { log "mvn not found (Maven is required to resolve Kafka)"; return 1; }
  kafka_fetch
  kafka_config
  local cp="$KAFKA_HOME/libs/*"
  local jopts=(-Xms256m -Xmx512m -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties")
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    mkdir -p "$KAFKA_DATA"
    local cluster_id
    cluster_id=$(java -cp "$cp" "${jopts[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log" | tail -n 1)
    java -cp "$cp" "${jopts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" \
      >> "$LOGS/kafka-format.log" 2>&1 || { log "formatting kafka storage failed; see $LOGS/kafka-format.log"; return 1; }
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  nohup java -cp "$cp" "${jopts[@]}" kafka.Kafka "$KAFKA_HOME/server.properties" > "$LOGS/kafka.out" 2>&1 &
  echo $! > "$KAFKA_PID"
  wait_for_port "$KAFKA_PORT" kafka 120
  log "kafka is up"
}

kafka_down() {
  if kafka_running; then
    local pid
    pid=$(cat "$KAFKA_PID")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    log "kafka stopped"
  fi
  rm -f "$KAFKA_PID"
}

status() {
  if kafka_running; then echo "kafka: running (pid $(cat "$KAFKA_PID"), 127.0.0.1:$KAFKA_PORT)"; else echo "kafka: stopped"; fi
}

case "${1:-}" in
  up) kafka_up ;;
  down) kafka_down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
