#!/usr/bin/env bash
# Regenerates diagrams/: the figure of every bundled model as SVG and PNG.
#   bash scripts/diagrams.sh           rebuild nagare (release) and rewrite diagrams/
#   bash scripts/diagrams.sh --check   fail when diagrams/ is stale (used by the tests)
# NAGARE=path/to/nagare uses an existing binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
if [ -z "${NAGARE:-}" ]; then
  bash scripts/setup.sh
  cmake --preset release >/dev/null
  cmake --build --preset release >/dev/null
  NAGARE=./build-release/nagare
fi
out=diagrams
if [ $check = 1 ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
for model in models/*.toml; do
  name=$(basename "$model" .toml)
  "$NAGARE" render "$model" -o "$out/$name.svg"
  "$NAGARE" render "$model" -o "$out/$name.png" --dpi 110
done
if [ $check = 1 ]; then
  stale=0
  for file in "$out"/*; do
    if ! cmp -s "$file" "diagrams/$(basename "$file")"; then
      echo "stale: diagrams/$(basename "$file") (run: bash scripts/diagrams.sh)" >&2
      stale=1
    fi
  done
  for file in diagrams/*; do
    [ -e "$out/$(basename "$file")" ] || { echo "stale: $file has no model" >&2; stale=1; }
  done
  [ $stale = 0 ] && echo "diagrams: up to date"
  exit $stale
fi
echo "diagrams: wrote $(ls diagrams | wc -l) files"
