#!/usr/bin/env bash
# Files as offices have them, and exits that must not say "clean": ledgers saved as CP932
# or UTF-16, era dates, a stray quote, an empty period, checklist and report outputs,
# render --org with --item, and model directories with nothing to check.
set -u
nagare=$1
source "$(dirname "$0")/assert.sh"

one_line() {  # one_line NAME: standard error is exactly one line
  if [ "$(wc -l <"$tmp/err")" = 1 ]; then passed=$((passed + 1)); else
    failures=$((failures + 1)); echo "FAIL $1: not one line"; sed 's/^/  | /' "$tmp/err" | head -5; fi
}
same() {  # same NAME FILE FILE
  if cmp -s "$2" "$3"; then passed=$((passed + 1)); else
    failures=$((failures + 1)); echo "FAIL $1"; diff "$2" "$3" | head -10; fi
}

declared=models/audit/declared-convenience-payment.toml
payment=models/edogawa-convenience-payment.toml
ledger=models/audit/ledger-convenience-payment.csv
tablet=models/shinjuku-child-consultation-tablet.toml

# ---- ledger encodings: the same audit whatever Excel saved ---------------------------------
tail -c +4 "$ledger" >"$tmp/plain.csv"  # without the BOM
iconv -f UTF-8 -t CP932 "$tmp/plain.csv" >"$tmp/cp932.csv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$tmp/plain.csv"; } >"$tmp/utf16le.csv"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$tmp/plain.csv"; } >"$tmp/utf16be.csv"
findings() { grep -v -e '^受渡簿: ' -e '^文字コード: ' "$1" | sed "s|^[^:]*\.csv:|L:|"; }
expect "audit of the UTF-8 ledger (BOM)" 1 "$nagare" audit "$declared" "$ledger"
contains "UTF-8 with BOM named" "$tmp/out" "文字コード: UTF-8 (BOM)"
findings "$tmp/out" >"$tmp/utf8.findings"
for encoding in cp932 utf16le utf16be plain; do
  expect "audit of the $encoding ledger" 1 "$nagare" audit "$declared" "$tmp/$encoding.csv"
  findings "$tmp/out" >"$tmp/$encoding.findings"
  same "$encoding ledger audited as the UTF-8 one" "$tmp/utf8.findings" "$tmp/$encoding.findings"
done
expect "CP932 named" 1 "$nagare" audit "$declared" "$tmp/cp932.csv"
contains "CP932 named in the text" "$tmp/out" "文字コード: CP932 (Shift_JIS)"
expect "CP932 named in English" 1 "$nagare" audit --lang en "$declared" "$tmp/cp932.csv"
contains "CP932 named in the English text" "$tmp/out" "read as CP932 (Shift_JIS)"
expect "CP932 named in JSON" 1 "$nagare" audit --format json "$declared" "$tmp/cp932.csv"
contains "JSON encoding" "$tmp/out" '"name": "CP932"'
expect "UTF-16 named" 1 "$nagare" audit "$declared" "$tmp/utf16be.csv"
contains "UTF-16BE named" "$tmp/out" "文字コード: UTF-16BE (BOM)"
# An ASCII header with Japanese cells: read, not audited as mojibake.
printf 'date,from,to,items,medium\n2025-05-01,収納代行システム,収納業務を行う端末（援助課）,収納データ（速報データ・確報データ）,DVD\n2025-05-01,cvs-store,cvs-hq,payment-slip,紙\n' |
  iconv -f UTF-8 -t CP932 >"$tmp/ascii-header.csv"
expect "CP932 ledger with an ASCII header" 0 "$nagare" audit "$payment" "$tmp/ascii-header.csv" \
  --from 2025-05-01 --to 2025-05-01
contains "entries audited" "$tmp/out" "監査した記録 2 件"
# Neither UTF-8 nor CP932 (EUC-JP here), UTF-16 without a BOM, bytes nothing accepts.
iconv -f UTF-8 -t EUC-JP "$tmp/plain.csv" >"$tmp/euc.csv"
expect "EUC-JP ledger" 2 "$nagare" audit "$declared" "$tmp/euc.csv"
contains "unknown encoding, located" "$tmp/err" "$tmp/euc.csv:1:2: error: 文字コードを判別できません"
one_line "unknown encoding"
iconv -f UTF-8 -t UTF-16LE "$tmp/plain.csv" >"$tmp/no-bom.csv"
expect "UTF-16 without a BOM" 2 "$nagare" audit "$declared" "$tmp/no-bom.csv"
contains "NUL located" "$tmp/err" "$tmp/no-bom.csv:1:6: error: NUL 文字があります"
one_line "UTF-16 without a BOM"
printf 'date,from,to\n2025-04-01,a,\xff\xfe\xff\n' >"$tmp/bytes.csv"
expect "undecodable bytes, English" 2 "$nagare" audit --lang en "$payment" "$tmp/bytes.csv"
contains "located in English" "$tmp/err" "$tmp/bytes.csv:2:14: error: unknown encoding"
one_line "undecodable bytes"
printf 'date,from,items\n' >"$tmp/no-to.csv"
expect "missing column in English" 2 "$nagare" audit --lang en "$payment" "$tmp/no-to.csv"
contains "missing column message in English" "$tmp/err" "$tmp/no-to.csv:1: error: the required column \"to\" is missing"

