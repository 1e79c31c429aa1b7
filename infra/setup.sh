#!/usr/bin/env bash
# Installs the system packages that the build, the main job and the tests need, when missing.
# Idempotent: a machine that already has them is left alone.
# Usage: infra/setup.sh [--with-postgres] [--with-azurite] [--with-redis] [--with-redocly] [--with-chromium] [--with-python-torch]
#   --with-redis installs Debian's redis-server (cluster membership in the tests; it starts no service).
#   --with-azurite installs the Azure Storage emulator (npm) into .tools/azurite, which git ignores.
#   --with-redocly installs the Redocly CLI (npm), which lints the API's OpenAPI document, into .tools/redocly.
#   --with-chromium installs Debian's chromium, the browser the dashboard tests drive through Playwright.
#   --with-python-torch installs Debian's python3-torch, for the PyTorch trainer the external-trainer test runs.
set -euo pipefail
cd "$(dirname "$0")/.."

usage="infra/setup.sh [--with-postgres] [--with-azurite] [--with-redis] [--with-redocly] [--with-chromium] [--with-python-torch]"
packages=(libtorch-dev libopenblas0-pthread cmake g++ make)
with_azurite=false
with_redocly=false
for option in "$@"; do
  case "$option" in
    --with-postgres) packages+=(postgresql) ;;
    --with-redis) packages+=(redis-server) ;;
    --with-chromium) packages+=(chromium) ;;
    --with-python-torch) packages+=(python3-torch) ;;
    --with-azurite) with_azurite=true ;;
    --with-redocly) with_redocly=true ;;
    *) echo "setup: unknown option $option (usage: $usage)" >&2; exit 2 ;;
  esac
done

# The build fetches the dashboard's chart library with npm. Node.js comes with the machine image here; Debian's
# packages bring it where it does not.
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
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

azurite_version=3.37.0
azurite_dir=.tools/azurite
if $with_azurite && ! grep -qs "\"version\": \"$azurite_version\"" "$azurite_dir/node_modules/azurite/package.json"; then
  echo "setup: installing azurite@$azurite_version into $azurite_dir" >&2
  mkdir -p "$azurite_dir"
  npm install --prefix "$azurite_dir" --no-audit --no-fund --silent "azurite@$azurite_version" >/dev/null
fi

redocly_version=2.77.0
redocly_dir=.tools/redocly
if $with_redocly \
  && ! grep -qs "\"version\": \"$redocly_version\"" "$redocly_dir/node_modules/@redocly/cli/package.json"; then
  echo "setup: installing @redocly/cli@$redocly_version into $redocly_dir" >&2
  mkdir -p "$redocly_dir"
  npm install --prefix "$redocly_dir" --no-audit --no-fund --silent "@redocly/cli@$redocly_version" >/dev/null
fi
