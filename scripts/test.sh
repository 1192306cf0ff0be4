#!/usr/bin/env bash
# Everything CI runs: set up, build with warnings as errors, run the tests; then the same
# under AddressSanitizer and UndefinedBehaviorSanitizer; fuzzing; the .deb on a clean
# bookworm (under CI or with NAGARE_DEB_TEST=1); then check formatting.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)

echo "== build and test (dev preset: -Werror)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

echo "== build and test under ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 ctest --preset asan -j "$jobs"

echo "== fuzzing (libFuzzer with ASan + UBSan; seconds per target: ${NAGARE_FUZZ_SECONDS:-ci})"
bash scripts/fuzz.sh "${NAGARE_FUZZ_SECONDS:-ci}"

# The .deb on a clean bookworm (debootstrap, apt-get install): always under CI, elsewhere with
# NAGARE_DEB_TEST=1, as it needs root and a Debian mirror and takes minutes.
if [ -n "${CI:-}" ]; then export NAGARE_DEB_TEST="${NAGARE_DEB_TEST:-1}"; fi
if [ "${NAGARE_DEB_TEST:-0}" = 1 ]; then
  echo "== the .deb installed on a clean Debian bookworm"
  bash tests/package/deb_install.sh
fi

echo "== formatting (.clang-format)"
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror
echo "test.sh: all passed"
