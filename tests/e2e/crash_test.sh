#!/usr/bin/env bash
# No input that crashes (docs/hardening.md): deep nesting and alias bombs in imports, trace
# and reach on a long chain of flows, and signals in the middle of writing an output.
# usage: crash_test.sh NAGARE GENERATOR   (run from the source tree)
set -u
nagare=$1
generate=$2
. "$(dirname "$0")/assert.sh"
one_line() {  # one_line NAME: stderr is a single line
  if [ "$(wc -l <"$tmp/err")" = 1 ]; then passed=$((passed + 1)); else
    echo "FAIL $1: $(wc -l <"$tmp/err") lines on stderr"; failures=$((failures + 1)); fi
}
at_most() {  # at_most NAME FILE BYTES
  local size
  size=$(wc -c <"$2")
  if [ "$size" -le "$3" ]; then passed=$((passed + 1)); else
    echo "FAIL $1: $size bytes, at most $3 wanted"; failures=$((failures + 1)); fi
}
nested() {  # nested OPEN CLOSE DEPTH: OPEN repeated DEPTH times, then CLOSE as often
  python3 -c 'import sys; o, c, d = sys.argv[1], sys.argv[2], int(sys.argv[3]); print(o * d + c * d, end="")' "$@"
}

# ---- imports nested deeper than 128 levels: one located line, exit 2 ---------------------
{ printf '{"otmVersion": "0.2.0", "project": {"name": "p", "id": "p",\n"attributes": {"x": '
  nested '[' ']' 50000; printf '}}}\n'; } >"$tmp/deep.json"
expect "JSON nested 50,000 deep" 2 timeout 60 "$nagare" import "$tmp/deep.json" -o "$tmp/deep.toml"
# Three objects, then the 126th bracket opens level 129.
contains "deep JSON is located" "$tmp/err" "deep.json:2:146: error: 入れ子が深すぎます (上限 128 段"
one_line "deep JSON"
# nagare's own attributes hold JSON as text; nested deep there, the attribute is left out.
{ printf '{"otmVersion": "0.2.0", "project": {"name": "p", "id": "p",\n"attributes": {"nagare-paper": "{\\"title\\": '
  nested '[' ']' 50000; printf '}"}}}\n'; } >"$tmp/deep-text.json"
expect "JSON text nested 50,000 deep in an attribute" 0 timeout 60 "$nagare" import \
  "$tmp/deep-text.json" -o "$tmp/deep.toml"
{ printf 'otmVersion: 0.2.0\nproject: {name: p, id: p}\nx: '; nested '[' ']' 1000; echo; } \
  >"$tmp/deep.yaml"
expect "YAML nested 1,000 deep --lang en" 2 timeout 60 "$nagare" import --lang en "$tmp/deep.yaml" \
  -o "$tmp/deep.toml"
# At the bracket that opens level 129 (yaml-cpp's own marks point past the brackets).
contains "deep YAML is located" "$tmp/err" "deep.yaml:3:132: error: nested deeper than 128 levels"
one_line "deep YAML"
{ printf 'otmVersion: 0.2.0\nx: '; nested '[' ']' 50000; echo; } >"$tmp/deeper.yaml"
expect "YAML nested 50,000 deep (past yaml-cpp's own bound)" 2 timeout 60 "$nagare" import \
  "$tmp/deeper.yaml" -o "$tmp/deep.toml"
contains "deeper YAML message" "$tmp/err" "deeper.yaml:2:132: error: 入れ子が深すぎます"
one_line "deeper YAML"

# ---- a YAML alias bomb: 460 bytes that expand to 9^9 values ------------------------------
{
  echo 'otmVersion: 0.2.0'
  echo 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
  for i in 1 2 3 4 5 6 7 8 9; do
    printf 'a%d: &a%d [' "$i" "$i"
    for j in 1 2 3 4 5 6 7 8; do printf '*a%d, ' $((i - 1)); done
    printf '*a%d]\n' $((i - 1))
  done
} >"$tmp/bomb.yaml"
expect "YAML alias bomb" 2 timeout 60 "$nagare" import "$tmp/bomb.yaml" -o "$tmp/bomb.toml"
contains "alias bomb message" "$tmp/err" "bomb.yaml:"
contains "alias bomb says why" "$tmp/err" "エイリアスを展開すると値が多すぎます (上限はファイルのバイト数、少なくとも 100000 個)"
one_line "alias bomb"
[ ! -e "$tmp/bomb.toml" ] && passed=$((passed + 1)) || { echo "FAIL the bomb wrote a model"; failures=$((failures + 1)); }

