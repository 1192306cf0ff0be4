# Shared by the end-to-end scripts: counts passes and failures, keeps a scratch directory.
# Source it after setting nagare; end with `finish NAME`.
failures=0 passed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() {  # expect NAME WANTED_EXIT COMMAND... ; output in $tmp/out, $tmp/err
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, wanted $want"; sed 's/^/  | /' "$tmp/err" | head -5
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}
contains() {  # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    echo "FAIL $1: $2 lacks '$3'"; failures=$((failures + 1)); fi
}
lacks() {  # lacks NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then echo "FAIL $1: $2 has '$3'"; failures=$((failures + 1)); else
    passed=$((passed + 1)); fi
}
finish() {  # finish NAME: the summary line, and the exit status of the script
  echo "$1: $passed passed, $failures failed"
  [ "$failures" = 0 ]
}
