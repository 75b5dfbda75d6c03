#!/usr/bin/env bash
# Side-by-side benchmark of registers (docs/performance.md): the whole cityind pipeline (read,
# check every record, derive every element) against DuckDB and Polars running the same aggregates
# with the same column types, on generated registers of 10 MB, 100 MB and 1 GB; and
# `cityind validate` against `frictionless validate` on one register with the same Table Schema.
#
# DuckDB, Polars and Frictionless are installed with pip into a throwaway virtual environment
# under $BENCH_DIR (not by CI). Usage:
#   scripts/bench-registers.sh                      # 10MB 100MB 1GB, 3 runs each
#   SIZES="10MB 100MB" RUNS=5 scripts/bench-registers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-10MB 100MB 1GB}"
RUNS="${RUNS:-3}"
WORK="${BENCH_DIR:-/tmp/cityind-registers-bench}"
mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
swift build -c release --product cityind >&2
BIN="$PWD/.build/release/cityind"
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet duckdb polars frictionless
fi
"$BIN" catalog --registers --format json --year 2024 > "$WORK/registers.json"
# shellcheck disable=SC2086
exec "$WORK/venv/bin/python" scripts/bench/run.py --bin "$BIN" --work "$WORK" --runs "$RUNS" --sizes $SIZES