# ---- trace and reach on a chain of 10,000 flows: output linear, bounded ------------------
# Every node's path is as long as the chain: whole, they were 1.8 GB of text. Now 1,000
# nodes are listed per item set with the last 16 steps of each path.
{
  printf '[paper]\ntitle = "長い連鎖"\n\n[[items]]\nid = "form"\nname = "申請書"\nclass = "personal"\n'
  printf '\n[[orgs]]\nid = "ward"\nname = "区"\nrole = "ward"\n'
  for i in $(seq 0 10000); do
    printf '\n[[nodes]]\nid = "n%d"\nname = "端末%d"\nkind = "terminal"\norg = "ward"\n' "$i" "$i"
  done
  printf '\n[[flows]]\nid = "f1"\nfrom = "n0"\nto = "n1"\nitems = ["form"]\n'
  for i in $(seq 2 10000); do
    printf '\n[[flows]]\nid = "f%d"\nfrom = "n%d"\nto = "n%d"\n' "$i" $((i - 1)) "$i"
  done
} >"$tmp/chain.toml"
expect "trace of a 10,000-flow chain" 0 timeout 120 "$nagare" trace "$tmp/chain.toml" -o "$tmp/trace.txt"
at_most "trace text of the chain" "$tmp/trace.txt" 1000000
contains "trace says how many nodes are left out" "$tmp/trace.txt" "…ほか 9000 ノードは省略（一覧は 1000 ノードまで）"
contains "a long path says how many steps are left out" "$tmp/trace.txt" "（前の 984 段階は省略）… 端末984 →f985→ 端末985"
expect "trace JSON of the chain" 0 timeout 120 "$nagare" trace --format json "$tmp/chain.toml" \
  -o "$tmp/trace.json"
at_most "trace JSON of the chain" "$tmp/trace.json" 4000000
python3 - "$tmp/trace.json" <<'PY' && passed=$((passed + 1)) || { echo "FAIL trace JSON counts"; failures=$((failures + 1)); }
import json, sys
item = json.load(open(sys.argv[1], encoding="utf-8"))["items"][0]
assert len(item["reaches"]) == 1000 and item["reaches_left_out"] == 9000, len(item["reaches"])
last = item["reaches"][-1]
assert last["node"] == "n1000" and len(last["path"]) == 16 and last["path_steps_left_out"] == 984, last
PY
expect "reach of a 10,000-flow chain" 0 timeout 120 "$nagare" reach "$tmp/chain.toml" --to ward \
  --lang en -o "$tmp/reach.txt"
at_most "reach text of the chain" "$tmp/reach.txt" 1000000
contains "reach says how many nodes are left out" "$tmp/reach.txt" "… and 9000 more nodes, left out (at most 1000 are listed)"
contains "reach names the entry flow" "$tmp/reach.txt" "enters by flow f1"

# ---- signals in the middle of a write: no temporary left, the documented exit ------------
# The findings of 10,000 flows as JSON (9 MB): long enough to write that the process can be
# stopped while its temporary file exists, then sent the real signal.
"$generate" --flows 10000 --seed 1 -o "$tmp/big.toml"
mkdir -p "$tmp/write"
interrupted() {  # interrupted SIGNAL WANTED_EXIT
  local signal=$1 want=$2 attempt pid status caught=0
  for attempt in 1 2 3 4 5 6; do
    rm -f "$tmp/write/findings.json" "$tmp/write"/.findings.json.*
    # A script's background job starts with SIGINT ignored, which nagare leaves so: undone.
    env --default-signal=INT "$nagare" check --format json "$tmp/big.toml" \
      -o "$tmp/write/findings.json" 2>"$tmp/err" &
    pid=$!
    # Stopped as soon as the temporary appears: between its creation and the rename.
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$tmp/write/.findings.json.*" >/dev/null; do :; done
    kill -STOP "$pid" 2>/dev/null
    if compgen -G "$tmp/write/.findings.json.*" >/dev/null && [ ! -e "$tmp/write/findings.json" ]; then
      caught=1
      kill "-$signal" "$pid"
    fi
    kill -CONT "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=$?
    [ "$caught" = 1 ] && break
  done
  if [ "$caught" != 1 ]; then
    echo "FAIL $signal: the write was never caught half-way"; failures=$((failures + 1)); return
  fi
  if [ "$status" = "$want" ]; then passed=$((passed + 1)); else
    echo "FAIL $signal mid-write: exit $status, wanted $want"; failures=$((failures + 1)); fi
  if compgen -G "$tmp/write/.findings.json.*" >/dev/null; then
    echo "FAIL $signal mid-write left a temporary file"; failures=$((failures + 1))
  else passed=$((passed + 1)); fi
  [ ! -e "$tmp/write/findings.json" ] && passed=$((passed + 1)) ||
    { echo "FAIL $signal mid-write left the output"; failures=$((failures + 1)); }
}
interrupted TERM 143
interrupted INT 130
interrupted HUP 129
# The file size limit (as a full disk would): SIGXFSZ is not ignored by the caller here;
# nagare turns it into a write error, one line, exit 2, and removes its temporary.
expect "a write past the file size limit" 2 bash -c \
  "ulimit -f 16; exec \"\$0\" check --format json \"\$1\" -o \"\$2\"" \
  "$nagare" "$tmp/big.toml" "$tmp/write/findings.json"
contains "file size limit reason" "$tmp/err" "findings.json: 書き込めません: File too large"
one_line "file size limit"
if compgen -G "$tmp/write/.findings.json.*" >/dev/null; then
  echo "FAIL the file size limit left a temporary file"; failures=$((failures + 1))
else passed=$((passed + 1)); fi

finish crash
