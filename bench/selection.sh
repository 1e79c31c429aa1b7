#!/usr/bin/env bash
# How long each registered strategy takes to choose and budget a step with a large pool (100,000 prompts by default),
# timed against uniform selection in the same run (bench/Rlvr.Selection.Benchmarks). The issue's target: under 50 ms.
# Usage: bench/selection.sh [--prompts N] [--steps N] [--warmup N] [strategy ...]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Rlvr.Selection.Benchmarks -c Release -v quiet -nologo > /dev/null
dotnet bench/Rlvr.Selection.Benchmarks/bin/Release/net10.0/Rlvr.Selection.Benchmarks.dll "$@"
