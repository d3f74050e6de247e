#!/usr/bin/env bash
# Runs HttpArena's own scripts/validate.sh, unchanged, against this entry on a machine without Docker.
#
#   jmh/httparena/validate-local.sh HTTPARENA_DIR [--host-network] [--no-build]
#
# HTTPARENA_DIR is a checkout of HttpArena. This script
#   1. builds the entry's jar (mvn -q -pl jmh -am -DskipTests package) unless --no-build;
#   2. writes data/pgdb-seed.sql with HttpArena's scripts/generate-pgdb.py if the checkout lacks it;
#   3. copies meta.json and the Dockerfile to HTTPARENA_DIR/frameworks/gyre/ (what validate.sh reads);
#   4. runs `scripts/validate.sh gyre` with standin/ first on PATH, so its docker commands start the entry
#      with run.sh and PostgreSQL from the system's packages (apt-get install -y postgresql).
# validate.sh always uses ports 8080 and 5432. By default it runs in a network namespace of its own
# (unshare -n, needs root), where those ports are free whatever the machine runs; --host-network runs it
# on the machine's network instead. The exit status is validate.sh's.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
(($#)) || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
ARENA=$(cd "$1" && pwd)
shift
ISOLATE=true BUILD=true
for opt in "$@"; do
  case $opt in
    --host-network) ISOLATE=false ;;
    --no-build) BUILD=false ;;
    *) echo "unknown option $opt" >&2; exit 2 ;;
  esac
done
[[ -f $ARENA/scripts/validate.sh ]] || { echo "$ARENA has no scripts/validate.sh" >&2; exit 1; }
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || { echo "PostgreSQL is needed: apt-get install -y postgresql" >&2; exit 1; }

if $BUILD; then
  (cd "$ROOT" && mvn -q -pl jmh -am -DskipTests package)
fi
if [[ ! -s $ARENA/data/pgdb-seed.sql ]]; then
  echo "[validate-local] writing data/pgdb-seed.sql with HttpArena's scripts/generate-pgdb.py"
  python3 "$ARENA/scripts/generate-pgdb.py"
fi
mkdir -p "$ARENA/frameworks/gyre"
cp "$HERE/meta.json" "$HERE/Dockerfile" "$ARENA/frameworks/gyre/"

export PATH="$HERE/standin:$PATH" GYRE_STANDIN_SKIP_BUILD=1
cd "$ARENA"
if $ISOLATE; then
  exec unshare --net bash -c 'ip link set lo up && exec bash scripts/validate.sh gyre'
else
  exec bash scripts/validate.sh gyre
fi
