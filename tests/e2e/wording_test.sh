#!/usr/bin/env bash
# Any municipality's wording: the shipped checklist text follows the paper's body and name,
# a wording file (--wording) replaces it, and every input problem, in model, policy and
# wording file alike, is one located line in the language asked for.
set -u
nagare=$1
source "$(dirname "$0")/assert.sh"
wording=docs/wording-example.toml

# The tablet paper as a city's: same flows and measures, another body.
sed -e 's/^municipality = "新宿区"/municipality = "〇〇市"/' -e 's/^body = "区"/body = "市"/' \
  models/shinjuku-child-consultation-tablet.toml >"$tmp/city.toml"
contains "the copy is a city's" "$tmp/city.toml" 'body = "市"'

expect "city checklist" 0 "$nagare" checklist "$tmp/city.toml"
lacks "no ward named in a city's checklist" "$tmp/out" "新宿区"
lacks "no 区 policy in a city's checklist" "$tmp/out" "区情報セキュリティポリシー"
contains "the city's own policy named" "$tmp/out" "〇〇市情報セキュリティポリシーを遵守"
contains "the city's own systems" "$tmp/out" "市のシステム機器設置場所"
lacks "no placeholder left" "$tmp/out" "{"

expect "city checklist as CSV" 0 "$nagare" checklist --format csv "$tmp/city.toml" -o "$tmp/city.csv"
contains "the city's own side in the party column" "$tmp/city.csv" ",市が行う,"
lacks "no ward side in a city's CSV" "$tmp/city.csv" ",区が行う,"
expect "a city's CSV reads back" 0 "$nagare" checklist --compare "$tmp/city.toml" "$tmp/city.csv"
contains "nothing skipped or disagreeing" "$tmp/out" "不一致 0 件、読み飛ばした行 0 件"
expect "city report" 0 "$nagare" report "$tmp/city.toml" -o "$tmp/city-plain.html"
lacks "the report calls the city 市, not 区" "$tmp/city-plain.html" '<div class="why">区</div>'
contains "the report's role names the city" "$tmp/city-plain.html" '<div class="why">市</div>'
expect "ward checklist unchanged" 0 "$nagare" checklist models/shinjuku-child-consultation-tablet.toml
contains "Shinjuku keeps its own wording" "$tmp/out" "新宿区情報セキュリティポリシーを遵守"

expect "checklist with a wording file" 0 "$nagare" checklist --wording "$wording" "$tmp/city.toml"
contains "the file's wording, its name filled in" "$tmp/out" \
  "個人情報の保護に関する法律、〇〇市個人情報保護条例施行規則及び〇〇市情報セキュリティポリシーを遵守するよう指導する。"
contains "the file's body filled in" "$tmp/out" "市の実地調査を受け入れさせ"
lacks "the shipped outsourcing variant is gone with its ward sentence" "$tmp/out" "契約にあたり、「特記事項」を付すとともに、個人情報保護法及び"
contains "a measure the file leaves alone keeps the catalogue's text" "$tmp/out" "不要となった電子データを削除し"

expect "csv checklist with a wording file" 0 "$nagare" checklist --format csv --wording "$wording" "$tmp/city.toml"
contains "csv carries the file's wording" "$tmp/out" "〇〇市個人情報保護条例施行規則"
expect "report with a wording file" 0 "$nagare" report --wording "$wording" "$tmp/city.toml" -o "$tmp/city.html"
contains "the report carries the file's wording" "$tmp/city.html" "〇〇市個人情報保護条例施行規則"
expect "measures with a wording file" 0 "$nagare" measures --wording "$wording"
contains "the short name is the file's" "$tmp/out" "実地調査・報告徴収"
expect "render with a wording file" 0 "$nagare" render --wording "$wording" "$tmp/city.toml" --format dot

