#!/usr/bin/env bash
# `nagare import` and `nagare export --format otm` through the real binary: the samples
# import into models that load, check and render; malformed files give exit 2 and one
# file:line:column line; exported OTM validates against the OTM 0.2.0 schema in tests/data
# (with every reference resolving) and imports back.
set -u
nagare=$(realpath "$1")
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

for sample in tests/interop/sample.otm.json tests/interop/sample.otm.yaml \
  tests/interop/sample.threat-dragon.json tests/interop/sample.threat-dragon-v1.json; do
  name=$(basename "$sample")
  "$nagare" import "$sample" -o "$tmp/$name.toml" 2>"$tmp/notes"
  [ $? = 0 ] && ok || { fail "import $sample"; cat "$tmp/notes"; continue; }
  grep -q "^$sample: 注意: " "$tmp/notes" && ok || fail "$sample: unmapped notes on stderr"
  grep -q '^# 対応づけられなかったもの' "$tmp/$name.toml" && ok || fail "$sample: notes in the model"
  "$nagare" check "$tmp/$name.toml" >/dev/null 2>"$tmp/err"
  code=$?
  [ "$code" = 0 ] || [ "$code" = 1 ] && ok || { fail "$sample: imported model does not check"; cat "$tmp/err"; }
  "$nagare" render "$tmp/$name.toml" -o "$tmp/$name.svg" 2>"$tmp/err" && grep -q '<svg' "$tmp/$name.svg" &&
    ok || { fail "$sample: imported model does not render"; cat "$tmp/err"; }
done
"$nagare" import --lang en tests/interop/sample.threat-dragon.json -o "$tmp/en.toml" 2>"$tmp/notes"
grep -q ': note: ' "$tmp/notes" && ok || fail "--lang en notes"

for broken in tests/interop/malformed/*; do
  "$nagare" import "$broken" >"$tmp/out" 2>"$tmp/err"
  [ $? = 2 ] && ok || fail "$broken: exit code"
  [ "$(wc -l <"$tmp/err")" = 1 ] && grep -qE "^$broken:[0-9]+:[0-9]+: error: " "$tmp/err" && ok ||
    { fail "$broken: not one file:line:column line"; cat "$tmp/err"; }
  [ -s "$tmp/out" ] && fail "$broken: wrote output" || ok
done
grep -q 'trailing-comma.otm.json:3:' <("$nagare" import tests/interop/malformed/trailing-comma.otm.json 2>&1) &&
  ok || fail "JSON error line"
"$nagare" import /nonexistent.json 2>"$tmp/err"
[ $? = 2 ] && grep -q '^/nonexistent.json: error: ' "$tmp/err" && ok || fail "missing file"

for model in models/*.toml; do
  name=$(basename "$model" .toml)
  "$nagare" export --format otm "$model" -o "$tmp/$name.otm.json" && ok || fail "export $model"
  "$nagare" import "$tmp/$name.otm.json" -o "$tmp/$name.back.toml" 2>"$tmp/notes" && ok ||
    fail "import the export of $model"
  [ -s "$tmp/notes" ] && fail "$model: round trip leaves unmapped notes" || ok
  for table in orgs nodes flows; do
    [ "$(grep -c "^\[\[$table\]\]" "$model")" = "$(grep -c "^\[\[$table\]\]" "$tmp/$name.back.toml")" ] &&
      ok || fail "$model: round trip changes the number of $table"
  done
done
python=/usr/bin/python3
[ -x "$python" ] || python=python3
schema=tests/data/otm-0.2.0.schema.json
"$python" tests/e2e/otm_check.py "$schema" "$tmp"/*.otm.json tests/interop/sample.otm.json \
  >"$tmp/out" && ok || { fail "OTM against $schema"; cat "$tmp/out"; }
# The schema is only worth its pass if it rejects what the specification forbids.
"$python" tests/e2e/otm_check.py --must-reject "$schema" "$tmp/shinjuku-dv-hotline.otm.json" \
  >"$tmp/out" && ok || { fail "$schema accepts broken OTM"; cat "$tmp/out"; }
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
