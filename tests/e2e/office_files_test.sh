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

finish office_files
