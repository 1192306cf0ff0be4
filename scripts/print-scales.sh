#!/usr/bin/env bash
# The print scale of each figure in diagrams/ on A4 landscape with 1 cm margins: the page's
# 277 × 190 mm (785 × 539 pt) over the SVG's own size in points, the smaller of the two.
# The README's table of scales is this script's output.
set -euo pipefail
cd "$(dirname "$0")/.."
for svg in diagrams/*.svg; do
  python3 - "$svg" <<'PY'
import re, sys
head = open(sys.argv[1], encoding="utf-8").read(4096)
width = float(re.search(r'width="([0-9.]+)pt"', head).group(1))
height = float(re.search(r'height="([0-9.]+)pt"', head).group(1))
page_w, page_h = 277 / 25.4 * 72, 190 / 25.4 * 72
scale = min(1.0, page_w / width, page_h / height)
name = sys.argv[1].split("/")[-1][:-4]
print(f"{name}\t{scale:.3f}")
PY
done
