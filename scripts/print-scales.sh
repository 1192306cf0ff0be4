#!/usr/bin/env bash
# The print scale of each figure in diagrams/ on A4 landscape with 1 cm margins: the page's
# 277 × 190 mm (785 × 539 pt) over the SVG's own size in points, the smaller of the two.
# The README's table of scales is this script's output.
#   bash scripts/print-scales.sh           print each figure's scale
#   bash scripts/print-scales.sh --check   also fail when one prints below 0.6, the scale at
#                                          which a committee reads the smallest text (used by
#                                          the tests; DIR=… checks another directory's SVGs)
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
python3 - "$check" "${DIR:-diagrams}" <<'PY'
import glob, re, sys
check, directory = sys.argv[1] == "1", sys.argv[2]
page_w, page_h = 277 / 25.4 * 72, 190 / 25.4 * 72
legible = 0.6  # kLegibleScale in include/nagare/render.h
small = []
svgs = sorted(glob.glob(directory + "/*.svg"))
if not svgs:
    sys.exit(f"print-scales: no SVG in {directory}")
for svg in svgs:
    head = open(svg, encoding="utf-8").read(4096)
    width = float(re.search(r'width="([0-9.]+)pt"', head).group(1))
    height = float(re.search(r'height="([0-9.]+)pt"', head).group(1))
    scale = min(1.0, page_w / width, page_h / height)
    name = svg.split("/")[-1][:-4]
    print(f"{name}\t{scale:.3f}")
    if scale < legible:
        small.append(name)
if check and small:
    sys.exit("print-scales: below 0.6 on A4: " + ", ".join(small))
PY
