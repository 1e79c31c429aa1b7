#!/usr/bin/env bash
# API load while a campaign trains (issue 6): starts a silo (`rlvr silo`) on a throwaway data directory, then
# Rlvr.Api.LoadBench trains the default model (examples/quickstart.yaml) in alternating quiet and loaded phases, the
# loaded ones with N clients polling the curriculum, and reports query latency p50/p99 and the training slowdown.
# Usage: bench/api-load.sh [clients=50] [poll interval ms=500] [steps per phase=8] [phases=4] [warm-start cache dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port=5391
cleanup() { [[ -n "${silo:-}" ]] && kill "$silo" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/src/Client/Rlvr.Cli" -c Release -v quiet -nologo -o "$work/cli" > /dev/null
dotnet build "$root/bench/Rlvr.Api.LoadBench" -c Release -v quiet -nologo -o "$work/bench" > /dev/null
mkdir -p "$work/data/warm-start"
[[ -n "${5:-}" ]] && cp "$5"/*.policy "$work/data/warm-start/"
dotnet "$work/cli/rlvr.dll" silo --data-dir "$work/data" --listen "http://127.0.0.1:$port" > "$work/silo.log" 2>&1 &
silo=$!
until grep -q "silo up" "$work/silo.log" 2>/dev/null; do sleep 0.1; kill -0 "$silo" || { cat "$work/silo.log"; exit 1; }; done
dotnet "$work/bench/Rlvr.Api.LoadBench.dll" "http://127.0.0.1:$port" "$root/examples/quickstart.yaml" "${1:-50}" "${2:-500}" "${3:-8}" "${4:-4}"
