#!/usr/bin/env bash
# `nagare serve` end to end in headless Chromium, driven by playwright-core from tools/
# (scripts/setup.sh installs it): serve_browser.js adds a flow to a seed through the forms and
# saves; this script then checks that the file on disk is what a hand-written flow gives, to
# the byte and in `nagare check`. Exits 77 (skipped) without Chromium, Node.js or the package.
# SCREENSHOT=FILE also saves the editor with the seed model (the README's picture).
set -u
nagare=$1 out=${2:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/../.." && pwd)
chromium=${NAGARE_CHROMIUM:-/usr/bin/chromium}
modules=$root/tools/node_modules
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium is not installed"; exit 77; fi
if ! command -v node >/dev/null; then echo "SKIP: node is not installed"; exit 77; fi
if [ ! -f "$modules/playwright-core/package.json" ]; then
  echo "SKIP: playwright-core is not in tools/ (bash scripts/setup.sh)"; exit 77
fi
rm -rf "$out" && mkdir -p "$out/models" "$out/elsewhere"
seed=shinjuku-dv-hotline.toml
big=edogawa-convenience-payment.toml  # the largest seed: 22 nodes, 16 flows
cp "$root/models/$seed" "$root/models/$big" "$out/models/"
# A model whose strings try to become markup, and files the server must not hand out.
sed -e 's|^title = .*|title = "<img src=x onerror=\\"window.__pwned=1\\"><script>window.__pwned=2</script>"|' \
  -e '0,/^label = .*/s|^label = .*|label = "</text><script>window.__pwned=3</script><a href=\\"javascript:window.__pwned=4\\">x</a>"|' \
  "$root/models/$seed" >"$out/models/hostile.toml"
echo 'secret = "outside"' >"$out/elsewhere/outside.toml"
cp "$out/elsewhere/outside.toml" "$out/outside.toml"
ln -s ../elsewhere/outside.toml "$out/models/link-out.toml"
echo "not a model" >"$out/models/notes.txt"

"$nagare" serve "$out/models" --port 0 >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q "^nagare serve: http" "$out/serve.log" && break; sleep 0.1; done
url=$(sed -n 's/^nagare serve: \(http[^ ]*\)$/\1/p' "$out/serve.log")
if [ -z "$url" ]; then echo "FAIL: nagare serve did not start"; cat "$out/serve.log"; exit 1; fi

# The same directory behind a password, for the login in a browser.
password='e2e-合言葉-browser'
install -m 600 /dev/null "$out/password"
printf '%s\n' "$password" >"$out/password"
"$nagare" serve "$out/models" --port 0 --password-file "$out/password" >"$out/login.log" 2>&1 &
login_server=$!
trap 'kill $server $login_server 2>/dev/null; wait $server $login_server 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q "^nagare serve: http" "$out/login.log" && break; sleep 0.1; done
login_url=$(sed -n 's/^nagare serve: \(http[^ ]*\)$/\1/p' "$out/login.log")

NAGARE_LOGIN_URL=$login_url NAGARE_LOGIN_PASSWORD=$password NODE_PATH=$modules timeout 300 node "$root/tests/e2e/serve_browser.js" "$url" "$out/models" \
  "$seed" hostile.toml "$big" "${SCREENSHOT:-}"
status=$?

# The saved file against the same flow written by hand.
failures=0 passed=0
check() {  # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL $name"; failures=$((failures + 1)); fi
}
if [ -f "$out/models/first-save.txt" ]; then
  {
    cat "$root/models/$seed"
    printf '\n[[flows]]\nid = "flow-1"\nfrom = "contractor-pc"\nto = "intranet-pc"\nlabel = "報告書の郵送テスト"\n'
  } >"$out/hand.toml"
  "$nagare" fmt "$out/hand.toml" >/dev/null 2>&1
  check "the saved file is the hand-written one, to the byte" \
    cmp -s "$out/hand.toml" "$out/models/first-save.txt"
  "$nagare" check "$out/hand.toml" 2>&1 | sed "s|$out/hand.toml|MODEL|" >"$out/hand.check"
  cp "$out/models/first-save.txt" "$out/first-save.toml"
  "$nagare" check "$out/first-save.toml" 2>&1 | sed "s|$out/first-save.toml|MODEL|" >"$out/saved.check"
  check "the saved file checks as the hand-written one" cmp -s "$out/hand.check" "$out/saved.check"
  check "the saved file keeps the seed's comments" grep -q "^# 000:29 外部結合" "$out/models/$seed"
  check "the saved file is in canonical form" "$nagare" fmt --check "$out/models/$seed"
else
  echo "FAIL: the browser test did not save"; failures=$((failures + 1))
fi
echo "file checks: $passed passed, $failures failed"
[ "$status" = 0 ] && [ "$failures" = 0 ]
