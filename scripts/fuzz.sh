#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 600) and keeps any crashing input as a
# regression test in Tests/CityIndicatorsTests/FuzzRegressions/<target>/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     targets: csv expression catalog register
# Needs: clang's lld (in the Swift toolchain). See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-600}
shift || true
TARGETS=${*:-csv expression catalog register}
export CITYIND_FUZZ=1 SWIFT_BACKTRACE=enable=no
# LeakSanitizer off, both while fuzzing (-detect_leaks=0) and at exit (ASAN_OPTIONS): see docs/fuzzing.md.
export ASAN_OPTIONS=detect_leaks=0
declare -A PRODUCT=([csv]=FuzzCSV [expression]=FuzzExpression [catalog]=FuzzCatalog [register]=FuzzRegister)
BUILD=.build-fuzz
status=0
for t in $TARGETS; do
  product=${PRODUCT[$t]}
  swift build --build-path "$BUILD" -c release --product "$product" \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >/dev/null
  corpus="$BUILD/corpus/$t"
  mkdir -p "$corpus"
  case $t in  # seed corpora from the repository's own inputs
    csv) find SampleData -name '*.csv' -exec cp {} "$corpus/" \; ;;
    expression) grep -rhoE '^(numerator|denominator|value|  *check): .*' Indicators | sed -E 's/^[^:]*: //' | sort -u | split -l 1 - "$corpus/f-" ;;
    catalog) find Indicators/iso37120-2018/15-safety Indicators/elements -name '*.yaml' | head -40 | xargs -I{} cp {} "$corpus/" ;;
    register) printf 'no,on,kind,deaths,used,ok,built\nC01,2024-05-01,fire,2,1.5,yes,1990\nC02,2025-03-31,rescue,,0,false,\n' > "$corpus/seed.csv"
              printf 'no;on;kind\r\nC1,"2024-05-01\n",fire\n' > "$corpus/seed2.csv" ;;
  esac
  artifacts="Tests/CityIndicatorsTests/FuzzRegressions/$t/"
  echo "== $product for ${SECONDS_PER_TARGET}s (corpus $corpus, crashes → $artifacts)"
  if ! "$BUILD/release/$product" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -detect_leaks=0 \
      -artifact_prefix="$artifacts" -print_final_stats=1 2>"$BUILD/$t.log"; then
    status=1
    echo "CRASH in $product: see $BUILD/$t.log and $artifacts"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/$t.log" || true
done
exit $status
