#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (ASan + UBSan) and runs each for a bounded
# time: scripts/fuzz.sh [SECONDS_PER_TARGET|ci] [TARGET...]   (default: ci, every target).
# "ci" gives each target its own time (seconds_of below): 9.5 minutes in all, each at least
# the minute in which the crashes found so far were reached.
# Each target starts from its seed corpus (the bundled models, the test inputs, the shipped
# data) plus fuzz/regressions/<target>/; what it learns stays in $build/corpus/<target>/.
# A crash, a leak, undefined behaviour or a hang (> 10 s on one input) fails the script and
# leaves the input in $build/artifacts/<target>/: fix it, then add that file to
# fuzz/regressions/<target>/ so ctest replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-ci}
shift || true
build=${NAGARE_FUZZ_BUILD_DIR:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
  targets=(model_fuzzer toml_parts_fuzzer render_fuzzer policy_fuzzer ledger_fuzzer checklist_fuzzer import_fuzzer
    workbook_fuzzer)

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNAGARE_FUZZ=ON -DNAGARE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

seconds_of() {  # the time CI gives a target; those reading nested structures get more
  case $1 in
    model_fuzzer) echo 120 ;;
    import_fuzzer) echo 90 ;;
    *) echo 60 ;;
  esac
}

max_len_of() {  # inputs nested deep enough to matter (tens of thousands of levels) are big
  case $1 in
    model_fuzzer | import_fuzzer) echo 524288 ;;
    workbook_fuzzer) echo 262144 ;;  # a small workbook stored uncompressed is about 100 KB
    *) echo 65536 ;;
  esac
}

seeds_of() {  # the seed files of a target, as the replay tests in fuzz/CMakeLists.txt use
  case $1 in
    model_fuzzer | toml_parts_fuzzer | render_fuzzer) ls models/*.toml tests/broken/*.toml tests/report/*.toml \
                                     tests/limits/*.toml 2>/dev/null ;;
    policy_fuzzer) ls data/*.toml ;;
    ledger_fuzzer) ls models/audit/*.csv 2>/dev/null ;;
    checklist_fuzzer) ls tests/golden/checklist/*.csv tests/golden/checklist/compare/*.csv \
                         2>/dev/null ;;
    import_fuzzer) ls tests/interop/*.json tests/interop/*.yaml tests/interop/malformed/* \
                      2>/dev/null ;;
  esac
  ls -d "fuzz/regressions/$1"/* 2>/dev/null || true
}

failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  seeds_of "$target" | while read -r seed; do cp "$seed" "$corpus/" 2>/dev/null || true; done
  target_seconds=$seconds
  [ "$seconds" = ci ] && target_seconds=$(seconds_of "$target")
  echo "== fuzz $target for ${target_seconds} s"
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/$target" "$corpus" -max_total_time="$target_seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len_of "$target")" -artifact_prefix="$artifacts" -print_final_stats=1 \
    >"$build/$target.log" 2>&1; then
    tail -40 "$build/$target.log"
    failed+=("$target")
  else
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)" "$build/$target.log" | tr '\n' ' '
    echo
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failed: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "fuzz.sh: all targets clean"
