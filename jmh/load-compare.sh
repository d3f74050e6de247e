#!/usr/bin/env bash
# Runs two HTTP servers one after the other under the same wrk load and reports their ratios.
#
# By default A is Gyre's sample app and B the Netty reference server (NIO). --a-server/--b-server pick
# any two of the known servers (gyre, netty-nio, netty-epoll, netty-conscrypt, helidon, vertx, ceiling, nio-floor,
# netty-ws); any two commands can be compared with --a-cmd/--b-cmd. The TLS and HTTP/2 scenarios (tls-*,
# h2c-*, h2-*) start a known server with its own TLS or HTTP/2 options on one certificate the script makes;
# a command of --a-cmd/--b-cmd runs as given ({cert} and {key} name that certificate). See docs/benchmarks.md for what each number means.
#
# How a comparison stays fair:
# - Both servers start fresh for every round of every scenario (new JVMs): no scenario inherits
#   another's JIT profile or heap, and JIT variance between JVMs shows up across rounds instead of
#   being frozen into one side. Within a round both JVMs are up (on different ports, the idle one
#   asleep in its selector); each is warmed up once with the scenario's own load, not recorded.
# - Then odd rounds measure A B B A and even rounds B A A B, so drift (a neighbour's build, the JIT still
#   settling, which costs most in the second server's first run) falls on both sides alike. The
#   reported value is the median over a server's measured runs.
# - Server and wrk are pinned to disjoint CPUs (by default the first half of this process's CPUs for
#   the servers, the rest for wrk), and -XX:ActiveProcessorCount tells both JVMs the same number, so
#   both run the same number of event loops without any server-specific flag.
# - The server's CPU time (utime+stime from /proc) is read around each measured run only.
# - Before the warm-up, one request checks each server answers the scenario correctly; wrk's non-2xx
#   and socket errors are reported next to the numbers.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD_DIR="$ROOT/jmh/load"

usage() {
  cat <<'EOF'
usage: jmh/load-compare.sh [options]

  --quick                 short plan, within 3 minutes (1 round, 4 s warm-up, 3 s measured)
  --scenarios LIST        comma-separated; default all:
                          startup,plaintext-pipelined,plaintext,json,echo-4k,blocking,idle-10k; and
                          also echo-ws (WebSocket echo on /ws/echo, by WsLoadClient; B: netty-ws) and
                          HttpArena's arena-baseline, arena-pipelined, arena-json, arena-json-comp,
                          arena-upload, arena-static, arena-echo-ws, arena-async-db and arena-crud (on a
                          PostgreSQL cluster the script starts and seeds), arena-baseline-h2,
                          arena-static-h2, arena-baseline-h2c, arena-json-h2c (startup: from process start to the
                          first 200 on /plaintext, --rounds x 3 alternating runs per server, by
                          load/first_response.py); not in the default list: tls-plaintext, tls-json (wrk
                          over https, keep-alive), tls-handshake (wrk over https with Connection: close: a
                          full handshake per request), h2c-plaintext, h2c-json, h2-plaintext, h2-json
                          (h2load, 100 streams per connection; h2c by prior knowledge, h2 over TLS by ALPN)
  --rounds N              rounds of A B B A, then B A A B, ... (default 2)
  --warmup S              warm-up seconds per server and round, not recorded (default 8)
  --warmup-runs N         split each warm-up into N load runs, each on new connections (default 1): with 2,
                          the JIT has compiled closing and opening connections before the first measured run
  --duration S            measured seconds per run, 4 runs a round (default 6)
  --a-server / --b-server NAME
                          a known server as A or B: gyre (A's default), netty-nio (B's default), netty-epoll,
                          netty-conscrypt (netty-nio whose TLS runs on Conscrypt, not the JDK), helidon
                          (Helidon SE 4), vertx (Vert.x 5, native transport; no TLS or h2 scenarios),
                          ceiling (jmh/ceiling: C, epoll, fixed answer; plaintext scenarios only; built with
                          gcc when missing), nio-floor (the ceiling's contract on one JDK Selector: what the
                          JDK's NIO costs; plaintext scenarios only), netty-ws (Netty's WebSocket codec on
                          NIO, /ws/echo only)
  --a-cmd CMD             server A; default Gyre: {java} {jvm} -jar sample-app/target/sample-app.jar --port {port}
  --b-cmd CMD             server B; default the Netty reference server on --netty-transport
  --a-name / --b-name     labels in the tables (default the server's name, else A / B)
  --netty-transport T     nio (default) or epoll, for the default B
  --blocking-a-cmd CMD    the blocking scenario's A; default Gyre with --blocking-pool virtual
  --blocking-b-cmd CMD    the blocking scenario's B; default Gyre with --blocking-pool fixed:40
  --jvm-flags FLAGS       replaces {jvm} for both servers (default below)
  --server-cpus LIST      taskset CPU list for servers (default: first half of available CPUs)
  --client-cpus LIST      taskset CPU list for wrk and the idle client (default: the other half)
  --no-pin                do not pin; servers and wrk share all CPUs
  --idle-conns N          connections held by idle-10k (default 10000)
  --arena-data DIR        HttpArena's data folder (dataset.json, static/) for --a-server/--b-server arena
  --port-base N           A listens on N, B on N+1 (default 28080, below the ephemeral range)
  --budget-minutes M      start no run that would end past M minutes (default 10, --quick 3)
  --build                 run 'mvn -q -DskipTests package' in the repository first
  --out DIR               results directory (default jmh/results/<timestamp>)

Commands are run from the repository root by bash; {java} is the java of $JAVA_HOME (or PATH),
{jvm} the shared JVM flags, {port} the port the script assigns, {cert} and {key} the PEM files of the
self-signed EC P-256 certificate the TLS scenarios share (made with openssl in the results directory),
{database} the postgres:// URL of the cluster of arena-async-db and arena-crud (empty in other scenarios).
EOF
}

# ---- options -------------------------------------------------------------------------------------

SCENARIOS="startup,plaintext-pipelined,plaintext,json,echo-4k,blocking,idle-10k"
ROUNDS=2 WARMUP=8 WARMUP_RUNS=1 DURATION=6 BUDGET_MINUTES=10
QUICK=false BUILD=false PIN=true
A_CMD="" B_CMD="" A_NAME="" B_NAME="" A_SERVER="" B_SERVER="" NETTY_TRANSPORT=nio
BLOCKING_A_CMD="" BLOCKING_B_CMD=""
JVM_FLAGS="" SERVER_CPUS="" CLIENT_CPUS=""
IDLE_CONNS=10000 PORT_BASE=28080 OUT="" ARENA_DATA=/data
declare -A SET=()

while (($#)); do
  opt=$1
  case $opt in
    -h|--help) usage; exit 0 ;;
    --quick) QUICK=true; shift; continue ;;
    --build) BUILD=true; shift; continue ;;
    --no-pin) PIN=false; shift; continue ;;
  esac
  (($# >= 2)) || { echo "$opt needs a value (see --help)" >&2; exit 2; }
  value=$2
  case $opt in
    --scenarios) SCENARIOS=$value ;;
    --rounds) ROUNDS=$value ;;
    --warmup) WARMUP=$value ;;
    --warmup-runs) WARMUP_RUNS=$value ;;
    --duration) DURATION=$value ;;
    --a-cmd) A_CMD=$value ;;
    --b-cmd) B_CMD=$value ;;
    --a-name) A_NAME=$value ;;
    --b-name) B_NAME=$value ;;
    --a-server) A_SERVER=$value ;;
    --b-server) B_SERVER=$value ;;
    --netty-transport) NETTY_TRANSPORT=$value ;;
    --blocking-a-cmd) BLOCKING_A_CMD=$value ;;
    --blocking-b-cmd) BLOCKING_B_CMD=$value ;;
    --jvm-flags) JVM_FLAGS=$value ;;
    --server-cpus) SERVER_CPUS=$value ;;
    --client-cpus) CLIENT_CPUS=$value ;;
    --idle-conns) IDLE_CONNS=$value ;;
    --arena-data) ARENA_DATA=$value ;;
    --port-base) PORT_BASE=$value ;;
    --budget-minutes) BUDGET_MINUTES=$value ;;
    --out) OUT=$value ;;
    *) echo "unknown option $opt (see --help)" >&2; exit 2 ;;
  esac
  SET[$opt]=1
  shift 2
