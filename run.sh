#!/usr/bin/env bash
# The main job: installs what is missing, builds, warm-starts the built-in policy, then runs the quickstart GRPO campaign (SQLite, local data directory, CPU learner).
set -euo pipefail
cd "$(dirname "$0")"
infra/setup.sh
dotnet run -c Release --project src/Cli -- run examples/quickstart.yaml "$@"
