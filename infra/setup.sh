#!/usr/bin/env bash
# Installs the system packages that the build, the main job and the tests need, when missing.
# Idempotent: a machine that already has them is left alone. Usage: infra/setup.sh [--with-postgres]
set -euo pipefail

packages=(libtorch-dev libopenblas0-pthread cmake g++ make)
if [[ "${1:-}" == "--with-postgres" ]]; then
  packages+=(postgresql)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 1
fi
