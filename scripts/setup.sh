#!/usr/bin/env bash
# Installs what nagare needs to build, test and draw, from Debian's packages. Idempotent:
# packages already installed are not fetched again.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libtomlplusplus-dev libcli11-dev libboost-graph-dev nlohmann-json3-dev
  libgraphviz-dev graphviz fonts-noto-cjk libicu-dev
  libgtest-dev libgmock-dev clang-format python3
  libxlsxwriter-dev zlib1g-dev chromium poppler-utils unzip
  libyaml-cpp-dev python3-jsonschema dpkg-dev libminizip-dev libpugixml-dev libcpp-httplib-dev
  libssl-dev
  clang libclang-rt-14-dev
  debootstrap git ca-certificates file curl
)
# npm fetches Taplo and the SARIF schema below; Debian's npm unless some npm is there already
# (a Node.js from elsewhere brings its own).
command -v npm >/dev/null || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Taplo (schema validation as editors do it) and the official SARIF 2.1.0 schema (shipped
# in @microsoft/jest-sarif) for the tests, into tools/ (not committed). Idempotent.
tools="$(cd "$(dirname "$0")/.." && pwd)/tools"
if ! command -v npm >/dev/null; then
  echo "setup: npm not found; Taplo and the official SARIF schema are skipped by the tests"
elif [ ! -x "$tools/node_modules/.bin/taplo" ] ||
  [ ! -f "$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]; then
  echo "setup: installing @taplo/cli and @microsoft/jest-sarif into tools/"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    @taplo/cli@0.7.0 @microsoft/jest-sarif@1.0.0-beta.0)
fi
# playwright-core drives Debian's chromium in the browser test of `nagare serve`; it brings
# no browser of its own.
if command -v npm >/dev/null && [ ! -f "$tools/node_modules/playwright-core/package.json" ]; then
  echo "setup: installing playwright-core into tools/"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    playwright-core@1.49.1)
fi
# Threat Dragon 1.x models that OWASP ships in owasp-threat-dragon-core, for the import tests.
# Only the package's own files are wanted, not its browser dependencies: unpack the tarball.
dragon="$tools/owasp-threat-dragon-core-1.4.0"
if command -v npm >/dev/null && [ ! -f "$dragon/package.json" ]; then
  echo "setup: unpacking owasp-threat-dragon-core 1.4.0 into tools/"
  unpack=$(mktemp -d)
  (cd "$unpack" && npm pack --silent owasp-threat-dragon-core@1.4.0 >/dev/null &&
    tar -xzf owasp-threat-dragon-core-1.4.0.tgz)
  rm -rf "$dragon"
  mkdir -p "$tools"
  mv "$unpack/package" "$dragon"
  rm -rf "$unpack"
fi
