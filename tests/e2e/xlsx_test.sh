#!/usr/bin/env bash
# Issue 18, Excel in: `nagare export --format xlsx` and `nagare import BOOK.xlsx`.
# Every bundled model goes out as a workbook and back, and must come back the same model:
# the same findings (check --format json, positions aside), the same comments (the 備考
# columns), the same OTM export, and the same workbook again, byte for byte (the export
# writes every key of the format and every comment). A
# workbook filled in with mistakes gives one located line per problem (BOOK.xlsx:シート!C12);
# hostile files give one line and exit 2, and no output is written.
set -u
nagare=$(realpath "$1")
source "$(dirname "$0")/assert.sh"
edit() { python3 tests/e2e/xlsx_edit.py "$@"; }
findings() {  # findings MODEL: check's JSON findings without file positions
  "$nagare" check --format json "$1" | python3 -c '
import json, re, sys
document = json.load(sys.stdin)
for finding in document["findings"]:
    for key in ("file", "line", "column"):
        finding.pop(key, None)
    # A message may name the line of a related entry: a position too.
    finding["message"] = re.sub(r"\(\d+行目\)", "(N行目)", finding["message"])
print(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True))'
}
comments() {  # comments MODEL: the text of its comments, sorted (blank ones left out)
  python3 -c '
import sys
lines = []
for line in open(sys.argv[1], encoding="utf-8"):
    i, quote = 0, None
    while i < len(line):  # the first # outside a string starts a comment
        c = line[i]
        if quote:
            if c == "\\" and quote == "\"":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"\x27":
            quote = c
        elif c == "#":
            text = line[i + 1:].strip()
            if text:
                lines.append(text)
            break
        i += 1
print("\n".join(sorted(lines)))' "$1"
}
same() {  # same NAME FILE FILE
  if cmp -s "$2" "$3"; then passed=$((passed + 1)); else
    echo "FAIL $1"; diff "$2" "$3" | head -10; failures=$((failures + 1)); fi
}

# ---- round trip of every bundled model ---------------------------------------------------
mkdir -p "$tmp/back"
for model in models/*.toml models/*/*.toml; do
  name=$(basename "$model" .toml)
  expect "export $model" 0 "$nagare" export --format xlsx "$model" -o "$tmp/$name.xlsx"
  expect "import $name.xlsx" 0 "$nagare" import "$tmp/$name.xlsx" -o "$tmp/back/$name.toml"
  [ -s "$tmp/err" ] && { echo "FAIL $name: import printed"; cat "$tmp/err"; failures=$((failures + 1)); }
  findings "$model" >"$tmp/findings.want"
  findings "$tmp/back/$name.toml" >"$tmp/findings.got"
  same "$model: the same findings after the round trip" "$tmp/findings.want" "$tmp/findings.got"
  comments "$model" >"$tmp/comments.want"
  comments "$tmp/back/$name.toml" >"$tmp/comments.got"
  same "$model: the same comments after the round trip" "$tmp/comments.want" "$tmp/comments.got"
  "$nagare" export --format otm "$model" -o "$tmp/want.otm.json"
  "$nagare" export --format otm "$tmp/back/$name.toml" -o "$tmp/got.otm.json"
  same "$model: the same OTM after the round trip" "$tmp/want.otm.json" "$tmp/got.otm.json"
  "$nagare" export --format xlsx "$tmp/back/$name.toml" -o "$tmp/$name.again.xlsx"
  same "$model: the same workbook after the round trip" "$tmp/$name.xlsx" "$tmp/$name.again.xlsx"
  expect "$model: the imported model is in canonical form" 0 "$nagare" fmt --check "$tmp/back/$name.toml"
done

