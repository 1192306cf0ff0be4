#!/usr/bin/env bash
# No input that forges output or eats a file: -o naming one of the command's own inputs is
# refused before anything is written; control characters, Graphviz escapes, formulas and
# markup in a model or a ledger come out as visible text in every output; a huge label is
# drawn cut short. usage: output_safety_test.sh NAGARE   (run from the source tree)
set -u
nagare=$1
source "$(dirname "$0")/assert.sh"
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
one_line() {  # one_line NAME: stderr is a single line
  if [ "$(wc -l <"$tmp/err")" = 1 ]; then ok; else fail "$1: $(wc -l <"$tmp/err") lines on stderr"; fi
}

# ---- -o naming an input: exit 2, one line, the input untouched ---------------------------
mkdir -p "$tmp/in/sub" "$tmp/ward"
cp models/shinjuku-child-consultation-tablet.toml "$tmp/in/model.toml"
cp models/audit/declared-convenience-payment.toml "$tmp/in/declared.toml"
cp models/audit/actual-convenience-payment.toml "$tmp/in/actual.toml"
cp models/audit/ledger-convenience-payment.csv "$tmp/in/ledger.csv"
cp data/policy.toml "$tmp/in/policy.toml"
cp tests/interop/sample.otm.json "$tmp/in/sample.otm.json"
cp models/shinjuku-child-consultation-tablet.toml "$tmp/ward/a.toml"
"$nagare" checklist --format csv "$tmp/in/model.toml" -o "$tmp/in/filled.csv"
ln -s "$tmp/in/model.toml" "$tmp/in/link.toml"
ln -s "$tmp/in/model.toml" "$tmp/in/link.svg"
ln -s "$tmp/in" "$tmp/in/sub/up"
ln "$tmp/in/model.toml" "$tmp/in/hard.toml"

refused() {  # refused NAME INPUT COMMAND...: exit 2, one line naming the input, INPUT intact
  local name=$1 input=$2
  shift 2
  cp "$input" "$tmp/snapshot"
  expect "$name" 2 "$@"
  one_line "$name"
  contains "$name names the input" "$tmp/err" "$(basename "$input")"
  contains "$name says why" "$tmp/err" "入力"
  if cmp -s "$input" "$tmp/snapshot"; then ok; else fail "$name: $input changed"; fi
}
m=$tmp/in/model.toml
refused "check -o the model" "$m" "$nagare" check "$m" -o "$m"
refused "check -o the model through .." "$m" "$nagare" check "$m" -o "$tmp/in/sub/../model.toml"
refused "check -o a symbolic link to the model" "$m" "$nagare" check "$m" -o "$tmp/in/link.toml"
refused "check -o a directory link to the model" "$m" "$nagare" check "$m" -o "$tmp/in/sub/up/model.toml"
refused "check -o a hard link to the model" "$m" "$nagare" check "$m" -o "$tmp/in/hard.toml"
refused "check -o the policy" "$tmp/in/policy.toml" \
  "$nagare" check --policy "$tmp/in/policy.toml" "$m" -o "$tmp/in/policy.toml"
refused "check DIR -o a model in it" "$tmp/ward/a.toml" "$nagare" check "$tmp/ward" -o "$tmp/ward/a.toml"
refused "check --format json -o the model" "$m" "$nagare" check --format json "$m" -o "$m"
refused "render -o the model" "$m" "$nagare" render "$m" --format svg -o "$m"
refused "render -o a link named .svg" "$m" "$nagare" render "$m" -o "$tmp/in/link.svg"
refused "checklist -o the model" "$m" "$nagare" checklist --format csv "$m" -o "$m"
refused "checklist --compare -o the checklist" "$tmp/in/filled.csv" \
  "$nagare" checklist --compare "$m" "$tmp/in/filled.csv" -o "$tmp/in/filled.csv"
refused "report -o the model" "$m" "$nagare" report "$m" -o "$m"
refused "report --pdf the model" "$m" "$nagare" report "$m" -o "$tmp/report.html" --pdf "$m"
"$nagare" report "$m" -o "$tmp/in/model.html"
refused "report --pdf the HTML" "$tmp/in/model.html" \
  "$nagare" report "$m" -o "$tmp/in/model.html" --pdf "$tmp/in/model.html"
