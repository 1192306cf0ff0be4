#!/usr/bin/env bash
# The review report in a real browser: headless Chromium loads each bundled model's report
# from a file with the network off, and the test checks the DOM (title, one row per finding,
# the SVG figure), prints it to PDF through `nagare report --pdf` (every page A4, a sane
# page count) and saves a screenshot in OUT_DIR to look at.
# Exits 77 (skipped) when Chromium or pdfinfo is not installed.
set -u
nagare=$1 out=${2:-$(mktemp -d)}
chromium=${NAGARE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is not installed (apt-get install chromium)"
  exit 77
fi
if ! command -v pdfinfo >/dev/null; then
  echo "SKIP: pdfinfo is not installed (apt-get install poppler-utils)"
  exit 77
fi
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
failures=0 passed=0
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL $name"; failures=$((failures + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }
equals() { [ "$1" = "$2" ] || { echo "  got '$1', wanted '$2'"; return 1; }; }
browser() {  # browser ARGS... : headless, no network, a throw-away profile
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --host-resolver-rules='MAP * ~NOTFOUND' \
    --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
}

for model in models/*.toml; do
  name=$(basename "$model" .toml)
  html=$out/$name.html
  if ! "$nagare" report "$model" -o "$html" --pdf "$out/$name.pdf" 2>"$out/$name.err"; then
    echo "FAIL $name: nagare report failed"; sed 's/^/  | /' "$out/$name.err"
    failures=$((failures + 1))
    continue
  fi
  url="file://$(cd "$(dirname "$html")" && pwd)/$name.html"
  browser --dump-dom "$url" >"$out/$name.dom.html"

  # The title: the paper's 件名 as the model writes it.
  title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$model" | head -1)
  check "$name: title" contains "$out/$name.dom.html" "<title>$title — 個人情報の流れ 審査資料</title>"
  # Every finding `nagare check` reports has its row, and no other rows.
  ids=$("$nagare" check --format json "$model" | sed -n 's/^ *"id": "\(.*\)",$/\1/p')
  expected=$(grep -c . <<<"$ids")
  check "$name: one row per finding" equals "$(grep -o '<tr class="finding ' "$out/$name.dom.html" | wc -l)" "$expected"
  while IFS= read -r id; do
    [ -n "$id" ] || continue
    check "$name: finding row $id" contains "$out/$name.dom.html" "data-finding=\"$id\""
  done <<<"$ids"
  # The figure, drawn inline.
  check "$name: svg figure" contains "$out/$name.dom.html" '<figure class="figure">'
  check "$name: svg element" contains "$out/$name.dom.html" '<svg'
  check "$name: no placeholder" test -z "$(grep -F 'figure-placeholder' "$out/$name.dom.html")"
  check "$name: checklists section" contains "$out/$name.dom.html" 'id="checklists"'
  check "$name: reach table" contains "$out/$name.dom.html" '<table class="reach">'

  # The PDF: every page A4 (the figure's page is landscape), one page at least per section.
  pdf=$out/$name.pdf
  pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  check "$name: PDF has pages" test "${pages:-0}" -ge 5
  check "$name: PDF not absurdly long ($pages)" test "${pages:-0}" -le 60
  sizes=$(pdfinfo -f 1 -l "${pages:-1}" "$pdf" 2>/dev/null | grep -c 'size:.*(A4)')
  check "$name: every page A4" equals "$sizes" "${pages:-0}"

  browser --hide-scrollbars --window-size=1280,2400 --screenshot="$out/$name.png" "$url" >/dev/null
  check "$name: screenshot" equals "$(head -c 4 "$out/$name.png" 2>/dev/null | tail -c 3)" PNG
done
echo "report browser: $passed passed, $failures failed (output in $out)"
[ "$failures" = 0 ]
