#!/usr/bin/env bash
# Installs what tally needs to build, test and benchmark on Debian 12, from
# Debian's own packages. Idempotent; run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config python3 python3-jsonschema
  libre2-dev libeigen3-dev libfmt-dev nlohmann-json3-dev doctest-dev
  libcli11-dev libutf8proc-dev libmd4c-dev libgumbo-dev zlib1g-dev libsimdjson-dev
  libbenchmark-dev
)
# The browser test of the HTML report (tests/browser) needs these; set
# TALLY_NO_BROWSER=1 to skip them on a machine that only builds.
if [ "${TALLY_NO_BROWSER:-0}" != 1 ]; then
  packages+=(chromium)
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