# ---- the workbook itself -----------------------------------------------------------------
tablet=models/shinjuku-child-consultation-tablet.toml
book="$tmp/shinjuku-child-consultation-tablet.xlsx"
"$nagare" export --format xlsx "$tablet" -o "$tmp/again.xlsx"
same "the same model gives the same bytes" "$book" "$tmp/again.xlsx"
expect "-o BOOK.xlsx alone chooses xlsx" 0 "$nagare" export "$tablet" -o "$tmp/implied.xlsx"
same "the implied format is xlsx" "$book" "$tmp/implied.xlsx"
expect "xlsx to standard output is refused" 2 "$nagare" export --format xlsx "$tablet"
unzip -p "$book" xl/workbook.xml >"$tmp/workbook.xml"
for sheet in 資料 項目 組織 ノード 流れ 対策 認証 独自対策 受容; do
  contains "sheet $sheet" "$tmp/workbook.xml" "name=\"$sheet\""
done
contains "the list sheet is hidden" "$tmp/workbook.xml" 'name="選択肢" sheetId="10" state="hidden"'
unzip -p "$book" xl/worksheets/sheet4.xml >"$tmp/nodes.xml"
contains "node kinds as a drop-down" "$tmp/nodes.xml" '<formula1>"person,terminal,mobile,system,cloud,datastore,network,medium"</formula1>'
unzip -p "$book" xl/worksheets/sheet6.xml >"$tmp/marks.xml"
contains "measure names from the list sheet" "$tmp/marks.xml" "<formula1>'選択肢'!\$"
unzip -p "$book" xl/sharedStrings.xml >"$tmp/strings.xml"
contains "measures by their Japanese name" "$tmp/strings.xml" "通信内容の暗号化"
contains "Japanese headings" "$tmp/strings.xml" "<t>送り手</t>"

# ---- comments typed into 備考 ----------------------------------------------------------------
holds() {  # holds NAME FILE TEXT: TEXT (which may span lines) is in FILE
  if python3 -c 'import sys; sys.exit(sys.argv[2] not in open(sys.argv[1], encoding="utf-8").read())' \
    "$2" "$3"; then passed=$((passed + 1)); else echo "FAIL $1"; failures=$((failures + 1)); fi
}
edit "$book" "$tmp/remarks.xlsx" '項目!F2=資料72の3ページ' 'ノード!I2=[kind] 種類は資料72-1の図から' \
  '資料!D3=資料番号は表紙から'
expect "a workbook with comments typed in" 0 "$nagare" import "$tmp/remarks.xlsx" -o "$tmp/remarks.toml"
holds "a comment typed into 備考 stands above its table" "$tmp/remarks.toml" $'# 資料72の3ページ\n[[items]]'
holds "a [key] comment stands above its key" "$tmp/remarks.toml" $'# 種類は資料72-1の図から\nkind = '
holds "a comment on 資料's row stands above its key" "$tmp/remarks.toml" $'# 資料番号は表紙から\ndocument = '
holds "the file's own comments stay at its top" "$tmp/remarks.toml" $'# 新宿区 児童相談業務用タブレット端末の導入'

# ---- a workbook filled in with mistakes ----------------------------------------------------
edit "$book" "$tmp/filled.xlsx" '項目!C2=secret' '項目!G1=メモ' '流れ!D3=nowhere' '流れ!B4=abc' \
  '対策!C2=存在しない対策' '組織!A4=ward' 'ノード!C2=' '認証!B2=JIS' '資料!C2='
expect "a workbook with mistakes" 2 "$nagare" import "$tmp/filled.xlsx" -o "$tmp/filled.toml"
[ -e "$tmp/filled.toml" ] && { echo "FAIL a workbook with mistakes wrote a model"; failures=$((failures + 1)); }
for line in \
  "$tmp/filled.xlsx:資料!C2: error: 件名 (title) が空です" \
  "$tmp/filled.xlsx:項目!G1: error: 見出し「メモ」はこのシートの列ではありません" \
  "$tmp/filled.xlsx:項目!C2: error: 「区分」の \"secret\" は使えません (使える値: personal," \
  "$tmp/filled.xlsx:組織!A4: error: id \"ward\" が重複しています (最初の定義: 組織!A2)" \
  "$tmp/filled.xlsx:ノード!C2: error: 「種類」が空です" \
  "$tmp/filled.xlsx:流れ!D3: error: ノード \"nowhere\" は定義されていません" \
  "$tmp/filled.xlsx:流れ!B4: error: 「番号」は整数で書いてください" \
  "$tmp/filled.xlsx:対策!C2: error: 対策「存在しない対策」はカタログにも独自対策シートにもありません" \
  "$tmp/filled.xlsx:認証!B2: error: 「認証」の \"JIS\" は使えません"; do
  contains "located: ${line#"$tmp/"}" "$tmp/err" "$line"
