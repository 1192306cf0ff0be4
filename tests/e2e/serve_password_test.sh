#!/usr/bin/env bash
# `nagare serve --password-file` over HTTP (curl): the Japanese login page, a wrong password
# refused, the right one accepted with an HttpOnly, SameSite=Strict session cookie, the cookie
# (and for writes the page's CSRF token) required by every API call, failed logins slowed
# down, logout, and neither the password nor the session id in the output or in `ps`.
set -u
nagare=$(realpath "$1")
source "$(dirname "$0")/assert.sh"
if ! command -v curl >/dev/null; then echo "SKIP: curl is not installed"; exit 77; fi
password='区役所の合言葉-e2e-2026'
mkdir -p "$tmp/models"
cp models/shinjuku-dv-hotline.toml "$tmp/models/"
install -m 600 /dev/null "$tmp/password"
printf '%s\n' "$password" >"$tmp/password"

# Usage: beyond the loopback a password or a token is needed; a short password is refused.
expect "--listen beyond the loopback without a password or token" 2 \
  "$nagare" serve "$tmp/models" --listen 0.0.0.0 --port 0
contains "the message names --password-file" "$tmp/err" "--password-file"
printf 'short\n' >"$tmp/short"
"$nagare" serve "$tmp/models" --port 0 --password-file "$tmp/short" >"$tmp/out" 2>"$tmp/err" &
short=$!
sleep 1
if kill -0 $short 2>/dev/null; then
  echo "FAIL a password of 5 characters is refused"; failures=$((failures + 1)); kill $short
else
  passed=$((passed + 1))
fi
wait $short 2>/dev/null
contains "the short password's message" "$tmp/err" "8 文字以上"

"$nagare" serve "$tmp/models" --port 0 --password-file "$tmp/password" >"$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q "^nagare serve: http" "$tmp/serve.log" && break; sleep 0.1; done
url=$(sed -n 's/^nagare serve: \(http[^ ]*\)$/\1/p' "$tmp/serve.log")
if [ -z "$url" ]; then echo "FAIL: nagare serve did not start"; cat "$tmp/serve.log"; exit 1; fi
lacks "the URL carries no token" "$tmp/serve.log" "token="
ps -o args= -p $server >"$tmp/ps"
lacks "the password is not on the command line" "$tmp/ps" "$password"

get() {  # get NAME FILE CURL_ARGS... : status code in $code, body in FILE, headers in FILE.h
  local file=$2
  shift 2
  code=$(curl -s -o "$file" -D "$file.h" -w '%{http_code}' "$@")
}
status() {  # status NAME WANTED
  if [ "$code" = "$2" ]; then passed=$((passed + 1)); else
    echo "FAIL $1: HTTP $code, wanted $2"; failures=$((failures + 1)); fi
}

get page "$tmp/page" "$url"
status "the page without a session is the login page" 200
contains "the login page is in Japanese" "$tmp/page" "パスワード"
contains "the login page has a password field" "$tmp/page" 'type="password"'
contains "the login form may post to this server only" "$tmp/page.h" "form-action 'self'"
lacks "the login page has one policy, not also the editor's" "$tmp/page.h" "form-action 'none'"
lacks "the login page holds no token" "$tmp/page" "nagare-token"
get models "$tmp/models.json" "$url"api/models
status "the API without a session is refused" 401
get model "$tmp/model.json" "$url"'api/model?file=shinjuku-dv-hotline.toml'
status "a model without a session is refused" 401

get wrong "$tmp/wrong" --data-urlencode "password=${password}x" "$url"login
status "a wrong password is refused" 401
contains "a wrong password is told" "$tmp/wrong" "パスワードが違います"
lacks "a refused login sets no session" "$tmp/wrong.h" "nagare_session="
get evil "$tmp/evil" -H "Origin: http://evil.example" --data-urlencode "password=$password" \
  "$url"login
status "a login posted from another site is refused" 403
lacks "a login from another site sets no session" "$tmp/evil.h" "nagare_session="