refused "trace -o the model" "$m" "$nagare" trace "$m" -o "$m"
refused "trace --render -o a link to the model" "$m" \
  "$nagare" trace "$m" --item consultation-record --render -o "$tmp/in/link.svg"
refused "reach -o the model" "$m" "$nagare" reach "$m" --to ward -o "$m"
refused "diff -o the declared model" "$tmp/in/declared.toml" \
  "$nagare" diff "$tmp/in/declared.toml" "$tmp/in/actual.toml" -o "$tmp/in/declared.toml"
refused "diff -o the actual model" "$tmp/in/actual.toml" \
  "$nagare" diff "$tmp/in/declared.toml" "$tmp/in/actual.toml" -o "$tmp/in/actual.toml"
refused "audit -o the ledger" "$tmp/in/ledger.csv" \
  "$nagare" audit "$tmp/in/declared.toml" "$tmp/in/ledger.csv" -o "$tmp/in/ledger.csv"
refused "audit -o the model" "$tmp/in/declared.toml" \
  "$nagare" audit "$tmp/in/declared.toml" "$tmp/in/ledger.csv" -o "$tmp/in/declared.toml"
refused "export -o the model" "$m" "$nagare" export "$m" -o "$m"
refused "import -o the imported file" "$tmp/in/sample.otm.json" \
  "$nagare" import "$tmp/in/sample.otm.json" -o "$tmp/in/sample.otm.json"
# schema and init read the shipped data (and init points at the schema): not to be replaced.
cp -r data "$tmp/data"
cp schema/nagare-model.schema.json "$tmp/data/"
NAGARE_DATA_DIR=$tmp/data refused "schema -o the catalogue" "$tmp/data/catalogue.toml" \
  "$nagare" schema -o "$tmp/data/catalogue.toml"
cmp -s "$tmp/data/catalogue.toml" data/catalogue.toml && ok || fail "schema replaced the catalogue"
NAGARE_DATA_DIR=$tmp/data refused "init --force over the schema" "$tmp/data/nagare-model.schema.json" \
  "$nagare" init --force "$tmp/data/nagare-model.schema.json"
cmp -s "$tmp/data/nagare-model.schema.json" schema/nagare-model.schema.json && ok ||
  fail "init replaced the schema"
# What stays allowed: another file, standard output under any name, and fmt in place.
expect "check -o another file" 0 "$nagare" check "$m" -o "$tmp/in/findings.txt"
expect "check -o -" 0 "$nagare" check "$m" -o -
# Standard output redirected to a file is written, not renamed over (that would replace the
# link /dev/fd/1 or, as root, /dev/stdout itself).
for name in /dev/fd/1 /proc/self/fd/1; do
  expect "check -o $name" 0 "$nagare" check "$m" -o "$name"
  contains "check -o $name writes the redirected file" "$tmp/out" "件、警告"
done
[ -L /dev/stdout ] && ok || fail "/dev/stdout is no longer a link"
printf '\n\n' >>"$tmp/in/declared.toml"
cp "$tmp/in/declared.toml" "$tmp/unformatted.toml"
expect "fmt still formats in place" 0 "$nagare" fmt "$tmp/in/declared.toml"
expect "fmt formatted it" 0 "$nagare" fmt --check "$tmp/in/declared.toml"
cmp -s "$tmp/in/declared.toml" "$tmp/unformatted.toml" && fail "fmt did not write" || ok

