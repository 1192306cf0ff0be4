#!/usr/bin/env bash
# End-to-end tests of trace, reach, diff and audit: exit codes, messages, determinism.
set -u
nagare=$1
source "$(dirname "$0")/assert.sh"

tablet=models/shinjuku-child-consultation-tablet.toml
payment=models/edogawa-convenience-payment.toml
dir=models/audit

# trace
expect "trace" 0 "$nagare" trace "$tablet"
contains "trace reaches the ward system" "$tmp/out" "子ども家庭相談管理システム（子ども家庭支援課）"
contains "trace says the tablet keeps nothing" "$tmp/out" "タブレット端末（子ども家庭支援課） ※保存しない（通過のみ）"
contains "trace shows the path" "$tmp/out" "対象者 →②面接を行う→ タブレット端末 →②相談記録を作成→ 伴走型児童相談支援システム（Google Cloud）"
expect "trace by field, English" 0 "$nagare" trace "$payment" --item 氏名 --lang en
contains "the set with 氏名" "$tmp/out" "notice-receipt (personal)"
lacks "only that set" "$tmp/out" "payment-data"
expect "trace limited to an org" 0 "$nagare" trace "$payment" --item 氏名 --org agent
contains "no name reaches the agent" "$tmp/out" "どのノードにも届きません"
expect "trace json" 0 "$nagare" trace --format json "$tablet"
contains "json path" "$tmp/out" '"flow": "usb-transfer"'
"$nagare" trace --format json "$payment" >"$tmp/a.json"
"$nagare" trace --format json "$payment" >"$tmp/b.json"
if cmp -s "$tmp/a.json" "$tmp/b.json"; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL trace json nondeterministic"; fi
expect "unknown item" 2 "$nagare" trace "$payment" --item 電話番号
contains "unknown item message" "$tmp/err" "$payment: error: 項目「電話番号」はモデルにありません"
expect "unknown org" 2 "$nagare" trace "$payment" --org police

# trace --render: the whole figure with one item's reach highlighted
highlight='stroke="#1565c0"'
expect "trace --render svg" 0 "$nagare" trace "$tablet" --item subject-info --render -o "$tmp/trace.svg"
if python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/trace.svg" 2>"$tmp/xml-err"; then
  passed=$((passed + 1)); else echo "FAIL trace --render svg is not well-formed XML"; cat "$tmp/xml-err"; failures=$((failures + 1)); fi
contains "highlighted flows and nodes" "$tmp/trace.svg" "$highlight"
contains "the rest is grey" "$tmp/trace.svg" 'stroke="#cfd8dc"'
contains "legend names the item" "$tmp/trace.svg" "強調: 項目「対象者情報（相談者、児童、親族及び特定妊婦）」の届くノードと運ぶ流れ"
lacks "no findings red" "$tmp/trace.svg" '#c62828'
"$nagare" trace "$tablet" --item subject-info --render -o "$tmp/trace2.svg"
if cmp -s "$tmp/trace.svg" "$tmp/trace2.svg"; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL trace --render nondeterministic"; fi
expect "trace --render dot by field, English" 0 "$nagare" trace "$payment" --item 氏名 --render --lang en -o "$tmp/trace.dot"
contains "dot legend in English" "$tmp/trace.dot" 'Highlighted: item sets listing 氏名 (notice-receipt), the nodes they reach'
contains "dot highlight" "$tmp/trace.dot" 'color="#1565c0", penwidth=3'
expect "trace --render pdf" 0 "$nagare" trace "$tablet" --item subject-info --render --paper a3 -o "$tmp/trace.pdf"
if head -c 5 "$tmp/trace.pdf" | grep -q '%PDF-'; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL trace --render pdf"; fi
expect "trace --render to stdout" 0 "$nagare" trace "$tablet" --item subject-info --render
contains "stdout is svg" "$tmp/out" "</svg>"
expect "trace --render without --item" 2 "$nagare" trace "$tablet" --render -o "$tmp/none.svg"
contains "one-line reason" "$tmp/err" "nagare: trace: --render は 1 つの項目の行き先を描きます。--item を 1 つだけ指定してください"
if [ "$(wc -l <"$tmp/err")" = 1 ]; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL misuse error is not one line"; fi
expect "trace --render with two --item" 2 "$nagare" trace "$tablet" --item subject-info --item 氏名 --render -o "$tmp/none.svg"
contains "two items refused" "$tmp/err" "--item を 1 つだけ指定してください"
expect "trace --render with --org" 2 "$nagare" trace "$tablet" --item subject-info --org ward --render -o "$tmp/none.svg"
expect "trace --render with --format" 2 "$nagare" trace "$tablet" --item subject-info --format json --render -o "$tmp/none.svg"
expect "trace --render to an unknown format" 2 "$nagare" trace "$tablet" --item subject-info --render -o "$tmp/none.bmp"
expect "trace --render of an unknown item" 2 "$nagare" trace "$tablet" --item 電話番号 --render -o "$tmp/none.svg"
expect "figure options need --render" 2 "$nagare" trace "$tablet" --item subject-info --font Sans
if ls "$tmp"/none.* >/dev/null 2>&1; then failures=$((failures + 1)); echo "FAIL refused --render left a file"; else passed=$((passed + 1)); fi

