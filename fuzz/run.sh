#!/usr/bin/env bash
# Builds the libFuzzer targets (release, libFuzzer + AddressSanitizer, -enable-testing) and
# runs each for a bounded time from its seed corpus in fuzz/corpus/<target>/.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default 60 s each, all targets
#   fuzz/run.sh --regress                 replay fuzz/regressions/<target>/* only (no fuzzing)
#
# New corpus entries and crash artifacts go to fuzz/.build-fuzz/<date>/ (git-ignored); a crash input
# worth keeping is copied to fuzz/regressions/<target>/ and added as a test in the module's tests.
# Ends with one line `fuzz: N passed, M failed`. FUZZ_LOCK=FILE holds that lock (flock) around the
# build only; FUZZ_SKIP_BUILD=1 reuses the last build.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ALL=(keyword amount date rating composer kannel generic twilio android)
SECONDS_EACH=60
REGRESS=0
TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --regress) REGRESS=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *[!0-9]*) TARGETS+=("$arg") ;;
    *) SECONDS_EACH="$arg" ;;
  esac
done
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
[ "$SECONDS_EACH" -ge 1 ] && [ "$SECONDS_EACH" -le 3600 ] || { echo "SECONDS must be 1..3600" >&2; exit 2; }

# `--sanitize=fuzzer --sanitize=address` would reach swiftc as two flags, and the last one wins: no
# coverage at all. One `-sanitize=fuzzer,address` after SwiftPM's own flag gives Swift code both.
FLAGS=(-c release --package-path "$HERE" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
BUILD=(swift build "${FLAGS[@]}")
if [ -n "${FUZZ_LOCK:-}" ]; then BUILD=(flock "$FUZZ_LOCK" "${BUILD[@]}"); fi
mkdir -p "$HERE/.build-fuzz"
if [ "${FUZZ_SKIP_BUILD:-0}" = 1 ]; then
  echo "FUZZ_SKIP_BUILD=1: using the last build"
else
  echo "building: ${BUILD[*]}"
  "${BUILD[@]}" > "$HERE/.build-fuzz/build.log" 2>&1 || { tail -40 "$HERE/.build-fuzz/build.log"; echo "fuzz: 0 passed, ${#TARGETS[@]} failed"; exit 1; }
fi
BIN="$(swift build "${FLAGS[@]}" --show-bin-path)"

RUN="$HERE/.build-fuzz/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:handle_abort=1"
# Swift's own crash backtracer fights ASan and can hang on a crash: libFuzzer reports the crash itself.
export SWIFT_BACKTRACE=enable=no
passed=0; failed=0
for target in "${TARGETS[@]}"; do
  exe="$BIN/fuzz-$target"
  [ -x "$exe" ] || { echo "fuzz-$target: not built"; failed=$((failed + 1)); continue; }
  if [ "$REGRESS" = 1 ]; then
    inputs=("$HERE"/regressions/"$target"/*)
    [ -e "${inputs[0]}" ] || { echo "fuzz-$target: no regression inputs"; passed=$((passed + 1)); continue; }
    if timeout 300 "$exe" -runs=1 "${inputs[@]}" > "$RUN/$target.log" 2>&1; then
      echo "fuzz-$target: ${#inputs[@]} regression inputs pass"; passed=$((passed + 1))
    else
      echo "fuzz-$target: a regression input fails (see $RUN/$target.log)"; failed=$((failed + 1))
    fi
    continue
  fi
  mkdir -p "$RUN/corpus/$target" "$RUN/artifacts"
  # The first folder receives new inputs; the committed seeds are only read.
  timeout $((SECONDS_EACH + 120)) "$exe" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -use_value_profile=1 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$RUN/artifacts/$target-" "$RUN/corpus/$target" "$HERE/corpus/$target" \
    > "$RUN/$target.log" 2>&1
  status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$RUN/$target.log" | tail -1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$RUN/$target.log" | tail -1)"
  coverage="$(grep -oE 'cov: [0-9]+' "$RUN/$target.log" | tail -1 | cut -d' ' -f2)"
  crashes=$(find "$RUN/artifacts" -name "$target-*" | wc -l)
  if [ "$status" -eq 0 ] && [ "$crashes" -eq 0 ]; then
    echo "fuzz-$target: ok, ${runs:-?} executions in ${SECONDS_EACH} s (${speed:-?}/s), coverage ${coverage:-?}"
    passed=$((passed + 1))
  else
    echo "fuzz-$target: FAILED (exit $status), $crashes artifact(s) in $RUN/artifacts; $(grep -m1 -E 'invariant broken|Fatal error|ERROR: ' "$RUN/$target.log")"
    failed=$((failed + 1))
  fi
done
echo "logs: $RUN"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
