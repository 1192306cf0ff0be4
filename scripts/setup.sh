#!/usr/bin/env bash
# Installs what nagare needs to build, test and draw, from Debian's packages. Idempotent:
# packages already installed are not fetched again.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  libtomlplusplus-dev libcli11-dev libboost-graph-dev nlohmann-json3-dev
  libgraphviz-dev graphviz fonts-noto-cjk
  libgtest-dev libgmock-dev clang-format python3
  libxlsxwriter-dev chromium poppler-utils unzip
)
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
