#!/usr/bin/env bash
# Everything CI runs: set up, build with warnings as errors, run the tests; then the same
# under AddressSanitizer and UndefinedBehaviorSanitizer; fuzzing; the .deb on a clean
# bookworm and the README's two commands on a freshly debootstrapped bookworm (under CI, or
# with NAGARE_DEB_TEST=1 and NAGARE_FRESH_TEST=1); then check formatting.
#
# NAGARE_TEST_STAGES=dev stops after the first stage (set up, -Werror build, ctest); the
# default, all, runs every stage. tests/package/fresh_setup.sh uses dev on the fresh root,
# where the later stages would only repeat what the CI machine itself runs.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${NAGARE_TEST_STAGES:-all}
case "$stages" in
  all | dev) ;;
  *) echo "test.sh: NAGARE_TEST_STAGES must be all or dev, not '$stages'" >&2; exit 2 ;;
esac
bash scripts/setup.sh
jobs=$(nproc)

echo "== build and test (dev preset: -Werror)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"
if [ "$stages" = dev ]; then
  echo "test.sh: set-up, build and tests passed (NAGARE_TEST_STAGES=dev)"
  exit 0
fi

echo "== build and test under ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 ctest --preset asan -j "$jobs"

echo "== fuzzing (libFuzzer with ASan + UBSan; seconds per target: ${NAGARE_FUZZ_SECONDS:-ci})"
bash scripts/fuzz.sh "${NAGARE_FUZZ_SECONDS:-ci}"

# The .deb on a clean bookworm (debootstrap, apt-get install), and the README's commands on a
# fresh bookworm root: always under CI, elsewhere with NAGARE_DEB_TEST=1 / NAGARE_FRESH_TEST=1,
# as they need root and a Debian mirror and take minutes.
if [ -n "${CI:-}" ]; then
  export NAGARE_DEB_TEST="${NAGARE_DEB_TEST:-1}" NAGARE_FRESH_TEST="${NAGARE_FRESH_TEST:-1}"
fi
if [ "${NAGARE_DEB_TEST:-0}" = 1 ]; then
  echo "== the .deb installed on a clean Debian bookworm"
  bash tests/package/deb_install.sh
fi
if [ "${NAGARE_FRESH_TEST:-0}" = 1 ]; then
  echo "== the README's commands on a freshly debootstrapped Debian bookworm"
  bash tests/package/fresh_setup.sh
fi

echo "== formatting (.clang-format)"
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror
echo "test.sh: all passed"
