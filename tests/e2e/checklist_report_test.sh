#!/usr/bin/env bash
# End-to-end tests of `nagare checklist` (.xlsx, --compare, CSV safety) and `nagare report`
# (escaping, exit codes) that need no browser.
set -u
nagare=$1
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() {  # expect NAME WANTED_EXIT COMMAND... ; output in $tmp/out, $tmp/err
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, wanted $want"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL $name"; failures=$((failures + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qiF -- "$2" "$1"; }
equals() { [ "$1" = "$2" ] || { echo "  got '$1', wanted '$2'"; return 1; }; }

tablet=models/shinjuku-child-consultation-tablet.toml
hotline=models/shinjuku-dv-hotline.toml

# ---- .xlsx: a real workbook, opened with unzip and read as XML ----------------------------
expect "xlsx written" 0 "$nagare" checklist "$tablet" -o "$tmp/tablet.xlsx"
check "xlsx is a zip with a workbook" unzip -tqq "$tmp/tablet.xlsx"
unzip -p "$tmp/tablet.xlsx" xl/workbook.xml >"$tmp/workbook.xml"
check "one sheet per procedure" equals "$(grep -o '<sheet name="[^"]*"' "$tmp/workbook.xml" | tr '\n' ' ')" \
  '<sheet name="3 電算処理" <sheet name="4 外部結合" <sheet name="5 業務委託" '
"$nagare" checklist --format csv "$tablet" -o "$tmp/tablet.csv"
for sheet in 1 2 3; do
  procedure=$(sed -n "${sheet}p" <<<$'電算処理\n外部結合\n業務委託')
  unzip -p "$tmp/tablet.xlsx" "xl/worksheets/sheet$sheet.xml" >"$tmp/sheet.xml"
  lines=$(grep -c "^$procedure," "$tmp/tablet.csv")
  # Title, paper, legend and heading rows, then one row per checklist line.
  check "sheet $sheet has a row per line" equals "$(grep -o '<row ' "$tmp/sheet.xml" | wc -l)" "$((lines + 4))"
  check "sheet $sheet prints on A4" contains "$tmp/sheet.xml" 'paperSize="9"'
  check "sheet $sheet fits the page width" contains "$tmp/sheet.xml" 'fitToHeight="0"'
  width=$(grep -o '<col [^>]*width="[0-9.]*"' "$tmp/sheet.xml" | sed 's/.*width="//; s/"//' |
    awk '{ s += $1 } END { print int(s) }')
  check "sheet $sheet columns fit A4 portrait ($width)" test "$width" -le 100
done
unzip -p "$tmp/tablet.xlsx" xl/sharedStrings.xml >"$tmp/strings.xml"
check "xlsx has the Shinjuku 5 wording" contains "$tmp/strings.xml" "取扱責任者及び取扱者をあらかじめ指定し、区に報告するよう指導する。"
check "xlsx has the ward heading" contains "$tmp/strings.xml" "委託にあたり区が行う情報保護対策"
check "xlsx text wraps" contains <(unzip -p "$tmp/tablet.xlsx" xl/styles.xml) 'wrapText="1"'
expect "xlsx without a checklist form is still a workbook" 0 \
  "$nagare" checklist models/edogawa-evacuation-roster.toml -o "$tmp/roster.xlsx"
check "roster workbook opens" unzip -tqq "$tmp/roster.xlsx"
expect "xlsx to standard output is refused" 2 "$nagare" checklist --format xlsx "$tablet"

# ---- CSV: Excel-ready and safe -------------------------------------------------------------
check "CSV starts with a byte order mark" equals "$(head -c 3 "$tmp/tablet.csv" | od -An -tx1 | tr -d ' ')" efbbbf
check "CSV lines end in CRLF" contains <(head -1 "$tmp/tablet.csv" | od -c) '\r  \n'
"$nagare" checklist --format csv tests/report/hostile.toml -o "$tmp/hostile.csv"
check "formula cell neutralised (=)" contains "$tmp/hostile.csv" "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\""
check "formula cell neutralised (+)" contains "$tmp/hostile.csv" ",'+cmd|' /C calc'!A0,"
check "formula cell neutralised (-)" contains "$tmp/hostile.csv" ",'-2+3,"
expect "own CSV reads back without disagreement" 0 \
  "$nagare" checklist --compare tests/report/hostile.toml "$tmp/hostile.csv"

# ---- --compare: a hand-filled checklist that disagrees in exactly three places -------------
filled=tests/golden/checklist/compare/shinjuku-dv-hotline-filled.csv
expect "compare reports disagreement" 1 "$nagare" checklist --compare "$hotline" "$filled"
check "exactly three disagreements" equals "$(grep -c "^$filled:" "$tmp/out")" 3
check "disagreement 1: － where the model has it" contains "$tmp/out" \
  "$filled:11: 外部結合・区が行う「通信内容の暗号化」(encrypt-transit): チェックリストは－ですが、モデルではこの対策を行います"
check "disagreement 2: ○ where the model says －" contains "$tmp/out" \
  "$filled:44: 業務委託・区が行う「管理簿への記録」(handover-ledger): チェックリストは○ですが、モデルのどの組織・ノード・流れにもこの対策がありません"
check "disagreement 3: ○ where the model says nothing" contains "$tmp/out" \
  "$filled:71: 業務委託・相手方に行わせる「再委託先の監査」(subcontractor-audit): チェックリストは○ですが"
check "summary" contains "$tmp/out" "不一致 3 件、読み飛ばした行 1 件"
check "bad row: its line, skipped" equals "$(cat "$tmp/err")" \
  "$filled:6: warning: この行を読み飛ばします: 実施者「委託先」が分かりません（区が行う／相手方に行わせる）"
expect "compare in English" 1 "$nagare" checklist --compare --lang en "$hotline" "$filled"
check "english summary" contains "$tmp/out" "3 disagreements, 1 rows skipped"
"$nagare" checklist --format csv --lang en "$hotline" -o "$tmp/hotline-en.csv"
expect "English CSV reads back" 0 "$nagare" checklist --compare "$hotline" "$tmp/hotline-en.csv"
printf '\xef\xbb\xbf手続,実施者,区分,対策ID,記入,理由\r\n業務委託,区が行う,運用上の対策,"antivirus,○,,\r\n' >"$tmp/open-quote.csv"
expect "open quote is an input error" 2 "$nagare" checklist --compare "$hotline" "$tmp/open-quote.csv"
check "open quote: one line with file:line:column" equals "$(cat "$tmp/err")" \
  "$tmp/open-quote.csv:2:1: error: 引用符（\"）が閉じられていません"
printf 'a,b\r\n' >"$tmp/no-header.csv"
expect "missing columns are an input error" 2 "$nagare" checklist --compare "$hotline" "$tmp/no-header.csv"
check "missing column named" contains "$tmp/err" "$tmp/no-header.csv:1:1: error: 見出し行に「手続」（procedure）の列がありません"
expect "compare needs two files" 2 "$nagare" checklist --compare "$hotline"
expect "missing CSV" 2 "$nagare" checklist --compare "$hotline" /nonexistent.csv
check "missing CSV message" contains "$tmp/err" "/nonexistent.csv: error: ファイルがありません"

# ---- bad models: one line with file:line:column, exit 2 ------------------------------------
expect "checklist of a broken model" 2 "$nagare" checklist tests/broken/unknown-node.toml
check "checklist error points at the line" contains "$tmp/err" "tests/broken/unknown-node.toml:12:6: error:"
expect "report of a broken model" 2 "$nagare" report tests/broken/unknown-node.toml -o "$tmp/x.html"
check "no report written for a broken model" test ! -e "$tmp/x.html"

# ---- report: every model string escaped ----------------------------------------------------
expect "report of a hostile model" 0 "$nagare" report tests/report/hostile.toml -o "$tmp/hostile.html"
html=$tmp/hostile.html
check "no script element" lacks "$html" "<script"
check "no injected img" lacks "$html" "<img"
check "no injected iframe" lacks "$html" "<iframe"
check "no injected link" lacks "$html" "<a href"
check "only the figure's svg" equals "$(grep -o '<svg' "$html" | wc -l)" 1
check "no injected style" equals "$(grep -o '<style' "$html" | wc -l)" 1
check "title shows as text" contains "$html" "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;件名&quot;"
check "reason shows as text" contains "$html" "－（&lt;script&gt;alert(&#39;reason&#39;)&lt;/script&gt;）"
check "report in Japanese" contains "$html" '<html lang="ja">'
expect "report in English" 0 "$nagare" report --lang en "$tablet" -o "$tmp/en.html"
check "english report" contains "$tmp/en.html" "Which organization sees which items"
expect "report --pdf without Chromium" 2 env NAGARE_CHROMIUM=/nonexistent/chromium \
  "$nagare" report "$tablet" -o "$tmp/r.html" --pdf "$tmp/r.pdf"
check "--pdf without Chromium: one line" equals "$(wc -l <"$tmp/err")" 1
check "--pdf without Chromium: says so" contains "$tmp/err" "Chromium"
check "--pdf without Chromium: no PDF" test ! -e "$tmp/r.pdf"

echo "checklist/report: $passed passed, $failures failed"
[ "$failures" = 0 ]