# reach
expect "reach" 0 "$nagare" reach "$payment" --to 収納代行事業者
contains "agent obtains barcode data" "$tmp/out" "収納データ（速報データ・確報データ）［payment-data"
contains "entry flow" "$tmp/out" "入る流れ:"
contains "agent never gets the notice" "$tmp/out" "得られない項目: 納入通知書兼領収証書"
expect "reach json" 0 "$nagare" reach --format json "$payment" --to agent
contains "reach json entry flow" "$tmp/out" '"entry_flow"'
expect "reach needs --to" 2 "$nagare" reach "$payment"

# diff
expect "diff of a model with itself" 0 "$nagare" diff "$payment" "$payment"
contains "nothing differs" "$tmp/out" "差異: 0 件"
expect "diff declared vs actual" 1 "$nagare" diff "$dir/declared-convenience-payment.toml" "$dir/actual-convenience-payment.toml"
contains "new subcontractor" "$tmp/out" "org-added: 宣言にない組織「データ照合業者（再委託先）」"
contains "undeclared flow" "$tmp/out" "flow-added: 宣言にない流れ「⑫照合のため収納データをメールで送付」"
contains "ledger lost" "$tmp/out" "measure-lost: 流れ「⑪障害時は電子媒体で受渡し」の対策がなくなりました"
contains "paired by label" "$tmp/out" "flow import = import-csv（ラベルと両端で対応）"
expect "diff json" 1 "$nagare" diff --format json --lang en "$dir/declared-convenience-payment.toml" "$dir/actual-convenience-payment.toml"
contains "diff json material" "$tmp/out" '"material": true'
# a flow that keeps its id but runs to another node
awk '/^id = "hq-to-agent"/ { inflow = 1 } inflow && /^to = "agent-system"/ { print "to = \"app-system\""; inflow = 0; next } { print }' \
  "$dir/declared-convenience-payment.toml" >"$tmp/rerouted.toml"
expect "diff of a rerouted flow" 1 "$nagare" diff "$dir/declared-convenience-payment.toml" "$tmp/rerouted.toml"
contains "rerouted flow" "$tmp/out" "flow-rerouted: 流れ「⑥"
contains "old and new ends" "$tmp/out" "の経路が変わりました: 宣言（"
expect "diff of a rerouted flow, json" 1 "$nagare" diff --format json "$dir/declared-convenience-payment.toml" "$tmp/rerouted.toml"
contains "rerouted json kind" "$tmp/out" '"kind": "flow-rerouted"'
contains "rerouted json ends" "$tmp/out" '"app-system"'
# a flow that keeps its ends but passes another line (the app operator's instead of the HQ's)
sed 's/^via = \["hq-agent-line"\]/via = ["app-agent-line"]/' \
  "$dir/declared-convenience-payment.toml" >"$tmp/other-line.toml"
expect "diff of a flow through another line" 1 "$nagare" diff "$dir/declared-convenience-payment.toml" "$tmp/other-line.toml"
contains "channel changed" "$tmp/out" "flow-channel-changed: 流れ「⑥"
contains "channel changed names the lines" "$tmp/out" "の通る回線・媒体が変わりました: 宣言【"
lacks "same ends are not a reroute" "$tmp/out" "flow-rerouted"
expect "diff of a broken model" 2 "$nagare" diff "$payment" tests/broken/self-flow.toml
contains "broken model position" "$tmp/err" "tests/broken/self-flow.toml:9:1: error:"

# audit
ledger=$dir/ledger-convenience-payment.csv
expect "audit" 1 "$nagare" audit "$dir/declared-convenience-payment.toml" "$ledger" --from 2025-04-01 --to 2026-03-31
contains "excess items" "$tmp/out" "ledger-convenience-payment.csv:3: excess-items:"
contains "unknown party" "$tmp/out" "ledger-convenience-payment.csv:4: undeclared-transfer:"
contains "no such flow" "$tmp/out" "ledger-convenience-payment.csv:5: undeclared-transfer:"
contains "bad date skipped" "$tmp/out" "ledger-convenience-payment.csv:6: skipped-row: 日付「2025-13-01」を読めません"
contains "row after a quoted line break keeps its number" "$tmp/out" "ledger-convenience-payment.csv:10: skipped-row:"
contains "missing hand-over" "$tmp/out" "missing-handover: 紙・媒体による受渡し「⑤納付書兼納入済通知書を本部へ送付」"
contains "period" "$tmp/out" "期間外 1 件"
expect "audit json" 1 "$nagare" audit --format json "$dir/declared-convenience-payment.toml" "$ledger"
contains "audit json summary" "$tmp/out" '"discrepancies"'
printf 'date,from,items\n' >"$tmp/bad.csv"
expect "ledger without a required column" 2 "$nagare" audit "$payment" "$tmp/bad.csv"
contains "ledger error is file:line" "$tmp/err" "$tmp/bad.csv:1: error: 必須の列「送付先」がありません"
expect "missing ledger" 2 "$nagare" audit "$payment" "$tmp/none.csv"
expect "bad --from" 2 "$nagare" audit "$payment" "$ledger" --from 2025-02-30
printf 'date,from,to,items,medium\n2025-05-01,agent-system,enjo-terminal,payment-data,DVD\n2025-05-01,cvs-store,cvs-hq,payment-slip,paper\n' >"$tmp/clean.csv"
expect "clean ledger" 0 "$nagare" audit "$payment" "$tmp/clean.csv" --from 2025-05-01 --to 2025-05-01 --lang en
contains "english summary" "$tmp/out" "2 entries audited"
contains "nothing missing" "$tmp/out" "0 discrepancies, 0 rows skipped"

finish audit
