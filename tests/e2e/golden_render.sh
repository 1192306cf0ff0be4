#!/usr/bin/env bash
# Renders one model's figure as DOT (plain and with findings) and compares it with the
# reviewed golden files; checks the SVG is well-formed XML. NAGARE_UPDATE_GOLDEN=1 rewrites.
set -u
nagare=$1 model=$2 golden=$3
status=0
for variant in plain findings; do
  flags=()
  [ $variant = findings ] && flags=(--findings)
  actual=$("$nagare" render "${flags[@]}" --format dot "$model")
  if [ "${NAGARE_UPDATE_GOLDEN:-0}" = 1 ]; then
    printf '%s\n' "$actual" >"$golden.$variant.dot"
  elif ! diff -u "$golden.$variant.dot" <(printf '%s\n' "$actual"); then
    echo "FAIL: $model ($variant DOT) differs from $golden.$variant.dot" >&2
    status=1
  fi
  svg=$("$nagare" render "${flags[@]}" --format svg "$model") || { echo "FAIL: render $model" >&2; status=1; }
  if ! python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())' <<<"$svg"; then
    echo "FAIL: $model ($variant SVG) is not well-formed XML" >&2
    status=1
  fi
done
exit $status
