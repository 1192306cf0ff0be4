#!/usr/bin/env bash
# The .deb on a clean Debian bookworm: a release build is packed with cpack, installed with
# apt-get (no recommends, so the declared Depends alone must suffice) into a minimal bookworm
# made by debootstrap, and the installed nagare must run there: --version with the installed
# data, check, render in every format, checklist and report. Then it is removed again.
#
# Needs root (chroot, mount) and debootstrap. scripts/test.sh runs it when NAGARE_DEB_TEST=1,
# which it sets under CI. The debootstrapped root and the .debs apt fetched are kept in
# NAGARE_DEB_CACHE (default ~/.cache/nagare-deb-test) so that a second run takes a fraction
# of the first; the package is always installed into a fresh copy of that root.
#
# Usage: deb_install.sh [BUILD_DIR]   (default build-deb, configured here when new)
set -u
cd "$(dirname "$0")/../.." || exit 2
source tests/package/bookworm_root.sh
build=${1:-build-deb}
cache=${NAGARE_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nagare-deb-test}
tally_start deb_install

if [ "$(id -u)" != 0 ] || ! command -v debootstrap >/dev/null; then
  fail "needs root and debootstrap (bash scripts/setup.sh as root)"
  finish
fi
bookworm_mirror
tmp=$(mktemp -d)
trap bookworm_cleanup EXIT

phase "release build in $build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNAGARE_BUILD_TESTS=OFF \
    >"$tmp/configure.log" 2>&1 || { fail "configure $build"; tail -20 "$tmp/configure.log"; finish; }
fi
cmake --build "$build" -j "$(nproc)" >"$tmp/build.log" 2>&1 ||
  { fail "build $build"; tail -20 "$tmp/build.log"; finish; }
(cd "$build" && cpack -G DEB -B "$tmp/deb") >"$tmp/cpack.log" 2>&1 && ok ||
  { fail "cpack -G DEB"; tail -20 "$tmp/cpack.log"; finish; }
deb=$(ls "$tmp"/deb/nagare_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok || { fail "no nagare_*.deb from cpack"; finish; }
echo "deb_install: $(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"

bookworm_base || finish
phase "fresh root from $base"
bookworm_fresh_root || finish
cp "$deb" "$root/tmp/"

phase "apt-get install ./$(basename "$deb")"
in_root apt-get update -qq >"$tmp/update.log" 2>&1 || { fail "apt-get update"; tail "$tmp/update.log"; finish; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$tmp/install.log" 2>&1 && ok ||
  { fail "apt-get install of the .deb"; tail -30 "$tmp/install.log"; finish; }
grep -c '^Unpacking ' "$tmp/install.log" | sed 's/^/deb_install: packages unpacked: /'
in_root dpkg-query -W -f='${Status}' nagare | grep -q "install ok installed" && ok ||
  fail "nagare not installed"

phase "running the installed nagare"
cp models/shinjuku-child-consultation-tablet.toml "$root/tmp/model.toml"
in_root nagare --version >"$tmp/out" 2>&1
grep -q "^nagare [0-9]" "$tmp/out" && grep -qx "data: /usr/share/nagare" "$tmp/out" && ok ||
  { fail "nagare --version"; cat "$tmp/out"; }
in_root sh -c 'cd /tmp && nagare check model.toml' >"$tmp/out" 2>&1
code=$?
[ "$code" = 0 ] && grep -q '^model.toml:[0-9]*:[0-9]*: warning\[media-management\]' "$tmp/out" && ok ||
  { fail "nagare check (exit $code)"; head -5 "$tmp/out"; }
for format in svg png pdf dot; do
  in_root nagare render /tmp/model.toml --findings -o "/tmp/figure.$format" >"$tmp/out" 2>&1 &&
    [ -s "$root/tmp/figure.$format" ] && ok || { fail "nagare render -o figure.$format"; head -5 "$tmp/out"; }
done
grep -q '相談' "$root/tmp/figure.svg" && ok || fail "the figure lacks its Japanese text"
# The figure's Japanese text is drawn with the font the package depends on.
if [ -x "$root/usr/bin/fc-match" ]; then
  in_root fc-match -f '%{family}\n' 'sans-serif:lang=ja' | grep -q 'CJK' && ok ||
    fail "no CJK font for Japanese: $(in_root fc-match 'sans-serif:lang=ja')"
fi
in_root nagare checklist /tmp/model.toml -o /tmp/checklist.xlsx >"$tmp/out" 2>&1 &&
  [ -s "$root/tmp/checklist.xlsx" ] && ok || { fail "nagare checklist -o .xlsx"; head -5 "$tmp/out"; }
in_root nagare report /tmp/model.toml -o /tmp/report.html >"$tmp/out" 2>&1 &&
  grep -q '<svg' "$root/tmp/report.html" && ok || { fail "nagare report"; head -5 "$tmp/out"; }
in_root nagare export --format otm /tmp/model.toml -o /tmp/model.otm.json >"$tmp/out" 2>&1 &&
  in_root nagare import /tmp/model.otm.json -o /tmp/back.toml >"$tmp/out" 2>&1 && ok ||
  { fail "nagare export/import"; head -5 "$tmp/out"; }
# The editor program nagare serve runs is installed and runs (it refuses an open address
# without a password).
in_root nagare --lang en serve /tmp --listen 0.0.0.0 >"$tmp/out" 2>&1
[ $? = 2 ] && grep -q "needs --password-file" "$tmp/out" && ok ||
  { fail "nagare serve (nagare-serve)"; head -5 "$tmp/out"; }
[ -f "$root/usr/share/man/man1/nagare.1.gz" ] || [ -f "$root/usr/share/man/man1/nagare.1" ] && ok ||
  fail "man page not installed"

phase "apt-get remove nagare"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q nagare >"$tmp/remove.log" 2>&1 &&
  [ ! -e "$root/usr/bin/nagare" ] && [ ! -e "$root/usr/share/nagare" ] && ok ||
  { fail "apt-get remove nagare"; tail -5 "$tmp/remove.log"; }
phase "done"
finish
