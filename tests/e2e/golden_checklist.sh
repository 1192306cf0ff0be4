#!/usr/bin/env bash
# Runs `nagare checklist` on one model and compares its Markdown and CSV output, byte for
# byte, with the reviewed golden files. NAGARE_UPDATE_GOLDEN=1 rewrites them instead
# (review the diff before committing).
set -u
nagare=$1 model=$2 golden=$3
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for format in md csv; do
  if ! "$nagare" checklist --format "$format" -o "$tmp/out.$format" "$model"; then
    echo "FAIL: $model ($format): nagare checklist failed" >&2
    status=1
    continue
  fi
  if [ "${NAGARE_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/out.$format" "$golden.$format"
    continue
  fi
  if ! cmp -s "$golden.$format" "$tmp/out.$format"; then
    diff -u "$golden.$format" "$tmp/out.$format" | head -40
    echo "FAIL: $model ($format) differs from $golden.$format" >&2
    status=1
  fi
done
exit $status
