#!/usr/bin/env bash
# Bytes moved and time to a new policy version on every silo, whole against delta, in fp32 and bf16, through Azure Blob
# storage on a loopback Azurite (docs/weights.md). Needs infra/setup.sh --with-azurite. Usage: bench/weights.sh [silos]
set -euo pipefail
cd "$(dirname "$0")/.."
silos="${1:-4}"
dotnet build bench/Rlvr.Weights.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=bench/Rlvr.Weights.Benchmarks/bin/Release/net10.0/Rlvr.Weights.Benchmarks
# The quickstart's shape (examples/quickstart.yaml) and its learning rate.
"$bench" quickstart 128 4 4 64 3 "$silos" 2e-4
# 25M parameters: width 512, 8 layers; a few steps are enough for the shares, each takes a while on 2 cores.
"$bench" 25M 512 8 8 64 2 "$silos" 2e-4
