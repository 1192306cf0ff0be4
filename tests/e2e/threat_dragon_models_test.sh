#!/usr/bin/env bash
# The Threat Dragon models that OWASP publishes in the npm package owasp-threat-dragon-core
# (unpacked into tools/ by scripts/setup.sh): each imports, and the model written loads,
# checks and renders; every actor, process and store becomes a node and every flow connected
# at both ends a flow. Without tools/ the test is skipped (77), except under CI, where
# setup.sh has run and a missing package is a failure. Usage: threat_dragon_models_test.sh NAGARE
set -u
nagare=$(realpath "$1")
package=tools/owasp-threat-dragon-core-1.4.0
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
python=/usr/bin/python3
[ -x "$python" ] || python=python3

if [ ! -f "$package/package.json" ]; then
  if [ -n "${CI:-}" ]; then
    echo "FAIL $package missing: scripts/setup.sh should have unpacked it"
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "skipped: $package not unpacked (bash scripts/setup.sh)"
  exit 77
fi
models=("$package"/utils/threat-mvp/td_json/*.json "$package"/test/spec/threatmodels/test-model.json)
[ "${#models[@]}" -ge 6 ] && ok || fail "expected at least 6 models in $package, found ${#models[@]}"

# What the importer must find: elements by kind and the flows whose ends are both elements.
expected() {
  "$python" - "$1" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
nodes, flows = set(), []
for diagram in document["detail"]["diagrams"]:
    graph = diagram.get("diagramJson", diagram)
    for cell in graph.get("cells", []):
        kind = cell.get("type") or cell.get("data", {}).get("type")
        if kind in ("tm.Actor", "tm.Process", "tm.Store"):
            nodes.add(cell["id"])
        elif kind == "tm.Flow":
            flows.append(cell)
ends = lambda end: end.get("id") or end.get("cell")
connected = [f for f in flows if ends(f.get("source", {})) in nodes and
             ends(f.get("target", {})) in nodes and ends(f["source"]) != ends(f["target"])]
print(len(nodes), len(connected))
PY
}

for model in "${models[@]}"; do
  name=$(basename "$model" .json)
  "$nagare" import "$model" -o "$tmp/$name.toml" 2>"$tmp/notes"
  [ $? = 0 ] && ok || { fail "import $model"; head -5 "$tmp/notes"; continue; }
  read -r want_nodes want_flows <<<"$(expected "$model")"
  # Network nodes are added for protocols; count the element kinds only.
  got_nodes=$(grep -cE '^kind = "(person|system|datastore)"' "$tmp/$name.toml")
  got_flows=$(grep -c '^\[\[flows\]\]' "$tmp/$name.toml")
  [ "$got_nodes" = "$want_nodes" ] && ok || fail "$model: $got_nodes nodes, expected $want_nodes"
  [ "$got_flows" = "$want_flows" ] && ok || fail "$model: $got_flows flows, expected $want_flows"
  "$nagare" check "$tmp/$name.toml" >/dev/null 2>"$tmp/err"
  code=$?
  [ "$code" = 0 ] || [ "$code" = 1 ] && ok || { fail "$model: imported model does not check ($code)"; head -5 "$tmp/err"; }
  "$nagare" render "$tmp/$name.toml" -o "$tmp/$name.svg" 2>"$tmp/err" && grep -q '<svg' "$tmp/$name.svg" &&
    ok || { fail "$model: imported model does not render"; head -5 "$tmp/err"; }
  "$nagare" export --format otm "$tmp/$name.toml" -o "$tmp/$name.otm.json" && ok ||
    fail "$model: export of the imported model"
done
"$python" tests/e2e/otm_check.py tests/data/otm-0.2.0.schema.json "$tmp"/*.otm.json >"$tmp/out" && ok ||
  { fail "OTM of the imported models"; cat "$tmp/out"; }
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