done

if $QUICK; then
  [[ -v SET[--rounds] ]] || ROUNDS=1
  [[ -v SET[--warmup] ]] || WARMUP=4
  [[ -v SET[--duration] ]] || DURATION=3
  [[ -v SET[--budget-minutes] ]] || BUDGET_MINUTES=3
fi

die() { echo "load-compare: $*" >&2; exit 1; }
log() { echo "[$(date +%T)] $*" >&2; }
# A run that could not be measured: said now, listed under the tables, and the plan goes on.
fail() { log "FAILED: $*"; echo "$*" >>"$OUT/failures.txt"; }

# ---- tools ---------------------------------------------------------------------------------------

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
((${java_feature:-0} >= 21)) || die "$JAVA is Java ${java_feature:-?}; Gyre needs 21+: export JAVA_HOME=/path/to/jdk-21-or-newer"
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"

scenario_kind() { # scenario -> plain, tls (HTTP/1.1 over TLS), h2c or h2 (over TLS)
  case $1 in tls-*) echo tls ;; h2c-*|arena-*-h2c) echo h2c ;; h2-*|arena-*-h2) echo h2 ;; *) echo plain ;; esac
}
if [[ ,$SCENARIOS, == *,h2* || ,$SCENARIOS, == *-h2,* || ,$SCENARIOS, == *-h2c,* ]] && ! command -v h2load >/dev/null; then
  log "h2load not found: installing nghttp2-client with apt-get"
  apt-get update -qq && apt-get install -y -qq nghttp2-client >/dev/null || die "could not install h2load"
fi
if ! command -v wrk >/dev/null; then
  log "wrk not found: installing it with apt-get"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null || die "could not install wrk"
fi
command -v curl >/dev/null || die "curl is needed for the correctness checks"
command -v ss >/dev/null || die "ss (iproute2) is needed to find the server's process"
command -v python3 >/dev/null || die "python3 is needed for the idle client and the summary"

if $BUILD; then
  log "building: mvn -q -DskipTests package"
  (cd "$ROOT" && mvn -q -DskipTests package) || die "build failed"
fi

# ---- plan ----------------------------------------------------------------------------------------

