#!/usr/bin/env bash
# The main job: installs what is missing, builds, and trains the built-in policy.
set -euo pipefail
cd "$(dirname "$0")"
infra/setup.sh
dotnet run -c Release --project src/Client/Rlvr.Cli -- pretrain "$@"
