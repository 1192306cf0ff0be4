#!/usr/bin/env bash
# The JSON Schema of the model format: `nagare schema` prints what schema/ holds; every
# bundled model validates (python3-jsonschema, and Taplo where scripts/setup.sh installed it
# into tools/); every broken model the loader rejects fails the schema too, unless its first
# line says the schema cannot express the rule ("# schema: cannot-express (why)").
set -u
nagare=$(realpath "$1")
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
schema=schema/nagare-model.schema.json

"$nagare" schema >"$tmp/schema.json" && ok || fail "nagare schema exits non-zero"
if [ "${NAGARE_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/schema.json" "$schema"; fi
diff -u "$schema" "$tmp/schema.json" >/dev/null && ok ||
  fail "$schema is stale: run nagare schema -o $schema (or NAGARE_UPDATE_GOLDEN=1)"

python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" tests/schema/validate_models.py "$schema" expect-valid models/*.toml models/audit/*.toml \
  >"$tmp/out" && ok || { fail "bundled models against the schema"; cat "$tmp/out"; }
"$nagare" init >"$tmp/starter.toml" && ok || fail "nagare init"
"$python" tests/schema/validate_models.py "$schema" expect-valid "$tmp/starter.toml" >"$tmp/out" &&
  ok || { fail "starter model against the schema"; cat "$tmp/out"; }

rejects=()
for model in tests/schema/broken/*.toml; do
  "$nagare" check "$model" >/dev/null 2>"$tmp/err"
  [ $? = 2 ] && ok || fail "$model: the loader accepts it"
  [ "$(wc -l <"$tmp/err")" -ge 1 ] && grep -q "^$model:[0-9]*:[0-9]*: error: " "$tmp/err" && ok ||
    fail "$model: no file:line:column message"
  head -1 "$model" | grep -q '^# schema: rejects' && rejects+=("$model")
  head -1 "$model" | grep -qE '^# schema: (rejects|cannot-express)' && ok ||
    fail "$model: first line must say '# schema: rejects' or '# schema: cannot-express (why)'"
done
"$python" tests/schema/validate_models.py "$schema" expect-invalid "${rejects[@]}" >"$tmp/out" &&
  ok || { fail "broken models the schema should reject"; cat "$tmp/out"; }

taplo=tools/node_modules/.bin/taplo
if [ -x "$taplo" ] && command -v node >/dev/null; then
  "$taplo" lint --schema "file://$PWD/$schema" models/*.toml >"$tmp/out" 2>&1 && ok ||
    { fail "taplo: bundled models"; tail -5 "$tmp/out"; }
  # One run for all (Taplo starts slowly); each file must be named as invalid.
  "$taplo" lint --colors never --schema "file://$PWD/$schema" "${rejects[@]}" >"$tmp/taplo" 2>&1
  for model in "${rejects[@]}"; do
    grep -q "invalid file .*path=\"$PWD/$model\"" "$tmp/taplo" && ok || fail "taplo accepts $model"
  done
  # The one line a model needs for editors: Taplo reads it without --schema.
  { echo "#:schema ./$schema"; cat tests/schema/broken/bad-node-kind.toml; } >directive-test.$$.toml
  "$taplo" lint directive-test.$$.toml >/dev/null 2>&1 && fail "taplo ignores #:schema" || ok
  rm -f directive-test.$$.toml
else
  echo "note: Taplo not installed (bash scripts/setup.sh installs it into tools/); skipped"
fi
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
