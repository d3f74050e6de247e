#!/usr/bin/env bash
# Starts Gyre's HttpArena entry (dev.gyre.bench.arena.ArenaServer) in the foreground: the container's
# command, and the same on a bare machine. Everything HttpArena mounts or passes can be overridden:
#
#   PORT               8080                    the HTTP/1.1 port
#   DATA_DIR           /data                   where HttpArena mounts its data
#   DATASET_FILE       $DATA_DIR/dataset.json  the 50 items of /json
#   STATIC_DIR         $DATA_DIR/static        the files of /static (with their .br and .gz siblings)
#   CERTS_DIR          /certs                  TLS material: server.crt and server.key (json-tls, *-h2)
#   TLS_PORT           8081                    the HTTPS port of json-tls, opened when both files are there
#   H2_PORT            8443                    the HTTPS port of baseline-h2 and static-h2 (h2 by ALPN), the same
#   H2C_PORT           8082                    the h2c-only port of baseline-h2c and json-h2c (refuses HTTP/1.1)
#   TLS_CERT, TLS_KEY  $CERTS_DIR/server.crt, $CERTS_DIR/server.key
#   DATABASE_URL       unset                   postgres://user:password@host:port/db for /async-db, /crud
#   DATABASE_MAX_CONN  256                     the connection pool's size
#   GYRE_ARENA_JAR     <repo>/jmh/target/benchmarks.jar
#   JAVA               $JAVA_HOME/bin/java, else java on PATH (Java 21 or newer)
#   JAVA_OPTS          the JVM flags below
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PORT=${PORT:-8080}
export DATA_DIR=${DATA_DIR:-/data}
export DATASET_FILE=${DATASET_FILE:-$DATA_DIR/dataset.json}
export STATIC_DIR=${STATIC_DIR:-$DATA_DIR/static}
export CERTS_DIR=${CERTS_DIR:-/certs}
export DATABASE_MAX_CONN=${DATABASE_MAX_CONN:-256}
JAR=${GYRE_ARENA_JAR:-$ROOT/jmh/target/benchmarks.jar}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
# ParallelGC: the throughput collector, no concurrent GC threads taking CPU from the event loops.
# Native access: brotli4j and zstd-jni load their JNI libraries.
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -XX:MaxRAMPercentage=70 --enable-native-access=ALL-UNNAMED"}

[[ -f $JAR ]] || { echo "run.sh: $JAR not found: build with 'mvn -q -pl jmh -am -DskipTests package'" >&2; exit 1; }
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
((${feature:-0} >= 21)) || { echo "run.sh: $JAVA is Java ${feature:-?}; set JAVA_HOME to a JDK 21 or newer" >&2; exit 1; }
[[ -f $DATASET_FILE ]] || { echo "run.sh: no dataset at $DATASET_FILE (set DATA_DIR or DATASET_FILE)" >&2; exit 1; }

# Thousands of connections: take the whole hard limit of open files.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec "$JAVA" $JAVA_OPTS -cp "$JAR" dev.gyre.bench.arena.ArenaServer