if $PIN; then
  read -r default_server_cpus default_client_cpus < <(python3 -c '
import os
cpus = sorted(os.sched_getaffinity(0))
half = max(1, len(cpus) // 2)
print(",".join(map(str, cpus[:half])), ",".join(map(str, cpus[half:] or cpus)))')
  SERVER_CPUS=${SERVER_CPUS:-$default_server_cpus}
  CLIENT_CPUS=${CLIENT_CPUS:-$default_client_cpus}
  SERVER_PIN="taskset -c $SERVER_CPUS"
  CLIENT_PIN=(taskset -c "$CLIENT_CPUS")
  server_cpu_count=$(taskset -c "$SERVER_CPUS" nproc)
  client_cpu_count=$(taskset -c "$CLIENT_CPUS" nproc)
else
  SERVER_PIN="" CLIENT_PIN=()
  server_cpu_count=$(nproc) client_cpu_count=$(nproc)
fi

# Fixed heap: no resizing noise, and both servers get the same budget, so RSS differences are the
# servers' own. ParallelGC: the throughput collector TechEmpower's Java entries use; with no
# concurrent GC threads it takes no CPU from the event loops between collections.
JVM_FLAGS=${JVM_FLAGS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:ActiveProcessorCount=$server_cpu_count"}

GYRE_JAR="sample-app/target/sample-app.jar"
BENCH_JAR="jmh/target/benchmarks.jar"
CEILING_BIN="jmh/target/ceiling"
GYRE_CMD="{java} {jvm} -jar $GYRE_JAR --port {port}"
JAVA_BENCH="{java} {jvm} --enable-native-access=ALL-UNNAMED -cp $BENCH_JAR dev.gyre.bench"
# The HttpArena entry: its h2c-only port on any free one unless a scenario measures it; the database pool
# of quarkus-jvm's size (64, hard-coded there), so both entries hold as many PostgreSQL connections.
ARENA_ENV="DATA_DIR=$ARENA_DATA H2C_PORT=0 DATABASE_URL={database} DATABASE_MAX_CONN=64 JAVA_OPTS='{jvm} --enable-native-access=ALL-UNNAMED'"
declare -A SERVERS=(
  [gyre]=$GYRE_CMD
  [netty-nio]="$JAVA_BENCH.netty.NettyReferenceServer --port {port} --transport nio"
  [netty-epoll]="$JAVA_BENCH.netty.NettyReferenceServer --port {port} --transport epoll"
  [helidon]="$JAVA_BENCH.rivals.HelidonReferenceServer --port {port}"
  [vertx]="$JAVA_BENCH.rivals.VertxReferenceServer --port {port}"
  [ceiling]="$CEILING_BIN --port {port}"
  [nio-floor]="$JAVA_BENCH.floor.NioFloorServer --port {port}"
  [netty-ws]="$JAVA_BENCH.ws.NettyWebSocketEchoServer {port}"
  [arena]="env PORT={port} $ARENA_ENV jmh/httparena/run.sh"
)
SERVERS[netty-conscrypt]=${SERVERS[netty-nio]}
# The same servers as TLS ({port} speaks TLS; Gyre's cleartext listener takes any free port), with HTTP/2
# in the clear (prior knowledge) and over TLS (ALPN h2). A server missing from a map skips those scenarios.
TLS_ARGS="--tls-cert {cert} --tls-key {key}"
declare -A TLS_SERVERS=(
  [gyre]="{java} {jvm} -jar $GYRE_JAR --port 0 --https-port {port} $TLS_ARGS"
  [netty-nio]="${SERVERS[netty-nio]} $TLS_ARGS"
  [netty-epoll]="${SERVERS[netty-epoll]} $TLS_ARGS"
  [netty-conscrypt]="${SERVERS[netty-nio]} $TLS_ARGS --tls-provider conscrypt"
  [helidon]="${SERVERS[helidon]} $TLS_ARGS"
)
declare -A H2C_SERVERS=(
  [gyre]=$GYRE_CMD
  [netty-nio]="${SERVERS[netty-nio]} --http2 true"
  [netty-epoll]="${SERVERS[netty-epoll]} --http2 true"
  [netty-conscrypt]="${SERVERS[netty-nio]} --http2 true"
  [helidon]=${SERVERS[helidon]}
  [arena]="env PORT=0 $ARENA_ENV H2C_PORT={port} jmh/httparena/run.sh"
)
declare -A H2_SERVERS=(
  [gyre]=${TLS_SERVERS[gyre]}
  [netty-nio]="${TLS_SERVERS[netty-nio]} --http2 true"
  [netty-epoll]="${TLS_SERVERS[netty-epoll]} --http2 true"
  [netty-conscrypt]="${TLS_SERVERS[netty-conscrypt]} --http2 true"
  [helidon]=${TLS_SERVERS[helidon]}
  [arena]="env PORT=0 $ARENA_ENV TLS_PORT=0 H2_PORT={port} TLS_CERT={cert} TLS_KEY={key} jmh/httparena/run.sh"
)
template_of() { # scenario server-name plain-template -> the template that serves the scenario, or nothing
  local server=$2
  [[ -n $server ]] || { echo "$3"; return; } # a command of --a-cmd/--b-cmd is taken to speak the scenario
  case $(scenario_kind "$1") in
    plain) echo "$3" ;;
    tls) [[ -z $server || ! -v TLS_SERVERS[$server] ]] || echo "${TLS_SERVERS[$server]}" ;;
    h2c) [[ -z $server || ! -v H2C_SERVERS[$server] ]] || echo "${H2C_SERVERS[$server]}" ;;
    h2) [[ -z $server || ! -v H2_SERVERS[$server] ]] || echo "${H2_SERVERS[$server]}" ;;
  esac
}
[[ -n $NETTY_TRANSPORT && -v SERVERS[netty-$NETTY_TRANSPORT] ]] || die "--netty-transport takes nio or epoll"
A_SERVER=${A_SERVER:-$([[ -n $A_CMD ]] || echo gyre)}
B_SERVER=${B_SERVER:-$([[ -n $B_CMD ]] || echo "netty-$NETTY_TRANSPORT")}
for server in $A_SERVER $B_SERVER; do
  [[ -v SERVERS[$server] ]] || die "unknown server $server: one of ${!SERVERS[*]}"
done
A_CMD=${A_CMD:-${SERVERS[$A_SERVER]}} B_CMD=${B_CMD:-${SERVERS[$B_SERVER]}}
A_NAME=${A_NAME:-${A_SERVER:-A}} B_NAME=${B_NAME:-${B_SERVER:-B}}

IFS=, read -r -a requested <<<"$SCENARIOS"
scenario_list=()
for s in "${requested[@]}"; do
  case $s in
    startup|plaintext-pipelined|plaintext|json|echo-4k|echo-ws|idle-10k) scenario_list+=("$s") ;;
    arena-baseline|arena-pipelined|arena-json|arena-json-comp|arena-upload|arena-static|arena-echo-ws) scenario_list+=("$s") ;;
    arena-async-db|arena-crud|arena-baseline-h2|arena-static-h2|arena-baseline-h2c|arena-json-h2c) scenario_list+=("$s") ;;
    tls-plaintext|tls-json|tls-handshake|h2c-plaintext|h2c-json|h2-plaintext|h2-json) scenario_list+=("$s") ;;
    blocking)
      if [[ -z $BLOCKING_A_CMD$BLOCKING_B_CMD && ! -f "$ROOT/$GYRE_JAR" ]]; then
        log "blocking: skipped, it compares Gyre's two blocking pools and $GYRE_JAR is not built"
      else
        scenario_list+=("$s")
      fi
      ;;
    *) die "unknown scenario $s" ;;
  esac
done

needs_jar() { # command jar -> fails when the command uses the jar and it is missing
  [[ $1 != *"$2"* || -f "$ROOT/$2" ]]
}
for cmd in "$A_CMD" "$B_CMD"; do
  needs_jar "$cmd" "$GYRE_JAR" || die "$GYRE_JAR not found: build it (--build) or compare other servers with --a-cmd/--b-cmd"
  needs_jar "$cmd" "$BENCH_JAR" || die "$BENCH_JAR not found: run 'mvn -q -pl jmh -am -DskipTests package' or pass --build"
  if [[ $cmd == *"$CEILING_BIN"* && ( ! -x $ROOT/$CEILING_BIN || $ROOT/jmh/ceiling/ceiling.c -nt $ROOT/$CEILING_BIN ) ]]; then
    command -v gcc >/dev/null || die "gcc is needed to build the ceiling server"
    log "building $CEILING_BIN with gcc"
    mkdir -p "$ROOT/jmh/target"
    gcc -O2 -Wall -pthread -o "$ROOT/$CEILING_BIN" "$ROOT/jmh/ceiling/ceiling.c" || die "could not build the ceiling"
  fi
