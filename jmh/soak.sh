#!/usr/bin/env bash
# Soak test, run by hand (docs/benchmarks.md#soak): the sample app under normal wrk traffic while 10,000
# idle connections, a slowloris burst and slow readers hold on to it. Prints heap, threads and RSS
# before, during and after, and the wrk throughput without and with the abuse. Loopback only; bounded
# (about 2 minutes).
#
#   jmh/soak.sh [--idle N] [--slowloris N] [--slow-readers N] [--wrk-seconds N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."

idle=10000; loris=500; readers=20; wrk_seconds=15; port=29080
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle=$2; shift 2 ;;
    --slowloris) loris=$2; shift 2 ;;
    --slow-readers) readers=$2; shift 2 ;;
    --wrk-seconds) wrk_seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
jar=sample-app/target/sample-app.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
ulimit -n "$(ulimit -Hn)"

"$java" -Xms512m -Xmx1g -XX:+UseParallelGC -jar "$jar" --port "$port" > /tmp/gyre-soak-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; kill ${client:-0} 2>/dev/null; true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null && break; sleep 0.2; done

measure() {
  jcmd "$pid" GC.run >/dev/null
  local heap threads rss
  # live heap after a full GC: the "used" of the young and old generations together (ParallelGC)
  heap=$(jcmd "$pid" GC.heap_info | awk '/PSYoungGen|ParOldGen/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?$/,"",v); kb+=v}}
    END {printf "%.1fMiB", kb/1024}')
  threads=$(awk '/^Threads:/ {print $2}' /proc/$pid/status)
  rss=$(awk '/^VmRSS:/ {print $2 " " $3}' /proc/$pid/status)
  printf '%-28s heap used %-10s threads %-4s RSS %s\n' "$1" "$heap" "$threads" "$rss"
}

load() {
  wrk -t2 -c64 -d"${wrk_seconds}s" "http://127.0.0.1:$port/plaintext" | awk -v label="$1" '
    /Requests\/sec/ {rps=$2} /Latency/ {lat=$2} /Socket errors/ {err=$0} /Non-2xx/ {non=$0}
    END {printf "%-28s %s req/s, mean latency %s %s %s\n", label, rps, lat, err, non}'
}

echo "== soak: idle=$idle slowloris=$loris slow-readers=$readers, wrk -t2 -c64 -d${wrk_seconds}s /plaintext"
load "warm-up (not counted)" >/dev/null
measure "before"
load "throughput, quiet"

python3 jmh/load/soak_clients.py --port "$port" --idle "$idle" --slowloris "$loris" \
  --slow-readers "$readers" --duration $((wrk_seconds + 25)) > /tmp/gyre-soak-clients.log 2>&1 &
client=$!
for _ in $(seq 300); do grep -q READY /tmp/gyre-soak-clients.log && break; sleep 0.5; done
grep READY /tmp/gyre-soak-clients.log || { cat /tmp/gyre-soak-clients.log; exit 1; }
measure "during (all holding)"
load "throughput, under abuse"
measure "during (after wrk)"
wait "$client" || true
grep -E "t=|SUMMARY" /tmp/gyre-soak-clients.log | tail -4
sleep 3
measure "after (clients gone)"
