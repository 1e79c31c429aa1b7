#!/usr/bin/env bash
# API load while a campaign trains (issue 6): starts a silo (`rlvr silo`) on a throwaway data directory, then
# Rlvr.Api.LoadBench trains the default model (examples/quickstart.yaml) in alternating quiet and loaded phases, the
# loaded ones with N clients polling the curriculum, and reports query latency p50/p99 and the training slowdown.
# Usage: bench/api-load.sh [clients=50] [poll interval ms=500] [steps per phase=8] [phases=4] [warm-start cache dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=5391
source "$root/bench/silo.sh"
dotnet build "$root/bench/Rlvr.Api.LoadBench" -c Release -v quiet -nologo -o "$work/bench" > /dev/null
mkdir -p "$work/data/warm-start"
[[ -n "${5:-}" ]] && cp "$5"/*.policy "$work/data/warm-start/"
start_silo "$port"
dotnet "$work/bench/Rlvr.Api.LoadBench.dll" "http://127.0.0.1:$port" "$root/examples/quickstart.yaml" "${1:-50}" "${2:-500}" "${3:-8}" "${4:-4}"