done
bad=$(grep -cv "^$tmp/filled.xlsx:[^!: ]*![A-Z]*[0-9]*: error: " "$tmp/err")
[ "$bad" = 0 ] && passed=$((passed + 1)) || { echo "FAIL $bad lines without a cell"; cat "$tmp/err"; failures=$((failures + 1)); }
expect "--lang en" 2 "$nagare" import --lang en "$tmp/filled.xlsx" -o "$tmp/filled.toml"
contains "English messages" "$tmp/err" "is not allowed in"

# A clerk's ordinary edits import: a new node typed in by hand, a measure by its id, a date.
edit "$book" "$tmp/edited.xlsx" 'ノード!A20=new-pc' 'ノード!B20=新しい端末' 'ノード!C20=terminal' \
  'ノード!D20=kodomo-katei' '対策!A200=ノード' '対策!B200=new-pc' '対策!C200=antivirus' \
  '受容!A2=means-unstated@flow.review' '受容!B2=口頭で確認済み' '受容!D2=2026-04-01'
expect "a workbook with hand-made rows" 0 "$nagare" import "$tmp/edited.xlsx" -o "$tmp/edited.toml"
contains "the new node" "$tmp/edited.toml" 'id = "new-pc"'
contains "its measure" "$tmp/edited.toml" '"antivirus"'

# ---- hostile files: one line, exit 2, nothing written --------------------------------------
hostile() {  # hostile NAME FILE
  "$nagare" import "$2" -o "$tmp/hostile.toml" >"$tmp/out" 2>"$tmp/err"
  local code=$?
  if [ "$code" = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^$2[:!].*error: " "$tmp/err" &&
    [ ! -e "$tmp/hostile.toml" ]; then
    passed=$((passed + 1))
  else
    echo "FAIL hostile $1: exit $code"; head -3 "$tmp/err"; failures=$((failures + 1))
  fi
}
printf 'not a zip at all\n' >"$tmp/text.xlsx"
hostile "not a zip" "$tmp/text.xlsx"
head -c 3000 "$book" >"$tmp/truncated.xlsx"
hostile "truncated" "$tmp/truncated.xlsx"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
def book(name, parts):
    with zipfile.ZipFile(f"{tmp}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
workbook = ('<workbook xmlns:r="r"><sheets><sheet name="資料" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')
rels = ('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        '</Relationships>')
book("no-workbook.xlsx", {"hello.txt": "hello"})
book("missing-sheet.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels})
book("bad-xml.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                      "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"})
book("bomb.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                   "xl/worksheets/sheet1.xml": " " * (80 << 20)})
book("no-paper.xlsx", {"xl/workbook.xml": workbook.replace("資料", "項目"),
                       "xl/_rels/workbook.xml.rels": rels,
                       "xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>"})
deep = "<a>" * 1_000_000 + "</a>" * 1_000_000  # a recursive parser overflows its stack
book("deep.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                   "xl/sharedStrings.xml": f"<sst>{deep}</sst>",
                   "xl/worksheets/sheet1.xml": f"<worksheet><sheetData>{deep}</sheetData></worksheet>"})
book("far-row.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                      "xl/worksheets/sheet1.xml":
                      '<worksheet><sheetData><row r="9999999"><c r="A9999999"/></row>'
                      '</sheetData></worksheet>'})
book("bad-string.xlsx", {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels,
                         "xl/worksheets/sheet1.xml":
                         '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row>'
                         '</sheetData></worksheet>'})
PY
for name in no-workbook missing-sheet bad-xml bomb deep far-row bad-string; do
  hostile "$name" "$tmp/$name.xlsx"
done
expect "a workbook without 資料" 2 "$nagare" import "$tmp/no-paper.xlsx"
contains "a workbook without 資料" "$tmp/err" "$tmp/no-paper.xlsx: error: シート「資料」がありません"

finish xlsx
