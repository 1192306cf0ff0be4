#!/usr/bin/env bash
# `nagare init` and `nagare fmt` through the real binary.
set -u
nagare=$(realpath "$1")
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

"$nagare" init "$tmp/new.toml" && ok || fail "init"
"$nagare" check "$tmp/new.toml" >"$tmp/out" && ok || { fail "the starter does not check clean"; cat "$tmp/out"; }
grep -q '^エラー 0 件、警告 0 件' "$tmp/out" && ok || fail "the starter has findings"
head -1 "$tmp/new.toml" | grep -q '^#:schema .*nagare-model.schema.json$' && ok || fail "#:schema line"
"$nagare" init "$tmp/new.toml" 2>"$tmp/err"
[ $? = 2 ] && grep -q "^$tmp/new.toml: error: " "$tmp/err" && ok || fail "init overwrote a file"
"$nagare" init --force "$tmp/new.toml" && ok || fail "init --force"
"$nagare" fmt --check "$tmp/new.toml" && ok || fail "the starter is not formatted"

cp models/*.toml "$tmp/"
# The bundled models are kept formatted (e2e.models_formatted): unformat one as a hand would.
sed -i 's/^name = /name   = /; s/^\(\[\[flows\]\]\)$/\1  /' "$tmp/shinjuku-dv-hotline.toml"
"$nagare" fmt --check "$tmp/shinjuku-dv-hotline.toml" 2>"$tmp/err"
[ $? = 1 ] && grep -q '整形されていません' "$tmp/err" && ok || fail "fmt --check on an unformatted model"
cp "$tmp/shinjuku-dv-hotline.toml" "$tmp/before.toml"
"$nagare" fmt "$tmp"/*.toml && ok || fail "fmt"
"$nagare" fmt --check "$tmp"/*.toml && ok || fail "fmt is not idempotent"
for model in models/*.toml; do
  name=$(basename "$model")
  # Same findings (positions aside) before and after.
  diff <("$nagare" check --format json "$model" | grep -E '"(id|severity|rule)"' | sort) \
    <("$nagare" check --format json "$tmp/$name" | grep -E '"(id|severity|rule)"' | sort) >/dev/null &&
    ok || fail "$name: findings change with fmt"
done
"$nagare" fmt tests/broken/self-flow.toml 2>"$tmp/err"
[ $? = 2 ] && ok || fail "fmt of a broken model"
cmp -s tests/broken/self-flow.toml <(git show HEAD:tests/broken/self-flow.toml 2>/dev/null || cat tests/broken/self-flow.toml) &&
  ok || fail "fmt touched a broken model"
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
