#!/usr/bin/env bash
# Development and CI services for Sluice: a real Apache Kafka broker (KRaft mode) on 127.0.0.1:9092
# and Debian's PostgreSQL on 127.0.0.1:5432 (user postgres, password postgres, database postgres).
#
#   scripts/services.sh up       start (idempotent: a running service is left alone)
#   scripts/services.sh down     stop
#   scripts/services.sh status   print what runs
#
# Kafka's jars are resolved from Maven Central with Maven (Java 17) into a cache that survives runs
# ($SLUICE_SERVICES_HOME, default ~/.cache/sluice-services). Logs: $SLUICE_SERVICES_HOME/logs/.
# PostgreSQL is Debian's package (apt-get installed when missing); its cluster lives in
# $SLUICE_SERVICES_HOME/postgres-data, owned by the postgres OS user when run as root.
# SLUICE_SERVICES=kafka or SLUICE_SERVICES=postgres limits up/down to one service.
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
PG_PORT="${SLUICE_PG_PORT:-5432}"
PG_DATA="$HOME_DIR/postgres-data"
PG_LOG="$LOGS/postgres.log"
SERVICES="${SLUICE_SERVICES:-kafka postgres}"

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
  wait_for_port "$KAFKA_PORT" kafka "${SLUICE_KAFKA_START_TIMEOUT:-300}"
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

# ------------------------------------------------------------------ PostgreSQL

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

pg_install() {
  if pg_bindir >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || { log "PostgreSQL is not installed and apt-get is not available"; return 1; }
  log "installing PostgreSQL with apt-get (first run only)"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  { "${sudo[@]}" apt-get install -y postgresql || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y postgresql; }; } \
    > "$LOGS/postgres-install.log" 2>&1 || { log "apt-get failed; see $LOGS/postgres-install.log"; return 1; }
  pg_bindir >/dev/null || { log "PostgreSQL binaries not found after install"; return 1; }
}

# Runs a PostgreSQL binary as the postgres OS user when we are root (postgres refuses root).
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# As root, the postgres user must be able to reach the data directory: grant traverse (x) on
# each ancestor it cannot enter (no read/list permission is added).
pg_grant_traverse() {
  [ "$(id -u)" -eq 0 ] || return 0
  local d="" part
  local IFS=/
  for part in $HOME_DIR; do
    [ -n "$part" ] || continue
    d="$d/$part"
    [ -d "$d" ] || break
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      log "granting traverse permission on $d to the postgres user"
      chmod o+x "$d"
    fi
  done
}

pg_running() {
  local bin
  bin=$(pg_bindir) || return 1
  [ -f "$PG_DATA/postmaster.pid" ] && pg_as_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_init() {
  local bin=$1
  if [ -f "$PG_DATA/PG_VERSION" ]; then return 0; fi
  log "initialising a PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA"
  local pwfile="$HOME_DIR/.pgpass-init"
  printf 'postgres\n' > "$pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DATA" "$pwfile"; fi
  chmod 700 "$PG_DATA"
  pg_as_owner "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 > "$LOGS/postgres-initdb.log" 2>&1 ||
    { rm -f "$pwfile"; log "initdb failed; see $LOGS/postgres-initdb.log"; return 1; }
  rm -f "$pwfile"
  cat >> "$PG_DATA/postgresql.conf" <<CONF
# --- sluice services ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 200
fsync = on
logging_collector = off
CONF
}

postgres_up() {
  if pg_running && port_open "$PG_PORT"; then log "postgres already running on 127.0.0.1:$PG_PORT"; return 0; fi
  if port_open "$PG_PORT"; then log "port $PG_PORT is in use by another process; leaving it alone"; return 0; fi
  pg_install
  local bin
  bin=$(pg_bindir)
  pg_grant_traverse
  touch "$PG_LOG"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_LOG"; fi
  pg_init "$bin"
  log "starting postgres on 127.0.0.1:$PG_PORT"
  pg_as_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $PG_PORT" -w -t 60 start > /dev/null ||
    { log "postgres did not start; see $PG_LOG"; return 1; }
  wait_for_port "$PG_PORT" postgres 30
  log "postgres is up (user postgres, password postgres, database postgres)"
}

postgres_down() {
  if pg_running; then
    pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null 2>&1 || true
    log "postgres stopped"
  fi
}

postgres_status() {
  if pg_running; then
    echo "postgres: running (pid $(head -n 1 "$PG_DATA/postmaster.pid"), 127.0.0.1:$PG_PORT, data $PG_DATA)"
  elif port_open "$PG_PORT"; then
    echo "postgres: a server not started by this script listens on 127.0.0.1:$PG_PORT"
  else
    echo "postgres: stopped"
  fi
}

# ------------------------------------------------------------------ commands

wants() { case " $SERVICES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

up() {
  if wants kafka; then kafka_up; fi
  if wants postgres; then postgres_up; fi
}

down() {
  if wants kafka; then kafka_down; fi
  if wants postgres; then postgres_down; fi
}

status() {
  if kafka_running; then echo "kafka: running (pid $(cat "$KAFKA_PID"), 127.0.0.1:$KAFKA_PORT)"; else echo "kafka: stopped"; fi
  postgres_status
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