done
# The blocking scenario compares Gyre with itself: virtual threads against a fixed pool of 40.
if [[ -z $BLOCKING_A_CMD$BLOCKING_B_CMD ]]; then
  BLOCKING_A_NAME=gyre-virtual BLOCKING_B_NAME=gyre-fixed40
else
  BLOCKING_A_NAME=$A_NAME BLOCKING_B_NAME=$B_NAME
fi
BLOCKING_A_CMD=${BLOCKING_A_CMD:-"$GYRE_CMD --blocking-pool virtual"}
BLOCKING_B_CMD=${BLOCKING_B_CMD:-"$GYRE_CMD --blocking-pool fixed:40"}

# wrk, the idle client and the servers each hold many sockets: take the whole hard limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ " ${scenario_list[*]} " == *" idle-10k "* ]] && (($(ulimit -n) < IDLE_CONNS + 1000)); then
  die "ulimit -n is $(ulimit -n): holding $IDLE_CONNS connections needs more; raise the hard limit (e.g. in /etc/security/limits.conf)"
fi

OUT=${OUT:-"$ROOT/jmh/results/$(date +%Y%m%d-%H%M%S)"}
mkdir -p "$OUT/runs"
CERT="$OUT/tls/cert.pem" KEY="$OUT/tls/key.pem"
if [[ " ${scenario_list[*]} " == *" tls-"* || " ${scenario_list[*]} " == *" h2-"* || " ${scenario_list[*]} " == *"-h2 "* ]]; then
  command -v openssl >/dev/null || die "openssl is needed to make the TLS scenarios' certificate"
  mkdir -p "$OUT/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$KEY" -out "$CERT" 2>/dev/null ||
    die "openssl could not make a certificate"
fi
START=$SECONDS
DEADLINE=$((START + BUDGET_MINUTES * 60))

# ---- database ------------------------------------------------------------------------------------

# arena-async-db and arena-crud: one PostgreSQL cluster from the system's packages, on --port-base + 2,
# made and seeded with HttpArena's data/pgdb-seed.sql by the entry's docker stand-in as validate.sh's
# postgres:18 sidecar is (bench/bench/benchmark, max_connections 256). It runs for the whole plan and both
# servers of a round use it; crud's creates and updates stay in it from run to run.
DATABASE_URL="" DATABASE_PORT=$((PORT_BASE + 2))
DATABASE_STANDIN=(env "GYRE_STANDIN_STATE=/tmp/load-compare-postgres-$DATABASE_PORT"
  "GYRE_STANDIN_PG_PORT=$DATABASE_PORT" "$ROOT/jmh/httparena/standin/docker")
start_database() {
  local seed="$ARENA_DATA/pgdb-seed.sql" rows="" waited=0
  [[ -s $seed ]] || die "$seed not found: write it with HttpArena's scripts/generate-pgdb.py (see jmh/httparena/README.md)"
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || die "PostgreSQL is needed: apt-get install -y postgresql"
  ! ss -Hltn "sport = :$DATABASE_PORT" | grep -q . || die "port $DATABASE_PORT (the database's) is in use; choose another --port-base"
  "${DATABASE_STANDIN[@]}" run -d --name load-compare-pg -e POSTGRES_USER=bench -e POSTGRES_PASSWORD=bench \
    -e POSTGRES_DB=benchmark -v "$seed:/docker-entrypoint-initdb.d/seed.sql:ro" postgres:18 \
    -c max_connections=256 2>>"$OUT/postgres.log" || die "PostgreSQL did not start, see ${OUT#"$ROOT/"}/postgres.log"
  until [[ $rows == 100000 ]]; do
    ((waited++ < 240)) || die "PostgreSQL was not seeded within 120 s, see ${OUT#"$ROOT/"}/postgres.log"
    sleep 0.5
    rows=$("${DATABASE_STANDIN[@]}" exec load-compare-pg psql -U bench -d benchmark -tAc 'SELECT count(*) FROM items' 2>/dev/null) || true
  done
  DATABASE_URL="postgres://bench:bench@localhost:$DATABASE_PORT/benchmark"
  log "PostgreSQL on port $DATABASE_PORT, seeded with $rows items"
}
stop_database() {
  [[ -z $DATABASE_URL ]] || "${DATABASE_STANDIN[@]}" rm -f load-compare-pg 2>>"$OUT/postgres.log" || true
}

# ---- servers -------------------------------------------------------------------------------------

# Per side (A, B): the process group started for the server, and the process that listens.
declare -A GROUP=() PID=()
IDLE_PID=""

alive() { # pid -> whether it runs (an exited child stays a zombie until reaped, and kill -0 says yes)
  [[ -r /proc/$1/stat ]] && [[ $(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1) != Z ]]
}

expand() { # template port -> the command to run
  local cmd=${1//\{port\}/$2}
  cmd=${cmd//\{cert\}/$CERT}
  cmd=${cmd//\{key\}/$KEY}
  cmd=${cmd//\{database\}/$DATABASE_URL}
  cmd=${cmd//\{jvm\}/$JVM_FLAGS}
  echo "${cmd//\{java\}/$JAVA}"
}

port_of() { [[ $1 == A ]] && echo "$PORT_BASE" || echo $((PORT_BASE + 1)); }

start_server() { # side template logfile -> sets GROUP[side] and PID[side]; fails if it never listens
  local side=$1 port cmd
  port=$(port_of "$side")
  cmd=$(expand "$2" "$port")
  ! ss -Hltn "sport = :$port" | grep -q . || die "port $port is already in use; choose another --port-base"
  echo "\$ $SERVER_PIN $cmd" >"$3"
  # setsid: the server gets its own process group, so stopping it also stops anything it spawned.
  (cd "$ROOT" && exec setsid bash -c "exec $SERVER_PIN $cmd") >>"$3" 2>&1 &
  GROUP[$side]=$!
  local waited=0 line
  until line=$(ss -Hltnp "sport = :$port") && [[ $line == *pid=* ]]; do
    alive "${GROUP[$side]}" && ((waited++ < 600)) || { stop_server "$side"; tail -3 "$3" >&2; return 1; }
    sleep 0.1
  done
  # The process that owns the listening socket, not a wrapper around it, is the one to measure.
  PID[$side]=$(grep -o 'pid=[0-9]*' <<<"$line" | head -1 | cut -d= -f2)
}

stop_server() { # side
  local group=${GROUP[$1]:-}
  [[ -n $group ]] || return 0
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 50); do alive "$group" || break; sleep 0.1; done
  kill -KILL -- "-$group" 2>/dev/null || true
  wait "$group" 2>/dev/null || true
  unset "GROUP[$1]" "PID[$1]"
}
cleanup() {
  [[ -z ${IDLE_PID:-} ]] || kill "$IDLE_PID" 2>/dev/null || true
  stop_server A
  stop_server B
  stop_database
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HZ=$(getconf CLK_TCK)
stat_ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; } # a /proc stat file -> its utime + stime
cpu_ticks() { stat_ticks "/proc/$1/stat"; }
user_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12}'; } # a process's utime alone
# CPU ticks of a JVM's live JIT compiler threads (0 for a server that is not a JVM). A compiler thread
# that exits (HotSpot adds and removes them as the queue grows and shrinks) takes its ticks with it.
jit_ticks() {
  local task comm ticks sum=0
  for task in /proc/"$1"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    [[ $comm == C[12]\ CompilerThre* ]] || continue
    ticks=$(stat_ticks "$task/stat" 2>/dev/null)
    sum=$((sum + ${ticks:-0}))
  done
  echo "$sum"
}
# Busy and total ticks of the whole machine, from the "cpu" line of /proc/stat.
machine_ticks() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
# Sets variable $1 to the CPU ticks of this shell's reaped children so far (wrk, once it has exited).
# `times` must run in this shell, not in a $(...) subshell, which has no children of its own.
children_ticks() {
  times >"$OUT/.times"
  printf -v "$1" '%s' "$(awk -v hz="$HZ" 'NR == 2 {
    t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } print int(t * hz) }' "$OUT/.times")"
}
status_kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }

