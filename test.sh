#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (native shim included), checks formatting, tests.
set -euo pipefail
cd "$(dirname "$0")"
infra/setup.sh --with-postgres --with-azurite --with-redis --with-redocly --with-chromium --with-python-torch
dotnet build Rlvr.Orleans.sln -c Release
dotnet format Rlvr.Orleans.sln --verify-no-changes --no-restore
dotnet test Rlvr.Orleans.sln -c Release --no-build "$@"
