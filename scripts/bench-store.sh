#!/usr/bin/env bash
# Store benchmark (issue: the store at national scale). Generates CITIES synthetic cities × YEARS
# years from SampleData/sahyadrinagar, then times, with the release build:
#   1. import of every workspace into one store (validate + import + compute + record results),
#   2. status of every city (one process per city, as a CDO would run it),
#   3. compute of the latest year for every city, reading the files.
# Prints wall time and peak memory (/usr/bin/time -v) of each step.
# Usage: scripts/bench-store.sh [CITIES] [YEARS]      (default 100 × 10 = 1 000 city-years)
set -euo pipefail
cd "$(dirname "$0")/.."
CITIES=${1:-100}
YEARS=${2:-10}
swift build -c release --product cityind >/dev/null
BIN=$PWD/.build/release/cityind
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" generate --out "$WORK/national" --cities "$CITIES" --years "$YEARS" >/dev/null
files=$(find "$WORK/national" -name '*.csv' | wc -l)
bytes=$(du -sb "$WORK/national" | cut -f1)
echo "generated $CITIES cities × $YEARS years: $files files, $bytes bytes"

measure() {  # name, command...
  local name=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || { cat "$WORK/time.txt"; exit 1; }
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
  printf '%-40s wall %8s   peak RSS %7d MB\n' "$name" "$wall" $((rss / 1024))
}

measure "import (one process, all cities)" "$BIN" import "$WORK"/national/city-* --db "$WORK/national.sqlite"
measure "re-import (all unchanged)" "$BIN" import "$WORK"/national/city-* --db "$WORK/national.sqlite"
statuses() { for w in "$WORK"/national/city-*; do "$BIN" status "$w" --db "$WORK/national.sqlite" >/dev/null; done; }
export -f statuses; export BIN WORK
measure "status (one process per city)" bash -c statuses
computes() { for w in "$WORK"/national/city-*; do "$BIN" compute "$w" --db "$WORK/national.sqlite" --format json >/dev/null; done; }
export -f computes
measure "compute latest year (one per city)" bash -c computes
echo "store: $(du -h "$WORK/national.sqlite" | cut -f1)"
