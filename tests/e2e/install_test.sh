#!/usr/bin/env bash
# `cmake --install` into a temporary DESTDIR, then the installed binary, run from a copy of
# a bundled model outside the source tree with NAGARE_DATA_DIR unset, must use the data
# installed beside it. With dpkg-shlibdeps present, `cpack -G DEB` builds a .deb that
# declares its dependencies (installing it on a clean bookworm is tests/package/deb_install.sh).
# Usage: install_test.sh NAGARE BUILD_DIR
set -u
build=$2
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

DESTDIR="$tmp/root" cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 && ok ||
  { fail "cmake --install"; tail -5 "$tmp/install.log"; }
root="$tmp/root/usr"
for file in bin/nagare share/nagare/catalogue.toml share/nagare/policy.toml \
  share/nagare/nagare-model.schema.json share/man/man1/nagare.1 \
  share/bash-completion/completions/nagare share/zsh/vendor-completions/_nagare \
  share/doc/nagare/integrations.md; do
  [ -e "$root/$file" ] && ok || fail "not installed: $file"
done
cp models/shinjuku-child-consultation-tablet.toml "$tmp/model.toml"
cd "$tmp"
installed="$root/bin/nagare"
env -u NAGARE_DATA_DIR "$installed" --version >out 2>&1
grep -q "^nagare [0-9]" out && ok || fail "--version: $(cat out)"
grep -qx "data: $root/share/nagare" out && ok || fail "installed binary uses other data: $(cat out)"
env -u NAGARE_DATA_DIR "$installed" check model.toml >out 2>&1
[ $? = 0 ] && grep -q '^model.toml:[0-9]*:[0-9]*: warning\[media-management\]' out && ok ||
  { fail "installed binary on a bundled model"; head -3 out; }
# `nagare serve` runs the installed editor program: it, not nagare, refuses an open address
# without a password (exit 2); without the program, one line says so (exit 2).
[ -x "$root/libexec/nagare/nagare-serve" ] && ok || fail "not installed: libexec/nagare/nagare-serve"
env -u NAGARE_DATA_DIR "$installed" --lang en serve "$tmp" --listen 0.0.0.0 >out 2>&1
[ $? = 2 ] && grep -q "needs --password-file" out && ok || fail "serve through nagare-serve: $(cat out)"
cp "$installed" "$tmp/nagare-alone"
"$tmp/nagare-alone" --lang en serve "$tmp" >out 2>&1
[ $? = 2 ] && grep -q "^nagare: serve: cannot run the editor program .*nagare-serve: No such file" out &&
  [ "$(wc -l <out)" = 1 ] && ok || fail "serve without nagare-serve: $(cat out)"
rm -f "$tmp/nagare-alone"
env -u NAGARE_DATA_DIR "$installed" schema | cmp -s - "$root/share/nagare/nagare-model.schema.json" &&
  ok || fail "installed schema differs from nagare schema"
# Moving the tree moves the data with it: nothing points back at the build.
mv "$tmp/root" "$tmp/moved"
env -u NAGARE_DATA_DIR "$tmp/moved/usr/bin/nagare" --version | grep -qx "data: $tmp/moved/usr/share/nagare" &&
  ok || fail "relocated install"
mv "$tmp/moved" "$tmp/root"

if command -v dpkg-shlibdeps >/dev/null && command -v dpkg-deb >/dev/null; then
  (cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) && ok ||
    { fail "cpack -G DEB"; tail -5 "$tmp/cpack.log"; }
  deb=$(ls "$tmp"/deb/*.deb 2>/dev/null | head -1)
  if [ -n "$deb" ]; then
    depends=$(dpkg-deb -f "$deb" Depends)
    for dependency in libc6 libstdc++6 libgvc6 libcgraph6 libyaml-cpp0.7 libicu72 fonts-noto-cjk; do
      grep -q "$dependency" <<<"$depends" && ok || fail ".deb does not depend on $dependency: $depends"
    done
    [ "$(dpkg-deb -f "$deb" Suggests)" = chromium ] && ok || fail ".deb does not suggest chromium"
    maintainer=$(dpkg-deb -f "$deb" Maintainer)
    grep -qE '^[^<>]+ <[^@<>]+@[^@<>]+\.[a-z]+>$' <<<"$maintainer" && ! grep -q localhost <<<"$maintainer" &&
      ok || fail ".deb Maintainer is not a reachable address: $maintainer"
    dpkg-deb -c "$deb" >"$tmp/contents"
    grep -q './usr/share/nagare/nagare-model.schema.json' "$tmp/contents" && ok ||
      fail ".deb lacks the schema"
  fi
else
  echo "note: dpkg-dev not installed; .deb not built"
fi
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