# ---- scenarios -----------------------------------------------------------------------------------

# scenario -> "connections path lua-script lua-argument"
declare -A LOAD=(
  [plaintext-pipelined]="256 /plaintext pipeline.lua 16"
  [plaintext]="256 /plaintext - -"
  [json]="256 /json - -"
  [echo-4k]="256 /echo echo.lua 4096"
  [blocking]="1000 /threads/blocking?sleepMs=20 - -"
  # HttpArena's HTTP/1.1 profiles (site/content/docs/test-profiles/h1), at their smallest connection count;
  # for servers that serve its contract: --a-server arena, and an entry of HttpArena's as --b-cmd.
  [arena-baseline]="512 /baseline11?a=13&b=42 - -"
  [arena-pipelined]="512 /pipeline pipeline.lua 16"
  [arena-json]="512 /json/1?m=3 rotate.lua /json/1?m=3,/json/5?m=7,/json/10?m=2,/json/15?m=5,/json/25?m=4,/json/40?m=8,/json/50?m=6"
  [arena-json-comp]="512 /json/25?m=4 rotate.lua /json/25?m=4,/json/40?m=8,/json/50?m=6|Accept-Encoding: gzip, br"
  [arena-upload]="32 /upload upload.lua 20971520"
  [arena-echo-ws]="512 /ws ws 5"
  # async-db and crud: gcannon's raw templates (HttpArena's requests/async-db-*.raw, crud-*.raw) played by
  # mix.lua, with its reconnects (-r 25, -r 200).
  [arena-async-db]="1024 /async-db?min=10&max=50&limit=5 mix.lua 25|GET /async-db?min=10&max=50&limit=5;GET /async-db?min=10&max=50&limit=10;GET /async-db?min=10&max=50&limit=20;GET /async-db?min=10&max=50&limit=35;GET /async-db?min=10&max=50&limit=50"
  [arena-crud]='4096 /crud/items/1 mix.lua 200|1*GET /crud/items?category=office&page={RAND:1:10}&limit=10;15*GET /crud/items/{RAND:1:50000};1*POST /crud/items {"id":{SEQ:100001},"name":"New Product","category":"test","price":150,"quantity":30};3*PUT /crud/items/{RAND:1:50000} {"name":"Updated Product","category":"test","price":200,"quantity":25}'
  # The h2 profiles with h2load as HttpArena's scripts/lib/tools/h2load.sh runs it: "connections path
  # uris streams [header]", uris a list of targets (h2load -i) or -, streams its -m (- for 100), and one
  # header every request carries.
  [arena-baseline-h2]="256 /baseline2?a=1&b=1 - 100"
  [arena-static-h2]="256 /static/reset.css /static/reset.css,/static/layout.css,/static/theme.css,/static/components.css,/static/utilities.css,/static/analytics.js,/static/helpers.js,/static/app.js,/static/vendor.js,/static/router.js,/static/header.html,/static/footer.html,/static/regular.woff2,/static/bold.woff2,/static/logo.svg,/static/icon-sprite.svg,/static/hero.webp,/static/thumb1.webp,/static/thumb2.webp,/static/manifest.json 32 Accept-Encoding: br;q=1, gzip;q=0.8"
  [arena-baseline-h2c]="256 /baseline2?a=1&b=1 - 100"
  [arena-json-h2c]="1024 /json/1?m=3 /json/1?m=3,/json/5?m=7,/json/10?m=2,/json/15?m=5,/json/25?m=4,/json/40?m=8,/json/50?m=6 32"
  # WebSocket echo on the sample app's contract (/ws/echo): Gyre, or netty-ws as B. HttpArena's echo-ws
  # shape (a 5-byte text, one in flight per connection), driven by WsLoadClient instead of wrk.
  [echo-ws]="512 /ws/echo ws 5"
  # TLS: HTTP/1.1 over TLS, keep-alive, on 64 connections: each measured run opens its own, and with 256
  # their handshakes took most of a 6-s run on a contended core. tls-handshake closes after each answer
  # (close.lua), so each request is a new connection and a full handshake. h2c and h2: h2load, 100
  # streams per connection.
  [tls-plaintext]="64 /plaintext - -"
  [tls-json]="64 /json - -"
  [tls-handshake]="64 /plaintext close.lua -"
  [h2c-plaintext]="32 /plaintext - -"
  [h2c-json]="32 /json - -"
  [h2-plaintext]="32 /plaintext - -"
  [h2-json]="32 /json - -"
  [arena-static]="1024 /static/reset.css rotate.lua /static/reset.css,/static/layout.css,/static/theme.css,/static/components.css,/static/utilities.css,/static/analytics.js,/static/helpers.js,/static/app.js,/static/vendor.js,/static/router.js,/static/header.html,/static/footer.html,/static/regular.woff2,/static/bold.woff2,/static/logo.svg,/static/icon-sprite.svg,/static/hero.webp,/static/thumb1.webp,/static/thumb2.webp,/static/manifest.json|Accept-Encoding: br;q=1, gzip;q=0.8"
)

