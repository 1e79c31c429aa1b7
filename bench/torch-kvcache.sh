#!/usr/bin/env bash
# KV-cache sampling against recomputing the prefix, 64 new tokens (target: at least 5x faster).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Rlvr.Benchmarks -c Release -v quiet -nologo
dotnet bench/Rlvr.Benchmarks/bin/Release/net10.0/Rlvr.Benchmarks.dll --filter '*TorchKvCacheBenchmarks*' \
  --artifacts artifacts/torch-bench/bdn