# ---- control characters and escapes in every text field ----------------------------------
hostile=tests/limits/hostile-controls.toml
out=$tmp/hostile
mkdir -p "$out"
expect "hostile check text" 1 "$nagare" check "$hostile" -o "$out/check.txt"
expect "hostile check json" 1 "$nagare" check --format json "$hostile" -o "$out/check.json"
expect "hostile check sarif" 1 "$nagare" check --format sarif "$hostile" -o "$out/check.sarif"
expect "hostile render svg" 0 "$nagare" render "$hostile" --findings -o "$out/figure.svg"
expect "hostile render dot" 0 "$nagare" render "$hostile" --findings -o "$out/figure.dot"
expect "hostile checklist md" 0 "$nagare" checklist "$hostile" -o "$out/checklist.md"
expect "hostile checklist csv" 0 "$nagare" checklist "$hostile" -o "$out/checklist.csv"
expect "hostile checklist xlsx" 0 "$nagare" checklist "$hostile" -o "$out/checklist.xlsx"
expect "hostile report" 0 "$nagare" report "$hostile" -o "$out/report.html"
expect "hostile trace" 0 "$nagare" trace "$hostile" -o "$out/trace.txt"
expect "hostile trace json" 0 "$nagare" trace --format json "$hostile" -o "$out/trace.json"
expect "hostile reach" 0 "$nagare" reach "$hostile" --to vendor -o "$out/reach.txt"
expect "hostile reach json" 0 "$nagare" reach --format json "$hostile" --to vendor -o "$out/reach.json"
{  # the actual model has one more node, named like the others
  cat "$hostile"
  printf '\n[[nodes]]\nid = "extra"\nkind = "terminal"\norg = "vendor"\n'
  grep '^name = "端末 ' "$hostile" | sed 's/端末/追加の端末/'
} >"$tmp/hostile-actual.toml"
expect "hostile diff" 1 "$nagare" diff "$hostile" "$tmp/hostile-actual.toml" -o "$out/diff.txt"
expect "hostile diff json" 1 "$nagare" diff --format json "$hostile" "$tmp/hostile-actual.toml" \
  -o "$out/diff.json"
# A ledger whose cells hold the same, for audit.
{
  printf '日付,送付元,送付先,項目,媒体,取扱者,数量,備考\n'
  printf '2025-05-12,"端末 \e[2J\e[31mFAKE\e[0m a\rb\nerror[x]: forged \x7f \xc2\x85","\e]0;title\a事業者端末",項目,USB,"=cmd",1,"<script>x</script>"\n'
  printf '2025-05-13,=cmd|x!A0,\e[31mRED,項目,"a\tb",x,1,\n'
} >"$tmp/hostile-ledger.csv"
expect "hostile audit" 1 "$nagare" audit "$hostile" "$tmp/hostile-ledger.csv" -o "$out/audit.txt"
expect "hostile audit json" 1 "$nagare" audit --format json "$hostile" "$tmp/hostile-ledger.csv" \
  -o "$out/audit.json"
mkdir -p "$out/xlsx"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$out/checklist.xlsx" "$out/xlsx" && ok || fail "the xlsx checklist is not a zip"
# No raw control byte (C0 but line ends, DEL, C1 in UTF-8) in any output.
python3 - "$out" <<'PY' && ok || fail "raw control characters in the output"
import pathlib, re, sys
bad = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
found = []
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if not path.is_file() or path.suffix == ".xlsx":
        continue
    data = path.read_bytes().replace(b"\r\n", b"\n")  # CSV records end in CRLF
    if m := bad.search(data):
        found.append(f"{path.name}: {data[max(0, m.start() - 30):m.end() + 10]!r}")
for line in found:
    print("  raw control:", line)
sys.exit(1 if found else 0)
PY
for file in check.txt trace.txt reach.txt diff.txt report.html checklist.md checklist.csv; do
  contains "visible ESC in $file" "$out/$file" '\x1b[31mFAKE\x1b[0m'
  contains "visible CR and LF in $file" "$out/$file" 'a\rb\nerror[x]: forged'
  contains "visible DEL and C1 in $file" "$out/$file" '\x7f \u0085 \u009b31m'
  contains "visible NUL in $file" "$out/$file" '\x00'
done
contains "the acceptance shown with escapes" "$out/check.txt" '[受容済み: 受容理由 \x1b[2J\x1b[31mFAKE'
contains "the acceptor shown with escapes" "$out/check.txt" '(承認者 \x1b[2J\x1b[31mFAKE'
contains "visible ESC in audit.txt" "$out/audit.txt" '\x1b[31mFAKE\x1b[0m a\rb\nerror[x]: forged \x7f \u0085'
contains "visible OSC in audit.txt" "$out/audit.txt" '\x1b]0;title\x07'
lacks "no markup in the report" "$out/report.html" "<script>x"
lacks "no markup in the figure" "$out/figure.svg" "<script>x"
contains "Graphviz escapes drawn as written" "$out/figure.svg" '\N\G =cmd &lt;script&gt;'
for file in check.json check.sarif trace.json reach.json diff.json audit.json; do
  python3 - "$out/$file" <<'PY' && ok || fail "$file does not read back as the model's text"
