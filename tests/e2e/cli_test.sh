#!/usr/bin/env bash
# End-to-end tests of the nagare command line: exit codes, messages, outputs.
set -u
nagare=$1
source "$(dirname "$0")/assert.sh"

expect "no arguments is a usage error" 2 "$nagare"
expect "unknown option is a usage error" 2 "$nagare" check --frobnicate models/shinjuku-dv-hotline.toml
expect "bad --lang" 2 "$nagare" check --lang fr models/shinjuku-dv-hotline.toml
expect "--version" 0 "$nagare" --version
contains "--version names the tool" "$tmp/out" "nagare "

expect "missing file" 2 "$nagare" check /nonexistent.toml
contains "missing file message" "$tmp/err" "/nonexistent.toml: error: ファイルがありません"
expect "directory of models is checked whole" 1 "$nagare" check models
contains "directory checks every model" "$tmp/out" "models/shinjuku-meeting-transcription.toml"
# The files of a directory are checked in parallel; the findings must still come in file
# order, exactly as when the files are checked one by one.
grep -v '^エラー ' "$tmp/out" >"$tmp/together"
: >"$tmp/one-by-one"
for model in models/*.toml; do
  "$nagare" check "$model" 2>/dev/null | grep -v '^エラー ' >>"$tmp/one-by-one"
done
if cmp -s "$tmp/together" "$tmp/one-by-one"; then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL a directory's findings differ from its files' one by one"; fi

expect "broken models: every problem, one line each" 2 "$nagare" check tests/broken
if diff -u tests/broken/expected.txt "$tmp/err"; then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL broken models: messages differ"; fi

# A ward's findings go to the output file while the rest is checked. A model that does not
# load, after many that do (their findings more than a buffer's worth), still leaves the
# output as it was, no temporary beside it and nothing on standard output.
mkdir "$tmp/streamed"
for i in $(seq -w 1 40); do cp models/edogawa-nursery-contact.toml "$tmp/streamed/a$i.toml"; done
cp tests/broken/unknown-node.toml "$tmp/streamed/z-broken.toml"
echo "before" >"$tmp/streamed-out.json"
expect "a ward with a broken model last" 2 "$nagare" check "$tmp/streamed" --format json \
  -o "$tmp/streamed-out.json"
if [ "$(cat "$tmp/streamed-out.json")" = before ] && [ -z "$(ls -A "$tmp" | grep '^\.streamed')" ]
then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL a ward's broken model: the output file was touched"; fi
expect "a ward with a broken model last, to standard output" 2 "$nagare" check "$tmp/streamed"
if [ ! -s "$tmp/out" ]; then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL a ward's broken model: findings on standard output"; fi
rm "$tmp/streamed/z-broken.toml"
expect "the same ward without it" 0 "$nagare" check "$tmp/streamed" --format json \
  -o "$tmp/streamed-out.json"
contains "its findings written" "$tmp/streamed-out.json" '"findings": ['

expect "english output" 1 "$nagare" check --lang en models/edogawa-single-parent-online.toml
contains "english summary" "$tmp/out" " errors, "
contains "english message" "$tmp/out" "lacks:"

expect "policy listing" 0 "$nagare" policy
contains "policy lists rules in Japanese" "$tmp/out" "他の組織との回線による通信は暗号化する"
contains "policy lists built-in checks" "$tmp/out" "must-not-receive"
expect "measure catalogue" 0 "$nagare" measures
contains "catalogue in Japanese" "$tmp/out" "特定相手以外との通信不可"
expect "measure catalogue in English" 0 "$nagare" measures --lang en
contains "catalogue in English" "$tmp/out" "Encrypted communication"

# A ward's own policy: one rule only, so only its findings appear.
cat >"$tmp/ward-policy.toml" <<'POLICY'
name = "テスト区ポリシー"
[[rule]]
id = "usb-ledger"
title = "USBの受渡しは管理簿に記録する"
severity = "warning"
[rule.when]
transfer = ["media"]
[rule.require]
all = ["handover-ledger"]
POLICY
expect "own policy" 0 "$nagare" check --policy "$tmp/ward-policy.toml" models/shinjuku-child-consultation-tablet.toml
contains "own policy's rule applies" "$tmp/out" "warning[usb-ledger]"
echo 'name = 3' >"$tmp/bad-policy.toml"
expect "broken policy" 2 "$nagare" check --policy "$tmp/bad-policy.toml" models/shinjuku-dv-hotline.toml
contains "broken policy message" "$tmp/err" "bad-policy.toml:1:8: error: ポリシー の name は文字列で書いてください"

# Output files are replaced whole or not at all.
expect "json to a file" 1 "$nagare" check --format json -o "$tmp/findings.json" models/edogawa-single-parent-online.toml
contains "json file written" "$tmp/findings.json" '"summary"'
cp "$tmp/findings.json" "$tmp/before.json"
expect "write to /dev/full fails cleanly" 2 "$nagare" check -o /dev/full models/edogawa-nursery-contact.toml
contains "/dev/full reason" "$tmp/err" "/dev/full"
mkdir "$tmp/dir"
expect "output path that is a directory" 2 "$nagare" check -o "$tmp/dir" models/edogawa-nursery-contact.toml
contains "directory reason" "$tmp/err" "ディレクトリには書き込めません"
expect "output into a missing directory" 2 "$nagare" check -o "$tmp/missing/out.json" models/edogawa-nursery-contact.toml
if cmp -s "$tmp/findings.json" "$tmp/before.json"; then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL previous output changed"; fi
if ls -A "$tmp" | grep -q '^\.findings'; then failures=$((failures + 1)); echo "FAIL temporary file left behind"; else
  passed=$((passed + 1)); fi

# Determinism: the same model gives byte-identical JSON.
"$nagare" check --format json models/shinjuku-dv-hotline.toml >"$tmp/a.json"
"$nagare" check --format json models/shinjuku-dv-hotline.toml >"$tmp/b.json"
if cmp -s "$tmp/a.json" "$tmp/b.json"; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL nondeterministic"; fi

# A long chain is folded into rows joined by connector marks; --rows chooses.
payment=models/edogawa-convenience-payment.toml
expect "render folds a long chain" 0 "$nagare" render "$payment" -o "$tmp/folded.dot"
contains "folded figure has a second row" "$tmp/folded.dot" "subgraph cluster_row1"
contains "folded figure has connector marks" "$tmp/folded.dot" "join0_out [shape=circle"
contains "folded figure explains the marks" "$tmp/folded.dot" "結合子"
expect "render --rows 1" 0 "$nagare" render "$payment" --rows 1 -o "$tmp/one.dot"
lacks "--rows 1 keeps one row" "$tmp/one.dot" "cluster_row"
expect "render --rows 3" 0 "$nagare" render "$payment" --rows 3 -o "$tmp/three.dot"
contains "--rows 3 gives three rows" "$tmp/three.dot" "subgraph cluster_row2"
expect "render --rows 3 pdf" 0 "$nagare" render "$payment" --rows 3 -o "$tmp/three.pdf"
contains "folded pdf" "$tmp/three.pdf" "%PDF-"
expect "render --rows 9 is refused" 2 "$nagare" render "$payment" --rows 9 -o "$tmp/nine.svg"
if [ -e "$tmp/nine.svg" ]; then failures=$((failures + 1)); echo "FAIL --rows 9 wrote a file"; else
  passed=$((passed + 1)); fi
expect "hub figure stays one row" 0 "$nagare" render models/edogawa-nursery-contact.toml -o "$tmp/hub.dot"
lacks "hub figure has no rows" "$tmp/hub.dot" "cluster_row"

finish cli