# ---- era dates -----------------------------------------------------------------------------
printf '日付,送付元,送付先\n令和0年5月1日,agent,enjo\n99999-05-01,agent,enjo\n平成31年5月1日,agent,enjo\n令和元年5月1日,agent,enjo\n' >"$tmp/eras.csv"
expect "impossible era dates" 1 "$nagare" audit "$payment" "$tmp/eras.csv"
contains "令和0年 skipped" "$tmp/out" "eras.csv:2: skipped-row: 日付「令和0年5月1日」を読めません: 令和0年はありません"
contains "year 99999 skipped" "$tmp/out" "eras.csv:3: skipped-row: 日付「99999-05-01」を読めません: 99999年は読める範囲"
contains "平成31年5月 skipped" "$tmp/out" "eras.csv:4: skipped-row: 日付「平成31年5月1日」を読めません: 2019-05-01 は平成の期間"
contains "令和元年 read" "$tmp/out" "監査した記録 1 件"
expect "--from 令和0年" 2 "$nagare" audit "$payment" "$ledger" --from 令和0年4月1日
contains "--from reason" "$tmp/err" "--from: 日付「令和0年4月1日」を読めません: 令和0年はありません"
one_line "--from 令和0年"

# ---- a stray quote costs one row -----------------------------------------------------------
{
  printf 'date,from,to,items,medium\n'
  printf '2025-05-01,agent-system,enjo-terminal,"payment-data,DVD\n'
  printf '2025-05-02,agent-system,enjo-terminal,payment-data,DVD\n'
  printf '2025-05-03,agent-system,enjo-terminal,"payment-data",DVD\n'
  printf '2025-05-04,cvs-store,cvs-hq,payment-slip,paper\n'
} >"$tmp/stray.csv"
expect "stray quote" 1 "$nagare" audit "$payment" "$tmp/stray.csv"
contains "the stray row, located" "$tmp/out" "stray.csv:2: skipped-row: 引用符 \" で始まる欄が 4 行目で閉じた後に文字があります"
contains "the later rows are audited" "$tmp/out" "監査した記録 3 件、期間外 0 件、読み飛ばした行 1 件"

# ---- an empty period -----------------------------------------------------------------------
expect "--from later than --to" 2 "$nagare" audit "$declared" "$ledger" --from 2026-04-01 --to 2025-03-31
contains "period refused" "$tmp/err" "error: --from 2026-04-01 が --to 2025-03-31 より後です"
one_line "--from later than --to"
expect "--from later than --to, English" 2 "$nagare" audit --lang en "$declared" "$ledger" --from R8.4.1 --to R7.3.31
contains "period refused in English" "$tmp/err" "--from R8.4.1 is later than --to R7.3.31"
expect "a one-day period" 1 "$nagare" audit "$declared" "$ledger" --from 2025-06-03 --to 2025-06-03

# ---- checklist: the format follows the extension -------------------------------------------
expect "checklist -o x.pdf" 2 "$nagare" checklist "$tablet" -o "$tmp/list.pdf"
contains "points to report --pdf" "$tmp/err" "nagare report MODEL -o report.html --pdf report.pdf"
one_line "checklist -o x.pdf"
expect "checklist -o x.docx" 2 "$nagare" checklist "$tablet" -o "$tmp/list.docx"
one_line "checklist -o x.docx"
expect "checklist -o x.csv --format md" 2 "$nagare" checklist "$tablet" --format md -o "$tmp/list.csv"
if ls "$tmp"/list.* >/dev/null 2>&1; then failures=$((failures + 1)); echo "FAIL a refused checklist wrote a file"; else passed=$((passed + 1)); fi
expect "checklist -o x.CSV" 0 "$nagare" checklist "$tablet" -o "$tmp/upper.CSV"
if head -c 3 "$tmp/upper.CSV" | grep -q $'\xef\xbb\xbf' || head -1 "$tmp/upper.CSV" | grep -q ','; then
  passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL .CSV is not CSV"; fi
expect "checklist -o x.txt --format md" 0 "$nagare" checklist "$tablet" --format md -o "$tmp/list.txt"
expect "checklist -o x.md" 0 "$nagare" checklist "$tablet" -o "$tmp/checklist.md"

