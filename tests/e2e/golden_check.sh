#!/usr/bin/env bash
# Runs `nagare check` on one model and compares its text and JSON output with the reviewed
# golden files. NAGARE_UPDATE_GOLDEN=1 rewrites them instead (review the diff before committing).
set -u
nagare=$1 model=$2 golden=$3
status=0
for format in text json; do
  ext=$([ "$format" = json ] && echo json || echo txt)
  actual=$("$nagare" check --format "$format" "$model"; echo "exit $?")
  if [ "${NAGARE_UPDATE_GOLDEN:-0}" = 1 ]; then
    printf '%s\n' "$actual" >"$golden.$ext"
    continue
  fi
  if ! diff -u "$golden.$ext" <(printf '%s\n' "$actual"); then
    echo "FAIL: $model ($format) differs from $golden.$ext" >&2
    status=1
  fi
done
# The exit code follows the findings: 1 with an error-severity finding, else 0.
json=$("$nagare" check --format json "$model")
code=$?
if grep -q '"error": 0,' <<<"$json"; then want=0; else want=1; fi
if [ "$code" != "$want" ]; then
  echo "FAIL: $model exited $code, expected $want" >&2
  status=1
fi
exit $status