check() { # scenario url -> "ok" or what was wrong with one request
  local body code
  case $1 in
    echo-4k)
      head -c 4096 /dev/urandom >"$OUT/echo-4k.body"
      code=$(curl -s --max-time 10 -o "$OUT/echo-4k.answer" -w '%{http_code}' -H 'Expect:' \
        -H 'Content-Type: application/octet-stream' --data-binary "@$OUT/echo-4k.body" "$2") || code=000
      [[ $code == 200 ]] || { echo "HTTP $code"; return; }
      cmp -s "$OUT/echo-4k.body" "$OUT/echo-4k.answer" || { echo "echo differs"; return; }
      ;;
    *echo-ws)
      "$JAVA" -cp "$ROOT/$BENCH_JAR" dev.gyre.bench.ws.WsLoadClient check --url "${2/http:/ws:}" 2>&1 | tail -1
      return
      ;;
    arena-upload)
      head -c 20971520 /dev/urandom >"$OUT/upload.body"
      body=$(curl -s --max-time 30 -w '\n%{http_code}' -H 'Expect:' -H 'Content-Type: application/octet-stream' \
        --data-binary "@$OUT/upload.body" "$2") || body=$'\n000'
      code=${body##*$'\n'} body=${body%$'\n'*}
      [[ $code == 200 ]] || { echo "HTTP $code"; return; }
      [[ $body == 20971520 ]] || { echo "counted $body bytes"; return; }
      ;;
    arena-*)
      local -a how=()
      case $(scenario_kind "$1") in
        h2c) how=(--http2-prior-knowledge) ;;
        h2) how=(-k --http2) ;;
      esac
      body=$(curl -s "${how[@]}" --compressed --max-time 10 -w '\n%{http_code} %{http_version}' "$2") || body=$'\n000 -'
      code=${body##*$'\n'} body=${body%$'\n'*}
      [[ ${code% *} == 200 ]] || { echo "HTTP ${code% *}"; return; }
      [[ ${how[*]} != *http2* || ${code#* } == 2 ]] || { echo "answered HTTP/${code#* } instead of 2"; return; }
      case $1 in
        arena-baseline) [[ $body == 55 ]] ;;
        arena-baseline-h2*) [[ $body == 2 ]] ;;
        arena-pipelined) [[ $body == ok ]] ;;
        arena-json*) [[ $body == *'"count":1'* || $body == *'"count":25'* ]] ;;
        arena-async-db) [[ $body == *'"count":5'* ]] ;;
        arena-crud) [[ $body == *'"id":1,'* ]] ;;
        *) [[ -n $body ]] ;;
      esac || { echo "wrong body"; return; }
      ;;
    *)
      local -a how=()
      case $(scenario_kind "$1") in
        tls) how=(-k --http1.1) ;;
        h2c) how=(--http2-prior-knowledge) ;;
        h2) how=(-k --http2) ;;
      esac
      body=$(curl -s "${how[@]}" --max-time 10 -w '\n%{http_code} %{http_version}' "$2") || body=$'\n000 -'
      code=${body##*$'\n'} body=${body%$'\n'*}
      [[ ${code% *} == 200 ]] || { echo "HTTP ${code% *}"; return; }
      [[ $1 == blocking || $body == *"Hello, World!"* ]] || { echo "wrong body"; return; }
      [[ $1 != h2* || ${code#* } == 2 ]] || { echo "answered HTTP/${code#* } instead of 2"; return; }
      ;;
  esac
  echo ok
}

run_load() { # scenario url seconds outfile -> a GYRE-WRK line in outfile, from wrk or (HTTP/2) h2load
  case $(scenario_kind "$1") in
    h2c|h2) run_h2load "$@" ;;
    *) run_wrk "$@" ;;
  esac
}

run_h2load() { # scenario url seconds outfile
  local connections path uris streams header target
  read -r connections path uris streams header <<<"${LOAD[$1]}"
  local -a targets=("$2") list=()
  if [[ $uris != - ]]; then # h2load takes the scheme, host and port from the first line only
    IFS=, read -r -a list <<<"$uris"
    for target in "${list[@]}"; do echo "${2%"$path"}$target"; done >"$4.uris"
    targets=(-i "$4.uris")
  fi
  [[ -z $header ]] || targets+=(-H "$header")
  # Over TLS only h2 is offered (by ALPN; h2load 1.52 names the option --npn-list): h2load would
  # otherwise fall back to HTTP/1.1 and pipeline 100 requests deep.
  timeout $(($3 + 30)) "${CLIENT_PIN[@]}" h2load -t"$client_cpu_count" -c"$connections" -m"${streams/#-/100}" -D"$3" \
    --npn-list=h2 --log-file "$4.log" "${targets[@]}" >"$4" 2>&1 || true
  python3 "$LOAD_DIR/h2load_report.py" "$4" "$4.log" >>"$4"
  rm -f "$4.log" "$4.uris"
}

run_wrk() { # scenario url seconds outfile -> wrk's output in outfile
  local connections path lua arg script
  read -r connections path lua arg <<<"${LOAD[$1]}"
  if [[ $lua == ws ]]; then
    timeout $(($3 + 60)) "${CLIENT_PIN[@]}" "$JAVA" -cp "$ROOT/$BENCH_JAR" dev.gyre.bench.ws.WsLoadClient echo \
      --url "${2/http:/ws:}" --connections "$connections" --size "$arg" --window 1 --warmup 0 --seconds "$3" \
      >"$4" 2>&1 || true
    return
  fi
  script="$OUT/$1.lua"
  { [[ $lua == - ]] || cat "$LOAD_DIR/$lua"; cat "$LOAD_DIR/report.lua"; } >"$script"
  local -a extra=()
  [[ $arg == - ]] || extra=(-- "$arg")
  timeout $(($3 + 30)) "${CLIENT_PIN[@]}" wrk -t"$client_cpu_count" -c"$connections" -d"$3s" --timeout 10s \
    --latency -s "$script" "$2" "${extra[@]}" >"$4" 2>&1 || true
}

url_of() { # scenario side
  local connections path rest
  read -r connections path rest <<<"${LOAD[$1]}"
  local scheme=http
  [[ $(scenario_kind "$1") != tls && $(scenario_kind "$1") != h2 ]] || scheme=https
  echo "$scheme://127.0.0.1:$(port_of "$2")$path"
}

# One round of a load scenario: start both servers, check and warm each, then measure A B B A (odd
# rounds) or B A A B (even rounds): the second server's first run is the one the JIT costs most, so
# which server that is alternates.
round() { # scenario round a-name a-template b-name b-template
  local scenario=$1 round=$2
  local -A names=([A]=$3 [B]=$5) templates=([A]=$4 [B]=$6) verdicts=()
  if ((SECONDS + 2 * WARMUP + 4 * DURATION + 10 > DEADLINE)); then
    log "$scenario round $round: skipped, it would end past the ${BUDGET_MINUTES}-minute budget"
    return
  fi
  local side log_file
  for side in A B; do
    log_file="$OUT/runs/$scenario-r$round-$side-${names[$side]}.server.log"
    if ! start_server "$side" "${templates[$side]}" "$log_file"; then
      fail "$scenario ${names[$side]} round $round: the server did not start listening, see ${log_file#"$ROOT/"}"
      stop_server A
      return
    fi
  done
  for side in A B; do
    verdicts[$side]=$(check "$scenario" "$(url_of "$scenario" "$side")")
    for ((w = 1; w <= WARMUP_RUNS; w++)); do
      run_load "$scenario" "$(url_of "$scenario" "$side")" $((WARMUP / WARMUP_RUNS)) \
        "$OUT/runs/$scenario-r$round-$side-${names[$side]}.warmup$w.txt"
    done
  done
  local slot=0
  local order=(A B B A)
  ((round % 2)) || order=(B A A B)
  for side in "${order[@]}"; do
    measure "$scenario" "$side" "${names[$side]}" "$round" $((++slot)) "${verdicts[$side]}"
  done
  stop_server A
  stop_server B
}

measure() { # scenario side name round slot verdict -> one row of samples.csv
  local scenario=$1 side=$2 name=$3 round=$4 slot=$5 verdict=$6 pid=${PID[$2]}
  local out="$OUT/runs/$scenario-r$round-$slot-$side-$name.wrk.txt"
  local ticks_before ticks_after wrk_before wrk_after busy_before total_before busy_after total_after
  local jit_before jit_after user_before user_after
  # wrk's previous run left up to 1,000 blocking requests queued behind a small pool (abandoned by their
  # clients, but still run): without a pause they would fill the pool's queue and turn this run's
  # requests into 503s. Two seconds drain a 40-thread pool's 1,000 queued 20-ms requests twice over.
  [[ $scenario != blocking ]] || sleep 2
  ticks_before=$(cpu_ticks "$pid")
  user_before=$(user_ticks "$pid")
  jit_before=$(jit_ticks "$pid")
  children_ticks wrk_before
  read -r busy_before total_before < <(machine_ticks)
  run_load "$scenario" "$(url_of "$scenario" "$side")" "$DURATION" "$out"
  read -r busy_after total_after < <(machine_ticks)
  ticks_after=$(cpu_ticks "$pid")
  user_after=$(user_ticks "$pid")
  jit_after=$(jit_ticks "$pid")
  children_ticks wrk_after
  # What the rest of the machine (other users, builds) took while we measured: a number to distrust
  # the run by, since on shared cores it is taken from the server or from wrk.
  local others=$(((busy_after - busy_before) - (ticks_after - ticks_before) - (wrk_after - wrk_before)))
  local rss hwm
  rss=$(status_kib "$pid" VmRSS) hwm=$(status_kib "$pid" VmHWM)

  local result pair
  result=$(grep '^GYRE-WRK ' "$out") || {
    fail "$scenario $name round $round slot $slot: the load client reported nothing, see ${out#"$ROOT/"}"
    return
  }
  local -A w=()
  for pair in ${result#GYRE-WRK }; do w[${pair%%=*}]=${pair#*=}; done
  awk -v OFS=, -v s="$scenario" -v side="$side" -v name="$name" -v round="$round" -v slot="$slot" \
      -v req="${w[requests]}" -v dur="${w[duration_us]}" -v p50="${w[p50_us]}" -v p99="${w[p99_us]}" \
      -v ticks=$((ticks_after - ticks_before)) -v hz="$HZ" -v rss="$rss" -v hwm="$hwm" \
      -v jit=$((jit_after > jit_before ? jit_after - jit_before : 0)) -v user=$((user_after - user_before)) \
      -v others=$((others < 0 ? 0 : others)) -v total=$((total_after - total_before)) \
      -v errors=$((w[connect] + w[read] + w[write] + w[timeout])) -v non2xx="${w[status]}" -v check="$verdict" 'BEGIN {
    cpu = req > 0 ? ticks * 1e6 / hz / req : "nan"
    jit_cpu = req > 0 ? jit * 1e6 / hz / req : "nan"
    user_cpu = req > 0 ? user * 1e6 / hz / req : "nan"
    # wrk sometimes reports a percentile as 0 (wg/wrk#354, more often when pipelining): no value.
    print s, side, name, round, slot, req, req * 1e6 / dur, (p50 > 0 ? p50 / 1000 : "nan"),
          (p99 > 0 ? p99 / 1000 : "nan"), cpu, rss / 1024, hwm / 1024,
          errors, non2xx, check, (total > 0 ? 100 * others / total : 0), jit_cpu, user_cpu
  }' >>"$OUT/samples.csv"
  log "$scenario $name: $(tail -1 "$OUT/samples.csv" | cut -d, -f7 | xargs printf '%.0f') req/s ($verdict)"
}

heap_used_mib() { # pid -> used heap after a full GC, or nan if jcmd cannot attach
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || { echo nan; return; }
  "$JCMD" "$1" GC.heap_info 2>/dev/null |
    awk '{ if (match($0, /total [0-9]+K, used [0-9]+K/)) { split(substr($0, RSTART, RLENGTH), f, /[ K,]+/); used += f[4] } }
         END { print (used ? used / 1024 : "nan") }'
}

settle() { # port count -> waits (30 s at most) until the server holds count connections, in any state
  local waited=0
  until (($(ss -Htn "sport = :$1" | wc -l) == $2)) || ((waited++ >= 300)); do
    sleep 0.1
  done
  sleep 1 # the socket is gone before its event loop has finished tearing the connection down
}

idle_failed() { # side name client-line
  kill "${IDLE_PID:-}" 2>/dev/null || true
  IDLE_PID=""
  stop_server "$1"
  fail "idle-$IDLE_CONNS $2: the idle client said: ${3:-nothing within 120 s}"
}

idle() { # side name template
  local side=$1 name=$2 template=$3 port
  port=$(port_of "$side")
  if ((SECONDS + 30 > DEADLINE)); then
    log "idle-$IDLE_CONNS $name: skipped, it would end past the ${BUDGET_MINUTES}-minute budget"
    return
  fi
  local server_log="$OUT/runs/idle-$side-$name.server.log"
  start_server "$side" "$template" "$server_log" ||
    { fail "idle-$IDLE_CONNS $name: the server did not start listening, see ${server_log#"$ROOT/"}"; return; }
  coproc IDLE { exec "${CLIENT_PIN[@]}" python3 "$LOAD_DIR/idle_connections.py" --port "$port" --count "$IDLE_CONNS" 2>&1; }
  local line heap_before rss_before heap_after rss_after held
  read -r -t 120 -u "${IDLE[0]}" line && [[ $line == WARMED ]] || { idle_failed "$side" "$name" "$line"; return; }
  # The client has closed its warm-up connections; the server may still be closing its ends (in
  # CLOSE_WAIT), and a GC now would count those as live. Likewise, measure once it holds them all.
  settle "$port" 0
  heap_before=$(heap_used_mib "${PID[$side]}") rss_before=$(status_kib "${PID[$side]}" VmRSS)
  echo go >&"${IDLE[1]}"
  read -r -t 120 -u "${IDLE[0]}" line && [[ $line == HOLDING* ]] || { idle_failed "$side" "$name" "$line"; return; }
  settle "$port" "$IDLE_CONNS"
  heap_after=$(heap_used_mib "${PID[$side]}") rss_after=$(status_kib "${PID[$side]}" VmRSS)
  echo check >&"${IDLE[1]}"
  read -r -t 60 -u "${IDLE[0]}" line
  held=${line#OPEN }
  wait "${IDLE_PID:-}" 2>/dev/null || true
  IDLE_PID=""
  stop_server "$side"
  awk -v OFS=, -v side="$side" -v name="$name" -v count="$IDLE_CONNS" -v held="$held" -v hb="$heap_before" \
      -v ha="$heap_after" -v rb="$rss_before" -v ra="$rss_after" \
      'BEGIN { print side, name, count, held, hb, ha, rb / 1024, ra / 1024 }' >>"$OUT/idle.csv"
  log "idle-$IDLE_CONNS $name: $held held; heap $heap_before -> $heap_after MiB; RSS $rss_before -> $rss_after KiB"
}

# ---- run -----------------------------------------------------------------------------------------

read -r busy0 total0 < <(machine_ticks)
sleep 1
read -r busy1 total1 < <(machine_ticks)
{
  echo "date: $(date -Is)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')"
  echo "machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  [[ " ${scenario_list[*]} " != *" h2"* ]] || echo "h2load: $(h2load --version 2>&1 | head -1)"
  echo "busy before start: $((100 * (busy1 - busy0) / (total1 - total0)))% of all CPUs over 1 s (anything but ~0 skews results)"
  echo "pinning: ${SERVER_PIN:-none} (server), ${CLIENT_PIN[*]:-none} (wrk, $client_cpu_count threads)"
  echo "jvm flags: $JVM_FLAGS"
  echo "plan: scenarios=${scenario_list[*]} rounds=$ROUNDS (fresh JVMs, warm-up ${WARMUP}s each in $WARMUP_RUNS runs, then A B B A or B A A B measured ${DURATION}s each)"
  echo "A ($A_NAME): $A_CMD"
  echo "B ($B_NAME): $B_CMD"
  [[ " ${scenario_list[*]} " != *" blocking "* ]] ||
    echo "blocking: A ($BLOCKING_A_NAME): $BLOCKING_A_CMD | B ($BLOCKING_B_NAME): $BLOCKING_B_CMD"
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2
echo "scenario,side,name,round,slot,requests,rps,p50_ms,p99_ms,cpu_us_per_req,rss_mib,hwm_mib,errors,non2xx,check,others_cpu_pct,jit_us_per_req,user_us_per_req" >"$OUT/samples.csv"
echo "side,name,count,held,heap_before_mib,heap_after_mib,rss_before_mib,rss_after_mib" >"$OUT/idle.csv"

[[ " ${scenario_list[*]} " != *" arena-async-db "* && " ${scenario_list[*]} " != *" arena-crud "* ]] || start_database
for scenario in "${scenario_list[@]}"; do
  case $scenario in
    startup)
      python3 "$LOAD_DIR/first_response.py" --runs $((ROUNDS * 3)) --port "$PORT_BASE" --csv "$OUT/startup.csv" \
        "$A_NAME=$SERVER_PIN $(expand "$A_CMD" '{port}')" "$B_NAME=$SERVER_PIN $(expand "$B_CMD" '{port}')" \
        >"$OUT/startup.md" 2>>"$OUT/startup.log" || fail "startup: see ${OUT#"$ROOT/"}/startup.log"
      ;;
    idle-10k)
      idle A "$A_NAME" "$A_CMD"
      idle B "$B_NAME" "$B_CMD"
      ;;
    *)
      a_name=$A_NAME b_name=$B_NAME a_cmd=$A_CMD b_cmd=$B_CMD
      if [[ $scenario == blocking ]]; then
        a_name=$BLOCKING_A_NAME b_name=$BLOCKING_B_NAME a_cmd=$BLOCKING_A_CMD b_cmd=$BLOCKING_B_CMD
      fi
      a_cmd=$(template_of "$scenario" "$A_SERVER" "$a_cmd") b_cmd=$(template_of "$scenario" "$B_SERVER" "$b_cmd")
      if [[ -z $a_cmd || -z $b_cmd ]]; then
        log "$scenario: skipped, it runs known servers with TLS or HTTP/2 options (--a-server/--b-server)"
        continue
      fi
      for ((r = 1; r <= ROUNDS; r++)); do
        round "$scenario" "$r" "$a_name" "$a_cmd" "$b_name" "$b_cmd"
      done
      ;;
  esac
done

{
  echo "## Load comparison, $(date '+%Y-%m-%d %H:%M')"
  echo
  sed 's/^/    /' "$OUT/env.txt"
  echo
  python3 "$LOAD_DIR/summarize.py" "$OUT"
  [[ ! -s $OUT/startup.md ]] || { echo "### Start-up"; echo; cat "$OUT/startup.md"; echo; }
  echo "Total time: $((SECONDS - START)) s. Raw output: ${OUT#"$ROOT/"}"
} | tee "$OUT/summary.md"
