#!/usr/bin/env bash
# `nagare check --format sarif`: every bundled model's SARIF validates against the official
# SARIF 2.1.0 schema (from the npm package @microsoft/jest-sarif that scripts/setup.sh
# installs into tools/) and against tests/data/sarif-2.1.0-subset.schema.json; a result
# appears and disappears with a model's measure; an acceptance becomes a suppression.
set -u
nagare=$(realpath "$1")
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
python=/usr/bin/python3
[ -x "$python" ] || python=python3
official=tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
schemas=(tests/data/sarif-2.1.0-subset.schema.json)
if [ -f "$official" ]; then schemas+=("$official"); else
  echo "note: official SARIF schema not installed (bash scripts/setup.sh); subset only"; fi

logs=()
for model in models/*.toml; do
  name=$(basename "$model" .toml)
  "$nagare" check --format sarif "$model" >"$tmp/$name.sarif"
  got=$?
  "$nagare" check "$model" >/dev/null
  [ "$got" = $? ] && ok || fail "$model: sarif exit code differs from text"
  logs+=("$tmp/$name.sarif")
done
"$nagare" check --format sarif --lang en models/shinjuku-dv-hotline.toml >"$tmp/english.sarif"
logs+=("$tmp/english.sarif")
for schema in "${schemas[@]}"; do
  "$python" tests/e2e/sarif_check.py "$schema" "${logs[@]}" >"$tmp/out" && ok ||
    { fail "SARIF against $schema"; cat "$tmp/out"; }
done
grep -q '"uri": "models/shinjuku-dv-hotline.toml"' "$tmp/shinjuku-dv-hotline.sarif" && ok ||
  fail "artifact uri relative to the working directory"
grep -q '"text": "A party without ISMS' "$tmp/english.sarif" && ok || fail "--lang en rule text"

# A result appears and disappears with the measure that covers it.
cat >"$tmp/model.toml" <<'MODEL'
[paper]
title = "SARIF のテスト"

[[items]]
id = "info"
name = "申請者情報"
class = "personal"

[[orgs]]
id = "ward"
name = "〇〇区"
role = "ward"

[[nodes]]
id = "staff"
name = "担当職員"
kind = "person"
org = "ward"

[[nodes]]
id = "pc"
name = "受付システム"
kind = "system"
org = "ward"
measures = ["access-control"]

[[nodes]]
id = "mail"
name = "電子メール"
kind = "network"
network = "internet"

[[flows]]
id = "register"
from = "staff"
to = "pc"
via = ["mail"]
items = ["info"]
MODEL
fingerprint='"nagareFindingId/v1": "internet-defense@flow.register"'
(cd "$tmp" && "$nagare" check --format sarif model.toml >before.sarif)
[ $? = 1 ] && ok || fail "uncovered flow: exit 1"
grep -qF "$fingerprint" "$tmp/before.sarif" && ok || fail "result missing before the measure"
grep -q '"startLine": 33' "$tmp/before.sarif" && ok || fail "region.startLine of the flow"
sed -i 's/^measures = \["access-control"\]/measures = ["access-control", "attack-defense"]/' \
  "$tmp/model.toml"
(cd "$tmp" && "$nagare" check --format sarif model.toml >after.sarif)
[ $? = 0 ] && ok || fail "covered flow: exit 0"
grep -qF "$fingerprint" "$tmp/after.sarif" && fail "result still there after the measure" || ok
sed -i 's/, "attack-defense"\]/]/' "$tmp/model.toml"
printf '\n[[accept]]\nfinding = "internet-defense@flow.register"\njustification = "受付側で防御する"\nby = "情報政策課"\n' \
  >>"$tmp/model.toml"
(cd "$tmp" && "$nagare" check --format sarif model.toml >accepted.sarif)
grep -qF '"justification": "受付側で防御する"' "$tmp/accepted.sarif" && ok ||
  fail "accepted finding as a suppression"
grep -qF '"kind": "inSource"' "$tmp/accepted.sarif" && ok || fail "suppression kind"
"$python" tests/e2e/sarif_check.py "${schemas[-1]}" "$tmp/before.sarif" "$tmp/after.sarif" \
  "$tmp/accepted.sarif" >"$tmp/out" && ok || { fail "changed models' SARIF"; cat "$tmp/out"; }
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