# A broken wording file: located lines, exit 2, nothing written.
cat >"$tmp/bad-wording.toml" <<'TOML'
[[measure]]
id = "no-such-measure"
ward = "x"
[[measure]]
id = "comply-law-policy"
wrd = "y"
TOML
expect "broken wording file" 2 "$nagare" checklist --wording "$tmp/bad-wording.toml" "$tmp/city.toml" -o "$tmp/never.md"
contains "unknown measure located" "$tmp/err" "bad-wording.toml:1:1: error: 対策 \"no-such-measure\" は標準の対策にありません"
contains "unknown key located" "$tmp/err" "bad-wording.toml:6:1: error: [[measure]] に不明なキー \"wrd\" があります"
[ ! -e "$tmp/never.md" ] && passed=$((passed + 1)) || { failures=$((failures + 1)); echo "FAIL: output written"; }
expect "broken wording file, English" 2 "$nagare" checklist --lang en --wording "$tmp/bad-wording.toml" "$tmp/city.toml"
contains "unknown measure in English" "$tmp/err" "bad-wording.toml:1:1: error: measure \"no-such-measure\" is not a catalogue measure"
contains "unknown key in English" "$tmp/err" "bad-wording.toml:6:1: error: [[measure]]: unknown key \"wrd\""
expect "missing wording file" 2 "$nagare" checklist --wording "$tmp/none.toml" "$tmp/city.toml"
contains "missing wording file named" "$tmp/err" "none.toml: error: ファイルがありません"
cp "$wording" "$tmp/w.toml"
expect "output over the wording file" 2 "$nagare" checklist --wording "$tmp/w.toml" "$tmp/city.toml" -o "$tmp/w.toml"
cmp -s "$wording" "$tmp/w.toml" && passed=$((passed + 1)) || { failures=$((failures + 1)); echo "FAIL: wording file replaced"; }

# --lang en covers input errors: no Japanese in a message outside what the user wrote.
no_japanese_outside_quotes() {  # NAME: each line of stderr is located and English
  if python3 - "$tmp/err" <<'PY'; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL $1"; sed 's/^/  | /' "$tmp/err" | head -8; fi
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
ok = bool(lines)
for line in lines:
    if not re.match(r"^[^:]+:[0-9]+:[0-9]+: error: ", line):
        ok = False
    outside = re.sub(r'"[^"]*"', "", line.split(": error: ", 1)[-1])
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", outside):
        ok = False
sys.exit(0 if ok else 1)
PY
}
cat >"$tmp/broken.toml" <<'TOML'
[paper]
title = "件名"
wording = "kyoto"
[[nodes]]
id = "pc"
name = "端末"
kind = "pc"
[[flows]]
id = "f"
from = "pc"
to = "サーバ"
measures = ["暗号化"]
TOML
for command in check render checklist report fmt; do
  case $command in
    report) expect "$command: broken model, English" 2 "$nagare" $command --lang en "$tmp/broken.toml" -o "$tmp/r.html" ;;
    fmt) expect "$command: broken model, English" 2 "$nagare" $command --lang en --check "$tmp/broken.toml" ;;
    *) expect "$command: broken model, English" 2 "$nagare" $command --lang en "$tmp/broken.toml" ;;
  esac
  no_japanese_outside_quotes "$command: every problem located and in English"
done
contains "unknown node named" "$tmp/err" "node \"サーバ\" is not defined"
printf '[paper]\ntitle = "件名"、\n' >"$tmp/syntax.toml"
expect "syntax error, English" 2 "$nagare" check --lang en "$tmp/syntax.toml"
no_japanese_outside_quotes "syntax error located and in English"
cat >"$tmp/policy.toml" <<'TOML'
name = "p"
[[rule]]
id = "r"
title = "規則"
severity = "fatal"
scope = "flow"
[rule.require]
all = ["no-such-measure"]
[checks]
no-such-check = "error"
TOML
expect "broken policy, English" 2 "$nagare" check --lang en --policy "$tmp/policy.toml" models/shinjuku-dv-hotline.toml
no_japanese_outside_quotes "policy problems located and in English"
contains "policy measure in English" "$tmp/err" "measure \"no-such-measure\" is not in the catalogue"
contains "policy check in English" "$tmp/err" "there is no built-in check \"no-such-check\""
expect "unwritable output, English" 2 "$nagare" check --lang en models/shinjuku-dv-hotline.toml -o /dev/full
contains "write failure in English" "$tmp/err" "nagare: /dev/full: cannot write: "
expect "unwritable output, Japanese" 2 "$nagare" check models/shinjuku-dv-hotline.toml -o /dev/full
contains "write failure in Japanese" "$tmp/err" "nagare: /dev/full: 書き込めません: "
finish wording_test