get right "$tmp/right" --data-urlencode "password=$password" "$url"login
status "the right password is accepted" 303
contains "the session cookie" "$tmp/right.h" "Set-Cookie: nagare_session="
contains "the session cookie is HttpOnly and SameSite=Strict" "$tmp/right.h" \
  "; Path=/; HttpOnly; SameSite=Strict"
session=$(sed -n 's/^Set-Cookie: nagare_session=\([0-9a-f]*\);.*/\1/p' "$tmp/right.h" | tr -d '\r')
if [ ${#session} = 64 ]; then passed=$((passed + 1)); else
  echo "FAIL the session id is 256 random bits: '$session'"; failures=$((failures + 1)); fi
cookie="Cookie: nagare_session=$session"

get models "$tmp/models.json" -H "$cookie" "$url"api/models
status "the API with the session" 200
contains "the models are listed" "$tmp/models.json" "shinjuku-dv-hotline.toml"
get page "$tmp/page" -H "$cookie" "$url"
status "the editor with the session" 200
contains "the editor page" "$tmp/page" 'id="forms"'
csrf=$(sed -n 's/.*name="nagare-token" content="\([0-9a-f]*\)".*/\1/p' "$tmp/page")
if [ ${#csrf} = 32 ] && [ "$csrf" != "$session" ]; then passed=$((passed + 1)); else
  echo "FAIL the page's CSRF token is its own: '$csrf'"; failures=$((failures + 1)); fi
get model "$tmp/model.json" -H "$cookie" "$url"'api/model?file=shinjuku-dv-hotline.toml'
status "a model with the session" 200
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({"file": d["file"], "model": d["model"]}))' \
  "$tmp/model.json" >"$tmp/preview.json"
get preview "$tmp/preview" -H "$cookie" -H "Content-Type: application/json" \
  --data-binary @"$tmp/preview.json" "$url"api/preview
status "a write with the session but without the page's token is refused" 403
get preview "$tmp/preview" -H "$cookie" -H "X-Nagare-Token: $csrf" \
  -H "Content-Type: application/json" --data-binary @"$tmp/preview.json" "$url"api/preview
status "a write with the session and the page's token" 200
get preview "$tmp/preview" -H "X-Nagare-Token: $csrf" -H "Content-Type: application/json" \
  --data-binary @"$tmp/preview.json" "$url"api/preview
status "a write with the page's token but without the session is refused" 403
get preview "$tmp/preview" -H "Cookie: nagare_session=$(printf "%064d" 0)" -H "X-Nagare-Token: $csrf" \
  -H "Content-Type: application/json" --data-binary @"$tmp/preview.json" "$url"api/preview
status "a forged session is refused" 403

# Failed logins slow down: after three, the next waits (even with the right password).
for attempt in 1 2 3; do
  get wrong "$tmp/wrong" --data-urlencode "password=wrong-$attempt" "$url"login
done
status "the third wrong password is refused" 401
get wait "$tmp/wait" --data-urlencode "password=$password" "$url"login
status "after three failures the next attempt must wait" 429
contains "the wait is told in Japanese" "$tmp/wait" "しばらく"
contains "Retry-After" "$tmp/wait.h" "Retry-After: "
sleep 1.2
get right "$tmp/right2" --data-urlencode "password=$password" "$url"login
status "after the wait the right password is accepted" 303

# Logout ends the session.
get logout "$tmp/logout" -H "$cookie" -H "X-Nagare-Token: $csrf" -H "Content-Type: application/json" \
  --data-binary '{}' "$url"api/logout
status "logout" 200
get models "$tmp/models.json" -H "$cookie" "$url"api/models
status "the API after logout is refused" 401

kill $server 2>/dev/null
wait $server 2>/dev/null
lacks "the password is not in the output" "$tmp/serve.log" "$password"
lacks "the session id is not in the output" "$tmp/serve.log" "$session"
finish "serve password"