# ---- render: --org and --item together ------------------------------------------------------
expect "render --org alone" 0 "$nagare" render "$payment" --org agent --format dot
cp "$tmp/out" "$tmp/org.dot"
expect "render --org with --item" 0 "$nagare" render "$payment" --org agent --item notice-receipt --format dot
if cmp -s "$tmp/out" "$tmp/org.dot"; then failures=$((failures + 1)); echo "FAIL --item ignored with --org"; else passed=$((passed + 1)); fi
lacks "no flow of another item" "$tmp/out" "⑧速報データ・確報データを送信"
expect "render --org with an unknown --item" 2 "$nagare" render "$payment" --org agent --item nothing --format dot
contains "unknown item named" "$tmp/err" "nagare: 情報項目 \"nothing\" はモデルにありません"
one_line "unknown --item"
expect "render --item with an unknown --org, English" 2 "$nagare" render --lang en "$payment" --org nobody --item payment-data --format dot
contains "unknown org named in English" "$tmp/err" "nagare: render: no organization \"nobody\" in the model"
one_line "unknown --org"

# ---- report --pdf: nothing replaced unless both are written ---------------------------------
mkdir "$tmp/report" "$tmp/bin"
printf 'old html' >"$tmp/report/r.html"
printf 'old pdf' >"$tmp/report/r.pdf"
printf '#!/bin/sh\necho "the fake Chromium fails" >&2\nexit 1\n' >"$tmp/bin/failing"
printf '#!/bin/sh\nfor a; do case $a in --print-to-pdf=*) printf %%s "%%PDF-fake" >"${a#--print-to-pdf=}";; esac; done\n' >"$tmp/bin/printing"
chmod +x "$tmp/bin/failing" "$tmp/bin/printing"
expect "report --pdf with a failing Chromium" 2 env NAGARE_CHROMIUM="$tmp/bin/failing" \
  "$nagare" report "$tablet" -o "$tmp/report/r.html" --pdf "$tmp/report/r.pdf"
contains "Chromium's failure said" "$tmp/err" "Chromium が PDF を書けませんでした"
contains "HTML kept" "$tmp/report/r.html" "old html"
contains "PDF kept" "$tmp/report/r.pdf" "old pdf"
if [ "$(ls -A "$tmp/report" | wc -l)" = 2 ]; then passed=$((passed + 1)); else
  failures=$((failures + 1)); echo "FAIL report left files behind:"; ls -A "$tmp/report"; fi
expect "report --pdf without Chromium" 2 env NAGARE_CHROMIUM=/nonexistent \
  "$nagare" report "$tablet" -o "$tmp/report/r.html" --pdf "$tmp/report/r.pdf"
contains "HTML kept without Chromium" "$tmp/report/r.html" "old html"
expect "report --pdf with a Chromium that prints" 0 env NAGARE_CHROMIUM="$tmp/bin/printing" \
  "$nagare" report "$tablet" -o "$tmp/report/r.html" --pdf "$tmp/report/r.pdf"
contains "HTML replaced" "$tmp/report/r.html" "<html"
contains "PDF replaced" "$tmp/report/r.pdf" "%PDF-fake"
mkdir "$tmp/report/a-directory.pdf"
expect "report --pdf to a directory" 2 env NAGARE_CHROMIUM="$tmp/bin/printing" \
  "$nagare" report "$tablet" -o "$tmp/report/new.html" --pdf "$tmp/report/a-directory.pdf"
if [ -e "$tmp/report/new.html" ]; then failures=$((failures + 1)); echo "FAIL HTML written though the PDF failed"; else passed=$((passed + 1)); fi

# ---- model directories with nothing to check ------------------------------------------------
mkdir "$tmp/empty" "$tmp/dangling" "$tmp/locked"
expect "an empty directory" 2 "$nagare" check "$tmp/empty"
contains "no model said" "$tmp/err" "$tmp/empty: error: モデル (.toml) がありません"
one_line "an empty directory"
expect "an empty directory, English" 2 "$nagare" check --lang en "$tmp/empty"
contains "no model said in English" "$tmp/err" "$tmp/empty: error: no model (.toml) in the directory"
ln -s "$tmp/nowhere.toml" "$tmp/dangling/ward.toml"
expect "only a dangling link" 2 "$nagare" check "$tmp/dangling"
contains "the link located" "$tmp/err" "$tmp/dangling/ward.toml: error: リンク先がありません"
one_line "a dangling link"
cp "$payment" "$tmp/locked/"
chmod 000 "$tmp/locked"
# root reads any directory: take the capability away for this one run.
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --bounding-set=-dac_override,-dac_read_search); fi
expect "an unreadable directory" 2 "${as_user[@]}" "$nagare" check "$tmp/locked"
contains "unreadable said" "$tmp/err" "$tmp/locked: error: ディレクトリを読めません"
one_line "an unreadable directory"
chmod 755 "$tmp/locked"
expect "fmt --check of an empty directory" 2 "$nagare" fmt --check "$tmp/empty"

finish office_files
