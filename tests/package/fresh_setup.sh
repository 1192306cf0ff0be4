#!/usr/bin/env bash
# The README's first two commands on a freshly debootstrapped Debian bookworm (minbase, as
# root, nothing installed by hand): the files git tracks are copied into the root, and there
# `bash scripts/check-models.sh` must set up, build and check the bundled models, and
# `bash scripts/test.sh` must set up, build with -Werror and pass ctest. test.sh runs only
# that first stage here (NAGARE_TEST_STAGES=dev): its sanitizer, fuzzing, .deb and format
# stages need nothing that set-up does not already need, and CI runs them on its own machine.
# This proves that scripts/setup.sh installs every package the build and the tests need.
#
# Needs root (chroot, mount) and debootstrap. scripts/test.sh runs it when
# NAGARE_FRESH_TEST=1, which it sets under CI. The minbase root and the .debs apt fetched are
# kept in NAGARE_DEB_CACHE (default ~/.cache/nagare-deb-test), shared with deb_install.sh;
# the README's commands always run in a fresh copy of that root. The logs of a failed run are
# kept in NAGARE_FRESH_LOGS (default build-fresh-logs).
#
# Usage: fresh_setup.sh
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/package/bookworm_root.sh
cache=${NAGARE_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nagare-deb-test}
logs=${NAGARE_FRESH_LOGS:-$PWD/build-fresh-logs}
tally_start fresh_setup
# run_readme NAME COMMAND...: one README command in the root's copy of the tree, logged.
run_readme() {
  local name=$1
  shift
  local start=$SECONDS
  phase "$*"
  if in_root env CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "$@" >"$logs/$name.log" 2>&1; then
    ok
    phase "$* passed in $((SECONDS - start)) s"
  else
    fail "$* (exit $?, after $((SECONDS - start)) s; log: $logs/$name.log)"
    # The lines that name what failed (a build step, the linker, apt, npm, CMake), which a
    # build's later output can push out of the tail, then the tail.
    grep -E '^FAILED: |error:|cannot find|^E: |npm ERR!|^CMake Error' "$logs/$name.log" |
      grep -v 'Can not write log' | head -10 | sed 's/^/  ! /'
    tail -40 "$logs/$name.log" | sed 's/^/  | /'
  fi
}

if [ "$(id -u)" != 0 ] || ! command -v debootstrap >/dev/null; then
  fail "needs root and debootstrap (bash scripts/setup.sh as root)"
  finish
fi
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  fail "needs the git work tree of nagare: it copies the files git tracks"
  finish
fi
bookworm_mirror
tmp=$(mktemp -d)
trap bookworm_cleanup EXIT
mkdir -p "$logs"
rm -f "$logs"/*.log

bookworm_base || finish
phase "fresh root from $base"
bookworm_fresh_root || finish

# The tree as a user gets it: the files git tracks, as they are in the work tree (so that an
# uncommitted change is tested too), and nothing built, fetched or installed beside them.
phase "copying the files git tracks into /root/nagare"
mkdir -p "$root/root/nagare"
git ls-files -z | tar --null -T - --ignore-failed-read -cf - 2>"$tmp/tar.log" |
  tar -C "$root/root/nagare" -xf - && [ -f "$root/root/nagare/scripts/check-models.sh" ] && ok ||
  { fail "copy the tree into the root"; cat "$tmp/tar.log"; finish; }

run_readme check-models bash -c 'cd /root/nagare && bash scripts/check-models.sh'
grep -q '^エラー [0-9]* 件' "$logs/check-models.log" && ok ||
  fail "check-models.sh printed no summary of the check"
run_readme test-dev env NAGARE_TEST_STAGES=dev bash -c 'cd /root/nagare && bash scripts/test.sh'
summary=$(grep -E '^[0-9]+% tests passed' "$logs/test-dev.log" | tail -1)
[ -n "$summary" ] && echo "fresh_setup: ctest: $summary" && ok || fail "ctest ran no tests"
# Every test runs here: one that skips for want of a tool names a package setup.sh misses.
skipped=$(grep -E '\*\*\*Skipped|\*\*\*Not Run' "$logs/test-dev.log")
[ -z "$skipped" ] && ok || { fail "ctest skipped tests on the fresh root:"; echo "$skipped" | sed 's/^/  | /'; }
phase "done"
[ "$failures" = 0 ] && rm -rf "$logs"
finish