import json, sys
def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for child in value.values() if isinstance(value, dict) else value:
            yield from strings(child)
text = "\n".join(strings(json.load(open(sys.argv[1], encoding="utf-8"))))
assert "\x1b[31mFAKE\x1b[0m" in text and "a\rb\nerror[x]" in text and "\x7f \x85" in text, text[:300]
PY
done
python3 - "$out/checklist.csv" <<'PY' && ok || fail "a CSV cell starts with a formula character"
import csv, sys
cells = [c for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")) for c in row]
assert all(not c or c[0] not in "=+-@\t\r" for c in cells), [c for c in cells if c[:1] in "=+-@\t\r"]
assert any(c.startswith("'\\t=") for c in cells), "TAB"
assert any(c.startswith("'\\r=") for c in cells), "CR"
PY
python3 - "$out/xlsx" <<'PY' && ok || fail "an xlsx cell starts with a formula character"
import pathlib, re, sys
strings = (pathlib.Path(sys.argv[1]) / "xl" / "sharedStrings.xml").read_text(encoding="utf-8")
cells = re.findall(r"<t[^>]*>([^<]*)</t>", strings)
assert all(not c or c[0] not in "=+-@\t\r" for c in cells), [c for c in cells if c[:1] in "=+-@\t\r"]
assert "\\x1b[31mFAKE" in strings
PY

# ---- Graphviz escapes: a UNC path in a node name is drawn as written ---------------------
unc=$tmp/unc.toml
cat >"$unc" <<'TOML'
[paper]
title = "共有フォルダ"
procedures = ["outsourcing"]

[[items]]
id = "x"
name = "名簿"
class = "personal"

[[orgs]]
id = "ward"
name = "区"
role = "ward"

[[nodes]]
id = "share"
name = '\\fs01\Nagare\Gakko'
kind = "system"
org = "ward"

[[nodes]]
id = "pc"
name = '端末 C:\Users\N\G'
kind = "terminal"
org = "ward"

[[flows]]
id = "save"
step = 1
from = "pc"
to = "share"
items = ["x"]
label = '保存 \\fs01\Nagare\Gakko\名簿.xlsx'
TOML
expect "render a UNC path" 0 "$nagare" render "$unc" -o "$tmp/unc.svg"
# The text Graphviz drew, its wrapped lines joined.
python3 - "$tmp/unc.svg" >"$tmp/unc.txt" <<'PY'
import html, re, sys
print("".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", open(sys.argv[1]).read())))
PY
contains "the UNC node name verbatim" "$tmp/unc.txt" '\\fs01\Nagare\Gakko'
contains "the path with \N and \G verbatim" "$tmp/unc.txt" 'C:\Users\N\G'
contains "the UNC label verbatim" "$tmp/unc.txt" '保存 \\fs01\Nagare\Gakko\名簿.xlsx'

# ---- a label of 2 MB: drawn cut short, with its step number ------------------------------
{
  sed '/^label = /d' "$unc"
  printf 'label = "'
  head -c 700000 /dev/zero | tr '\0' 'x' | sed 's/x/長/g'
  printf '"\n'
} >"$tmp/huge-label.toml"
[ "$(wc -c <"$tmp/huge-label.toml")" -gt 2000000 ] && ok || fail "the label is not 2 MB"
expect "render a 2 MB label" 0 "$nagare" render "$tmp/huge-label.toml" -o "$tmp/huge-label.svg"
contains "the step number stays" "$tmp/huge-label.svg" "①"
contains "the label is drawn" "$tmp/huge-label.svg" "長長長長"
contains "the label ends in an ellipsis" "$tmp/huge-label.svg" "…"
[ "$(wc -c <"$tmp/huge-label.svg")" -lt 200000 ] && ok || fail "the whole label is in the SVG"

finish output-safety
